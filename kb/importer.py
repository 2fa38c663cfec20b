"""Import many inputs: each one read, extracted and stored on its own."""
from dataclasses import dataclass

from ingest.document import expand_paths, read_path
from ingest.read import ReadError

from .store import save_document


@dataclass
class ImportOutcome:
    origin: str
    status: str  # new | updated | unchanged | failed
    source_id: int | None = None
    error: str | None = None


def import_paths(db, paths, overrides=None):
    """Yield one ImportOutcome per file; a bad file never stops the batch.

    A path that does not exist is reported as failed like any unreadable file.
    """
    for path in expand_paths(paths):
        origin = str(path)
        try:
            doc = read_path(path, overrides)
        except ReadError as error:
            yield ImportOutcome(origin, "failed", error=str(error))
            continue
        result = save_document(db, doc)
        yield ImportOutcome(origin, result.status, result.source_id)
