import json
import pathlib

import pytest

from conftest import build_kb, build_old_kb
from ingest.document import read_path
from kb.families import anchor_words, document_anchors, measure
from kb.schema import ensure_db_shape
from kb.scoring.figures import score_families
from kb.store import save_document
from kb.trace import format_trace, trace

DEMO = pathlib.Path(__file__).resolve().parent.parent / "kb" / "demo"


def build(tmp_path, paths):
    return build_kb(tmp_path / "kb.db", paths)


def family_scores(db, gold):
    documents = []
    for doc in gold["documents"]:
        source_id, text = db.execute(
            "SELECT id, text FROM sources WHERE origin LIKE ?", ["%" + doc["file"]]
        ).fetchone()
        figures = list(db["figures"].rows_where("source_id = ?", [source_id], order_by="start"))
        documents.append((text, doc["figures"], figures))
    return score_families(documents)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir):
    return build(tmp_path_factory.mktemp("seeds"), sorted(seeds_dir.glob("*.txt")))


def test_seed_families_pairwise_f1(seeds_db, seeds_gold):
    scores = family_scores(seeds_db, seeds_gold)
    assert scores["f1"] >= 0.90, scores


def test_demo_families_pairwise_f1(tmp_path):
    gold = json.loads((DEMO / "gold.json").read_text("utf-8"))
    db = build(tmp_path, sorted(DEMO.glob("*.txt")))
    scores = family_scores(db, gold)
    assert scores["f1"] >= 0.85, scores


def test_trace_finds_the_contract_value_in_every_source_that_states_it(seeds_db):
    traces = trace(seeds_db, "19.4 million")
    assert len(traces) == 1
    contract = traces[0]
    assert [(o["source_id"], o["text"]) for o in contract["occurrences"]] == [
        (1, "$19.4 million"), (1, "$19.4 million"), (2, "$19.4-million"),
        (4, "$19.4 million"), (4, "$19.4 million"), (4, "nearly $20 million"),
    ]
    # The doubled photo caption of source 4 prints "nearly $20 million" once
    # more: 7 occurrences as printed, in 3 sources.
    assert (contract["sources"], contract["repeats_dropped"]) == (3, 1)
    assert contract["values"] == [19400000.0, 20000000.0] and contract["values_disagree"]
    assert contract["variants"] == ["$19.4 million", "$19.4-million", "nearly $20 million"]


def test_trace_of_a_growing_tally_orders_sources_by_date(seeds_db):
    letter = trace(seeds_db, "over 500 employees")[0]
    assert [(o["published"], o["text"]) for o in letter["occurrences"]] == [
        ("2018-07-26", "over 500 employees"),
        (None, "more than 100"),
        (None, "more than 300 Microsoft employees"),
    ]
    report = format_trace([letter])
    assert "Values disagree: over 500 employees → more than 100 employees → more than 300 employees" in report
    assert "to show solidarity with [over 500 employees] at Microsoft" in report


def test_a_limited_trace_shows_the_first_occurrences_and_counts_them_all(seeds_db):
    full = trace(seeds_db, "19.4 million")[0]
    short = trace(seeds_db, "19.4 million", limit=2)[0]
    assert short["occurrences"] == full["occurrences"][:2]
    assert {key: short[key] for key in ("occurrences_total", "sources", "values", "first_source_id")} == {
        "occurrences_total": 6, "sources": 3, "values": [19400000.0, 20000000.0], "first_source_id": 1}
    assert short["variants"] == ["$19.4 million"]  # as printed in the occurrences shown
    report = format_trace([short])
    assert "  6 occurrence(s) in 3 source(s); the first 2 shown" in report
    assert "  2. " in report and "  3. " not in report


def test_trace_by_family_and_no_match(seeds_db):
    family_id = trace(seeds_db, "$19.4 million")[0]["family_id"]
    assert trace(seeds_db, family_id=family_id)[0]["family_id"] == family_id
    assert trace(seeds_db, "123,456 unicorns") == []
    assert format_trace([]) == "No figure matches."


def test_measure_reads_the_cue_nearest_the_figure():
    figure = {"unit": "employees", "value": 500.0, "subject": "employees"}
    window = ("solidarity with ", "over 500 employees", " who have signed an open letter to the CEO")
    assert measure(figure, window) == ("employees", "letter")
    people = {"unit": "people", "value": 300000.0, "subject": "people"}
    assert measure(people, ("", "more than 300,000 people", " have signed petitions")) == ("signatures", "petition")
    assert measure(people, ("groups representing ", "more than 7 million people", " are demanding")) == ("people", "membership")
    money = {"unit": "USD", "value": 12.7e6, "subject": None}
    assert measure(money, ("the ", "12.7 million dollars", " it agreed to pay the vendor")) == ("USD", "contract")


