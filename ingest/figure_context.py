"""What a figure is about, read from the words around it.

``infer_unit`` names what a bare number counts ("only two committed" after
"three of those companies" → companies); ``subject_of`` gives the short phrase
a fact-checker would use to link figures across sources ("contract").
"""
import re

from . import numbers
from .figure_nouns import (
    HUMAN_VERBS, MEASURE_ABBREVIATIONS, MEASURE_WORDS, NP_STOP, SP, is_plural, noun_unit,
    read_noun_phrase,
)

# Units that are not counted things, so a later bare number cannot borrow them.
_NOT_COUNTS = (set(numbers.CURRENCY_CODES) | {"percent", "fraction", "times"}
               | {unit for unit, _ in MEASURE_WORDS.values()}
               | set(MEASURE_ABBREVIATIONS.values()))
# "the total of commercial providers to 14", "the pool of eligible bidders".
_COLLECTION_OF = re.compile(
    r"\b(?:number|total|count|list|tally|pool|group|roster)%s+of%s+(?:[\w’'-]+%s+){0,2}?"
    r"(?P<head>[A-Za-z]+s)\b" % (SP, SP, SP), re.I)
_OF = re.compile(r"%s+of(?:%s+(?:the|its|their|his|her|our|all|those|these))?(?=%s)" % (SP, SP, SP))
_WORD = re.compile(r"%s+([A-Za-z][\w’'-]*)" % SP)
# How far back a bare number may borrow the unit of an earlier figure.
_LOOKBACK = 300


def infer_unit(text, start, end, sentence, previous):
    """The unit of a number that names no noun, from its context.

    In order: a collection named in the sentence ("the total of providers to
    14"); an earlier count in the same sentence; a human action after it
    ("More than 100,000 sign petition" → people); an earlier count close
    before; else people, which is what an unqualified crowd count means.
    """
    window = text[max(sentence[0], start - _LOOKBACK):min(sentence[1], end + _LOOKBACK)]
    collection = list(_COLLECTION_OF.finditer(window))
    if collection:
        return noun_unit(collection[-1]["head"])
    earlier = _last_count(previous, sentence[0] - _LOOKBACK)
    if earlier and earlier.start >= sentence[0]:
        return earlier.unit
    word = _WORD.match(text, end)
    if word and word[1].lower() in HUMAN_VERBS or _IN_ATTENDANCE.match(text[end:end + 20]):
        return "people"
    return earlier.unit if earlier else "people"


def _last_count(previous, since):
    """The last figure starting at or after ``since`` that counts things."""
    for figure in reversed(previous):
        if figure.start < since:
            return None
        if figure.unit not in _NOT_COUNTS:
            return figure
    return None


def subject_of(text, start, end, unit, noun, inferred=False):
    """A short phrase naming what the figure measures, or None.

    The counted noun phrase when there is one ("Microsoft employees"), the
    inferred unit of a bare count ("a father of two" → children); else what
    the figure is of ("40 percent of voters"), the noun right after ("$19.4
    million contract" → contract, "a 30-date tour" → tour) or the noun the
    money is "of" ("a budget of $449,000" → budget).
    """
    if noun is not None:
        return noun.text.strip("“”\"‘’'")
    if inferred:
        return unit
    of = _OF.match(text, end)
    noun = of and read_noun_phrase(text, of.end(), singular_head=True)
    if noun:
        return noun.text  # "40 percent of the vote", "half of the children"
    after = _noun_after(text, end)
    if after:
        return after
    if unit not in _NOT_COUNTS:
        return unit  # "a father of two" → children
    before = _NOUN_OF_END.search(text[max(0, start - 40):start])
    if (unit in numbers.CURRENCY_CODES or unit == "percent") and before and (
            before[1] not in NP_STOP and not before[1].endswith(("ed", "ing"))):
        return before[1]  # "a budget of $449,000"
    return None


def _noun_after(text, end):
    """Up to three lower-case words after the figure, ending in a noun-like word."""
    words, cursor = [], end
    while len(words) < 3:
        match = _WORD.match(text, cursor)
        if not match or match[1].lower() in NP_STOP:
            break
        following = _WORD.match(text, match.end())
        if not match[1].islower() and not (following and following[1].islower()
                                           and following[1] not in NP_STOP):
            break  # "the $10 billion JEDI contract", but not "$5 million Monday"
        words.append(match[1])
        cursor = match.end()
        if is_plural(match[1]) or text[cursor:cursor + 1] in ",.;:":
            break
    while words and (words[0] in ("dollar", "dollars") or words[-1].endswith(("ing", "ed"))):
        words = words[1:] if words[0] in ("dollar", "dollars") else words[:-1]
    return " ".join(words) or None


# Patterns of the functions above, compiled once.
_IN_ATTENDANCE = re.compile(r"%s+in%s+attendance\b" % (SP, SP))
_NOUN_OF_END = re.compile(r"\b([a-z][a-z-]+)%s+of%s+$" % (SP, SP))
