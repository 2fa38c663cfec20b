"""Attribution: who said each quoted span.

First the sentence around the quote ("…,” said Name, title at Org · Name
said: “…” · “…” – Name, Title, Org · according to Name · "…,” he warned"),
then the document around it: a quote continued over paragraphs, the other
half of a split quote, a colon lead-in, the same words quoted elsewhere,
the speaker of the paragraph before, a sentence after that names the
speaker. ``clauses`` finds the phrases, ``speakers`` says whom they name.
"""
import re

from .clauses import (
    clause_subject, is_passive, lead, np_extent, parse_after, subject_before, trailing_tag,
)
from .lexicon import PRONOUNS
from .mentions import Mentions, Speaker
from .quote_spans import by_paragraph, local_context
from .reporting_verbs import ACCORDING_TO, REPORTING_VERB
from .sentences import mask
from .speakers import classify_np


def attribute(text, spans, quoted=None):
    """Set ``span.speaker`` and ``span.attribution`` on every span, in place.

    ``quoted`` lists every quoted stretch, kept or not (titles too), so that
    names inside quotation marks are never taken for speakers.
    """
    mentions = Mentions(text, quoted if quoted is not None else [(s.open, s.close) for s in spans])
    masked = _mask_quotes(text, quoted if quoted is not None else [(s.open, s.close) for s in spans])
    neighbours = by_paragraph(spans)  # local_context looks only at a span's own paragraph
    for span in spans:
        found = in_sentence(text, masked, span, neighbours[span.paragraph], mentions)
        if found:
            span.speaker, span.attribution = found
            mentions.record(span.open, span.speaker)
    _from_document(text, masked, spans, mentions)


def _mask_quotes(text, quoted):
    """The text with quote interiors blanked, so names inside quotes are never speakers."""
    return mask(text, [(start, min(end, len(text))) for start, end in quoted], lambda part: _NOT_SPACE.sub("_", part))


_NOT_SPACE = re.compile(r"\S")


# ---- the sentence ------------------------------------------------------
def in_sentence(text, masked, span, spans, mentions):
    """(Speaker, attribution span) from the quote's own sentence, or None."""
    (_, _), (a0, a1) = local_context(text, span, spans)
    if span.partial:
        # A fragment belongs to the clause around it: "X said it viewed … as “…” the …".
        found = parse_before(masked, span.sentence[0], span.open, mentions)
        if found:
            return found
    after = parse_after(text[a0:a1])
    if after and _after_counts(text, span, text[a0:a1]):
        np_start, np_end, clause_end = (a0 + x for x in after)
        np = masked[np_start:np_end]
        speaker = classify_np(np, np_start, mentions)
        described = _LEADING_DETERMINER.match(np.strip())
        if speaker is None and described and np.strip().lower() not in PRONOUNS:
            speaker = Speaker(None, None)  # the text names someone we cannot resolve: say nobody
        if speaker:
            return speaker, (a0 + lead(text[a0:a1]), clause_end)
    found = parse_before(masked, span.sentence[0], span.open, mentions)
    return found or _according_to(masked, span, mentions) or _trailing(masked, a0, a1, mentions)


def _after_counts(text, span, clause):
    """A quote ending a sentence ("…time.”) takes an attribution only if it reads as one."""
    quoted = text[span.start:span.end].rstrip("”’\"' ")
    if not quoted.endswith(".") or not span.closed:
        return True
    stripped = clause.lstrip(" ,")
    return bool(stripped) and (stripped[0].islower() or stripped[0] in "–—-")


def parse_before(masked, sentence_start, quote_open, mentions):
    """The subject of the reporting verb closest before the quote ("Name said: “…")."""
    region = masked[sentence_start:quote_open]
    verbs = [m for m in REPORTING_VERB.finditer(region) if not is_passive(region, m.start())]
    for verb in reversed(verbs):
        subject = subject_before(region[:verb.start()])
        if subject is None or verb.group().endswith("ing"):
            # "but said …", "…, warning: “…": the subject is the clause's own.
            subject = clause_subject(region[:verb.start()]) or subject
        if subject is None:
            continue
        np_start, np_end = (sentence_start + x for x in subject)
        speaker = classify_np(masked[np_start:np_end], np_start, mentions)
        if speaker:
            return speaker, (np_start, sentence_start + verb.end())
    return None


