"""Serving while importing: WAL lets Datasette read while an import writes."""
import threading

import pytest
import sqlite_utils
from datasette.app import Datasette

from ingest.inputs import expand_inputs
from kb.importer import import_batch
from kb.schema import ensure_db_shape
from kb.serve import load_metadata


def article(n):
    return (
        f"Council weighs camera contract, part {n}\n\n"
        f"“We will keep coming back until the contract is gone,” said Ana Ruiz, organizer at Open Roads. "
        f"More than {300 + n} residents signed a petition against the ${12 + n / 10:.1f} million deal.\n\n"
        "The council met on Tuesday and heard three hours of public comment on the proposal.\n"
    )


@pytest.mark.asyncio
async def test_datasette_reads_while_an_import_writes(tmp_path):
    path = tmp_path / "kb.db"
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    folder = tmp_path / "incoming"
    folder.mkdir()
    for n in range(80):
        (folder / f"story-{n:03}.txt").write_text(article(n), "utf-8")

    def write():
        writer = sqlite_utils.Database(path)
        import_batch(writer, expand_inputs([str(folder)]))
        writer.close()

    thread = threading.Thread(target=write)
    datasette = Datasette([str(path)], metadata=load_metadata(path))
    thread.start()
    statuses, reads = [], 0
    while thread.is_alive() or reads < 5:
        for url in ("/kb/sources.json?_size=5", "/kb/search_quotes.json?q=contract", "/kb/families.json"):
            statuses.append((await datasette.client.get(url)).status_code)
        reads += 1
    thread.join()
    assert set(statuses) == {200}
    assert reads >= 5
    assert sqlite_utils.Database(path)["sources"].count == 80
