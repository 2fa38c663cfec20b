"""Storage: each document all or nothing.

A document's source row, raw input, cleaning record and extracted rows are
written together or not at all (a transaction, or a savepoint inside the
importer's grouped commit), so a failure never leaves half a source.
"""
import json
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from .citation import format_citation
from .entities import resolve_organization, resolve_speaker, resolving_one_document
from .families import assign_family, document_anchors, document_measures, figure_windows
from .groups import quote_group
from ingest.stages import timed

from .schema import QUOTE_SOURCE_COLUMNS, WRITER_INDEX_SQL, WRITER_INDEXES_FLAG, now
from .sql import insert_row, insert_rows, next_id, update_row

# Source columns that come from the document's metadata.
META_COLUMNS = ("doc_type", "title", "publisher", "published", "byline", "contact", "target", "demand")


@dataclass
class SaveResult:
    source_id: int
    status: str  # new | updated | unchanged


@timed("write")
def save_document(db, doc, tag=None, batch_id=None):
    """Store ``doc``; a document already stored (same raw bytes) is not written again.

    Re-importing the same bytes with different command-line metadata or a new
    tag updates the stored source in place. New bytes at the URL or path of a
    stored source make a new version of it (``updated``): the old version and
    its rows stay, linked by previous_version_id / superseded_by.
    """
    existing = db.execute("SELECT id FROM sources WHERE sha256 = ?", [doc.sha256]).fetchone()
    if existing:
        return SaveResult(existing[0], _update_existing(db, existing[0], doc, tag))
    previous = _current_version(db, doc)
    prepare_for_storing(doc)
    with resolving_one_document(), db.atomic(), full_text_filled_at_end(db) as written:
        source_id = save_source(db, doc, doc.anchors, tag, batch_id, previous)
        written.append(source_id)
        save_quotes(db, source_id, doc.quotes, source_row(doc))
        save_claims_and_figures(db, source_id, doc, doc.anchors)
        save_mentions(db, source_id, doc.entities)
        if previous:
            update_row(db, "sources", previous, {"superseded_by": source_id})
    return SaveResult(source_id, "updated" if previous else "new")


@contextmanager
def full_text_filled_at_end(db):
    """Write a document's rows, then fill the full-text indexes for the
    sources appended to the yielded list, one statement per index.

    The insert triggers stand aside meanwhile: the flag is raised and lowered
    inside the document's savepoint, so no other connection ever sees it, and
    a document that fails takes its flag with it.
    """
    db.execute(f"INSERT INTO {WRITER_INDEXES_FLAG} VALUES (1)")
    written = []
    yield written
    for source_id in written:
        for statement in WRITER_INDEX_SQL:
            db.execute(statement, {"source_id": source_id})
    db.execute(f"DELETE FROM {WRITER_INDEXES_FLAG}")


def prepare_for_storing(doc):
    """Work out what storing needs that depends on the document alone (its
    anchors, each figure's measure), so a worker process can do it."""
    if doc.anchors is None:
        doc.anchors = document_anchors(doc.text)
    if doc.measures is None:
        rows = [figure_row(None, figure) for figure in doc.figures]
        doc.measures = document_measures(rows, figure_windows(doc.text, doc.figures), doc.meta.doc_type)
    return doc


def _current_version(db, doc):
    """The latest stored source at the same URL (or, for files, path), if any."""
    if doc.origin == "-" and not doc.url:
        return None  # stdin has no identity beyond its bytes
    row = db.execute(
        """SELECT id FROM sources WHERE superseded_by IS NULL AND (url = :url OR origin = :origin)
           ORDER BY id DESC LIMIT 1""",
        {"url": doc.url or doc.origin, "origin": doc.origin},
    ).fetchone()
    return row[0] if row else None


def source_row(doc):
    row = {key: getattr(doc.meta, key) for key in META_COLUMNS}
    row.update(sha256=doc.sha256, origin=doc.origin, url=doc.url, text=doc.text)
    return row


def save_source(db, doc, anchors, tag=None, batch_id=None, previous=None):
    row = dict(
        source_row(doc),
        imported_at=now(),
        anchors="|".join(anchors),
        tags=json.dumps([tag] if tag else []),
        batch_id=batch_id,
        previous_version_id=previous,
    )
    source_id = insert_row(db, "sources", row)
    insert_row(
        db,
        "raw_inputs",
        {
            "source_id": source_id,
            "reader": doc.reader,
            "encoding": doc.encoding,
            "size": len(doc.raw),
            "content": doc.raw,
        }
    )
    insert_rows(db, "cleaning_drops", [dict(asdict(item), source_id=source_id) for item in doc.dropped])
    return source_id


def _update_existing(db, source_id, doc, tag):
    """Apply new command-line metadata or a new tag to a stored source."""
    stored = db["sources"].get(source_id)
    wanted = source_row(doc)
    changes = {
        key: wanted[key]
        for key in META_COLUMNS + ("url",)
        if wanted[key] is not None and wanted[key] != stored[key]
    }
    tags = tags_with(stored["tags"], tag)
    if tags:
        changes["tags"] = tags
    if not changes:
        return "unchanged"
    with db.atomic():
        db["sources"].update(source_id, changes)
        refresh_citations(db, source_id)
    return "updated"


