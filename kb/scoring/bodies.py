"""Score extracted article bodies against a human-checked ``articleBody``.

The rule of the shared article-bodies benchmark (its README): compare the
word 4-gram shingles of the extracted text and of the reference; per page,
count shingles in both (TP), only extracted (FP) and only in the reference
(FN), with multiplicity, and normalise the three to sum to 1 so a long page
weighs no more than a short one. Precision and recall are averaged over
pages and F1 is taken of the two averages (so this scorer has its own
empty-side rule, ``page_precision_recall``, rather than ``common.prf``).
"""
import re
from collections import Counter

from .common import f1_score, ratio

# Words are runs of letters/digits: punctuation, spacing and paragraph breaks
# do not count, so an extractor is scored on which words it keeps.
_WORD = re.compile(r"\w+")
SHINGLE = 4


def shingles(text, n=SHINGLE):
    """Counter of the word n-grams of ``text``; a text shorter than n is one shingle."""
    words = _WORD.findall(text or "")
    if len(words) < n:
        return Counter([tuple(words)] if words else [])
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def page_counts(reference, extracted):
    """(tp, fp, fn) of one page, normalised to sum to 1 (all zero when both are empty)."""
    truth, found = shingles(reference), shingles(extracted)
    tp = sum((truth & found).values())
    fp = sum((found - truth).values())
    fn = sum((truth - found).values())
    total = tp + fp + fn
    if not total:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision_recall(tp, fp, fn):
    """Precision and recall of one page; a page with nothing to miss and nothing extra is perfect."""
    if not fp and not fn:
        return 1.0, 1.0
    return ratio(tp, tp + fp, empty=0.0), ratio(tp, tp + fn, empty=0.0)


def score_bodies(pairs):
    """Score ``(reference, extracted)`` pairs: dict of precision, recall, f1 and pages."""
    pairs = list(pairs)
    if not pairs:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    per_page = [page_precision_recall(*page_counts(ref, ext)) for ref, ext in pairs]
    precision = sum(p for p, _ in per_page) / len(per_page)
    recall = sum(r for _, r in per_page) / len(per_page)
    return {"precision": precision, "recall": recall, "f1": f1_score(precision, recall), "pages": len(pairs)}
