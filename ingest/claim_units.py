"""Claim units: the sentences of a document a claim may be, trimmed.

The writer's sentences (never ending inside a partial quote, but after
"U.S." when a sentence opens) and the sentences inside full quotes, with the
quote's speaker; each without opening marks, datelines and footnote markers.
"""
import bisect
import re
from dataclasses import dataclass

from .clauses import OPEN_MARKS, main_clause
from .sentences import mask, paragraph_spans, sentence_spans
from .verb_groups import WORD

_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w .'’-]*)?\s+[—–-]\s+")
_FOOTNOTE_MARK = re.compile(r"(?<=[A-Za-z)][.!?”\"’])(?:\[(\d{1,2})\]|(\d{1,2}))$")
# "…into the U.S. Since then, …": an abbreviation that also ends the sentence.
_ABBREVIATION_END = re.compile(r"\b(?:U\.S|U\.K|D\.C|a\.m|p\.m)\.(?=\s+(?:The|Since|But|And|In|On|It|He|She|"
                               r"They|We|This|That|A|An|Its|Their|After|When)\s)")
_ABBREVIATED_STOP = re.compile(r"U\.S\.|U\.K\.|D\.C\.|a\.m\.|p\.m\.")  # what _ABBREVIATION_END needs
CLOSE_MARKS = "“”\"«»„ \t,;:—–-"


@dataclass
class _Unit:
    start: int
    end: int
    speaker: str | None = None    # the quote's speaker for a sentence inside a quote
    quoted: bool = False
    headline: bool = False        # a whole line without closing punctuation
    proper_subject: bool = False  # opens on a name the text also prints mid-sentence


def units(text, quotes):
    """Narrative sentences, and the sentences inside full quotes with their speaker.

    The words around a full quote are its attribution ("…,” she said"), so a
    sentence holding one yields only the quoted part. Partial quotes stay in
    their sentence: "X called it “a dragnet”" is the writer's sentence.
    """
    full = Within([q for q in quotes if not q.partial])
    lines = set(paragraph_spans(text))
    names = _MidSentenceNames(text)
    for start, end in _sentences(text, [q for q in quotes if q.partial]):
        inside = full.overlapping(start, end)
        if not inside:
            closed = text[end - 1] in ".!?:;\"”’)]"
            yield _Unit(start, end, headline=(start, end) in lines and not closed)
        for quote in inside:
            unit = _Unit(max(start, quote.start), min(end, quote.end), quote.speaker, quoted=True)
            unit.proper_subject = _opens_on_name(text, text[unit.start:unit.end], names)
            yield unit


class Within:
    """Records with ``start``/``end`` (quotes, figures), found by the range they fall in
    without reading the others: sorted by start, with the running maximum of their ends.
    Answers list the records in the order they were given."""

    def __init__(self, records):
        self.order = sorted(range(len(records)), key=lambda i: records[i].start)
        self.records = records
        self.starts = [records[i].start for i in self.order]
        self.reach, furthest = [], None
        for i in self.order:
            furthest = records[i].end if furthest is None or records[i].end > furthest else furthest
            self.reach.append(furthest)

    def inside(self, start, end):
        """Records with ``start <= r.start and r.end <= end``."""
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_right(self.starts, end)
        found = [i for i in self.order[low:high] if self.records[i].end <= end]
        return [self.records[i] for i in sorted(found)]

    def overlapping(self, start, end):
        """Records with ``r.start < end and start < r.end``."""
        found = []
        index = bisect.bisect_left(self.starts, end) - 1
        while index >= 0 and self.reach[index] > start:
            if self.records[self.order[index]].end > start:
                found.append(self.order[index])
            index -= 1
        return [self.records[i] for i in sorted(found)]


class _MidSentenceNames:
    """Does ``re.search(r"[a-z,;] WORD\\b", text)`` match, for capitalised words, asked
    once per word: only where " " and the word's first run of word characters occur."""

    def __init__(self, text):
        self.text = text
        self.answers = {}

    def printed(self, word):
        """``re.search(r"[a-z,;] %s\\b" % re.escape(word), text)`` for a word opening on A-Z."""
        if word not in self.answers:
            text = self.text
            run = _WORD_RUN.match(word)
            needle = " " + run.group() if run else None
            at = text.find(needle) if needle else -1
            found = False
            while at >= 0:
                end = at + 1 + len(word)
                if text[at - 1:at] in _LOWER_OR_COMMA and text.startswith(word, at + 1) \
                        and _is_word_char(word[-1]) != _is_word_char(text[end:end + 1]):  # \b after it
                    found = True
                    break
                at = text.find(needle, at + 1)
            self.answers[word] = found
        return self.answers[word]


_WORD_RUN = re.compile(r"\w+")
_LOWER_OR_COMMA = frozenset("abcdefghijklmnopqrstuvwxyz,;")


def _is_word_char(char):
    """Does ``char`` (one character, or "" past the text's end) match ``\\w``?"""
    return char.isalnum() or char == "_"


def _opens_on_name(text, sentence, names=None):
    """Does the clause open on a name ("Nadella has tried …")? A name is capitalised mid-sentence too."""
    first = WORD.search(main_clause(sentence))
    if not (bool(first) and first.group()[0].isupper() and first.group() != "I"):
        return False
    if names is None or not "A" <= first.group()[0] <= "Z":
        return bool(re.search(r"[a-z,;] %s\b" % re.escape(first.group()), text))
    return names.printed(first.group())


def _sentences(text, partial):
    """Sentence spans, never ending inside a partial quote, but after "U.S." when a sentence opens.

    A quoted fragment may hold a full stop (“does not find criminals. It
    finds routines,”) without ending the writer's sentence; only its last
    character may end it.
    """
    ranges = [(quote.start, max(quote.start, quote.end - 1)) for quote in partial]
    if all(0 <= start and end <= len(text) for start, end in ranges):
        masked = mask(text, ranges, lambda part: _NOT_SPACE.sub("x", part))  # spaces stay
    else:  # offsets outside the text (not extract_quotes'): as the character-by-character loop did
        chars = list(text)
        for start, end in ranges:
            for i in range(start, end):
                if not chars[i].isspace():
                    chars[i] = "x"
        masked = "".join(chars)
    spans = []
    for start, end in sentence_spans(masked):
        if _ABBREVIATED_STOP.search(text, start, end):  # no "U.S.", no end inside
            for stop in _ABBREVIATION_END.finditer(text, start, end):
                spans.append((start, stop.end()))
                start = stop.end() + 1
        spans.append((start, end))
    return spans


def trim(text, unit):
    """(start, end, footnote number) of a unit without marks, datelines and footnote markers."""
    start, end = unit.start, unit.end
    while start < end and text[start] in OPEN_MARKS:
        start += 1
    if unit.quoted:
        while end > start and text[end - 1] in CLOSE_MARKS:
            end -= 1
        return start, end, None
    dateline = _DATELINE.match(text, start, end)
    if dateline and (start == 0 or text[start - 1] == "\n"):
        start = dateline.end()  # "LARKSPUR, Vellmont — The coalition …"
    note = _FOOTNOTE_MARK.search(text, max(start, end - 6), end)  # it ends the unit: 4 characters at most
    if note:
        return start, note.start(), note.group(1) or note.group(2)
    return start, end, None


_NOT_SPACE = re.compile(r"\S")
