"""Score extracted figures against gold annotations (GUIDELINES.md, figures).

Gold figures carry ``text`` (an exact substring of the document) and
``value``, ``unit``, ``qualifier``; system figures carry the same keys plus
``start``/``end``.

Two matchings per document, both one-to-one in order of occurrence:
- strict: the texts agree under ``figure_text_key`` (trimmed of whitespace and
  punctuation, casefolded);
- overlap: strict matches, then pairs whose spans overlap by at least half of the
  shorter span ("more than 100" vs "more than 100 of the tech giant's employees"
  do not; "$19.4 million" vs "$19.4 million dollar" do).
Attribute accuracies (unit, qualifier, value) are measured over matched pairs.
Unlike quotes and claims, an empty side scores 0.0 here (``prf(..., empty=0.0)``).
"""
from .common import figure_text_key, match_records, prf, ratio, tally, unmatched

VALUE_TOLERANCE = 5e-3  # relative: "one in three" annotated 0.333 still matches 1/3
MIN_OVERLAP = 0.5


def _text_key(figure):
    return figure_text_key(figure["text"])


def locate(text, figures):
    """(start, end) of each figure in ``text``: its own offsets when given, else
    the n-th occurrence of its text for the n-th figure with that text.

    (Claims locate theirs differently: ``claims.locate``.)"""
    spans, seen = [], {}
    for figure in figures:
        if figure.get("start") is not None:
            spans.append((figure["start"], figure["end"]))
            continue
        found, count = -1, seen.get(figure["text"], 0)
        for _ in range(count + 1):
            found = text.find(figure["text"], found + 1)
            if found < 0:
                break
        seen[figure["text"]] = count + 1
        spans.append((found, found + len(figure["text"])) if found >= 0 else (-1, -1))
    return spans


def match_figures(gold, system, text=None, overlap=False, min_overlap=MIN_OVERLAP):
    """Pairs (gold index, system index) matched one-to-one in order of occurrence."""
    pairs = match_records(gold, system, _text_key)
    if overlap and text is not None:
        used_gold = {g for g, _ in pairs}
        used_system = {s for _, s in pairs}
        gold_spans, system_spans = locate(text, gold), locate(text, system)
        order = sorted(range(len(gold)), key=lambda i: gold_spans[i])
        for g in (i for i in order if i not in used_gold):
            for s in sorted(range(len(system)), key=lambda i: system_spans[i]):
                if s not in used_system and _overlaps(gold_spans[g], system_spans[s], min_overlap):
                    pairs.append((g, s))
                    used_system.add(s)
                    break
    return sorted(pairs)


def _overlaps(first, second, min_overlap):
    """Do two spans share at least ``min_overlap`` of the shorter one?"""
    if first[0] < 0 or second[0] < 0:
        return False
    shared = min(first[1], second[1]) - max(first[0], second[0])
    shorter = min(first[1] - first[0], second[1] - second[0])
    return shorter > 0 and shared >= min_overlap * shorter


def same_value(gold, system):
    """Values agree within a relative tolerance (and value_max when gold has one)."""
    def close(a, b):
        if a is None or b is None:
            return a is None and b is None
        return abs(float(a) - float(b)) <= VALUE_TOLERANCE * max(abs(float(a)), 1e-9)
    if not close(gold.get("value"), system.get("value")):
        return False
    return gold.get("value_max") is None or close(gold["value_max"], system.get("value_max"))


def score_documents(documents, overlap=False):
    """Scores over ``documents``: an iterable of (text, gold figures, system figures).

    Returns a dict: tp, fp, fn, precision, recall, f1, and unit_accuracy,
    qualifier_accuracy, value_accuracy, vague_accuracy over the matched pairs.
    """
    counts = [0, 0, 0]
    agree = {"unit": 0, "qualifier": 0, "value": 0, "vague": 0}
    for text, gold, system in documents:
        for g, s in tally(counts, gold, system, match_figures(gold, system, text, overlap=overlap)):
            agree["unit"] += gold[g]["unit"].casefold() == (system[s]["unit"] or "").casefold()
            agree["qualifier"] += gold[g]["qualifier"] == system[s]["qualifier"]
            agree["value"] += same_value(gold[g], system[s])
            agree["vague"] += bool(gold[g].get("vague")) == bool(system[s].get("vague"))
    scores = prf(*counts, empty=0.0)
    for name, count in agree.items():
        scores[name + "_accuracy"] = ratio(count, scores["tp"], empty=0.0)
    return scores


def errors(text, gold, system, overlap=False):
    """(missed gold figures, spurious system figures) of one document, for reading."""
    return unmatched(gold, system, match_figures(gold, system, text, overlap=overlap))


def score_families(documents):
    """Pairwise family scores over matched figures of all ``documents``.

    ``documents``: (text, gold figures with ``family``, system figures with
    ``family_id``). Over every pair of matched figures, across documents: is
    the pair in one family in the gold, in the system, or both?
    """
    matched = []
    for text, gold, system in documents:
        for g, s in match_figures(gold, system, text):
            matched.append((gold[g]["family"], system[s]["family_id"]))
    tp = fp = fn = 0
    for i, (gold_i, system_i) in enumerate(matched):
        for gold_j, system_j in matched[i + 1:]:
            same_gold, same_system = gold_i == gold_j, system_i == system_j
            tp += same_gold and same_system
            fp += same_system and not same_gold
            fn += same_gold and not same_system
    return {"pairs": len(matched), **prf(tp, fp, fn, empty=0.0)}
