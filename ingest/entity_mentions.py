"""Every person and organization a document mentions, with exact offsets.

The quote extractor only needs the names around quotes (``mentions.py``);
the knowledge base's ``speakers`` and ``organizations`` tables need every
name, including those inside quotes, so this module scans the whole text:

1. cut each capitalised run into candidate names (``entity_runs``);
2. decide each candidate's kind from the run itself ("CEO Satya Nadella"),
   the words around it ("at Microsoft", "Okafor said") and the document
   (``entity_evidence``: acronyms, headlines, titles of works);
3. let the document settle what one mention cannot: a one-word name takes
   the kind it has elsewhere, list members take their neighbours' kind,
   "Immigration and Customs Enforcement" stays one name while "ICE and
   Border Patrol" is two; headline capitals only confirm names found in
   the body (``entity_document``).
Names nobody vouches for (places, products, sentence openers) are left out.
"""
import bisect
import os
import re
from dataclasses import dataclass

from .entity_document import resolve
from .entity_evidence import Evidence
from .entity_runs import Piece, split_run
from .lexicon import FUNCTION_WORDS, NOT_NAMES
from .names import org_runs
from .quote_spans import find_spans

# Development aid: CAMPAIGN_KB_DEBUG=1 lets extraction bugs raise instead of hiding.
_DEBUG = os.environ.get("CAMPAIGN_KB_DEBUG") == "1"


@dataclass
class EntityMention:
    """One printed name: ``text == document[start:end]``."""

    start: int
    end: int
    text: str
    kind: str                    # 'person' | 'organization'
    expands: str | None = None   # the full name the document gives a short form ("ICE", "Nadella")


def extract_entities(text, quotes=()):
    """Every person and organization mention in ``text``, in order; never raises.

    ``quotes`` may pass the quote spans the caller already has (objects with
    ``open``/``close``/``start``/``end``, as ``quote_spans.find_spans`` returns);
    they are found here otherwise. Quoted titles of works yield no names.
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        return _extract(text, quotes)
    except Exception:  # noqa: BLE001 - one odd document must not stop an import
        if _DEBUG:
            raise
        return []


def _extract(text, quotes):
    """Candidates from the capitalised runs, settled by the whole document."""
    if _foreign(text):
        return []  # the rules read English: German capitalises every noun
    spans = [s for s in quotes if hasattr(s, "open")] or find_spans(text)
    evidence = Evidence(text, spans)
    pieces = _candidates(text, evidence)
    pieces = resolve(text, pieces, evidence)
    return _mentions(text, pieces)


# One-word runs that are always sentence openers: skipped before any other work.
_SENTENCE_OPENERS = {w.capitalize() for w in NOT_NAMES | FUNCTION_WORDS}
_URL_TAIL = re.compile(r"(?:://|www\.|@|\w\.(?:org|com|net|io|gov|edu)/?)\S*[/.]$")

# Frequent words of English and of the other languages the crawl meets most.
_ENGLISH = {"the", "and", "of", "to", "in", "is", "for", "that", "with", "on", "was", "it", "by"}
_OTHER = {"der", "die", "und", "das", "ist", "nicht", "mit", "auf", "für", "ein", "eine", "yang", "dan",
          "ini", "itu", "dengan", "untuk", "dalam", "les", "est", "une", "et", "los", "las", "por",
          "para", "que", "het", "een", "och", "att", "não", "uma", "com"}


def _foreign(text):
    """Is the text mostly in a language other than English?"""
    words = re.findall(r"[^\W\d_]+", text[:5000].lower())  # the opening says enough
    english = sum(1 for w in words if w in _ENGLISH)
    return sum(1 for w in words if w in _OTHER) > english


def _candidates(text, evidence):
    """The pieces of every capitalised run outside quoted titles, URLs and shouted lines,
    plus the full names the document defines acronyms with."""
    pieces = []
    for match in org_runs(text):
        run = match.group()
        start, end = match.span()
        if run in _SENTENCE_OPENERS or evidence.in_title(start) or _in_address(text, start, end):
            continue  # "The", "But", "It": most runs are one sentence opener, skipped cheaply
        if " " in run and _shouted(run):
            continue  # "FOR IMMEDIATE RELEASE": capitals for emphasis, not a name
        pieces.extend(split_run(text, match, evidence))
    defined = [Piece(start, end, text[start:end], "organization") for start, end in evidence.acronyms.values()]
    # A defined name replaces the pieces inside it ("Immigration, Customs, and Enforcement").
    if defined:
        inside = _Spans(defined)
        pieces = [p for p in pieces if not inside.holds(p)]
    return sorted(pieces + defined, key=lambda p: (p.start, -p.end))


class _Spans:
    """Pieces sorted by start, with the running maximum of their ends, asked whether
    one holds a given piece: only those starting at or before it can."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda d: d.start)
        self.starts = [d.start for d in self.spans]
        self.reach, furthest = [], None
        for d in self.spans:
            furthest = d.end if furthest is None or d.end > furthest else furthest
            self.reach.append(furthest)

    def holds(self, piece):
        """``any(d.start <= piece.start and piece.end <= d.end for d in spans)``."""
        index = bisect.bisect_right(self.starts, piece.start) - 1
        while index >= 0 and self.reach[index] >= piece.end:
            if self.spans[index].end >= piece.end:
                return True
            index -= 1
        return False


def _in_address(text, start, end):
    """Inside an email or web address ("press@Fight.org", "example.org/Join"); a photo
    credit's "Kunkler/Staff" is none."""
    if text[end:end + 1] == "@" or text[start - 1:start] == "@":
        return True
    return text[start - 1:start] in ("/", ".") and bool(_URL_TAIL.search(text, max(0, start - 40), start))


def _shouted(run):
    words = [w for w in run.split() if w.isalpha()]
    return sum(1 for w in words if w.isupper() and len(w) > 1) >= 2


def _mentions(text, pieces):
    """EntityMention records for the resolved pieces, in order, without overlaps."""
    result, last_end = [], -1
    for piece in sorted(pieces, key=lambda p: (p.start, -p.end)):
        if piece.kind not in ("person", "organization") or piece.start < last_end:
            continue
        name = text[piece.start:piece.end]
        expands = piece.expands if piece.expands and piece.expands != name else None
        result.append(EntityMention(piece.start, piece.end, name, piece.kind, expands))
        last_end = piece.end
    return result