def save_quotes(db, source_id, quotes, source):
    """Store quotes with resolved speakers, citations and quote groups."""
    for quote in quotes:
        organization_id = resolve_organization(db, quote.org) if quote.org else None
        speaker_id = None
        if quote.speaker:
            if quote.speaker_kind == "organization":
                organization_id = resolve_organization(db, quote.speaker)
            else:
                speaker_id = resolve_speaker(db, quote.speaker, quote.speaker_kind, organization_id)
        row = {
            "source_id": source_id,
            "start": quote.start,
            "end": quote.end,
            "text": quote.text,
            "partial": int(quote.partial),
            "speaker_id": speaker_id,
            "organization_id": organization_id,
            "speaker_as_printed": quote.speaker,
            "speaker_kind": quote.speaker_kind,
            "title": quote.title,
            "organization_as_printed": quote.org,
            "attribution_start": quote.attribution_start,
            "attribution_end": quote.attribution_end,
            **quote_labels(db, quote, speaker_id, organization_id, source),
        }
        row["citation"] = format_citation(row, source)
        # The group is known before the row is written: an UPDATE afterwards
        # would also rewrite the quote's full-text index entry. A quote that
        # starts its own group takes the id it is about to get.
        row["quote_group_id"] = quote_group(db, speaker_id, organization_id, quote.text)
        if row["quote_group_id"] is None:
            row["id"] = row["quote_group_id"] = next_id(db, "quotes")
        insert_row(db, "quotes", row)


def quote_labels(db, quote, speaker_id, organization_id, source):
    """The names a quote is shown under and its source's columns, as
    schema.SPEAKER_LABEL_SQL and ORGANIZATION_LABEL_SQL word them (triggers
    keep them in step with later renames and metadata changes)."""
    organization = name_of(db, "organizations", organization_id)
    return {
        "speaker_label": (organization if quote.speaker_kind == "organization"
                          else name_of(db, "speakers", speaker_id) or quote.speaker),
        "organization_label": organization or quote.org,
        **{column: source[column] for column in QUOTE_SOURCE_COLUMNS},
    }


def name_of(db, table, row_id):
    """The name of a speaker or organization by id (None for no id)."""
    if row_id is None:
        return None
    return db.execute(f"SELECT name FROM {table} WHERE id = ?", [row_id]).fetchone()[0]


def tags_with(stored_tags, tag):
    """The tags column with ``tag`` added, or None when it is already there (or no tag)."""
    tags = json.loads(stored_tags or "[]")
    return json.dumps(tags + [tag]) if tag and tag not in tags else None


def refresh_citations(db, source_id):
    """Rewrite a source's citations after its metadata changed."""
    source = db["sources"].get(source_id)
    for quote in db["quotes"].rows_where("source_id = ?", [source_id]):
        db["quotes"].update(quote["id"], {"citation": format_citation(quote, source)})


def save_claims_and_figures(db, source_id, doc, anchors):
    """Store claims, then figures linked to the claim holding them and to their family."""
    claim_ids = [
        insert_row(
            db,
            "claims",
            {
                "source_id": source_id,
                "start": claim.start,
                "end": claim.end,
                "text": claim.text,
                "attributed_to": claim.attributed_to,
            },
        )
        for claim in doc.claims
    ]
    rows = [figure_row(source_id, figure) for figure in doc.figures]
    for row in rows:
        row["claim_id"] = _claim_holding(doc.claims, claim_ids, row)
        row["published"] = doc.meta.published
    for row, measured in zip(rows, doc.measures):
        insert_row(db, "figures", dict(row, family_id=assign_family(db, row, measured, anchors)))


def figure_row(source_id, figure):
    return {
        "source_id": source_id,
        "start": figure.start,
        "end": figure.end,
        "text": figure.text,
        "value": figure.value,
        "value_max": figure.value_max,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "vague": int(figure.vague),
        "subject": figure.subject,
        "sentence_start": figure.sentence_start,
        "sentence_end": figure.sentence_end,
    }


def _claim_holding(claims, claim_ids, figure):
    for claim, claim_id in zip(claims, claim_ids):
        if claim.start <= figure["start"] and figure["end"] <= claim.end:
            return claim_id
    return None


def save_mentions(db, source_id, entities):
    """Store each person or organization mention, resolved to its entity."""
    rows = []
    for mention in entities:
        row = {"source_id": source_id, "start": mention.start, "end": mention.end,
               "text": mention.text, "kind": mention.kind, "organization_id": None, "speaker_id": None}
        if mention.kind == "organization":
            row["organization_id"] = resolve_organization(db, mention.text, mention.expands)
        else:
            row["speaker_id"] = resolve_speaker(db, mention.text, "person", full_name=mention.expands)
        rows.append(row)
    insert_rows(db, "mentions", rows)
