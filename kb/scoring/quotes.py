"""Score extracted quotes against gold quotes (GUIDELINES.md, quotes).

Quotes are dicts with the gold fields (text, speaker, title, org, partial).
They are matched per document by ``text_key`` of their text (and, for
quote+speaker, the speaker's ``name_key`` too); an empty side scores 1.0.
"""
from ingest.names import name_key

from .common import match_records, prf, ratio, same_name, tally, text_key, unmatched


def _text_key(record):
    return text_key(record["text"])


def _speaker_key(record):
    speaker = record.get("speaker")
    return text_key(record["text"]), name_key(speaker) if speaker else None


def score_quotes(documents):
    """Quote scores over ``documents``: a list of (gold quotes, system quotes).

    Returns {"full", "partial", "all", "speaker": prf dicts,
    "title", "org": accuracy over quotes matched by text, "matched": n}.
    """
    counts = {name: [0, 0, 0] for name in ("full", "partial", "all", "speaker")}
    agree = {"title": 0, "org": 0}
    matched = 0
    for gold, system in documents:
        for name, wanted in (("full", False), ("partial", True)):
            gold_part = [q for q in gold if bool(q["partial"]) == wanted]
            system_part = [q for q in system if bool(q["partial"]) == wanted]
            tally(counts[name], gold_part, system_part, match_records(gold_part, system_part, _text_key))
        pairs = tally(counts["all"], gold, system, match_records(gold, system, _text_key))
        tally(counts["speaker"], gold, system, match_records(gold, system, _speaker_key))
        matched += len(pairs)
        for g, s in pairs:
            for field in agree:
                agree[field] += same_name(gold[g].get(field), system[s].get(field))
    result = {name: prf(*values) for name, values in counts.items()}
    for field, hits in agree.items():
        result[field] = ratio(hits, matched)
    result["matched"] = matched
    return result


def quote_errors(gold, system):
    """What went wrong in one document, for eyeballing: missed, spurious, wrong fields."""
    pairs = match_records(gold, system, _text_key)
    missed, spurious = unmatched(gold, system, pairs)
    errors = [("missed", q, None) for q in missed] + [("spurious", None, q) for q in spurious]
    for g, s in pairs:
        for field in ("speaker", "title", "org", "partial"):
            if field == "partial":
                wrong = bool(gold[g]["partial"]) != bool(system[s]["partial"])
            else:
                wrong = not same_name(gold[g].get(field), system[s].get(field))
            if wrong:
                errors.append((field, gold[g], system[s]))
    return errors
