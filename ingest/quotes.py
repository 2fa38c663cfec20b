"""Quote detection: find quoted speech and hand it to attribution.

The flow: find quotation-mark pairs paragraph by paragraph (``find_spans``),
drop titles, names and labels, decide full vs partial from the sentence
around each span, then ``attribution.attribute`` names the speakers.
Offsets are Python ``str`` offsets into the text the caller passed.
"""
import bisect
import copy
import os
import re
from dataclasses import dataclass

from .lexicon import word_alternation
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

# The one list of reporting verbs (every form used after or before a quote).
REPORTING_VERBS = tuple("""
said says say saying told tells tell telling wrote writes write writing written added adds
add adding asked asks ask asking explained explains explaining noted notes noting stated
states stating declared declares declaring announced announces announcing argued argues
arguing warned warns warning insisted insists insisting claimed claims claiming continued
continues recalled recalls recalling acknowledged acknowledges admitted admits agreed agrees
replied replies replying responded responds remarked remarks observed observes conceded
concedes commented comments commenting tweeted tweets tweeting posted posts emailed
texted quipped quips joked jokes joking cautioned cautions urged urges urging stressed
stresses emphasized emphasizes emphasised emphasises testified testifies
suggested suggests recounted recounts described describes describing called calls calling
reported reports pledged pledges promised promises vowed vows boasted boasts
denied denies countered counters shouted yelled begged begs lamented laments complained
complains mused muses offered wondered wonders demanded demands reiterated reiterates
maintained maintains affirmed confirmed confirms assured assures alleged alleges contended
contends asserted asserts hinted mouthed dubbed blasted exclaimed whispered chanted
retorted opined speculated teased proclaimed characterized characterised termed labeled
labelled branded deemed chimed explains explained pointed messaged yelling shouting
declaring screamed cried concluded concludes advised advises
""".split())
_VERB_FORMS = frozenset(REPORTING_VERBS)
_VERB_ALTERNATION = word_alternation(_VERB_FORMS)  # the longest form first, factored by prefix
REPORTING_VERB = re.compile(rf"\b(?:{_VERB_ALTERNATION})\b")
# The one reporting phrase that is not a verb: its speaker follows it.
ACCORDING_TO = re.compile(r"\baccording to\b", re.I)

# A quoted span next to these words names a thing rather than reporting words.
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:known as|dubbed|nicknamed|nickname of|nickname|titled|entitled|named|so-called|"
    r"the term|the terms|the word|"
    r"the phrase|the name|the slogan|slogan|tagline|motto|hashtag|brand(?:ed)?|album|song|single|"
    r"track|film|movie|show|series|book|novel|episode|play|poem|campaign|program|programme|"
    r"initiative|operation|jam|hit|hits|label|named it|renamed|e-?book|guide|newsletter|podcast|"
    r"documentary|exhibition|course|code|coupon|promo code)\s*(?:of\s+)?(?:the\s+)?)$",
    re.I,
)
_LABEL_AFTER = re.compile(
    r"^\s*(?:campaign|policy|policies|slogan|tagline|movement|program|programme|formula|"
    r"doctrine|initiative|tour|album|song|act|bill|law|marches|march|rally|label|brand|"
    r"narratives?|hashtag|trend|trends|campaigns|doctrine|strategy|plan|agenda|era|rule)\b",
    re.I,
)
# Words that keep lower case inside titles of works ("Dancing with the Stars").
_TITLE_SMALL = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for",
                "with", "by", "from", "as", "is", "it", "vs", "via", "per", "nor", "so", "up"}


# Development aid: CAMPAIGN_KB_DEBUG=1 lets extraction bugs raise instead of hiding.
_DEBUG = os.environ.get("CAMPAIGN_KB_DEBUG") == "1"


@dataclass
class Quote:
    """One quoted span and who said it (see GUIDELINES.md)."""

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_kind: str | None
    title: str | None
    org: str | None
    partial: bool
    attribution_start: int | None = None
    attribution_end: int | None = None


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


def extract_quotes(text):
    """Every quote in ``text`` with its speaker, ordered by start; never raises."""
    if not isinstance(text, str) or not text:
        return []
    try:
        return _extract(text)
    except Exception:  # noqa: BLE001 - one odd document must not stop an import
        if _DEBUG:
            raise
        return []


def _extract(text):
    # Imported here: attribution and clauses read this module's tables.
    from .attribution import attribute
    from .clauses import is_attribution_clause

    spans = find_spans(text)
    _set_sentences(text, spans)
    labels = set()
    kept = []
    neighbours = by_paragraph(spans)
    for span in spans:
        span.partial = _is_partial(text, span, neighbours[span.paragraph], is_attribution_clause)
        if _is_label(text, span):
            labels.add(_key(text[span.start:span.end]))
        else:
            kept.append(span)
    kept = [s for s in kept if _key(text[s.start:s.end]) not in labels]
    attribute(text, kept, quoted=[(s.open, s.close) for s in spans])
    return [_to_quote(text, span) for span in _said(text, kept)]


