"""Import a batch of inputs: each one read, extracted and stored on its own."""
import multiprocessing
import sqlite3
import time
from collections import deque
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial

from ingest.document import raw_hash, read_document
from ingest.inputs import load_input
from ingest.read import ReadError
from ingest.stages import CLOCK, stage

from .schema import now
from .sql import update_row
from .store import prepare_for_storing, save_document, tags_with

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


@dataclass
class Prepared:
    """One Input read (and, unless already stored, extracted), ready to store."""
    item: object
    doc: object = None      # the Document, or None when ``stored``/failed/skipped
    stored: int | None = None  # id of the source already holding these exact bytes
    error: str | None = None
    seconds: dict = field(default_factory=dict)  # stage times spent preparing it


def prepare(item, lookup, overrides=None, stdin=None, max_bytes=DEFAULT_MAX_BYTES):
    """Read and extract one Input; ``lookup(sha256)`` gives the id of a stored source.

    Bytes already stored are not read further: without new command-line
    metadata there is nothing to change but a tag, which is what makes an
    unchanged re-import cheap.
    """
    if item.skipped:
        return Prepared(item, error=item.skipped)
    try:
        with stage("read"):
            raw, url = load_input(item, stdin, max_bytes)
            stored = lookup(raw_hash(raw))
        if stored and not new_metadata(overrides):
            return Prepared(item, stored=stored, seconds=CLOCK.take())
        doc = read_document(raw, item.origin, overrides, url=url, extract=not stored)
        if not stored:
            with stage("extract"):
                prepare_for_storing(doc)
    except ReadError as error:
        return Prepared(item, error=str(error), seconds=CLOCK.take())
    return Prepared(item, doc, stored, seconds=CLOCK.take())


def new_metadata(overrides):
    """Was any metadata given on the command line (which stored bytes may need)?"""
    return any(value is not None for value in (overrides or {}).values())


def store(db, prepared, tag=None, batch_id=None):
    """Write one Prepared input; returns its ImportOutcome."""
    item = prepared.item
    CLOCK.add(prepared.seconds)
    if item.skipped:
        return ImportOutcome(item.origin, "skipped", error=item.skipped)
    if prepared.error:
        return ImportOutcome(item.origin, "failed", error=prepared.error)
    if prepared.doc is None:
        return ImportOutcome(item.origin, tag_stored(db, prepared.stored, tag), prepared.stored)
    result = save_document(db, prepared.doc, tag, batch_id)
    return ImportOutcome(item.origin, result.status, result.source_id)


def import_one(db, item, overrides=None, tag=None, batch_id=None, stdin=None, max_bytes=DEFAULT_MAX_BYTES):
    """Read, extract and store one Input; bad input gives a failed outcome, never an exception."""
    prepared = prepare(item, partial(stored_source, db), overrides, stdin, max_bytes)
    return store(db, prepared, tag, batch_id)


def import_inputs(db, items, overrides=None, tag=None, batch_id=None, stdin=None,
                  max_bytes=DEFAULT_MAX_BYTES, jobs=1):
    """Import Inputs in order, yielding an ImportOutcome for each.

    With ``jobs`` > 1, that many worker processes read and extract while this
    process writes: one writer, so each document is still all or nothing and
    ids follow input order. At most a few documents per worker are in flight,
    so memory stays flat however long the input list.
    """
    with GroupedCommits(db) as commits:
        if jobs <= 1:
            for item in items:
                yield commits.after(import_one(db, item, overrides, tag, batch_id, stdin, max_bytes))
            return
        with ExitStack() as stack:
            pool, pending = None, deque()
            for item in items:
                ready = unchanged_file(item, partial(stored_source, db), overrides, max_bytes)
                if ready is None and item.kind == "stdin":  # the standard input belongs to this process
                    ready = prepare(item, partial(stored_source, db), overrides, stdin, max_bytes)
                if ready is not None:
                    pending.append(_Ready(ready))
                else:
                    if pool is None:  # started at the first document to extract: a re-import needs none
                        context = multiprocessing.get_context("fork")
                        pool = stack.enter_context(
                            context.Pool(jobs, initializer=_start_worker, initargs=(db_path_of(db),)))
                    pending.append(pool.apply_async(_prepare_in_worker, (item, overrides, max_bytes)))
                if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                    yield commits.after(store(db, pending.popleft().get(), tag, batch_id))
            while pending:
                yield commits.after(store(db, pending.popleft().get(), tag, batch_id))


