"""What a number counts: measurement units and the counted noun after a number.

Without a tagger, the counted noun is found by shape: after the number come a
few modifiers ("Microsoft", "high-ranking", "tech") and then the first plural
noun, which is the head ("more than 300 Microsoft employees" → employees).
"""
import re
from dataclasses import dataclass, field

from .figure_filters import SP
from .numbers import VAGUE

# Units of time and measure: singular → (canonical plural unit, factor).
# A decade is counted in years so "more than two decades" compares with "25 years".
MEASURE_WORDS = {
    "second": ("seconds", 1), "minute": ("minutes", 1), "hour": ("hours", 1),
    "day": ("days", 1), "week": ("weeks", 1), "month": ("months", 1),
    "year": ("years", 1), "decade": ("years", 10), "century": ("years", 100),
    "mile": ("miles", 1), "kilometer": ("kilometers", 1), "kilometre": ("kilometers", 1),
    "meter": ("meters", 1), "metre": ("meters", 1), "centimeter": ("centimeters", 1),
    "millimeter": ("millimeters", 1), "foot": ("feet", 1), "inch": ("inches", 1),
    "yard": ("yards", 1), "acre": ("acres", 1), "hectare": ("hectares", 1),
    "pound": ("pounds", 1), "ounce": ("ounces", 1), "ton": ("tons", 1),
    "tonne": ("tonnes", 1), "gram": ("grams", 1), "kilogram": ("kilograms", 1),
    "liter": ("liters", 1), "litre": ("liters", 1), "gallon": ("gallons", 1),
    "barrel": ("barrels", 1), "watt": ("watts", 1), "kilowatt": ("kilowatts", 1),
    "megawatt": ("megawatts", 1), "gigawatt": ("gigawatts", 1), "volt": ("volts", 1),
    "calorie": ("calories", 1), "horsepower": ("horsepower", 1), "knot": ("knots", 1),
    "light-year": ("light-years", 1), "gigabyte": ("gigabytes", 1),
    "terabyte": ("terabytes", 1), "megabyte": ("megabytes", 1), "degree": ("degrees", 1),
    "percentage point": ("percentage points", 1), "basis point": ("basis points", 1),
}
_TIME_WORDS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
_PLURAL_FORMS = {"feet": "foot", "inches": "inch", "centuries": "century",
                 "horsepower": "horsepower"}
# Written abbreviations, matched case-sensitively: abbreviation → unit.
MEASURE_ABBREVIATIONS = {
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "kWh": "kWh", "kW": "kW", "MW": "MW",
    "MWh": "MWh", "GW": "GW", "GWh": "GWh", "TWh": "TWh", "hp": "hp", "bhp": "hp",
    "lb-ft": "lb-ft", "lbs": "pounds", "lb": "pounds", "oz": "ounces", "kg": "kilograms",
    "km": "kilometers", "cm": "centimeters", "mm": "millimeters", "mg": "milligrams",
    "ml": "milliliters", "ft": "feet", "GB": "GB", "TB": "TB", "MB": "MB",
    "Gbps": "Gbps", "Mbps": "Mbps", "Nm": "Nm", "°F": "°F", "°C": "°C",
    "fps": "frames per second", "W": "watts",
    "cu.ft.": "cubic feet", "cu. ft.": "cubic feet", "cu ft": "cubic feet",
    "sq.ft.": "square feet", "sq. ft.": "square feet", "sq ft": "square feet",
}
_MEASURE_PREFIXES = ("metric", "square", "cubic", "nautical")
# Singular nouns that count when hyphenated to a number ("a one-game suspension",
# "a 30-date tour"); "four-door" or "two-state" describe a kind, not a count.
COMPOUND_NOUNS = {
    "game", "match", "date", "time", "point", "member", "seat", "vote", "page",
    "count", "round", "stop", "city", "show", "song", "track", "episode", "nation",
    "country", "player", "team", "hole", "lap", "inning", "set", "bed", "story",
}
IRREGULAR_PLURALS = {
    "people", "children", "men", "women", "police", "staff", "personnel", "feet",
    "teeth", "mice", "geese", "cattle", "clergy", "offspring",
    "deer", "sheep", "fish", "aircraft", "series", "species", "alumni", "criteria",
    "phenomena", "bacteria", "crew", "youth", "livestock", "troops",
}
# Plural-looking collectives that also modify nouns ("staff members").
_COLLECTIVES = {"police", "staff", "personnel", "crew", "youth", "clergy"}
# Words ending in -s that are not plural nouns.
_NOT_PLURAL = {
    "is", "was", "has", "does", "its", "his", "hers", "this", "thus", "us", "plus",
    "yes", "as", "less", "unless", "across", "perhaps", "always", "sometimes",
    "whereas", "afterwards", "towards", "besides", "news", "lens", "gas", "whose",
    "tennis", "chassis", "debris", "iris",
    "yours", "ours", "theirs", "says", "remains", "includes", "means", "seems",
    "appears", "becomes", "gets", "makes", "takes", "goes", "comes", "needs",
    "wants", "knows", "thinks", "leads", "holds", "stands", "shows", "adds", "asks",
}
# Words a counted noun phrase never runs through.
NP_STOP = {
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "into", "onto", "over", "under", "than", "as", "or", "but", "nor", "that",
    "which", "who", "whom", "whose", "where", "when", "while", "is", "are", "was",
    "were", "be", "been", "being", "have", "has", "had", "do", "does", "did", "will",
    "would", "can", "could", "may", "might", "must", "shall", "should", "not", "no",
    "this", "these", "those", "their", "its", "his", "her", "our", "your", "my",
    "they", "them", "he", "she", "it", "we", "you", "i", "also", "still", "now",
    "then", "so", "more", "less", "per", "each", "every", "about", "around",
    "after", "before", "since", "until", "across", "between", "through", "during",
    "including", "ago", "later", "earlier", "all", "both", "some", "any",
    "only", "just", "even", "there", "here", "what", "how", "why", "if", "because",
    "said", "says", "say", "and", "up", "down", "out", "off", "away", "back",
    "against", "among", "like", "last", "next", "old", "own", "via", "too",
    "very", "already", "yet", "again", "apiece", "respectively",
} | set(VAGUE)  # "thousands of its employees and millions of consumers": a new number
# Words that may follow a noun phrase ("20 lawyers and investigators and ...").
_AFTER_NOUN = {"and", "or", "who", "that", "which", "were", "are", "have", "had", "in",
               "at", "from", "of", "on", "with", "for", "across", "around"}