def test_anchors_are_the_most_mentioned_names():
    text = "Halvorsen Analytics signed. Halvorsen said. On Tuesday, Halvorsen Analytics and the DTS met. DTS agreed."
    assert document_anchors(text, count=3) == ["Halvorsen Analytics", "DTS", "Halvorsen"]
    # A word seen only opening sentences is not a name; one that is part of a longer name is.
    text = ("According to Brekke Transit, fares rose. Opponents said so. According to the board, "
            "few objected. Brekke said. “Opponents lost,” Brekke Transit said.")
    assert document_anchors(text) == ["Brekke Transit", "Brekke"]
    # "Analytics" names a kind of company, not this one: it joins no families.
    assert anchor_words(["Halvorsen Analytics", "The DTS"]) == {"halvorsen", "dts"}


def test_figures_carry_their_sources_date_through_a_metadata_update(tmp_path, seeds_dir):
    """Trace reads a family in date order from figures.published; a new date given to a stored
    source on re-import moves its figures."""
    db = build(tmp_path, sorted(seeds_dir.glob("*.txt")))

    def mismatched():
        return db.execute(
            "SELECT count(*) FROM figures f JOIN sources s ON s.id = f.source_id"
            " WHERE f.published IS NOT s.published").fetchone()[0]

    assert mismatched() == 0
    assert db.execute("SELECT count(*) FROM figures WHERE published IS NOT NULL").fetchone()[0] > 0
    before = trace(db, "over 500 employees")[0]["occurrences"]
    assert [(o["published"], o["text"]) for o in before][:2] == [("2018-07-26", "over 500 employees"),
                                                                 (None, "more than 100")]
    undated = db["sources"].get(before[1]["source_id"])["origin"]
    assert save_document(db, read_path(undated, {"published": "2018-06-01"})).status == "updated"
    assert mismatched() == 0
    after = trace(db, "over 500 employees")[0]["occurrences"]
    assert [(o["published"], o["text"]) for o in after][:2] == [("2018-06-01", "more than 100"),
                                                                ("2018-07-26", "over 500 employees")]


def stored_and_counted(db):
    """Each family's counts as kept on figure_families, and as counted from its figures."""
    from kb.schema import FAMILY_COUNTS_SQL

    columns = ("occurrences", "sources", "distinct_values", "min_value", "max_value",
               "first_source_id", "first_published")

    def comparable(row):
        return {key: row[key] for key in ("id",) + columns}

    stored = [comparable(row) for row in db.query(
        "SELECT * FROM figure_families WHERE id IN (SELECT family_id FROM figures) ORDER BY id")]
    counted = [comparable(row) for row in db.query(FAMILY_COUNTS_SQL + " ORDER BY ff.id")]
    return stored, counted


def test_family_counts_follow_every_figure_and_date_change(tmp_path, seeds_dir):
    db = build(tmp_path, sorted(seeds_dir.glob("*.txt")) + sorted(DEMO.glob("*.txt")))
    stored, counted = stored_and_counted(db)
    assert len(stored) == db["figure_families"].count > 30
    assert stored == counted
    assert any(row["distinct_values"] > 1 and row["sources"] > 1 for row in stored)
    # An undated source given a date becomes the first source of its families.
    undated = db.execute("SELECT origin FROM sources WHERE published IS NULL ORDER BY id").fetchone()[0]
    save_document(db, read_path(undated, {"published": "1999-01-01"}))
    stored, counted = stored_and_counted(db)
    assert stored == counted
    assert any(row["first_published"] == "1999-01-01" for row in stored)
    # The families view reads them, and lists a family's values when there are few.
    from kb.schema import FAMILY_VALUES_LISTED

    view = {row["id"]: row for row in db.query("SELECT * FROM families")}
    assert [{key: view[row["id"]][key] for key in row} for row in stored] == stored
    for family_id, row in view.items():
        values = [v for (v,) in db.execute(
            "SELECT DISTINCT value FROM figures WHERE family_id = ? AND value IS NOT NULL ORDER BY value", [family_id])]
        assert len(values) == row["distinct_values"]
        listed = [float(v) for v in row["values"].split(",")] if row["values"] else []
        assert listed == pytest.approx(values if len(values) <= FAMILY_VALUES_LISTED else [])


def test_upgrading_counts_the_families_a_database_already_holds(tmp_path, monkeypatch, seeds_dir):
    db = build_old_kb(tmp_path / "kb.db", sorted(seeds_dir.glob("*.txt")), 9, monkeypatch)
    assert "occurrences" not in db["figure_families"].columns_dict
    ensure_db_shape(db)
    stored, counted = stored_and_counted(db)
    assert stored == counted and stored[0]["occurrences"] > 0
