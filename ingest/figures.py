"""Numeric figures a fact-checker might trace: money, counts, percentages,
fractions, ranges, ages and durations, with their qualifier and counted noun.

Each number is found by one pattern (``figure_core.CORE``), read into a value,
then grown: leftwards over a qualifier ("more than"), rightwards over a unit
("%", "years", "metric tons") or the counted noun phrase ("Microsoft employees").
Numbers that state no quantity (dates, phone numbers, names, scores) are dropped
(``figure_filters``); what a bare number counts comes from ``figure_context``.
"""
import bisect
import re
from dataclasses import dataclass

from . import numbers
from .figure_context import infer_unit, subject_of
from .figure_core import CORE, NEXT_LOWER_WORD, VAGUE_WORDS, Reading, core_matches, magnitude, read_core
from .figure_filters import (
    SP, blocked_spans, in_condition, in_parentheses, in_spans, is_score_or_chain, is_year,
    opens_sentence,
)
from .figure_nouns import (
    HUMAN_VERBS, NP_STOP, extend_per, is_plural, noun_unit, pluralize, read_compound, read_measure,
    read_noun_phrase,
)
from .sentences import sentence_spans


@dataclass
class Figure:
    """One figure; ``text[start:end] == figure.text``."""
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str
    qualifier: str
    vague: bool
    subject: str | None
    sentence_start: int
    sentence_end: int


# Qualifier phrases before a number, each to its code (see GUIDELINES.md).
QUALIFIERS = {
    "more than": "more_than", "little more than": "more_than",
    "a little more than": "more_than", "slightly more than": "more_than",
    "just more than": "more_than", "well more than": "more_than",
    "far more than": "more_than", "upwards of": "more_than", "in excess of": "more_than",
    "over": "over", "well over": "over", "just over": "over", "slightly over": "over",
    "well above": "over", "just above": "over",
    "nearly": "nearly", "close to": "nearly", "almost": "almost",
    "about": "about", "around": "about", "some": "about",
    "roughly": "approx", "approximately": "approx", "an estimated": "approx",
    "estimated": "approx", "approx.": "approx",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "up to": "up_to", "as much as": "up_to", "as many as": "up_to", "as high as": "up_to",
    "no more than": "up_to", "at most": "up_to", "within": "up_to",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "just under": "less_than", "just below": "less_than",
    "well under": "less_than", "well below": "less_than",
}
# Qualifiers written after the number ("a million or more", "12 and older").
SUFFIX_QUALIFIERS = {
    "or more": "at_least", "or higher": "at_least", "and older": "at_least",
    "or older": "at_least", "and over": "at_least", "and up": "at_least",
    "and above": "at_least", "plus": "at_least", "+": "at_least",
    "or less": "up_to", "or fewer": "up_to", "or younger": "up_to",
    "and younger": "up_to", "and under": "up_to",
}
# An article may follow an approximating qualifier ("about a 30-minute drive");
# after "over" it starts a noun phrase instead ("over a 13.8-billion-year period").
_QUALIFIER = re.compile(r"(?i)\b(?:(?P<q>%s)|(?P<qa>%s)%s+an?)%s+$" % (
    "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)),
    "about|around|roughly|approximately|nearly|almost|close to|some", SP, SP))
_SUFFIX_QUALIFIER = re.compile(r"(?i)(?:%s+(?P<q>%s)\b|(?P<plus>\+|-plus\b))" % (
    SP, "|".join(q for q in SUFFIX_QUALIFIERS if q[0].isalpha())))

_TIME_UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years"}
_CURRENCY_AFTER = re.compile(r"%s+(?P<word>%s)\b|%s+(?P<code>%s)\b" % (
    SP, numbers.CURRENCY_WORD, SP, "|".join(numbers.CURRENCY_CODES)), re.I)
_PER_SHARE = re.compile(r"%s+(?:a|per)%s+share\b" % (SP, SP))
# "three of those companies", "two of three requirements", "12 of the 50 states".
_PARTITIVE = re.compile(
    r"%s+of(?:%s+(?P<det>the|its|those|these|their|his|her|our|my|your))?"
    r"(?:%s+(?P<num>\d[\d,]*|%s))?(?=%s)" % (SP, SP, SP, numbers.CARDINAL, SP), re.I)
# "1 in 5 children", "one out of four voters": a ratio, read as a fraction.
_RATIO = re.compile(r"%s+(?:in|out%s+of)%s+(?P<num>\d[\d,]*|%s)(?=%s)" % (
    SP, SP, SP, numbers.CARDINAL, SP), re.I)