# Words after a bare number that make it the subject of a human action
# ("More than 100,000 sign petition", "the hundreds trapped").
HUMAN_VERBS = {
    "sign", "signed", "are", "were", "have", "had", "attend", "attended", "live",
    "lived", "work", "worked", "died", "march", "marched", "protest", "protested",
    "gather", "gathered", "rally", "rallied", "vote", "voted", "say", "said",
    "joined", "remain", "remained", "fled", "trapped", "turned", "showed",
}

_WORD = r"(?:[A-Z]\.){2,}|[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?"
_NP_TOKEN = re.compile(r"(%s+)([“\"‘]?)(%s)([”\"’]?)" % (SP, _WORD))
_MEASURE_WORD = "|".join(sorted(
    [re.escape(w) for w in MEASURE_WORDS] + [re.escape(w) for w in _PLURAL_FORMS]
    + [re.escape(w + "s") for w in MEASURE_WORDS if not w.endswith("y")]
    + ["centuries"], key=len, reverse=True))
# "21 day", "17-year-old", "3 months old", "three-year-long", "2,095 metric tons".
_MEASURE = re.compile(
    r"(?:{0}+|{0}?-{0}?)(?P<prefix>(?:{1})(?:{0}|-))?(?P<unit>{2})\b(?:(?:{0}+|-)old\b)?"
    r"(?:-long\b)?".format(SP, "|".join(_MEASURE_PREFIXES), _MEASURE_WORD), re.I)
_ABBREVIATION = re.compile(r"(?:%s?-?)(?P<unit>%s)(?![\w/])" % (SP, "|".join(
    re.escape(a) for a in sorted(MEASURE_ABBREVIATIONS, key=len, reverse=True))))
_COMPOUND = re.compile(r"-(?P<noun>%s)\b(?!-)" % "|".join(COMPOUND_NOUNS), re.I)
_PER = re.compile(r"%s+per%s+(?P<per>second|minute|hour|day|week|month|year|capita|person)\b"
                  % (SP, SP), re.I)


@dataclass
class Measure:
    """A unit read after a number: where it ends, its canonical name, its factor."""
    end: int
    unit: str
    factor: float = 1
    is_time: bool = False


@dataclass
class NounPhrase:
    """The counted noun phrase after a number: modifiers then a plural head."""
    end: int
    head: str
    modifiers: list = field(default_factory=list)

    @property
    def text(self):
        """The phrase as one string: "Microsoft employees"."""
        return " ".join(self.modifiers + [self.head])


def read_measure(text, pos):
    """A unit of time or measure right after a number at ``pos`` ("21 day",
    "17-year-old", "2,095 metric tons", "124 mph", "2.1 cu.ft."), or None."""
    match = _MEASURE.match(text, pos)
    if match:
        word = match["unit"].lower()
        if word.startswith("degree") and "-" in text[pos:match.start("unit")]:
            return None
        singular = _PLURAL_FORMS.get(word) or (word if word in MEASURE_WORDS else word[:-1])
        unit, factor = MEASURE_WORDS[singular]
        if match["prefix"]:
            unit = match["prefix"][:-1].lower() + " " + unit
        end, unit = extend_per(text, match.end(), unit)
        return Measure(end, unit, factor, singular in _TIME_WORDS)
    if text[pos:pos + 1] in ('"', "″") and not text[pos + 1:pos + 2].isalnum():
        return Measure(pos + 1, "inches")  # a 34" monitor: the mark is glued to the digits
    match = _ABBREVIATION.match(text, pos)
    if match:
        unit = MEASURE_ABBREVIATIONS[match["unit"]]
        return Measure(match.end(), unit)
    return None


