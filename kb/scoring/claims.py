"""Score extracted claims against gold claims.

Plain functions over lists of dicts ({"text", "attributed_to"}, plus "start"
and "end" for system claims). Gold claims carry no offsets, so each is
located in the document (repeated texts take successive occurrences).
Claims are matched per document, one-to-one, in order of occurrence:

- strict: the texts are equal under ``text_key``;
- overlap: strict, or the spans overlap by at least 60% of the longer one
  (a claim cut at a different clause boundary still finds its sentence).

``attributed_to`` accuracy is over overlap-matched claims, names compared
normalised; None equals None. An empty side scores 1.0.
"""
from .common import match_first, prf, ratio, same_name, tally, text_key, unmatched

OVERLAP = 0.6


def locate(text, claims):
    """Copies of gold ``claims`` with "start"/"end" found in ``text`` (None if absent).

    A repeated text is searched for after the end of its previous occurrence,
    falling back to its first one (figures locate theirs differently:
    ``figures.locate``)."""
    located, cursor = [], {}
    for claim in claims:
        start = text.find(claim["text"], cursor.get(claim["text"], 0))
        if start == -1:
            start = text.find(claim["text"])
        end = None if start == -1 else start + len(claim["text"])
        cursor[claim["text"]] = (end or 0)
        located.append({**claim, "start": None if start == -1 else start, "end": end})
    return located


def overlaps(gold, system):
    """Do two located claims share at least OVERLAP of the longer span?"""
    if gold.get("start") is None or system.get("start") is None:
        return False
    shared = min(gold["end"], system["end"]) - max(gold["start"], system["start"])
    longer = max(gold["end"] - gold["start"], system["end"] - system["start"])
    return longer > 0 and shared >= OVERLAP * longer


def strict_match(gold, system):
    return text_key(gold["text"]) == text_key(system["text"])


def loose_match(gold, system):
    return strict_match(gold, system) or overlaps(gold, system)


def match_claims(gold, system, same=loose_match):
    """One-to-one (gold index, system index) pairs: each gold claim, in order,
    takes the earliest unmatched system claim that ``same`` accepts."""
    return match_first(gold, system, same)


def score_claims(documents):
    """Claim scores over ``documents``: a list of (text, gold claims, system claims).

    Returns {"strict", "overlap": prf dicts, "attributed_to": accuracy over
    overlap matches, "matched": n}.
    """
    counts = {"strict": [0, 0, 0], "overlap": [0, 0, 0]}
    agree = matched = 0
    for text, gold, system in documents:
        gold = locate(text, gold)
        for name, same in (("strict", strict_match), ("overlap", loose_match)):
            tally(counts[name], gold, system, match_claims(gold, system, same))
        for g, s in match_claims(gold, system):
            matched += 1
            agree += same_name(gold[g].get("attributed_to"), system[s].get("attributed_to"))
    result = {name: prf(*values) for name, values in counts.items()}
    result["attributed_to"] = ratio(agree, matched)
    result["matched"] = matched
    return result


def claim_errors(text, gold, system):
    """("missed", gold, None) / ("spurious", None, system) / ("attributed_to", gold, system)."""
    gold = locate(text, gold)
    pairs = match_claims(gold, system)
    missed, spurious = unmatched(gold, system, pairs)
    errors = [("missed", c, None) for c in missed] + [("spurious", None, c) for c in spurious]
    errors += [("attributed_to", gold[g], system[s]) for g, s in pairs
               if not same_name(gold[g].get("attributed_to"), system[s].get("attributed_to"))]
    return errors