def _said(text, spans):
    """Drop scare quotes and imagined speech ("…think, “Enough already”"): spans
    nobody is said to speak. The second half of a split quote shares the first's cue."""
    cued = [span.speaker is not None or _has_cue(text, span) for span in spans]
    for i in range(1, len(spans)):
        before = spans[i - 1]
        if cued[i - 1] and not cued[i] and before.paragraph == spans[i].paragraph and not spans[i].partial:
            cued[i] = len(text[before.close:spans[i].open]) < 80
    return [span for span, ok in zip(spans, cued, strict=True) if ok]


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
    rf"\s+(?:{_VERB_ALTERNATION})\b"
    rf"|(?:{_VERB_ALTERNATION})\s+[A-Z])"
)
_SINGLE_SPEECH_BEFORE = re.compile(rf"\b(?:{_VERB_ALTERNATION})\s*[:,]\s*$")


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


def _set_sentences(text, spans):
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


def _is_partial(text, span, spans, is_attribution_clause):
    """A fragment inside a sentence that is not itself speech."""
    (b0, b1), (a0, a1) = local_context(text, span, spans)
    before, after = text[b0:b1].strip(), text[a0:a1].strip()
    after_ok = not _ONLY_PUNCTUATION.sub("", after) or is_attribution_clause(after)
    if not before:
        return not after_ok
    lead_in = before.endswith((":", ",", "—", "–")) or _ENDS_SENTENCE.search(before)
    quoted = text[span.start:span.end]
    # "concluded that, using standard methods, “the full incidence…”": it continues the clause.
    continues_clause = quoted[:1].islower() and _OPEN_THAT_CLAUSE.search(before)
    if lead_in and after_ok and not continues_clause:
        return False
    # "adding “we need everyone on it.”": a speech verb, then the quote to the end.
    ends_sentence = not _ONLY_PUNCTUATION.sub("", after)
    return not (ends_sentence and REPORTING_VERB.search(before.split()[-1] if before.split() else ""))


def _is_label(text, span):
    """Titles of works, names and labels: quoted, but nobody's words."""
    quoted = text[span.start:span.end]
    before = text[span.sentence[0]:span.open]
    after = text[span.close:span.sentence[1]]
    calls = _LABELLING_VERB.search(before)
    if (_LABEL_BEFORE.search(before.rstrip()) and not calls) or _LABEL_AFTER.match(after):
        return True  # ("called the program “a dragnet”" is someone's words about it)
    if _title_case(quoted) and (span.partial or not _attributed_nearby(text, span)):
        return True
    return False


def _title_case(quoted):
    """"Dancing with the Stars", "Black Water", "Pose": a title or a name."""
    words = _TITLE_WORD.findall(quoted)
    if not words or _ENDS_EXCLAIMING.search(quoted):
        return False
    content = [w for w in words if w.lower() not in _TITLE_SMALL]
    if not content or not all(w[0].isupper() for w in content):
        return False
    if len(words) == 1:
        return not _ENDS_STOPPING.search(quoted)
    return len(content) >= 2 or len(words) <= 3


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_ENDS_EXCLAIMING = re.compile(r"[!?]\W*$")
_ENDS_STOPPING = re.compile(r"[.!?]\W*$")


def _attributed_nearby(text, span):
    after = text[span.close:span.sentence[1]][:60]
    before = text[span.sentence[0]:span.open][-40:]
    lead_in = _ENDS_COLON_OR_COMMA.search(before) and REPORTING_VERB.search(before)
    return bool(REPORTING_VERB.search(after) or lead_in)


def _has_cue(text, span):
    """Does the sentence say anyone spoke? Scare quotes have no such cue."""
    if _last_printed(text, span.open) == ":":
        return True  # "…issued the following statement:" then the quote
    sentence = text[span.sentence[0]:span.open] + " " + text[span.close:span.sentence[1]]
    return bool(REPORTING_VERB.search(sentence) or ACCORDING_TO.search(sentence)
                or _SPEECH_CUE.search(sentence))


def _last_printed(text, offset):
    """The last non-space character before ``offset`` ("" if none): ``text[:offset].rstrip()[-1:]``
    without copying the text before it."""
    index = offset - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return text[index] if index >= 0 else ""


def _key(quoted):
    return " ".join(_EDGE_PUNCTUATION.sub("", quoted).casefold().split())


def _to_quote(text, span):
    speaker = span.speaker
    attribution = span.attribution or (None, None)
    return Quote(
        start=span.start,
        end=span.end,
        text=text[span.start:span.end],
        speaker=speaker.name if speaker else None,
        speaker_kind=speaker.kind if speaker else None,
        title=speaker.title if speaker else None,
        org=speaker.org if speaker else None,
        partial=span.partial,
        attribution_start=attribution[0],
        attribution_end=attribution[1],
    )


# Patterns of the functions above, compiled once.
_TRAILING_STOP = re.compile(r"[.!?…]\s*$")
_ENDS_SENTENCE = re.compile(r"(?:\.|\?|!)$")
_OPEN_THAT_CLAUSE = re.compile(r"\bthat\b[^:]*$")
_ONLY_PUNCTUATION = re.compile(r"^[\W_]+$")
_LABELLING_VERB = re.compile(r"\b(?:call|calls|called|calling|describ\w+|label\w*|brand\w*|term\w*)\s+"
                             r"(?:the|this|that|its|their|his|her|our)?\s*[\w-]+\s*$")
_ENDS_COLON_OR_COMMA = re.compile(r"[:,]\s*$")
_SPEECH_CUE = re.compile(r"\b(?:statement|interview|letter|post|tweet|email|report|"
                         r"remarks?|comments?|testimony|speech|words|seen as|portrayed as|"
                         r"expressed)\b", re.I)
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