def unchanged_file(item, lookup, overrides, max_bytes):
    """A Prepared for a file whose exact bytes are stored (and no new
    metadata was given), else None: the writer checks this itself, so an
    unchanged document never goes to a worker."""
    if item.kind != "file" or item.skipped or new_metadata(overrides):
        return None
    try:
        with stage("read"):
            stored = lookup(raw_hash(load_input(item, None, max_bytes)[0]))
    except ReadError:
        return None  # a worker reads it again and reports why
    return Prepared(item, stored=stored, seconds=CLOCK.take()) if stored else None


# Stored documents are committed together about this often. Each document is
# still all or nothing (a savepoint of its own inside the group), but the WAL
# and the FTS5 indexes are flushed once per group instead of once per
# document, which was a fifth of the writer's time.
COMMIT_EVERY_SECONDS = 1.0


class GroupedCommits:
    """An import's writes in transactions of about ``every`` seconds.

    Whatever ends the import (its end, an error, Ctrl-C) commits the
    documents stored so far: a document that failed was rolled back to its
    savepoint and left nothing, so there is never half a document to commit.
    """

    def __init__(self, db, every=COMMIT_EVERY_SECONDS):
        self.db, self.every = db, every

    def __enter__(self):
        self._begin()
        return self

    def _begin(self):
        if not self.db.conn.in_transaction:
            self.db.execute("BEGIN")
        self.started = time.monotonic()

    def after(self, outcome):
        """Commit the group once it is old enough; returns ``outcome``."""
        if time.monotonic() - self.started >= self.every:
            self.db.execute("COMMIT")
            self._begin()
        return outcome

    def __exit__(self, *exc):
        if self.db.conn.in_transaction:
            self.db.execute("COMMIT")


# Documents each worker may have read ahead of the writer.
IN_FLIGHT_PER_JOB = 4


class _Ready:
    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


_worker_db = None


def _start_worker(db_path):
    """A worker looks up stored hashes through its own read-only connection."""
    global _worker_db
    _worker_db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) if db_path else None
    CLOCK.take()


def _prepare_in_worker(item, overrides, max_bytes):
    lookup = partial(stored_source, _worker_db) if _worker_db else (lambda sha256: None)
    return prepare(item, lookup, overrides, None, max_bytes)


def stored_source(db, sha256):
    """The id of the source stored with these raw bytes, if any."""
    row = db.execute("SELECT id FROM sources WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


def db_path_of(db):
    """The file behind a sqlite-utils Database (None in memory)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] or None


def tag_stored(db, source_id, tag):
    """Re-imported bytes: only a new tag changes anything."""
    if not tag:
        return "unchanged"  # without reading the row: its tags sit after its text
    tags = tags_with(db.execute("SELECT tags FROM sources WHERE id = ?", [source_id]).fetchone()[0], tag)
    if not tags:
        return "unchanged"
    with db.atomic():
        update_row(db, "sources", source_id, {"tags": tags})
    return "updated"


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


def import_batch(db, inputs, overrides=None, tag=None, stdin=None, max_bytes=DEFAULT_MAX_BYTES, jobs=1):
    """Import every Input as one batch; returns the Batch with its counts."""
    batch = start_batch(db, tag)
    for outcome in import_inputs(db, inputs, overrides, tag, batch.id, stdin, max_bytes, jobs):
        record(db, batch, outcome)
    finish_batch(db, batch)
    return batch


def summary_line(batch):
    """'5 new, 0 updated, 0 unchanged, 0 failed' (and skipped when any)."""
    line = ", ".join(f"{batch.counts[s]} {s}" for s in STATUSES[:4])
    if batch.counts["skipped"]:
        line += f" ({batch.counts['skipped']} skipped)"
    return line


def timings_line(seconds):
    """'time: read 0.4 s, clean 0.2 s, …' (CPU seconds of every process, by stage)."""
    return "time: " + ", ".join(f"{name} {value:.1f} s" for name, value in seconds.items())