def read_compound(text, pos):
    """A counted noun hyphenated to the number ("30-date", "one-game"), or None."""
    match = _COMPOUND.match(text, pos)
    if not match:
        return None
    return Measure(match.end(), pluralize(match["noun"].lower()))


def is_plural(word):
    """Does ``word`` read as a plural noun (employees, people, Israelis)?"""
    lower = word.lower().rstrip("'’")
    if lower in IRREGULAR_PLURALS:
        return True
    if len(lower) < 3 or lower in _NOT_PLURAL or not lower.endswith("s") or word.isupper():
        return False  # "CLPS" is an acronym, not a plural
    # "crisis", "axis", "status", "class" are singular; "Israelis" is not.
    return not lower.endswith(("ss", "us", "sis", "xis", "ics", "'s", "’s"))


def pluralize(noun):
    """Plural of a singular count noun ("title" → "titles", "city" → "cities")."""
    irregular = {"person": "people", "child": "children", "man": "men", "woman": "women",
                 "foot": "feet", "match": "matches"}
    if noun in irregular:
        return irregular[noun]
    if _CONSONANT_Y_END.search(noun):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return noun + "es"
    return noun + "s"


def noun_unit(head):
    """The unit name of a head noun: lower case, American spelling, no quote marks."""
    unit = head.strip("“”\"‘’'")
    if not _CAMEL_OR_ACRONYM.search(unit):
        unit = unit.lower()
    return _BRITISH_ISATION.sub("ization", unit)


def read_noun_phrase(text, pos, singular_head=False, max_modifiers=4):
    """The counted noun phrase starting after ``pos``, or None.

    The head is the first plural noun; capitalized words, hyphenated words and
    noun modifiers may stand before it. With ``singular_head`` ("one title")
    the last word of the run is the head.
    """
    words, cursor = [], pos
    while len(words) <= max_modifiers:
        match = _NP_TOKEN.match(text, cursor)
        if not match:
            break
        word = match[3]
        if word.lower() in NP_STOP and not (word.lower() == "and" and words):
            break
        if is_plural(word) and not _is_name_part(text, match.end(), words, word) and not (
                word.lower() in _COLLECTIVES and _next_is_plural(text, match.end())):
            end = _extend_coordination(text, match.end())
            return NounPhrase(end, text[match.start(3):end].strip("”\"’"), words)
        words.append(word)
        cursor = match.end()
        if match[4]:  # a closing quote mark ends the phrase
            break
    words = [w for w in words if w.lower() != "and"]
    if singular_head and words and words[-1].islower():
        return NounPhrase(cursor, words[-1], words[:-1])
    return None


def _next_is_plural(text, end):
    """"staff members", "police officers": a collective noun modifying a plural."""
    following = _NP_TOKEN.match(text, end)
    return bool(following) and is_plural(following[3])


def _is_name_part(text, end, words, word):
    """"United States service members": a capitalized plural after another
    capitalized word, followed by more of the phrase, is part of a name."""
    if not (word[0].isupper() and words and words[-1][0].isupper()):
        return False
    following = _NP_TOKEN.match(text, end)
    return bool(following) and following[3].lower() not in NP_STOP and following[3].islower()


def _extend_coordination(text, end):
    """"lawyers and investigators": one more plural noun joined by and/or."""
    match = _AND_OR_WORD.match(text[end:end + 40])
    if match and is_plural(match[1]) and match[1] not in NP_STOP:
        # "... and boasts a reputation", "... and plans to add": a verb goes on
        # to its object; a coordinated noun ends the phrase.
        after = _NP_TOKEN.match(text, end + match.end())
        if not after or after[3].lower() in _AFTER_NOUN:
            return end + match.end()
    return end


def extend_per(text, end, unit):
    """"60 frames per second": a rate stays part of the unit. (end, unit)."""
    match = _PER.match(text, end)
    if match:
        return match.end(), "%s per %s" % (unit, match["per"].lower())
    return end, unit


# Patterns of the functions above, compiled once.
_CONSONANT_Y_END = re.compile(r"[^aeiou]y$")
_BRITISH_ISATION = re.compile(r"isation")
_CAMEL_OR_ACRONYM = re.compile(r"[a-z][A-Z]|^[A-Z]{2,}s?$")
_AND_OR_WORD = re.compile(r"%s+(?:and|or)%s+([a-z]+)(?=[^\w-]|$)" % (SP, SP))
