"""The number at the heart of a figure: one pattern that finds it, and the
readers that turn it into a value before the figure grows around it.

Covers digit numerals with magnitudes and percent ("19.4 million", "300k",
"2%"), money ("$19.4-million", "€3bn"), spelled-out numbers ("twenty-two",
"half a million", "a third"), vague counts ("hundreds of thousands", "several
hundred", "a couple of") and "twice".
"""
import re
from dataclasses import dataclass

from . import numbers
from .figure_filters import LETTER_HYPHEN_END, SP, digit_starts, is_inside_name, is_quoted_name, is_space, matches_at, opens_sentence
from .figure_nouns import NP_STOP, NounPhrase, read_compound, read_measure, read_noun_phrase

# The lower-case word after a figure ("40 percent", "three times").
NEXT_LOWER_WORD = re.compile(r"%s+([a-z]+)" % SP)

_MAG = numbers.MAGNITUDE
# A spelled-out number: a start, then scales, each optionally followed by a
# smaller number ("three hundred twenty-two thousand", "one and a half million").
# A cardinal never follows a cardinal, so "one two-hour session" stays apart.
_SCALE = r"(?:hundred|dozen|%s|%s)" % (_MAG, numbers.FRACTION)
_CARDINAL = r"(?:(?:%s)%s+(?:%s)\b|%s)" % (
    "|".join(numbers.TENS), SP, "|".join(numbers.ONES), numbers.CARDINAL)
_WORDS = (r"\b(?:an?%s+(?=%s\b))?(?:%s|%s)(?:(?:%s+|-)(?:and%s+)?(?:a%s+)?%s"
          r"(?:%s+(?:and%s+)?%s)?)*\b" % (SP, _SCALE, _CARDINAL, _SCALE, SP, SP, SP, _SCALE,
                                          SP, SP, _CARDINAL))
_PERCENT = r"%s?%%|[-\s]?percent\b|%s?per%s?cent\b" % (SP, SP, SP)
_MAGNITUDE_TAIL = r"(?:(?P<{0}suf>{1})\b|(?:{2}*|{2}?-{2}?)(?P<{0}mag>{3})(?:{2}+{3})?\b)?".format
VAGUE_WORDS = "|".join(numbers.VAGUE)
CORE = re.compile("|".join([
    r"(?P<multi>\bmulti-(?:million|billion|trillion)-dollar\b)",
    r"(?P<vague>\b(?:%s)(?:%s+(?:of|and)%s+(?:%s))*\b)" % (VAGUE_WORDS, SP, SP, VAGUE_WORDS),
    r"(?P<several>\b(?:several|a%s+few|a%s+couple%s+of)%s+(?:hundred|thousand|million|billion)\b)"
    % (SP, SP, SP, SP),
    r"(?P<couple>\ba%s+couple%s+of\b)" % (SP, SP),
    r"(?P<money>(?P<cur>%s|(?:%s)%s)%s?(?P<mnum>%s)%s)" % (
        numbers.CURRENCY_SYMBOL, "|".join(numbers.CURRENCY_CODES), SP, SP, numbers.DIGITS,
        _MAGNITUDE_TAIL("m", numbers.SUFFIX, SP, _MAG)),
    r"(?P<digits>(?<![\d.,])(?P<num>%s)%s(?P<pct>%s)?)" % (
        numbers.DIGITS, _MAGNITUDE_TAIL("d", numbers.SUFFIX, SP, _MAG), _PERCENT),
    r"(?P<words>%s)(?P<wpct>%s)?" % (_WORDS, _PERCENT),
    r"(?P<twice>\btwice\b)",
    r"(?P<a_unit>\ban?\b)(?=%s+(?:year|decade|century|month|week|day|hour)\b)" % SP,
]), re.I)


# Where a CORE match may start, besides digits: the words its patterns open on (in
# lower case: CORE ignores case) and "a"/"an" before a space.
_OPENING_WORDS = ({"multi-", "several", "twice", "hundred", "dozen"} | set(numbers.VAGUE)
                  | set(numbers.CARDINAL_WORDS) | set(numbers.MAGNITUDES) | set(numbers.FRACTIONS))


def _opening_words_pattern(words):
    """``\\b(?:WORDS|an?[^\\S\\n])`` written letter first ("t(?<!\\w.)(?:en|wo|…)"), so that the
    scan skips to those letters; the word boundary is checked after the first letter."""
    by_letter = {}
    for word in words | {"a"}:
        by_letter.setdefault(word[0], set()).add(word[1:])
    branches = []
    for letter, rests in sorted(by_letter.items()):
        rest = "|".join(sorted(r for r in rests if r)) if letter != "a" else r"n?[^\S\n]"
        branches.append(re.escape(letter) + r"(?<!\w.)(?:" + rest + ")")
    return "(?:" + "|".join(branches) + ")"


