"""Trace a figure: every occurrence of what it measures, across sources, in date order."""
import re

from ingest.figures import extract_figures
from ingest.numbers import number_value

from .families import CURRENCY

# Values closer than this (relative) are the same number written differently.
VALUE_MATCH = 0.005

OCCURRENCES_SQL = """
    SELECT f.id, f.text, f.value, f.value_max, f.unit, f.qualifier, f.vague, f.start, f."end",
           f.sentence_start, f.sentence_end, f.family_id,
           s.id AS source_id, s.title, s.publisher, s.published, s.doc_type, s.origin,
           substr(s.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence
    FROM figures f JOIN sources s ON s.id = f.source_id
    WHERE f.family_id = ?
    ORDER BY f.published IS NULL, f.published, f.source_id, f.start
    LIMIT ?
"""


# Read from the family's range of idx_figures_family_value.
FAMILY_VALUES_SQL = """
    SELECT DISTINCT value FROM figures WHERE family_id = ? AND value IS NOT NULL ORDER BY value
"""


def query_value(query):
    """(value, unit) a search names: "$19.4 million" -> (19400000.0, "USD"); "19.4 million" -> (19400000.0, None)."""
    figures = extract_figures(query)
    if len(figures) == 1:
        return figures[0].value, figures[0].unit
    value = number_value(re.sub(r"^[^\d$€£]*|\s+$", "", query))
    return value, None


def matching_families(db, query):
    """Ids of the families holding a figure that matches ``query`` by value or by text."""
    value, unit = query_value(query)
    currency = [unit] if unit and CURRENCY.match(unit) else []
    ids = []
    if value is not None:
        rows = db.execute(
            "SELECT DISTINCT family_id FROM figures WHERE value BETWEEN ? AND ?" + (" AND unit = ?" if currency else ""),
            [value * (1 - VALUE_MATCH), value * (1 + VALUE_MATCH)] + currency,
        )
        ids.extend(row[0] for row in rows)
    if not ids:
        # The trigram index answers LIKE '%…%' without reading every figure.
        rows = db.execute(
            "SELECT DISTINCT f.family_id FROM figures_trigram t JOIN figures f ON f.id = t.rowid"
            " WHERE t.text LIKE ?",
            ["%" + query.strip() + "%"],
        )
        ids.extend(row[0] for row in rows)
    return sorted(set(i for i in ids if i is not None))


def trace_family(db, family_id, limit=None):
    """One family: its label, occurrences (earliest source first) and how its values moved.

    ``limit`` keeps the first occurrences only; the counts, values and first
    source (kept on figure_families) still cover the whole family.
    """
    family = db["figure_families"].get(family_id)
    occurrences = [dict(row) for row in db.query(OCCURRENCES_SQL, [family_id, -1 if limit is None else limit])]
    for occurrence in occurrences:
        offset = occurrence["start"] - occurrence["sentence_start"]
        occurrence["figure_in_sentence"] = [offset, offset + occurrence["end"] - occurrence["start"]]
    return {
        "family_id": family_id,
        "label": family["label"],
        "unit": family["unit"],
        "occurrences": occurrences,
        "occurrences_total": family["occurrences"],
        "sources": family["sources"],
        "values": [row[0] for row in db.execute(FAMILY_VALUES_SQL, [family_id])],
        "variants": sorted({o["text"] for o in occurrences}),
        "values_disagree": family["distinct_values"] > 1,
        "first_source_id": family["first_source_id"],
        "repeats_dropped": _repeats_dropped(db, occurrences),
    }


def trace(db, query=None, family_id=None, limit=None):
    """Traces for a search (value or text) or for one family id, the biggest family first."""
    ids = [family_id] if family_id is not None else matching_families(db, query)
    traces = [trace_family(db, i, limit) for i in ids if db["figure_families"].count_where("id = ?", [i])]
    return sorted(traces, key=lambda t: (-t["occurrences_total"], t["family_id"]))


def _repeats_dropped(db, occurrences):
    """Occurrences printed again in a repeated paragraph that cleaning dropped (doubled captions)."""
    count = 0
    for source_id in {o["source_id"] for o in occurrences}:
        texts = [o["text"] for o in occurrences if o["source_id"] == source_id]
        for (dropped,) in db.execute(
            "SELECT text FROM cleaning_drops WHERE source_id = ? AND reason = 'repeated paragraph'",
            [source_id],
        ):
            count += sum(dropped.count(text) for text in set(texts))
    return count


def format_trace(traces, mark=("[", "]")):
    """A terminal-readable report of traces."""
    if not traces:
        return "No figure matches."
    blocks = []
    for item in traces:
        blocks.append(_format_one(item, mark))
    return "\n\n".join(blocks)


def _format_one(item, mark):
    occurrences = item["occurrences"]
    lines = [f"Family {item['family_id']}: {item['label']}"]
    summary = f"  {item['occurrences_total']} occurrence(s) in {item['sources']} source(s)"
    if item["repeats_dropped"]:
        summary += f", plus {item['repeats_dropped']} in repeated paragraphs dropped by cleaning"
    if len(occurrences) < item["occurrences_total"]:
        summary += f"; the first {len(occurrences)} shown"
    lines.append(summary)
    lines.append("  Variants: " + " · ".join(item["variants"]))
    if item["values_disagree"]:
        lines.append("  Values disagree: " + " → ".join(_number(o) for o in _value_path(occurrences)))
    for index, o in enumerate(occurrences, 1):
        first = "  (first)" if index == 1 else ""
        lines.append(
            f"  {index}. {o['published'] or 'undated'} · {o['doc_type']} · {o['publisher'] or 'publisher unknown'}"
            f" · “{o['title'] or o['origin']}” (source {o['source_id']}){first}"
        )
        start, end = o["figure_in_sentence"]
        sentence = o["sentence"]
        lines.append(f"     {sentence[:start]}{mark[0]}{sentence[start:end]}{mark[1]}{sentence[end:]}")
    return "\n".join(lines)


def _value_path(occurrences):
    """Occurrences where the value changes, in order: how the number moved."""
    path = []
    for occurrence in occurrences:
        if not path or (occurrence["value"], occurrence["qualifier"]) != (path[-1]["value"], path[-1]["qualifier"]):
            path.append(occurrence)
    return path


def _number(occurrence):
    qualifier = occurrence["qualifier"]
    value = f"{occurrence['value']:,.0f}" if occurrence["value"] >= 100 else f"{occurrence['value']:g}"
    unit = occurrence["unit"] or ""
    prefix = "" if qualifier == "exact" else qualifier.replace("_", " ") + " "
    return f"{prefix}{value} {unit}".strip()
