"""Score extracted records against gold annotations (GUIDELINES.md).

Plain functions over lists of dicts, so tests, ``bench/`` scripts and later
figure scoring share them. Records are matched per document, one-to-one, in
order of occurrence; a set of documents is scored by summing the counts.
"""
import re
import unicodedata

from ingest.names import name_key, normalise_name

# Punctuation and spaces trimmed from both ends of a quote before comparing:
# "mission critical," and "mission critical" are the same quote.
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def quote_key(text):
    """The comparison form of a quote text: trimmed of edge punctuation, casefolded."""
    text = unicodedata.normalize("NFC", text or "")
    return " ".join(_EDGE.sub("", text).casefold().split())


def same_value(gold, system):
    """Do two names, titles or orgs agree once normalised? None equals None."""
    if not gold or not system:
        return not gold and not system
    return name_key(gold) == name_key(system) or normalise_name(gold) == normalise_name(system)


def prf(tp, fp, fn):
    """Precision, recall and F1; an empty side counts as perfect, as is usual."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


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


def _text_key(record):
    return quote_key(record["text"])


def _speaker_key(record):
    speaker = record.get("speaker")
    return quote_key(record["text"]), name_key(speaker) if speaker else None


def score_quotes(documents):
    """Quote scores over ``documents``: a list of (gold quotes, system quotes).

    Quotes are dicts with the gold fields (text, speaker, title, org,
    partial). Returns {"full", "partial", "all", "speaker": prf dicts,
    "title", "org": accuracy over quotes matched by text, "matched": n}.
    """
    counts = {name: [0, 0, 0] for name in ("full", "partial", "all", "speaker")}
    agree = {"title": 0, "org": 0}
    matched = 0
    for gold, system in documents:
        for name, wanted in (("full", False), ("partial", True)):
            _count(counts[name], [q for q in gold if bool(q["partial"]) == wanted],
                   [q for q in system if bool(q["partial"]) == wanted], _text_key)
        pairs = _count(counts["all"], gold, system, _text_key)
        _count(counts["speaker"], gold, system, _speaker_key)
        matched += len(pairs)
        for g, s in pairs:
            for field in agree:
                agree[field] += same_value(gold[g].get(field), system[s].get(field))
    result = {name: prf(*values) for name, values in counts.items()}
    for field, hits in agree.items():
        result[field] = hits / matched if matched else 1.0
    result["matched"] = matched
    return result


def _count(totals, gold, system, key):
    pairs = match_records(gold, system, key)
    totals[0] += len(pairs)
    totals[1] += len(system) - len(pairs)
    totals[2] += len(gold) - len(pairs)
    return pairs


def quote_errors(gold, system):
    """What went wrong in one document, for eyeballing: missed, spurious, wrong fields."""
    pairs = match_records(gold, system, _text_key)
    matched_gold = {g for g, _ in pairs}
    matched_system = {s for _, s in pairs}
    errors = [("missed", q, None) for i, q in enumerate(gold) if i not in matched_gold]
    errors += [("spurious", None, q) for i, q in enumerate(system) if i not in matched_system]
    for g, s in pairs:
        for field in ("speaker", "title", "org", "partial"):
            if field == "partial":
                wrong = bool(gold[g]["partial"]) != bool(system[s]["partial"])
            else:
                wrong = not same_value(gold[g].get(field), system[s].get(field))
            if wrong:
                errors.append((field, gold[g], system[s]))
    return errors