assert not any(word.startswith("a") for word in _OPENING_WORDS)  # "a" opens only "a"/"an" + space
_CORE_WORDS = re.compile(_opening_words_pattern(_OPENING_WORDS))
_SYMBOL_ENDS = {symbol[-1] for symbol in numbers.CURRENCY_SYMBOLS}
_SYMBOL_LENGTHS = sorted({len(symbol) for symbol in numbers.CURRENCY_SYMBOLS})
_CODE_LENGTHS = {len(code) for code in numbers.CURRENCY_CODES}


def core_matches(text):
    """``list(CORE.finditer(text))``, trying CORE only where a match may start: on a
    number (or the currency sign or code before it) and on the words CORE opens with."""
    low = text.lower()
    if "ſ" in low or "ı" in low:  # what IGNORECASE also reads as "s" and "i"
        low = low.replace("ſ", "s").replace("ı", "i")
    if len(low) != len(text):
        return list(CORE.finditer(text))  # a letter that lower-cases to two: offsets would drift
    starts = {match.start() for match in _CORE_WORDS.finditer(low)}
    for digit in digit_starts(text):
        numerals = (digit, digit - 1) if text[digit - 1:digit] == "." else (digit,)  # ".5"
        for numeral in numerals:
            starts.add(numeral)
            # "$5", "US$ 5", "Rs. 5", "USD 5": a sign, or a code and a space, then a space at most.
            for end in (numeral, numeral - 1) if is_space(text[numeral - 1:numeral] or "x") else (numeral,):
                last = text[end - 1:end]
                if last in _SYMBOL_ENDS:
                    starts.update(end - length for length in _SYMBOL_LENGTHS if end - length >= 0)
                elif last and is_space(last):
                    starts.update(end - 1 - length for length in _CODE_LENGTHS if end - 1 - length >= 0)
    return matches_at(CORE, text, sorted(starts))


@dataclass
class Reading:
    """A figure while it is being read; becomes a ``Figure``."""
    start: int
    end: int
    value: float
    unit: str | None = None
    qualifier: str = "exact"
    vague: bool = False
    value_max: float | None = None
    noun: NounPhrase | None = None
    needs_qualifier: bool = False  # "a decade" counts only in "more than a decade"
    is_title: bool = False


def read_core(text, match):
    """The value (and unit, when the number carries one) of a ``CORE`` match,
    or None when the number is not a quantity (a name, an ordinal, metres)."""
    start, end = match.span()
    if match["multi"]:
        value = numbers.MAGNITUDES[match["multi"].split("-")[1].lower()]
        return Reading(start, end, value, "USD", "at_least", vague=True)
    if match["vague"] or match["several"] or match["couple"]:
        return _read_vague(text, match)
    if match["money"]:
        value = _numeral_value(match["mnum"], text[match.end("mnum"):end], currency=True)
        code = numbers.currency_of_symbol(match["cur"])
        return None if value is None else Reading(start, end, value, code)
    if match["digits"]:
        return _read_digits(text, match)
    if match["words"]:
        return _read_words(text, match)
    if match["twice"]:
        return Reading(start, end, 2, "times")
    return Reading(start, end, 1, needs_qualifier=True)


def magnitude(literal):
    """The magnitude written in a numeral: 1e6 for "10 million" or "$10m", else 1."""
    words = _LETTERS.findall(literal)
    factors = [numbers.MAGNITUDES.get(w.lower()) or numbers.MAGNITUDE_SUFFIXES.get(w) or 1
               for w in words]
    return max(factors, default=1)


def _read_vague(text, match):
    """"thousands", "hundreds of thousands", "several hundred", "a couple of"."""
    start, end = match.span()
    if match["couple"]:
        return Reading(start, end, 2, qualifier="about", vague=True)
    words = _LOWER_WORD.findall(match.group().lower())
    if match["several"]:
        return Reading(start, end, numbers.MAGNITUDES[words[-1]], qualifier="at_least",
                       vague=True)
    # "tens" and "scores" are counts only in "tens of thousands", "scores of people".
    if words[0] in ("tens", "scores") and len(words) == 1 and not _OF_OR.match(text, end):
        return None
    value = numbers.VAGUE[words[0]]
    for joiner, word in zip(words[1::2], words[2::2]):
        value = value * numbers.VAGUE[word] if joiner == "of" else value
    return Reading(start, end, value, qualifier="at_least", vague=True)


_OF_OR = re.compile(r"%s+(?:of|or)\b" % SP)
_IN_OUT_OF = re.compile(r"%s+(?:in|out%s+of)%s+(?:\d|%s)" % (SP, SP, SP, numbers.CARDINAL), re.I)


