"""Each quote carries the names it is shown under and its source's type, date
and publisher (migration 13), and they follow renames, merges and metadata
changes: quotes_view reads them instead of joining every quote's source and
entities."""
import pytest
import sqlite_utils

from conftest import build_kb, build_old_kb
from kb.entities import merge_organizations
from kb.schema import ensure_db_shape

# What quotes_view read before migration 13, through joins: the reference.
JOINED_VIEW = """
    SELECT q.id, q.text, q.citation,
           CASE WHEN q.speaker_kind = 'organization' THEN org.name
                ELSE coalesce(sp.name, q.speaker_as_printed) END AS speaker,
           q.title, coalesce(org.name, q.organization_as_printed) AS organization,
           q.partial, q.speaker_kind, s.doc_type, s.published, s.publisher,
           q.source_id, q.quote_group_id, q.speaker_id, q.organization_id, q.start, q."end",
           'quotes/' || q.id AS passage
    FROM quotes q
    JOIN sources s ON s.id = q.source_id
    LEFT JOIN speakers sp ON sp.id = q.speaker_id
    LEFT JOIN organizations org ON org.id = q.organization_id
    ORDER BY q.id
"""


def view_rows(db):
    return list(db.query("SELECT * FROM quotes_view ORDER BY id"))


def joined_rows(db):
    return list(db.query(JOINED_VIEW))


@pytest.fixture
def seeds_db(tmp_path, seeds_dir):
    return build_kb(tmp_path / "kb.db", sorted(seeds_dir.glob("*.txt")))


def test_the_writer_stores_what_the_joins_read(seeds_db):
    rows = view_rows(seeds_db)
    assert len(rows) > 20 and rows == joined_rows(seeds_db)
    # Not trivially equal: organizations' statements, resolved names and printed ones all occur.
    assert {row["speaker_kind"] for row in rows} >= {"person", "organization"}
    assert any(row["speaker"] != row["organization"] and row["organization"] for row in rows)


def test_upgrading_fills_the_labels_of_stored_quotes(tmp_path, monkeypatch, seeds_dir):
    db = build_old_kb(tmp_path / "kb.db", sorted(seeds_dir.glob("*.txt")), 12, monkeypatch)
    assert "speaker_label" not in db["quotes"].columns_dict
    ensure_db_shape(db)
    assert view_rows(db) == joined_rows(db)
    assert db.execute("SELECT count(*) FROM quotes WHERE doc_type IS NULL").fetchone()[0] == 0


def test_labels_follow_a_renamed_speaker_and_organization(seeds_db):
    speaker_id, = seeds_db.execute(
        "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC").fetchone()
    org_id, = seeds_db.execute(
        "SELECT organization_id FROM quotes WHERE speaker_kind = 'organization' GROUP BY 1"
        " ORDER BY count(*) DESC").fetchone()
    with seeds_db.conn:
        seeds_db.execute("UPDATE speakers SET name = 'Renamed Person' WHERE id = ?", [speaker_id])
        seeds_db.execute("UPDATE organizations SET name = 'Renamed Org' WHERE id = ?", [org_id])
    rows = view_rows(seeds_db)
    assert rows == joined_rows(seeds_db)
    assert {row["speaker"] for row in rows if row["speaker_id"] == speaker_id} == {"Renamed Person"}
    assert {row["organization"] for row in rows if row["organization_id"] == org_id} == {"Renamed Org"}
    assert "Renamed Org" in {row["speaker"] for row in rows if row["speaker_kind"] == "organization"}


def test_labels_follow_merged_organizations_and_source_metadata(seeds_db):
    ids = [row[0] for row in seeds_db.execute(
        "SELECT organization_id FROM quotes WHERE organization_id IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 2")]
    source_id, = seeds_db.execute("SELECT source_id FROM quotes LIMIT 1").fetchone()
    with seeds_db.conn:
        merge_organizations(seeds_db, ids[1], ids[0])
        seeds_db.execute("UPDATE sources SET published = '1999-01-02', publisher = 'Other Desk',"
                         " doc_type = 'letter' WHERE id = ?", [source_id])
    rows = view_rows(seeds_db)
    assert rows == joined_rows(seeds_db)
    assert ids[1] not in {row["organization_id"] for row in rows}
    assert {(row["published"], row["publisher"], row["doc_type"])
            for row in rows if row["source_id"] == source_id} == {("1999-01-02", "Other Desk", "letter")}


def test_a_quote_inserted_by_another_writer_gets_its_labels(seeds_db):
    org_id, name = seeds_db.execute("SELECT id, name FROM organizations LIMIT 1").fetchone()
    source_id, = seeds_db.execute("SELECT id FROM sources LIMIT 1").fetchone()
    with seeds_db.conn:
        seeds_db["quotes"].insert({"source_id": source_id, "start": 0, "end": 5, "text": "words",
                                   "speaker_kind": "organization", "organization_id": org_id,
                                   "speaker_as_printed": "them"})
    row = view_rows(seeds_db)[-1]
    assert (row["speaker"], row["organization"]) == (name, name) and row["doc_type"]
    assert view_rows(seeds_db) == joined_rows(seeds_db)


def test_full_text_index_is_rewritten_only_for_indexed_columns(seeds_db):
    """A new citation, label or tag leaves the full-text index alone (one change; the index's own writes count too);
    a new title re-indexes the row, and searches find it."""
    def changes(sql, params):
        before = seeds_db.conn.total_changes
        with seeds_db.conn:
            seeds_db.execute(sql, params)
        return seeds_db.conn.total_changes - before

    quote_id, = seeds_db.execute("SELECT min(id) FROM quotes").fetchone()
    assert changes("UPDATE quotes SET citation = 'x' WHERE id = ?", [quote_id]) == 1
    assert changes("UPDATE sources SET tags = '[\"t\"]' WHERE id = 1", []) == 1
    assert changes("UPDATE quotes SET title = 'zyzzyva keeper' WHERE id = ?", [quote_id]) > 1
    assert [row[0] for row in seeds_db.execute(
        "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'zyzzyva'")] == [quote_id]
    seeds_db.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")


def test_a_fresh_database_has_the_narrow_update_triggers(tmp_path):
    db = sqlite_utils.Database(tmp_path / "new.db")
    ensure_db_shape(db)
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'quotes_au'").fetchone()[0]
    assert 'AFTER UPDATE OF "text", "speaker_as_printed", "title", "organization_as_printed"' in sql
    ensure_db_shape(db)  # idempotent
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'quotes_au'").fetchone()[0] == 1


def test_quote_groups_read_the_stored_labels(seeds_db):
    joined = """
        SELECT coalesce(q.quote_group_id, q.id) AS id, min(q.text) AS text,
               CASE WHEN q.speaker_kind = 'organization' THEN org.name
                    ELSE coalesce(sp.name, q.speaker_as_printed) END AS speaker,
               count(*) AS quotes, count(DISTINCT q.source_id) AS sources,
               min(s.published) AS first_published
        FROM quotes q
        JOIN sources s ON s.id = q.source_id
        LEFT JOIN speakers sp ON sp.id = q.speaker_id
        LEFT JOIN organizations org ON org.id = q.organization_id
        GROUP BY coalesce(q.quote_group_id, q.id) ORDER BY 1"""
    rows = list(seeds_db.query("SELECT * FROM quote_groups ORDER BY id"))
    assert any(row["quotes"] > 1 for row in rows) and rows == list(seeds_db.query(joined))
