import pytest
import sqlite_utils

from kb.entities import resolve_organization, resolve_speaker
from kb.schema import ensure_db_shape


@pytest.fixture
def db():
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    return db


def test_organization_spellings_resolve_to_one(db):
    ids = {resolve_organization(db, name) for name in ("SumOfUs", "Sum Of Us", "Sum of Us")}
    assert len(ids) == 1
    assert resolve_organization(db, "ColorOfChange") == resolve_organization(db, "Color Of Change")
    assert resolve_organization(db, "Free Press") != resolve_organization(db, "Free Press Action Fund")
    rows = [(r["name"], r["key"]) for r in db["organizations"].rows]
    assert rows[0] == ("SumOfUs", "sumofus")


def test_an_acronym_joins_the_name_it_stands_for(db):
    ice = resolve_organization(db, "ICE", full_name="Immigration and Customs Enforcement")
    assert resolve_organization(db, "Immigration and Customs Enforcement") == ice
    assert resolve_organization(db, "ICE") == ice
    assert resolve_organization(db, "Immigration, Customs, and Enforcement") == ice
    assert resolve_organization(db, "U.S. Immigration and Customs Enforcement") == ice
    assert resolve_organization(db, "Customs and Border Protection") != ice
    aliases = sorted(r["alias"] for r in db["organization_aliases"].rows_where("organization_id = ?", [ice]))
    assert "ICE" in aliases and "Immigration, Customs, and Enforcement" in aliases


def test_a_surname_joins_the_one_person_who_has_it(db):
    nadella = resolve_speaker(db, "Satya Nadella", "person")
    assert resolve_speaker(db, "Nadella", "person") == nadella
    # Seen first as a surname, the person takes the full name when it arrives.
    okafor = resolve_speaker(db, "Okafor", "person")
    assert resolve_speaker(db, "Dana Okafor", "person") == okafor
    assert db["speakers"].get(okafor)["name"] == "Dana Okafor"


def test_an_ambiguous_surname_stays_apart(db):
    scott = resolve_speaker(db, "Scott Roberts", "person")
    jane = resolve_speaker(db, "Jane Roberts", "person")
    alone = resolve_speaker(db, "Roberts", "person")
    assert len({scott, jane, alone}) == 3


def test_groups_are_not_matched_by_surname(db):
    resolve_speaker(db, "Dana Employees", "person")
    assert resolve_speaker(db, "employees", "group") != resolve_speaker(db, "Dana Employees", "person")


def test_resolution_lookups_use_indexes_not_full_scans(db):
    plans = [
        db.execute("EXPLAIN QUERY PLAN SELECT organization_id FROM organization_aliases WHERE key = 'x'").fetchall(),
        db.execute("EXPLAIN QUERY PLAN SELECT organization_id, key, alias FROM organization_aliases "
                   "WHERE key >= 'abcd' AND key < 'abcd\uffff'").fetchall(),
        db.execute("EXPLAIN QUERY PLAN SELECT DISTINCT speaker_id FROM speaker_aliases "
                   "WHERE surname = 'x' AND key != surname").fetchall(),
        db.execute("EXPLAIN QUERY PLAN SELECT organization_id FROM organization_aliases WHERE block = 'x'").fetchall(),
    ]
    for plan in plans:
        detail = " ".join(row[-1] for row in plan)
        assert "USING INDEX" in detail or "USING COVERING INDEX" in detail, detail


def test_a_short_form_seen_before_its_definition_is_folded_in(db):
    alone = resolve_organization(db, "ICE")
    db["sources"].insert({"sha256": "x", "doc_type": "other", "text": "ICE", "imported_at": "2025-01-01"})
    db["mentions"].insert({"source_id": 1, "start": 0, "end": 3, "text": "ICE", "kind": "organization",
                           "organization_id": alone})
    ice = resolve_organization(db, "ICE", full_name="Immigration and Customs Enforcement")
    assert ice != alone
    assert [row["id"] for row in db["organizations"].rows] == [ice]
    assert [row["organization_id"] for row in db["mentions"].rows] == [ice]
    assert resolve_organization(db, "ICE") == ice
