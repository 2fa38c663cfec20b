"""Export: the knowledge base as plain rows (JSON arrays or CSV).

Field names are a contract: later versions may add fields, never rename them.
A quote's ``speaker``, ``title`` and ``organization`` are as its source
prints them; ``speaker_name`` and ``organization_name`` are the entities they
resolve to across all sources.
"""
import csv
import io
import json

EXPORT_QUERIES = {
    "sources": """
        SELECT id, origin, url, sha256, doc_type, title, publisher, published,
               byline, contact, target, demand, imported_at
        FROM sources ORDER BY id
    """,
    "quotes": """
        SELECT q.id, q.text, q.speaker_as_printed AS speaker, q.title,
               q.organization_as_printed AS organization, q.partial, q.speaker_kind,
               q.source_id, src.origin AS source_origin, q.start, q."end",
               q.speaker_id, s.name AS speaker_name, q.organization_id, o.name AS organization_name,
               q.quote_group_id, q.citation
        FROM quotes q
        JOIN sources src ON src.id = q.source_id
        LEFT JOIN speakers s ON s.id = q.speaker_id
        LEFT JOIN organizations o ON o.id = q.organization_id
        ORDER BY q.source_id, q.start
    """,
    "figures": """
        SELECT f.id, f.text, f.value, f.value_max, f.unit, f.qualifier, f.vague, f.subject,
               f.family_id, f.source_id, src.origin AS source_origin, f.start, f."end"
        FROM figures f JOIN sources src ON src.id = f.source_id
        ORDER BY f.source_id, f.start
    """,
    "claims": """
        SELECT c.id, c.text, c.attributed_to, c.source_id, src.origin AS source_origin,
               c.start, c."end"
        FROM claims c JOIN sources src ON src.id = c.source_id
        ORDER BY c.source_id, c.start
    """,
}
EXPORT_KINDS = tuple(EXPORT_QUERIES)


def export_rows(db, kind):
    """Yield the rows of one export kind as dicts."""
    cursor = db.execute(EXPORT_QUERIES[kind])
    columns = [c[0] for c in cursor.description]
    for values in cursor:
        yield dict(zip(columns, values))


def write_export(db, kind, out, fmt="json"):
    """Write one kind to the text stream ``out`` as a JSON array or CSV."""
    rows = export_rows(db, kind)
    if fmt == "csv":
        cursor = db.execute(EXPORT_QUERIES[kind] + " LIMIT 0")
        writer = csv.DictWriter(out, [c[0] for c in cursor.description], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    # Streamed so a large archive never sits in memory as one list.
    separator = "[\n"
    for row in rows:
        out.write(separator + json.dumps(row, ensure_ascii=False))
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


def export_string(db, kind, fmt="json"):
    buffer = io.StringIO()
    write_export(db, kind, buffer, fmt)
    return buffer.getvalue()