def _read_digits(text, match):
    """A digit numeral, possibly with magnitude and percent: "300k", "19.4 million", "2%"."""
    start, end = match.span()
    tail_end = match.start("pct") if match["pct"] else end
    # "3.5m viewers": before a counted noun, "m" is a million, not metres.
    counted = match["dsuf"] in numbers.CURRENCY_ONLY_SUFFIXES and bool(
        read_noun_phrase(text, end))
    value = _numeral_value(match["num"], text[match.end("num"):tail_end], currency=counted)
    glued = match["dsuf"] or match["dmag"] or match["pct"] or _glued_unit(text, end)
    if value is None or is_inside_name(text, start, match.end("num")) and not glued:
        return None
    if match["pct"]:
        return Reading(start, end, value, "percent")
    return Reading(start, end, value)


def _numeral_value(digits, tail, currency):
    """Value of ``digits`` followed by a magnitude ``tail`` ("k", " million", "-billion")."""
    suffix = tail.strip(" -")
    if suffix in numbers.MAGNITUDE_SUFFIXES:
        # "4K screens" and a "5K race" are a resolution and a distance, not thousands.
        if not currency and suffix in "kK" and numbers.parse_numeral(digits) < 10:
            return None
        # parse_numeral reads "$5m" as money and refuses a bare "5m" (metres).
        return numbers.parse_numeral(("$" if currency else "") + digits + suffix)
    value = numbers.parse_numeral(digits)
    for word in _LETTERS.findall(tail):
        value *= numbers.MAGNITUDES.get(word.lower(), 1)
    return value


def _glued_unit(text, end):
    """"5kg", "22kW", "5-gallon": a unit glued or hyphenated to the digits, which
    makes a quantity even after a capitalized word ("the BPA-free 5-gallon jug")."""
    if text[end:end + 1].isalpha():
        return read_measure(text, end) is not None
    return text[end:end + 1] == "-" and bool(read_measure(text, end) or read_compound(text, end))


def _read_words(text, match):
    """Spelled-out numbers: "two", "twenty-two", "a dozen", "half a million", "a third"."""
    start, end = match.start("words"), match.end("words")
    phrase = match["words"].lower()
    words = _SPACES_OR_HYPHENS.split(phrase)
    value = numbers.words_value(phrase)
    if value is None or _is_not_a_count(text, start, end, words):
        return None
    if match["wpct"]:
        return Reading(start, match.end(), value, "percent")
    fraction = any(word in numbers.FRACTIONS for word in words)
    if fraction and value < 1 and not read_measure(text, end):
        return Reading(start, end, value, "fraction")
    return Reading(start, end, value)


def _is_not_a_count(text, start, end, words):
    """Spelled-out numbers that name, order or modify rather than count."""
    if LETTER_HYPHEN_END.search(text[max(0, start - 2):start]):
        return True  # "Take-Two"
    if words[0] in numbers.MAGNITUDES or words[0] in numbers.FRACTIONS and words[0] != "half":
        return True  # "million-dollar", "the third witness", "third quarter"
    if text[start].isupper() and not opens_sentence(text, start):
        return True  # "the Six-Day War", "the Three Amigos"
    if is_quoted_name(text, start, end):
        return True  # the “three amigos”
    if words[0] in ("a", "an") and words[-1] in numbers.FRACTIONS and _before_noun(text, end):
        return True  # "a third case": an ordinal
    if words[0] == "half" and _ORDINAL_END.search(text[max(0, start - 12):start]):
        return True  # "the first half of 2019"
    return words == ["one"] and not _counts_one(text, start, end)


def _before_noun(text, end):
    """Is the next word a noun the number would qualify ("a third case")?"""
    word = NEXT_LOWER_WORD.match(text[end:end + 30])
    return bool(word) and word[1] not in NP_STOP and not read_measure(text, end)


def _counts_one(text, start, end):
    """"one" is a figure only when stressed ("only one title") or compounded ("one-game")."""
    if _STRESSING_WORD_END.search(text[max(0, start - 10):start]):
        return True
    if _IN_OUT_OF.match(text, end):
        return True  # "one in five voters"
    return text[end:end + 1] == "-" and bool(read_compound(text, end) or read_measure(text, end))


# Patterns of the functions above, compiled once.
_LETTERS = re.compile(r"[A-Za-z]+")
_LOWER_WORD = re.compile(r"[a-z]+")
_SPACES_OR_HYPHENS = re.compile(r"[\s-]+")
_ORDINAL_END = re.compile(r"\b(?:first|second|last|latter|back|front|top|bottom|other)%s+$" % SP, re.I)
_STRESSING_WORD_END = re.compile(r"\b(?:only|just|exactly|single)%s+$" % SP, re.I)