_RANGE = re.compile(r"%s*(?:-|–|to)%s*|%s+and%s+" % (SP, SP, SP, SP))


def extract_figures(text):
    """Every figure in ``text`` as a list of :class:`Figure`, ordered by start.

    Example: ``extract_figures("more than 300 Microsoft employees")[0]`` has
    value 300, unit "employees", qualifier "more_than".
    """
    if not isinstance(text, str) or not text:
        return []
    blocked = blocked_spans(text)
    sentences = sentence_spans(text)
    figures, cursor = [], 0
    for match in core_matches(text):
        if match.start() < cursor or in_spans(blocked, match.start(), match.start() + 1):
            continue
        sentence = _sentence(sentences, match.start(), len(text))
        figure = _read_figure(text, match, sentence, figures)
        if figure and figure.start >= cursor:  # a qualifier never reaches into the last figure
            figures.append(figure)
            cursor = figure.end
    return figures


def _sentence(sentences, offset, length):
    """The (start, end) of the sentence holding ``offset`` (or a line-free stand-in)."""
    index = bisect.bisect_right(sentences, (offset, length + 1)) - 1
    if index >= 0 and sentences[index][0] <= offset < sentences[index][1]:
        return sentences[index]
    return (offset, offset)


def _read_figure(text, match, sentence, previous):
    """Read one figure from a ``CORE`` match, or None when it states no quantity."""
    reading = read_core(text, match)
    if reading is None:
        return None
    if reading.unit is None or reading.unit in numbers.CURRENCY_CODES:
        _read_range(text, match, reading)
    if match["digits"] and reading.value_max is None and is_score_or_chain(
            text, match.start(), match.end("num")):
        return None  # "6-4", "2-1 win", "0-62 mph"
    if reading.unit is None:
        _read_unit(text, reading)
    if reading.unit in numbers.CURRENCY_CODES and not match["multi"]:
        per_share = _PER_SHARE.match(text, reading.end)
        reading.end = per_share.end() if per_share else reading.end
    _read_qualifier(text, reading, previous)
    if reading.needs_qualifier and reading.qualifier == "exact" or reading.is_title:
        return None
    if match["digits"] and is_year(text, match.start("num"), match.end("num")) and (
            reading.unit is None or reading.noun and reading.qualifier == "exact"):
        return None  # "in 2018", "the 2019 seizures"; but "over 2000 people", "1500 meters"
    if reading.vague and in_condition(text, sentence[0], reading.start):
        return None
    if reading.unit is None and not _accept_bare(text, match, reading):
        return None
    inferred = reading.unit is None
    if inferred:
        reading.unit = infer_unit(text, reading.start, reading.end, sentence, previous)
    subject = subject_of(text, reading.start, reading.end, reading.unit, reading.noun, inferred)
    value_max = None if reading.value_max is None else float(reading.value_max)
    return Figure(reading.start, reading.end, text[reading.start:reading.end],
                  float(reading.value), value_max, reading.unit, reading.qualifier,
                  reading.vague, subject, sentence[0], sentence[1])


def _read_range(text, match, reading):
    """"between 30 and 40 cameras", "30-40 cameras", "5 to 10 million people"."""
    joint = _RANGE.match(text, reading.end)
    second = joint and CORE.match(text, joint.end())
    if not second or not (second["digits"] or second["money"] or second["words"]):
        return
    before = text[max(0, reading.start - 40):reading.start]
    between = _BETWEEN_END.search(before)
    if ("and" in joint.group()) != bool(between):
        return
    # "from 10% to 25%" is a change, not a range.
    if not between and _FROM_END.search(before):
        return
    other = read_core(text, second)
    if other is None or reading.value <= 0 or other.unit and reading.unit not in (None, other.unit):
        return
    # "5 to 10 million people": the first number shares the second's magnitude.
    shared = magnitude(second.group()) if magnitude(match.group()) == 1 else 1
    value = reading.value * shared
    if other.value <= value:
        return
    unit = other.unit or reading.unit
    if unit is None:  # "6-4" and "5 to 4" are scores unless a counted noun follows
        probe = Reading(other.start, other.end, other.value)
        _read_unit(text, probe)
        if probe.unit is None:
            return
    reading.value, reading.value_max = value, other.value
    reading.end, reading.unit = other.end, unit
    if between:
        reading.start = reading.start - len(before) + between.start()