def _according_to(masked, span, mentions):
    start, end = span.sentence
    match = ACCORDING_TO.search(masked, start, end)
    if not match:
        return None
    np_end = match.end() + np_extent(masked[match.end():end])
    comma = masked.find(",", match.end(), np_end)
    if comma != -1 and not _APPOSITIVE_COMMA.match(masked[comma:np_end]):
        np_end = comma  # "according to Microsoft's own communications, their product…"
    np_start = match.end() + len(masked[match.end():np_end]) - len(masked[match.end():np_end].lstrip())
    speaker = classify_np(masked[np_start:np_end], np_start, mentions)
    return (speaker, (match.start(), np_end)) if speaker else None


def _trailing(masked, start, end, mentions):
    """"…the interests” shared by Ukraine and the U.S., he warned.": the tag ends the sentence."""
    tag = trailing_tag(masked[start:end])
    if not tag:
        return None
    np_start = start + tag[0]
    speaker = classify_np(masked[np_start:start + tag[1]], np_start, mentions)
    return (speaker, (np_start, start + tag[2])) if speaker else None


# ---- the document -------------------------------------------------------
def _from_document(text, masked, spans, mentions):
    """Speakers for quotes whose sentence names nobody, from the quotes around them."""
    _chains(spans)
    document = _Document(text, spans)
    for index, span in enumerate(spans):
        if span.speaker is not None:
            continue
        for rule in (_split_quote, _colon_lead_in, _same_words, _previous_paragraph, _next_sentence):
            found = rule(text, masked, spans, index, mentions, document)
            if found:
                span.speaker, span.attribution = found
                break


class _Document:
    """Indexes over the quoted spans, built once so each rule looks only at the spans it
    concerns: the spans of each paragraph, and which spans hold each run of three words."""

    def __init__(self, text, spans):
        self.text = text
        self.spans = spans
        self.paragraphs = {}   # paragraph -> [(index, span)] in order
        for index, span in enumerate(spans):
            self.paragraphs.setdefault(span.paragraph, []).append((index, span))
        self._words = None
        self._trigrams = None

    def words(self, index):
        if self._words is None:
            self._words = [_words(self.text[s.start:s.end]) for s in self.spans]
        return self._words[index]

    def holding(self, needle):
        """Indexes, in order, of the spans whose words may hold ``needle`` (3 words or more)."""
        if self._trigrams is None:
            self._trigrams = {}
            for index in range(len(self.spans)):
                words = self.words(index)
                for key in set(zip(words, words[1:], words[2:])):
                    self._trigrams.setdefault(key, []).append(index)
        return self._trigrams.get(tuple(needle[:3]), ())


def _chains(spans):
    """A quote reopened on each paragraph shares one speaker across the paragraphs."""
    group = []
    for span in spans + [None]:
        last = group[-1] if group else None
        reopened = last is not None and span is not None and last.continues and span.paragraph == last.paragraph + 1
        if span is not None and (not group or reopened):
            group.append(span)
            continue
        attributed = [s for s in group if s.speaker is not None]
        for member in group:
            if attributed and member.speaker is None:
                member.speaker, member.attribution = attributed[0].speaker, attributed[0].attribution
        group = [span] if span is not None else []


def _split_quote(text, masked, spans, index, mentions, document=None):
    """“A,” she said. “B.”: the neighbouring quote in the paragraph lends its speaker."""
    span = spans[index]
    if span.partial:
        return None
    for other in (spans[index - 1] if index else None, spans[index + 1] if index + 1 < len(spans) else None):
        if other is None or other.paragraph != span.paragraph or other.speaker is None or other.partial:
            continue
        between = masked[min(other.close, span.close):max(other.open, span.open)]
        if other.close <= span.open or not between.strip():
            return other.speaker, other.attribution
    return None


