"""The importer fills a document's full-text entries itself, one statement per
index (migration 14); the insert triggers fill them for any other writer. Either
way every index agrees with its table."""
import pytest

from conftest import build_kb, build_old_kb
from ingest.document import read_path
from kb import store
from kb.schema import FULL_TEXT_INDEXES, WRITER_INDEXES_FLAG, ensure_db_shape


def assert_indexes_agree(db):
    """FTS5's own check of each external-content index against its table."""
    for index, _ in FULL_TEXT_INDEXES.values():
        db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")


def entries(db, index, table):
    """How many rows the index holds (its docsize table has one per row) and the table holds."""
    return (db.execute(f"SELECT count(*) FROM {index}_docsize").fetchone()[0],
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def seeds(seeds_dir):
    return sorted(seeds_dir.glob("*.txt"))


def test_imported_documents_are_fully_indexed(tmp_path, seeds):
    db = build_kb(tmp_path / "kb.db", seeds)
    assert_indexes_agree(db)
    for table, (index, _) in FULL_TEXT_INDEXES.items():
        indexed, rows = entries(db, index, table)
        assert indexed == rows > 0, table
    assert db[WRITER_INDEXES_FLAG].count == 0
    searches = ["cages", "Microsoft", "contract", "Roberts"]

    def found():
        return [[row[0] for row in db.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", [words])]
                for words in searches]

    imported = found()
    db.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')")
    assert imported == found() and all(imported)


def test_a_failed_document_leaves_no_rows_no_entries_and_no_flag(tmp_path, seeds, monkeypatch):
    db = build_kb(tmp_path / "kb.db", seeds[:1])
    before = {index: entries(db, index, table) for table, (index, _) in FULL_TEXT_INDEXES.items()}

    def broken(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "save_mentions", broken)
    with pytest.raises(RuntimeError):
        with db.atomic():  # inside a transaction, as the importer's grouped commits are
            store.save_document(db, read_path(seeds[1]))
    assert {index: entries(db, index, table) for table, (index, _) in FULL_TEXT_INDEXES.items()} == before
    assert db[WRITER_INDEXES_FLAG].count == 0
    assert_indexes_agree(db)


def test_rows_written_by_anything_else_are_indexed_by_the_triggers(tmp_path, seeds):
    db = build_kb(tmp_path / "kb.db", seeds[:1])
    with db.conn:
        source_id = db["sources"].insert({"sha256": "x", "doc_type": "other", "text": "Zyzzyva text.",
                                          "imported_at": "2026-01-01"}).last_pk
        db["quotes"].insert({"source_id": source_id, "start": 0, "end": 7, "text": "Zyzzyva"})
        db["figures"].insert({"source_id": source_id, "start": 0, "end": 4, "text": "Zyzz"})
    assert_indexes_agree(db)
    assert [row[0] for row in db.execute("SELECT rowid FROM sources_fts WHERE sources_fts MATCH 'zyzzyva'")] \
        == [source_id]
    assert db.execute("SELECT count(*) FROM figures_trigram WHERE text LIKE '%yzz%'").fetchone()[0] == 1


def test_upgraded_and_fresh_databases_have_the_same_triggers(tmp_path, seeds, monkeypatch):
    old = build_old_kb(tmp_path / "old.db", seeds[:2], 13, monkeypatch)
    ensure_db_shape(old)
    fresh = build_kb(tmp_path / "new.db", seeds[:2])
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    assert list(old.execute(triggers)) == list(fresh.execute(triggers))
    assert any(f"NOT EXISTS (SELECT 1 FROM {WRITER_INDEXES_FLAG})" in sql for _, sql in fresh.execute(triggers))
    for db in (old, fresh):
        store.save_document(db, read_path(seeds[2]))
        assert_indexes_agree(db)
