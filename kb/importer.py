"""Import a batch of inputs: each one read, extracted and stored on its own."""
from dataclasses import dataclass, field

from ingest.document import read_document
from ingest.inputs import load_input
from ingest.read import ReadError

from .schema import now
from .store import save_document

STATUSES = ("new", "updated", "unchanged", "failed", "skipped")
# Inputs larger than this are refused unless the user raises the limit: a
# "document" of tens of megabytes is a dump, not coverage.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class ImportOutcome:
    origin: str
    status: str  # new | updated | unchanged | failed | skipped
    source_id: int | None = None
    error: str | None = None


@dataclass
class Batch:
    id: int
    tag: str | None
    counts: dict = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    problems: list = field(default_factory=list)  # (origin, status, reason)


def import_one(db, item, overrides=None, tag=None, batch_id=None, stdin=None, max_bytes=DEFAULT_MAX_BYTES):
    """Read, extract and store one Input; bad input gives a failed outcome, never an exception."""
    if item.skipped:
        return ImportOutcome(item.origin, "skipped", error=item.skipped)
    try:
        raw, url = load_input(item, stdin, max_bytes)
        doc = read_document(raw, item.origin, overrides, url=url)
    except ReadError as error:
        return ImportOutcome(item.origin, "failed", error=str(error))
    result = save_document(db, doc, tag, batch_id)
    return ImportOutcome(item.origin, result.status, result.source_id)


def start_batch(db, tag=None):
    batch_id = db["batches"].insert({"tag": tag, "started_at": now()}).last_pk
    return Batch(batch_id, tag)


def record(db, batch, outcome):
    """Count an outcome in its batch; failures are kept in batch_failures."""
    batch.counts[outcome.status] += 1
    if outcome.error:
        batch.problems.append((outcome.origin, outcome.status, outcome.error))
    if outcome.status == "failed":
        db["batch_failures"].insert({"batch_id": batch.id, "origin": outcome.origin, "reason": outcome.error})


def finish_batch(db, batch):
    db["batches"].update(batch.id, dict(batch.counts, finished_at=now()))


def import_batch(db, inputs, overrides=None, tag=None, stdin=None, max_bytes=DEFAULT_MAX_BYTES):
    """Import every Input as one batch; returns the Batch with its counts."""
    batch = start_batch(db, tag)
    for item in inputs:
        record(db, batch, import_one(db, item, overrides, tag, batch.id, stdin, max_bytes))
    finish_batch(db, batch)
    return batch


def summary_line(batch):
    """'5 new, 0 updated, 0 unchanged, 0 failed' (and skipped when any)."""
    line = ", ".join(f"{batch.counts[s]} {s}" for s in STATUSES[:4])
    if batch.counts["skipped"]:
        line += f" ({batch.counts['skipped']} skipped)"
    return line