def _colon_lead_in(text, masked, spans, index, mentions, document=None):
    """"Roberts said in a statement:" then the quote on its own."""
    span = spans[index]
    end = span.open  # the end of masked[:span.open].rstrip(), without copying what is before
    while end > 0 and masked[end - 1].isspace():
        end -= 1
    if masked[end - 1:end] != ":":
        return None
    sentence_start = max(masked.rfind("\n", 0, end), masked.rfind(". ", 0, end)) + 1
    found = parse_before(masked, sentence_start, end, mentions)
    subject = None if found else clause_subject(masked[sentence_start:end])
    if subject:  # "Organizers issued the following statement:"
        np_start = sentence_start + subject[0]
        speaker = classify_np(masked[np_start:sentence_start + subject[1]], np_start, mentions)
        found = (speaker, (np_start, end)) if speaker else None
    return found


def _same_words(text, masked, spans, index, mentions, document=None):
    """A headline or pull quote repeats words quoted, and attributed, elsewhere."""
    document = document or _Document(text, spans)
    span = spans[index]
    words = document.words(index)
    if len(words) < 3:  # "a lot" recurs by chance; three words in the same order rarely do
        return None
    for other_index in document.holding(words):  # the spans holding its first three words
        other = spans[other_index]
        if other is span or other.speaker is None:
            continue
        if _contains(document.words(other_index), words):
            return other.speaker, other.attribution
    return None


def _words(quoted):
    return _WORD.findall(quoted.casefold())


def _contains(haystack, needle):
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def _previous_paragraph(text, masked, spans, index, mentions, document=None):
    """A quote opening its paragraph continues the speaker of the paragraph before."""
    document = document or _Document(text, spans)
    span = spans[index]
    if span.partial or masked[max(0, span.open - 1):span.open] not in ("", "\n"):
        return None
    before = [s for i, s in document.paragraphs.get(span.paragraph - 1, ()) if i < index]
    if before and before[-1].speaker is not None and before[-1].speaker.name:
        return before[-1].speaker, before[-1].attribution
    para_start = masked.rfind("\n", 0, max(0, span.open - 1))
    offset = masked.rfind("\n", 0, max(0, para_start)) + 1
    previous = masked[offset:max(0, para_start)]
    if previous.strip() and not before:
        found = parse_before(masked, offset, offset + len(previous.rstrip()), mentions)
        if found and found[0].kind == "person" and found[0].name:
            return found
    return None


def _next_sentence(text, masked, spans, index, mentions, document=None):
    """A quote on its own, then the sentence that names who said it:
    "Jonah Feld, a software engineer…, said…" or "That was how Senator X opened…"."""
    span = spans[index]
    if span.partial:
        return None
    rest = masked[span.close:span.close + 400]
    gap = len(rest) - len(rest.lstrip())
    if "\n" in rest[:gap] and masked[max(0, span.open - 1):span.open] not in ("", "\n"):
        return None  # only a quote standing alone may take the next paragraph's speaker
    sentence = _SENTENCE_BREAK.split(rest[gap:], maxsplit=1)[0]
    start = span.close + gap
    that = _THAT_WAS_HOW.match(sentence)
    if that:
        np = _SPACE_BEFORE_VERB.split(sentence[that.end():].split(",")[0])[0]
        found = classify_np(np, start + that.end(), mentions)  # "… Marisol Quintero opened the session"
    else:
        verb = REPORTING_VERB.search(sentence)
        subject = subject_before(sentence[:verb.start()]) if verb else None
        found = subject and classify_np(sentence[subject[0]:subject[1]], start + subject[0], mentions)
    if found and found.kind == "person" and found.name:
        return found, (start, start + len(sentence))
    return None


# Patterns of the functions above, compiled once.
_LEADING_DETERMINER = re.compile(r"(?:the|a|an|one|another)\s", re.I)
_APPOSITIVE_COMMA = re.compile(r",\s+(?:an?|the|who)\s")
_WORD = re.compile(r"\w+")
_THAT_WAS_HOW = re.compile(r"(?:That|This|Those|These|So)\s+(?:was|were|is|are|said)\s+"
                           r"(?:how|what|the words of|the message from)?\s*")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])|\n")
_SPACE_BEFORE_VERB = re.compile(r"\s+(?=[a-z]+(?:ed|s)\b)")
