"""Score extracted people and organization mentions against the gold entity lists.

The gold (``speakers`` and ``organizations`` of a gold file) lists, per
entity, a name, its aliases and the files that mention it. A system mention
is a dict (or an ``EntityMention``) with ``text``, ``kind`` and ``expands``.

Per file:
- recall: share of the file's gold entities with at least one mention whose
  text or ``expands`` matches the gold name or an alias;
- precision: share of the distinct (kind, key) mentions that match some gold
  entity of the file;
- kind accuracy: over matched distinct mentions, share whose kind is the gold's.
Names compare through ``names.name_key``/``org_key``; organization keys are
also compared without spaces ("SumOfUs" = "Sum Of Us"). Recall and precision
count distinct entities and mentions, not one-to-one pairs, so there is no
F1; an empty side scores 1.0.
"""
import dataclasses

from ingest.names import name_key, org_key

from .common import ratio

KINDS = {"speakers": "person", "organizations": "organization"}


def keys(name):
    """Every comparison key of a printed name: person, body and spaceless body forms."""
    if not name:
        return set()
    found = {name_key(name), org_key(name), org_key(name).replace(" ", "")}
    return {key for key in found if key}


def mention_key(mention):
    """The distinct form of a system mention: (kind, spaceless body key)."""
    return mention["kind"], org_key(mention["text"]).replace(" ", "")


def gold_entities(gold, file):
    """The gold entities of one file: dicts with kind, name and a set of keys."""
    entities = []
    for section, kind in KINDS.items():
        for entity in gold.get(section, ()):
            if file in entity.get("files", ()):
                names = [entity["name"], *entity.get("aliases", ())]
                entities.append({"kind": kind, "name": entity["name"],
                                 "keys": set().union(*(keys(n) for n in names))})
    return entities


def _as_dicts(mentions):
    return [dataclasses.asdict(m) if dataclasses.is_dataclass(m) else dict(m) for m in mentions]


def _matching(entity, mention):
    return bool(entity["keys"] & (keys(mention["text"]) | keys(mention.get("expands"))))


def compare_file(entities, mentions):
    """(found gold names, missed gold names, matched distinct mentions with kind agreement,
    spurious distinct mentions) for one file."""
    mentions = _as_dicts(mentions)
    distinct = {}
    for mention in mentions:
        distinct.setdefault(mention_key(mention), []).append(mention)
    found = [e["name"] for e in entities if any(_matching(e, m) for m in mentions)]
    missed = [e["name"] for e in entities if e["name"] not in found]
    matched, spurious = [], []
    for (kind, _), group in distinct.items():
        gold = [e for e in entities if any(_matching(e, m) for m in group)]
        if gold:
            matched.append((group[0]["text"], kind, gold[0]["kind"] == kind))
        else:
            spurious.append((kind, group[0]["text"]))
    return found, missed, matched, spurious


def score_documents(documents):
    """Summed scores over (gold entities, system mentions) pairs, one pair per file."""
    totals = {"gold": 0, "found": 0, "system": 0, "correct": 0, "kind_ok": 0}
    for entities, mentions in documents:
        found, missed, matched, spurious = compare_file(entities, mentions)
        totals["gold"] += len(found) + len(missed)
        totals["found"] += len(found)
        totals["system"] += len(matched) + len(spurious)
        totals["correct"] += len(matched)
        totals["kind_ok"] += sum(1 for _, _, same in matched if same)
    return {
        **totals,
        "recall": ratio(totals["found"], totals["gold"]),
        "precision": ratio(totals["correct"], totals["system"]),
        "kind_accuracy": ratio(totals["kind_ok"], totals["correct"]),
    }