def _read_unit(text, reading):
    """Grow the reading over what the number counts: a currency word, a unit of
    measure, a hyphenated count noun, a partitive ("of the matches") or the
    counted noun phrase. Leaves ``unit`` None when nothing is counted."""
    end = reading.end
    suffix = _SUFFIX_QUALIFIER.match(text, end)
    if suffix:
        reading.qualifier = SUFFIX_QUALIFIERS[(suffix["q"] or "plus").lower().lstrip("-")]
        reading.end = end = suffix.end()
    more = _MORE_BEFORE_WORD.match(text[end:end + 6]) if reading.vague else None
    end += more.end() if more else 0
    found = (_read_currency_word(text, end, reading) or _read_measure(text, end, reading)
             or _read_ratio(text, end, reading) or _read_partitive(text, end, reading)
             or _read_counted_noun(text, end, reading)
             or reading.vague and _borrow_coordinated_noun(text, end, reading))
    if not found and suffix and _OLD_OR_YOUNG.search(suffix.group()):
        reading.unit = "years"  # "children 12 and older"
    elif not found and not more:
        more = _MORE_UNHYPHENATED.match(text[end:end + 6])
        reading.end += more.end() if more else 0  # "plans to add about 20 more"


def _borrow_coordinated_noun(text, end, reading):
    """"scores or hundreds of workers": the first count counts workers too,
    though its span stays "scores"."""
    match = _OR_VAGUE_OF.match(text[end:end + 30])
    noun = match and read_noun_phrase(text, end + match.end())
    if not noun:
        return False
    reading.unit = noun_unit(noun.head)
    return True


def _read_currency_word(text, end, reading):
    """"19.4 million dollars", "10 cents", "71,350 euro", "millions of dollars"."""
    of = _LEADING_OF.match(text[end:end + 4]) if reading.vague else None
    match = _CURRENCY_AFTER.match(text, end + (of.end() if of else 0))
    if not match:
        return False
    code, factor = numbers.CURRENCY_WORDS.get((match["word"] or "").lower(),
                                              ((match["code"] or "").upper(), 1))
    reading.value *= factor
    reading.unit, reading.end = code, match.end()
    return True


def _read_measure(text, end, reading):
    """Units of time and measure, and count nouns hyphenated to the number."""
    measure = read_measure(text, end) or read_compound(text, end)
    if not measure or reading.vague and not measure.is_time:
        return False
    reading.value *= measure.factor
    if reading.value_max is not None:
        reading.value_max *= measure.factor
    reading.unit, reading.end = measure.unit, measure.end
    return True


def _read_partitive(text, end, reading):
    """"three of those companies", "two of three requirements", "more than 100 of
    the tech giant's employees" (unit employees; the longer phrase stays out)."""
    match = _PARTITIVE.match(text, end)
    noun = match and (match["det"] or match["num"]) and read_noun_phrase(text, match.end())
    if not noun:
        return False
    reading.unit, reading.noun = noun_unit(noun.head), noun
    if match["num"] or not noun.modifiers:
        reading.end = noun.end
    return True


def _read_ratio(text, end, reading):
    """"1 in 5 children": "1 in 5" is value 0.2, unit fraction; children are its subject."""
    match = _RATIO.match(text, end)
    noun = match and read_noun_phrase(text, match.end())
    denominator = match and numbers.number_value(match["num"].replace(",", ""))
    if not noun or not denominator or reading.vague:
        return False
    reading.value /= denominator
    reading.unit, reading.noun, reading.end = "fraction", noun, match.end()
    return True


def _read_counted_noun(text, end, reading):
    """The counted noun phrase: "300,000 signatures", "two big-name politicians"."""
    of = _LEADING_OF.match(text[end:end + 4]) if reading.vague else None
    noun = read_noun_phrase(text, end + (of.end() if of else 0),
                            singular_head=reading.value == 1 and not reading.vague)
    if noun is None:
        return False
    head = noun.head if is_plural(noun.head) else pluralize(noun.head.lower())
    reading.end, reading.unit = extend_per(text, noun.end, noun_unit(head))
    reading.noun = noun
    return True


