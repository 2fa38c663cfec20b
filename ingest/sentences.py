"""Sentence and paragraph spans over a document's clean text.

Every extractor works in offsets into ``sources.text``; these helpers return
``(start, end)`` pairs rather than strings so offsets never drift.
"""
import re

# Words that end with a full stop without ending the sentence. Lower-cased,
# without the stop. Single capital letters (initials) are handled separately.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "rep", "gov", "lt", "gen",
    "col", "sgt", "capt", "cmdr", "adm", "maj", "pres", "supt", "det", "st",
    "jr", "sr", "rev", "hon", "inc", "corp", "co", "ltd", "llc", "bros",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat",
    "sun", "no", "nos", "vs", "v", "etc", "approx", "est", "dept", "univ",
    "ave", "blvd", "rd", "mt", "ft", "u.s", "u.k", "u.n", "e.g", "i.e",
    "a.m", "p.m", "d.c", "ph.d", "gov't",
}

# A sentence ends at . ! ? (optionally followed by closing quotes or brackets)
# when whitespace and something that can start a sentence follow.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9$€£])")
_PARAGRAPH = re.compile(r"[^\n]+")


def paragraph_spans(text):
    """(start, end) of every non-blank line; a line is the paragraph unit."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = _strip_span(text, match.start(), match.end())
        if start < end:
            spans.append((start, end))
    return spans


def sentence_spans(text):
    """(start, end) of every sentence, never crossing a line break."""
    spans = []
    for para_start, para_end in paragraph_spans(text):
        spans.extend(_split_paragraph(text, para_start, para_end))
    return spans


def sentence_at(text, offset, spans=None):
    """The (start, end) of the sentence holding ``offset``, or None."""
    for start, end in spans if spans is not None else sentence_spans(text):
        if start <= offset < end:
            return start, end
    return None


def _split_paragraph(text, start, end):
    spans = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if _is_abbreviation(text, start, match.start()):
            continue
        stop = match.end()
        spans.append(_strip_span(text, cursor, stop))
        cursor = stop
    spans.append(_strip_span(text, cursor, end))
    return [span for span in spans if span[0] < span[1]]


def _is_abbreviation(text, para_start, dot):
    """Does the word before the full stop at ``dot`` read as an abbreviation?"""
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > para_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'“‘([").lower()
    if word in ABBREVIATIONS:
        return True
    # Initials ("J. Smith", "U.S.") and single letters before a full stop.
    return len(word) == 1 and word.isalpha() or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word) is not None


def _strip_span(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
