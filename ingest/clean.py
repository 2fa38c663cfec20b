"""Cleaning: drop boilerplate lines from decoded text and say what was dropped.

Cleaning only ever removes whole lines (and the blank lines that follow them),
never rewrites characters, so the clean text is the decoded text minus a list
of recorded ranges. That keeps offsets honest and lets ``kb check`` re-derive
the stored text from the raw input.
"""
import re
from dataclasses import dataclass


@dataclass
class Dropped:
    start: int  # offsets into the decoded text, before cleaning
    end: int
    reason: str
    text: str


# Headings after which a scraped page carries only links to other stories.
TRAILER_HEADINGS = re.compile(
    r"(?i)^(related( content| stories| articles| coverage| links)?|more stories|"
    r"recommended( for you)?|you may also like|read more|more from .{1,40}|"
    r"trending( now)?|most popular|most read)\s*:?$"
)
# Press-release end marks.
END_MARKS = re.compile(r"^(#\s*#\s*#|-\s*30\s*-|ENDS?)$")
# Residue of sign-up forms and their privacy notices. Kept narrow on purpose:
# an article about privacy must not lose its sentences.
FORM_RESIDUE = re.compile(
    r"(?i)^not\s+[^?\n]{0,40}\?\s*click here\.?$"
    r"|\byou (?:may|can) unsubscribe at any time\b"
    r"|\bread our privacy policy\b"
    r"|\bwe (?:take|respect) your privacy\b"
    r"|^(?:sign up|subscribe) (?:for|to) (?:our|the) (?:newsletter|updates|email list)\b"
    r"|\bprotected by recaptcha\b"
)
# A trailer heading ends the article only if what follows looks like a list
# of links: a few short lines.
TRAILER_MAX_LINES = 15
TRAILER_MAX_LINE = 160


def clean_text(text):
    """Return ``(clean_text, dropped)`` for decoded text."""
    lines = _lines(text)
    reasons = _line_reasons(text, lines)
    ranges = []
    for index, (start, end) in enumerate(lines):
        if reasons[index]:
            following = lines[index + 1][0] if index + 1 < len(lines) else len(text)
            ranges.append((start, following, reasons[index]))
    ranges.extend(_edge_whitespace(text, ranges))
    return _apply(text, ranges)


def _lines(text):
    """(start, end) of each non-blank line, without its newline."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _line_reasons(text, lines):
    stripped = [text[start:end].strip() for start, end in lines]
    reasons = [None] * len(lines)
    for index, line in enumerate(stripped):
        if index and line == stripped[index - 1]:
            reasons[index] = "repeated paragraph"
        elif END_MARKS.match(line):
            reasons[index] = "end mark"
        elif FORM_RESIDUE.search(line) and len(line) < 400:
            reasons[index] = "form residue"
    trailer = _trailer_start(stripped)
    if trailer is not None:
        for index in range(trailer, len(lines)):
            reasons[index] = reasons[index] or "related links"
    return reasons


def _trailer_start(stripped):
    for index, line in enumerate(stripped):
        if TRAILER_HEADINGS.match(line):
            rest = stripped[index + 1:]
            if len(rest) <= TRAILER_MAX_LINES and all(len(r) <= TRAILER_MAX_LINE for r in rest):
                return index
    return None


def _edge_whitespace(text, ranges):
    """Ranges for leading and trailing whitespace left once lines are dropped."""
    removed = sorted((start, end) for start, end, _ in ranges)
    kept_start = 0
    while kept_start < len(text) and (text[kept_start].isspace() or _inside(kept_start, removed)):
        kept_start += 1
    kept_end = len(text)
    while kept_end > kept_start and (text[kept_end - 1].isspace() or _inside(kept_end - 1, removed)):
        kept_end -= 1
    edges = []
    for lo, hi in ((0, kept_start), (kept_end, len(text))):
        # Only the stretches no dropped line already covers.
        for start, end in removed:
            if lo < start < hi:
                edges.append((lo, start, "whitespace"))
            if start < hi:
                lo = max(lo, end)
        if lo < hi:
            edges.append((lo, hi, "whitespace"))
    return edges


def _inside(offset, removed):
    return any(start <= offset < end for start, end in removed)


def _apply(text, ranges):
    """Cut the ranges out of text; overlapping ranges keep the first reason."""
    dropped = []
    for start, end, reason in sorted(ranges):
        if dropped and start < dropped[-1].end:
            if end <= dropped[-1].end:
                continue
            start = dropped[-1].end
        dropped.append(Dropped(start, end, reason, text[start:end]))
    pieces, cursor = [], 0
    for item in dropped:
        pieces.append(text[cursor:item.start])
        cursor = item.end
    pieces.append(text[cursor:])
    return "".join(pieces), dropped
