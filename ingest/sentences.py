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
# A line from its first to its last printed character (spaces around it left out).
_PARAGRAPH = re.compile(r"[^\S\n]*(\S(?:[^\n]*\S)?)")


def paragraph_spans(text):
    """(start, end) of every non-blank line; a line is the paragraph unit."""
    return [match.span(1) for match in _PARAGRAPH.finditer(text)]


def sentence_spans(text):
    """(start, end) of every sentence, never crossing a line break."""
    # One scan for sentence ends over the whole text, read paragraph by paragraph: as
    # scanning each paragraph alone, but for ends at a paragraph's last character (whose
    # look-ahead reads the next line), which end no sentence the paragraph's end does not.
    spans = []
    ends = _END.finditer(text)
    match = next(ends, None)
    for para_start, para_end in paragraph_spans(text):
        cursor = para_start
        while match is not None and match.start() < para_end:
            dot, stop = match.span()
            if dot >= para_start and stop < para_end and not (
                    text[dot] == "." and _is_abbreviation(text, para_start, dot)):
                while cursor < stop and text[cursor].isspace():
                    cursor += 1
                if cursor < stop:  # _strip_span: the end of a match is no space
                    spans.append((cursor, stop))
                cursor = stop
            match = next(ends, None)
        span = _strip_span(text, cursor, para_end)
        if span[0] < span[1]:
            spans.append(span)
    return spans


def sentence_at(text, offset, spans=None):
    """The (start, end) of the sentence holding ``offset``, or None."""
    for start, end in spans if spans is not None else sentence_spans(text):
        if start <= offset < end:
            return start, end
    return None


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
    return len(word) == 1 and word.isalpha() or "." in word and _INITIALS.fullmatch(word) is not None


_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


def _strip_span(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def mask(text, ranges, blank):
    """``text`` with ``blank(text[start:end])`` (a string as long) in place of each
    (start, end) range, ranges that overlap blanked once: the union of the ranges,
    read from the original text, as writing each range over a list of characters
    would give when ``blank`` maps each character on its own."""
    pieces, cursor = [], 0
    for start, end in sorted(ranges):
        start = max(start, cursor)
        if start >= end:
            continue
        pieces.append(text[cursor:start])
        pieces.append(blank(text[start:end]))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
