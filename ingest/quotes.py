"""Quote detection: find quoted speech and hand it to attribution.

The flow: find quotation-mark pairs paragraph by paragraph
(``quote_spans.find_spans``), drop titles, names and labels, decide full vs
partial from the sentence around each span, then ``attribution.attribute``
names the speakers. Offsets are Python ``str`` offsets into the text the
caller passed.
"""
import os
import re
from dataclasses import dataclass

from .attribution import attribute
from .clauses import is_attribution_clause
from .quote_spans import by_paragraph, find_spans, local_context, set_sentences
from .reporting_verbs import ACCORDING_TO, REPORTING_VERB

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
    spans = find_spans(text)
    set_sentences(text, spans)
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
