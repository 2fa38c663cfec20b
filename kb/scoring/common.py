"""What the scorers share: P/R/F1 arithmetic, text keys and one-to-one matching.

Records are matched per document, one-to-one, in order of occurrence; a set of
documents is scored by summing the counts. Two conventions differ between
scorers and are kept as they are, so no published number moves:

- an empty denominator (nothing extracted, nothing to find) counts as perfect
  (1.0) for quotes, claims and entities, as 0.0 for figures and figure
  families (``prf(..., empty=0.0)``); article bodies have their own per-page
  rule (``bodies.page_precision_recall``);
- record texts are compared through ``text_key`` for quotes and claims (every
  non-word character trimmed from the ends, NFC) and ``figure_text_key`` for
  figures (only whitespace, ASCII punctuation and typographic quotes, dashes
  and ellipsis trimmed, no NFC: "€5" keeps its "€").
"""
import re
import string
import unicodedata

from ingest.names import name_key, normalise_name

# --- arithmetic -------------------------------------------------------------------


def ratio(hits, total, empty=1.0):
    """``hits / total``; ``empty`` when there is nothing to divide by."""
    return hits / total if total else empty


def f1_score(precision, recall):
    """Harmonic mean of precision and recall; 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(tp, fp, fn, empty=1.0):
    """Precision, recall and F1 dict; an empty side scores ``empty`` (1.0, as is usual)."""
    precision = ratio(tp, tp + fp, empty)
    recall = ratio(tp, tp + fn, empty)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall,
            "f1": f1_score(precision, recall)}


def tally(totals, gold, system, pairs):
    """Add one document's (tp, fp, fn) to ``totals``, a list of three counts; return ``pairs``."""
    totals[0] += len(pairs)
    totals[1] += len(system) - len(pairs)
    totals[2] += len(gold) - len(pairs)
    return pairs


# --- comparing texts and names ----------------------------------------------------

# Punctuation and spaces trimmed from both ends of a quote or claim before
# comparing: "mission critical," and "mission critical" are the same quote.
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
# What a figure text is trimmed of ("More than 300, " = "more than 300").
_FIGURE_TRIM = string.whitespace + string.punctuation + "“”‘’–—…"


def text_key(text):
    """The comparison form of a quote or claim text: NFC, edge punctuation trimmed, casefolded."""
    text = unicodedata.normalize("NFC", text or "")
    return " ".join(_EDGE.sub("", text).casefold().split())


def figure_text_key(text):
    """The comparison form of a figure text: trimmed of whitespace and punctuation, casefolded."""
    return " ".join(text.strip(_FIGURE_TRIM).casefold().split())


def same_name(gold, system):
    """Do two names, titles or orgs agree once normalised? None equals None."""
    if not gold or not system:
        return not gold and not system
    return name_key(gold) == name_key(system) or normalise_name(gold) == normalise_name(system)


# --- matching ---------------------------------------------------------------------


def match_records(gold, system, key):
    """One-to-one (gold index, system index) pairs with equal ``key(record)``.

    Each gold record, in order of occurrence, takes the earliest unmatched
    system record with the same key, so repeated quotes pair up in order.
    """
    waiting = {}
    for index, record in enumerate(system):
        waiting.setdefault(key(record), []).append(index)
    pairs = []
    for index, record in enumerate(gold):
        queue = waiting.get(key(record))
        if queue:
            pairs.append((index, queue.pop(0)))
    return pairs


def match_first(gold, system, same):
    """One-to-one pairs when records match by a test, not a key: each gold record,
    in order, takes the earliest unmatched system record ``same(gold, system)`` accepts."""
    taken, pairs = set(), []
    for g, gold_record in enumerate(gold):
        for s, system_record in enumerate(system):
            if s not in taken and same(gold_record, system_record):
                taken.add(s)
                pairs.append((g, s))
                break
    return pairs


def unmatched(gold, system, pairs):
    """(gold records no pair holds, system records no pair holds), each in order."""
    matched_gold = {g for g, _ in pairs}
    matched_system = {s for _, s in pairs}
    return ([r for i, r in enumerate(gold) if i not in matched_gold],
            [r for i, r in enumerate(system) if i not in matched_system])
