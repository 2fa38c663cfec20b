"""Provenance checks: every stored span and every stored text can be re-derived."""
import hashlib

from ingest.document import derive_text
from ingest.read import ReadError

from .schema import SPAN_TABLES


def check_provenance(db):
    """Yield one line per problem; nothing when the knowledge base is sound."""
    for table in SPAN_TABLES:
        yield from check_spans(db, table)
    yield from check_sources(db)


def check_spans(db, table):
    """Rows whose text is not exactly their span of sources.text."""
    rows = db.execute(
        f"""
        SELECT t.id, t.source_id, t.start, t."end" FROM {table} t
        LEFT JOIN sources s ON s.id = t.source_id
        WHERE s.id IS NULL OR t.start < 0 OR t."end" < t.start
           OR t."end" > length(s.text)
           OR substr(s.text, t.start + 1, t."end" - t.start) != t.text
        """
    )
    for row_id, source_id, start, end in rows:
        yield f"{table} {row_id}: text differs from sources {source_id} text[{start}:{end}]"


def check_sources(db):
    """Sources whose raw input is missing or no longer yields the stored text."""
    rows = db.execute(
        """
        SELECT s.id, s.sha256, s.text, r.reader, r.content FROM sources s
        LEFT JOIN raw_inputs r ON r.source_id = s.id ORDER BY s.id
        """
    )
    for source_id, sha256, text, reader, content in rows:
        if content is None:
            yield f"sources {source_id}: raw input missing"
            continue
        if hashlib.sha256(content).hexdigest() != sha256:
            yield f"sources {source_id}: raw input does not match its sha256"
            continue
        try:
            derived = derive_text(content, reader).text
        except ReadError as error:
            yield f"sources {source_id}: raw input no longer reads ({error})"
            continue
        if derived != text:
            yield f"sources {source_id}: text does not re-derive from its raw input"
