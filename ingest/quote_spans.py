"""Quoted spans: where the quotation marks of a document open and close.

Double marks pair paragraph by paragraph (``find_spans``); single marks
delimit speech only next to a reporting verb. Each span then learns the
sentence around it (``set_sentences``) and the text it shares that sentence
with (``local_context``), which quote classification and attribution read.
Offsets are Python ``str`` offsets into the text the caller passed.
"""
import bisect
import copy
import re
from dataclasses import dataclass

from .reporting_verbs import VERB_ALTERNATION
from .sentences import mask, paragraph_spans, sentence_spans

# The one table of quotation-mark pairs (opening, closing). Writers mix them
# ("A great day...” or “It was...’’), so any double opener may close with
# any double closer; the straight marks serve as either.
QUOTE_PAIRS = (
    ("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("‘‘", "’’"), ("``", "''"),
    ('"', '"'), ("''", "''"),
    ("‘", "’"), ("'", "'"),
)
SINGLE_MARKS = {"‘", "’", "'"}
_DOUBLE_PAIRS = [pair for pair in QUOTE_PAIRS if pair[0] not in SINGLE_MARKS]
# Straight marks open and close; "“" closes only a German „…“ and otherwise opens.
DOUBLE_EITHER = {o for o, c in _DOUBLE_PAIRS if o == c}
DOUBLE_OPENERS = {o for o, c in _DOUBLE_PAIRS} - DOUBLE_EITHER
DOUBLE_CLOSERS = {c for o, c in _DOUBLE_PAIRS if c != "“"} - DOUBLE_EITHER
_DOUBLE_MARK = re.compile(
    "|".join(re.escape(m) for m in sorted({m for p in _DOUBLE_PAIRS for m in p}, key=len, reverse=True))
)


@dataclass
class Span:
    """A quoted span while it is being classified and attributed."""

    open: int            # offset of the opening mark
    close: int           # offset just past the closing mark (paragraph end if none)
    start: int           # quote text, whitespace-trimmed
    end: int
    paragraph: int
    closed: bool = True  # False when the paragraph ended inside the quote
    continues: bool = False   # the next paragraph reopens the same quote
    sentence: tuple = (0, 0)
    partial: bool = False
    speaker: object = None    # an attribution.Speaker once attributed
    attribution: tuple | None = None


def find_spans(text):
    """Quoted spans, double quotes first, then single-quoted speech outside them."""
    # Quotes, claims and entities each ask for the spans of the same document: the
    # last document's are kept, and each caller gets its own copies to change.
    global _last_spans
    last = _last_spans
    if last is not None and (last[0] is text or last[0] == text):
        return [copy.copy(span) for span in last[1]]
    spans = _find_spans(text)
    _last_spans = (text, [copy.copy(span) for span in spans])
    return spans


_last_spans = None  # (text, spans) of the last document


def _find_spans(text):
    paragraphs = paragraph_spans(text)
    spans = []
    for index, (start, end) in enumerate(paragraphs):
        reopens = index + 1 < len(paragraphs) and _opens_with_mark(text, paragraphs[index + 1][0])
        spans.extend(_double_spans(text, start, end, index, reopens))
    spans.extend(_single_spans(text, paragraphs, spans))
    spans.sort(key=lambda s: s.start)
    return [s for s in spans if s.start < s.end and _WORD_CHAR.search(text, s.start, s.end)]


_WORD_CHAR = re.compile(r"\w")
_SPACE = re.compile(r"\s")
_NOT_SPACE = re.compile(r"\S")


def _double_spans(text, para_start, para_end, index, reopens):
    """Pair the double marks of one paragraph; skip only an unbalanced stretch."""
    spans = []
    opened = None
    for match in _DOUBLE_MARK.finditer(text, para_start, para_end):
        mark, role = match.group(), _context(text, match.start(), match.end(), para_start, para_end)
        if opened is None:
            closing = mark in DOUBLE_CLOSERS and role != "open" or mark in DOUBLE_EITHER and role == "close"
            if closing:
                continue  # a stray closing mark (or an inch mark: 34" screen): nothing to pair
            opened = match
        elif (mark in DOUBLE_OPENERS and role != "close" and not (mark == "“" and opened.group() == "„")
              or mark in DOUBLE_EITHER and role == "open"):
            opened = match  # the earlier opener never closed: drop its stretch
        else:
            spans.append(_make_span(text, opened.end(), match.start(), opened.start(), match.end(), index))
            opened = None
    if opened is not None and (reopens or _forgot_close(text, opened, para_start, para_end)):
        span = _make_span(text, opened.end(), para_end, opened.start(), para_end, index)
        span.closed, span.continues = False, reopens
        spans.append(span)
    return spans


def _context(text, start, end, para_start, para_end):
    """'open', 'close' or '?' from the characters either side of a mark."""
    before = text[start - 1] if start > para_start else " "
    after = text[end] if end < para_end else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "?"


def _opens_with_mark(text, offset):
    match = _DOUBLE_MARK.match(text, offset)
    return bool(match) and match.group() not in DOUBLE_CLOSERS


def _forgot_close(text, opened, para_start, para_end):
    """An opener at a paragraph or lead-in start whose speech ends the paragraph."""
    lead = text[para_start:opened.start()].rstrip()
    ends = _TRAILING_STOP.search(text[opened.end():para_end])
    return bool(ends) and (not lead or lead.endswith((":", ",")))


def _make_span(text, start, end, mark_open, mark_close, index):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(open=mark_open, close=mark_close, start=start, end=end, paragraph=index)


# Single quotes delimit speech only when an attribution follows or leads in.
# (?<![\w’'])[‘'](?=\w)…: the look-behind follows the mark, so that the scan can skip to marks.
_SINGLE = re.compile(r"[‘'](?<![\w’'][‘'])(?=\w)(.+?)(?<=[\w.,!?…])[’'](?![\w’'])")
_SINGLE_SPEECH_AFTER = re.compile(
    rf"^\s*,?\s*(?:(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}}|he|she|they|it)"
    rf"\s+(?:{VERB_ALTERNATION})\b"
    rf"|(?:{VERB_ALTERNATION})\s+[A-Z])"
)
_SINGLE_SPEECH_BEFORE = re.compile(rf"\b(?:{VERB_ALTERNATION})\s*[:,]\s*$")


def _single_spans(text, paragraphs, doubles):
    """Top-level ‘…’ speech with a speech verb next to it (British style)."""
    inside = _Intervals([(s.open, s.close) for s in doubles])
    found = []
    for index, (start, end) in enumerate(paragraphs):
        for match in _SINGLE.finditer(text, start, end):
            if inside.covers(match.start()) or len(match.group(1).split()) < 3:
                continue
            after = text[match.end():end][:80]
            before = text[start:match.start()][-60:]
            if _SINGLE_SPEECH_AFTER.match(after) or _SINGLE_SPEECH_BEFORE.search(before):
                span = _make_span(text, match.start(1), match.end(1), match.start(), match.end(), index)
                found.append(span)
    return found


class _Intervals:
    """(start, end) intervals, asked whether any holds an offset: sorted by start with the
    running maximum of their ends, so a question looks only at the intervals that may hold it."""

    def __init__(self, intervals):
        self.intervals = sorted(intervals)
        self.starts = [a for a, _ in self.intervals]
        self.reach, furthest = [], None
        for _, b in self.intervals:
            furthest = b if furthest is None or b > furthest else furthest
            self.reach.append(furthest)

    def covers(self, offset):
        """Is ``a <= offset < b`` for some interval?"""
        index = bisect.bisect_right(self.starts, offset) - 1
        while index >= 0 and self.reach[index] > offset:
            if self.intervals[index][1] > offset:
                return True
            index -= 1
        return False


def set_sentences(text, spans):
    """The sentence around each span, ignoring sentence ends inside quotes."""
    ranges = []
    for span in spans:
        # Keep the first letter (a capital may start a sentence) and a final
        # full stop ("…time.” Roberts said" is two sentences); "?" and "!"
        # inside a quote do not end the sentence around it.
        last = span.end - 1 if text[span.end - 1:span.end] in (".", "…") else span.end
        ranges.append((span.start + 1, min(last, len(text))))
    # "x" for each letter, " " for each space
    sentences = sentence_spans(mask(text, ranges, lambda part: _SPACE.sub(" ", _NOT_SPACE.sub("x", part))))
    starts = [a for a, _ in sentences]  # sorted and disjoint: one sentence at most holds a mark
    for span in spans:
        index = bisect.bisect_right(starts, span.open) - 1
        if index >= 0 and span.open < sentences[index][1]:
            span.sentence = sentences[index]
        else:
            span.sentence = (span.open, span.close)
        if span.sentence[1] < span.close:
            span.sentence = (span.sentence[0], span.close)


def by_paragraph(spans):
    """{paragraph: its spans in order}: the only spans ``local_context`` looks at, so a
    caller with many spans passes each span's paragraph rather than the whole list."""
    groups = {}
    for span in spans:
        groups.setdefault(span.paragraph, []).append(span)
    return groups


def local_context(text, span, spans):
    """(before, after) offsets of the text around a span, up to its sentence
    ends or the neighbouring quote in the same sentence. Only spans of the
    same paragraph count (``by_paragraph`` gives them)."""
    start, end = span.sentence
    for other in spans:
        # A short quoted name ("the “Pose” actor") is part of the sentence, not a boundary.
        if other is span or other.paragraph != span.paragraph:
            continue
        if len(text[other.start:other.end].split()) <= 3:
            continue
        if start <= other.close <= span.open:
            start = max(start, other.close)
        if span.close <= other.open < end:
            end = min(end, other.open)
    return (start, span.open), (span.close, max(span.close, end))


# Patterns of the functions above, compiled once.
_TRAILING_STOP = re.compile(r"[.!?…]\s*$")