def _read_qualifier(text, reading, previous):
    """Grow the reading leftwards over a qualifier ("more than", "nearly")."""
    line_start = text.rfind("\n", 0, reading.start) + 1
    match = _QUALIFIER.search(text, max(line_start, reading.start - 30), reading.start)
    if match and match["q"] and match["q"].lower() == "over" and reading.unit in _TIME_UNITS \
            and previous and not text[previous[-1].end:match.start()].strip():
        return  # "$1.5 trillion over 10 years": a period, not "more than"
    if match:
        phrase = match["q"] or match["qa"]
        reading.start = match.start("q") if match["q"] else match.start("qa")
        reading.qualifier = QUALIFIERS[_SPACES.sub(" ", phrase.lower())]
        # "a 40 Under 40 award": a capitalized qualifier inside a sentence is a title.
        reading.is_title = phrase[0].isupper() and not opens_sentence(text, reading.start)


_NOT_COUNTED = NP_STOP | HUMAN_VERBS
_AGE = re.compile(r"[A-Za-z.’'”\"]%s*,%s*$" % (SP, SP))
_AGE_AFTER = re.compile(r"%s*,|%s*\.(?:\s|$)" % (SP, SP))  # matched at the number's end
_AGE_OF = re.compile(r"\b(?:aged?|age%s+of)%s+$" % (SP, SP), re.I)
_PARENT = re.compile(r"\b(?:father|mother|parent|dad|mom|mum)s?%s+of%s+$" % (SP, SP), re.I)
# What may follow a number standing for its noun: "only two committed", "eight that".
_ELLIPTICAL_NEXT = re.compile(r"%s*(?:[.,;:!?)”\"—–]|$)|%s+(?:that|who|which|in%s+attendance"
                              r"|[a-z]+ed)\b" % (SP, SP, SP))


def _accept_bare(text, match, reading):
    """Is a number with no unit still a figure? Years, markers and names are not;
    qualified, vague, elliptical ("only two committed") and context-given counts
    ("Jr., 55,", "a father of two") are. Sets ``unit`` when the context gives it."""
    literal = match["num"]
    if literal and (in_parentheses(text, match.start(), reading.end) or literal == "911"):
        return False
    reading.unit = _unit_from_context(text, match, reading)
    if reading.unit or reading.vague or reading.qualifier != "exact":
        return True
    if literal:
        # "a high of 40,816.38" is a quantity, but a bare "126," or "60." is as
        # often an identifier: identifiers carry no thousands separators.
        return "," in literal
    word = NEXT_LOWER_WORD.match(text[reading.end:reading.end + 20])
    if word and _THE_END.search(text[max(0, match.start() - 5):match.start()]):
        return False  # "when the two were on the ground": people already named, not a count
    return bool(_ELLIPTICAL_NEXT.match(text, reading.end) or word and word[1] in HUMAN_VERBS)


def _unit_from_context(text, match, reading):
    """The unit a bare number's context gives: ages, children, a singular noun."""
    start, end = match.start(), reading.end
    before = text[max(0, start - 30):start]
    literal = match["num"] or ""
    if _SHORT_NUMERAL.fullmatch(literal) and 0 < reading.value <= 120 and _AGE.search(before) \
            and _AGE_AFTER.match(text, end):
        return "years"  # "Patrick Carlineo Jr., 55, could face"
    if _AGE_OF.search(before):
        return "years"  # "retired at age 43"
    if _PARENT.search(before):
        return "children"  # "a father of two"
    word = _NEXT_WHOLE_WORD.match(text[end:end + 30])
    if "," in literal and word and word[1] not in _NOT_COUNTED \
            and not word[1].endswith("ed"):
        return pluralize(word[1])  # "the 2,812 piece set"
    return None


# Patterns of the functions above, compiled once.
_BETWEEN_END = re.compile(r"\bbetween%s+$" % SP, re.I)
_FROM_END = re.compile(r"\bfrom%s+(?:\S+%s+)?$" % (SP, SP), re.I)
_MORE_BEFORE_WORD = re.compile(r"%s+more(?=%s)" % (SP, SP))
_OLD_OR_YOUNG = re.compile(r"old|young")
_MORE_UNHYPHENATED = re.compile(r"%s+more\b(?!-)" % SP)
_OR_VAGUE_OF = re.compile(r"%s+(?:or|and|to)%s+(?:%s)%s+of(?=%s)" % (SP, SP, VAGUE_WORDS, SP, SP), re.I)
_LEADING_OF = re.compile(r"%s+of(?=%s)" % (SP, SP))
_SPACES = re.compile(r"\s+")
_THE_END = re.compile(r"\bthe%s+$" % SP, re.I)
_NEXT_WHOLE_WORD = re.compile(r"%s+([a-z]+)\b(?![-’'])" % SP)
_SHORT_NUMERAL = re.compile(r"\d{1,3}")
