import pytest
import sqlite_utils

from ingest.document import read_document, read_path
from kb import store
from kb.check import check_provenance
from kb.schema import MIGRATIONS, SPAN_TABLES, ensure_db_shape, schema_version
from kb.store import SaveResult, save_document


@pytest.fixture
def db(tmp_path):
    db = sqlite_utils.Database(tmp_path / "kb.db")
    ensure_db_shape(db)
    return db


@pytest.fixture
def seeded(db, seeds_dir):
    results = [save_document(db, read_path(path)) for path in sorted(seeds_dir.glob("*.txt"))]
    return db, results


def test_schema_is_idempotent_and_versioned(db):
    tables = set(db.table_names())
    ensure_db_shape(db)
    assert set(db.table_names()) == tables
    assert schema_version(db) == len(MIGRATIONS)
    assert [row["name"] for row in db["_kb_migrations"].rows] == [m.__name__ for m in MIGRATIONS]
    for table in ("sources", "raw_inputs", "cleaning_drops", "quotes", "figures", "claims",
                  "speakers", "speaker_aliases", "organizations", "organization_aliases", "sources_fts"):
        assert table in tables


def test_every_stored_span_is_exactly_its_source_text(seeded):
    db, _ = seeded
    counted = 0
    for table in SPAN_TABLES:
        for row in db.execute(
            f'SELECT t.text, substr(s.text, t.start + 1, t."end" - t.start) FROM {table} t '
            "JOIN sources s ON s.id = t.source_id"
        ):
            assert row[0] == row[1]
            counted += 1
    assert counted > 40
    assert list(check_provenance(db)) == []


def test_reimport_is_idempotent(seeded, seeds_dir):
    db, first = seeded
    counts = {table: db[table].count for table in db.table_names()}
    again = [save_document(db, read_path(path)) for path in sorted(seeds_dir.glob("*.txt"))]
    assert again == [SaveResult(result.source_id, "unchanged") for result in first]
    assert {table: db[table].count for table in db.table_names()} == counts


def test_source_row_keeps_raw_input_and_cleaning_record(seeded, seeds_dir):
    db, _ = seeded
    raw = (seeds_dir / "004_4266f1901df54337.txt").read_bytes()
    source = db.execute("SELECT id, doc_type, title FROM sources WHERE origin LIKE '%004_%'").fetchone()
    assert source[1:] == ("article", raw.decode("utf-8").split("\n")[0])
    assert db["raw_inputs"].get(source[0])["content"] == raw
    assert [
        (row["reason"], row["text"])
        for row in db["cleaning_drops"].rows_where("source_id = ?", [source[0]])
    ] == [("whitespace", "\n\n"), ("related links", "Related Content")]


def test_full_text_search_finds_sources_by_stemmed_words(seeded):
    db, _ = seeded
    titles = [
        row[0]
        for row in db.execute(
            "SELECT s.title FROM sources_fts JOIN sources s ON s.id = sources_fts.rowid "
            "WHERE sources_fts MATCH 'delivering' ORDER BY s.id"
        )
    ]
    assert titles == [
        "Organizations collectively representing more than 7 million people have collected over 300k signatures and will deliver to Microsoft CEO"
    ]


def test_a_failing_document_leaves_no_rows(db, monkeypatch):
    def explode(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "save_claims_and_figures", explode)
    doc = read_document("“We will not stop,” said Dana Okafor of Open Roads.".encode(), "x.txt")
    with pytest.raises(RuntimeError):
        save_document(db, doc)
    assert {table: db[table].count for table in ("sources", "raw_inputs", "quotes", "speakers")} == {
        "sources": 0, "raw_inputs": 0, "quotes": 0, "speakers": 0,
    }


def test_check_reports_a_tampered_span_and_text(seeded):
    db, _ = seeded
    quote_id = db.execute("SELECT id FROM quotes ORDER BY id LIMIT 1").fetchone()[0]
    db.execute("UPDATE quotes SET text = 'invented words' WHERE id = ?", [quote_id])
    db.execute("UPDATE sources SET text = text || ' appended' WHERE id = 5")
    db.conn.commit()
    problems = list(check_provenance(db))
    assert problems[0] == f"quotes {quote_id}: text differs from sources 1 text[{db['quotes'].get(quote_id)['start']}:{db['quotes'].get(quote_id)['end']}]"
    assert problems[-1] == "sources 5: text does not re-derive from its raw input"


def test_an_older_database_upgrades_in_place(tmp_path, monkeypatch):
    from kb import schema

    path = tmp_path / "old.db"
    monkeypatch.setattr(schema, "MIGRATIONS", MIGRATIONS[:1])
    old = sqlite_utils.Database(path)
    schema.ensure_db_shape(old)
    old["sources"].insert({"sha256": "abc", "doc_type": "other", "text": "Kept words.", "imported_at": "2025-01-01"})
    old["quotes"].insert({"source_id": 1, "start": 0, "end": 5, "text": "Kept "})
    old.close()
    monkeypatch.undo()

    upgraded = sqlite_utils.Database(path)
    ensure_db_shape(upgraded)
    assert schema_version(upgraded) == len(MIGRATIONS) > 1
    assert {"quote_group_id", "citation"} <= set(upgraded["quotes"].columns_dict)
    assert [(r["id"], r["text"]) for r in upgraded["quotes"].rows] == [(1, "Kept ")]
    assert upgraded["sources"].get(1)["text"] == "Kept words."
