"""The quotes pages' facets on an unfiltered page come from counts triggers
keep (migration 15, kb/plugin/facets.py): the counts must equal grouping the
quotes after every kind of change, and the page must show what Datasette's
own column facet shows."""
import pytest
import sqlite_utils
from datasette.app import Datasette

from conftest import build_kb, build_old_kb
from kb.entities import merge_organizations
from kb.schema import QUOTE_FACET_COLUMNS, ensure_db_shape
from kb.serve import load_metadata


def stored_counts(db):
    return {(row["facet"], row["value"]): row["count"] for row in db["quote_facet_counts"].rows}


def grouped_counts(db):
    """The reference: each column's values grouped over every quote."""
    return {
        (column, value): count
        for column in QUOTE_FACET_COLUMNS
        for value, count in db.execute(
            f"SELECT {column}, count(*) FROM quotes WHERE {column} IS NOT NULL GROUP BY {column}")
    }


@pytest.fixture
def seeds_db(tmp_path, seeds_dir):
    return build_kb(tmp_path / "kb.db", sorted(seeds_dir.glob("*.txt")))


def test_the_import_keeps_every_facet_count(seeds_db):
    counts = stored_counts(seeds_db)
    assert counts == grouped_counts(seeds_db)
    assert {column for column, _ in counts} == set(QUOTE_FACET_COLUMNS)
    assert counts[("doc_type", "press_release")] > counts[("doc_type", "petition")] > 0


def test_upgrading_counts_the_stored_quotes(tmp_path, monkeypatch, seeds_dir):
    db = build_old_kb(tmp_path / "kb.db", sorted(seeds_dir.glob("*.txt")), 14, monkeypatch)
    assert not db["quote_facet_counts"].exists()
    ensure_db_shape(db)
    assert stored_counts(db) == grouped_counts(db) != {}


def test_counts_follow_renames_merges_metadata_and_other_writers(seeds_db):
    speaker_id, = seeds_db.execute(
        "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC").fetchone()
    orgs = [row[0] for row in seeds_db.execute(
        "SELECT organization_id FROM quotes WHERE organization_id IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 2")]
    source_id, = seeds_db.execute("SELECT source_id FROM quotes LIMIT 1").fetchone()
    with seeds_db.conn:
        seeds_db.execute("UPDATE speakers SET name = 'Renamed Person' WHERE id = ?", [speaker_id])
        merge_organizations(seeds_db, orgs[1], orgs[0])
        seeds_db.execute("UPDATE sources SET published = '1999-01-02', doc_type = 'letter' WHERE id = ?",
                         [source_id])
        seeds_db["quotes"].insert({"source_id": source_id, "start": 0, "end": 5, "text": "words",
                                   "speaker_kind": "organization", "organization_id": orgs[0],
                                   "speaker_as_printed": "them"})
    counts = stored_counts(seeds_db)
    assert counts == grouped_counts(seeds_db)
    assert counts[("speaker_label", "Renamed Person")] > 0 and counts[("doc_type", "letter")] > 0


def test_a_value_no_quote_has_any_more_is_dropped(seeds_db):
    source_id, = seeds_db.execute("SELECT id FROM sources WHERE doc_type = 'petition' LIMIT 1").fetchone()
    petitions = stored_counts(seeds_db)[("doc_type", "petition")]
    with seeds_db.conn:
        seeds_db.execute("DELETE FROM quotes WHERE id IN (SELECT id FROM quotes WHERE doc_type = 'petition'"
                         " AND source_id != ? )", [source_id])
        seeds_db.execute("UPDATE sources SET doc_type = 'other' WHERE id = ?", [source_id])
    counts = stored_counts(seeds_db)
    assert counts == grouped_counts(seeds_db)
    assert ("doc_type", "petition") not in counts and petitions > 0
    assert 0 not in counts.values()


@pytest.fixture(scope="module")
def datasette(tmp_path_factory, seeds_dir):
    path = tmp_path_factory.mktemp("facets") / "kb.db"
    build_kb(path, sorted(seeds_dir.glob("*.txt"))).close()
    return Datasette([str(path)], metadata=load_metadata(path))


def pairs_of(data, column):
    """The page's two facets of ``column``, the metadata's counted one and the one ?_facet= adds
    (in the order Datasette's plugins run)."""
    pair = [f for f in data["facet_results"].values() if f["name"] == column]
    assert len(pair) == 2 and all(f["type"] == "column" for f in pair), pair
    return pair


@pytest.mark.asyncio
@pytest.mark.parametrize("table,columns", [("quotes_view", ["speaker", "organization", "doc_type", "published"]),
                                           ("quotes", ["speaker_id"])])
async def test_unfiltered_pages_show_what_grouping_shows(datasette, monkeypatch, table, columns):
    asked = "&".join(f"_facet={column}" for column in columns)
    data = (await datasette.client.get(f"/kb/{table}.json?{asked}&_facet_size=5")).json()
    for column in columns:
        one, other = pairs_of(data, column)
        assert one["results"] == other["results"] != []
        assert one["truncated"] == other["truncated"]
    assert pairs_of(data, columns[0])[0]["results"][0]["count"] > 1
    # The page read the counts, not the quotes.
    sql = await run_sql(datasette, monkeypatch, f"/kb/{table}.json?_nosuggest=1")
    assert any("FROM quote_facet_counts" in s for s in sql) and not any("group by" in s.lower() for s in sql)


@pytest.mark.asyncio
async def test_the_quotes_page_shows_its_facets_as_column_facets(datasette):
    html = (await datasette.client.get("/kb/quotes_view")).text
    for column in ("speaker", "organization", "doc_type", "published"):
        assert f'data-column="{column}"' in html
    assert "(counted)" not in html and "quotes_view?speaker=Scott+Roberts" in html


@pytest.mark.asyncio
async def test_the_speaker_id_facet_is_labelled_with_names(datasette):
    data = (await datasette.client.get("/kb/quotes.json")).json()
    results = data["facet_results"]["speaker_id"]["results"]
    assert {row["label"] for row in results} >= {"Scott Roberts", "Jelani Drew"}


@pytest.mark.asyncio
@pytest.mark.parametrize("args", ["doc_type=article", "_search=Microsoft", "_where=partial=0"])
async def test_filtered_pages_group_their_own_rows(datasette, monkeypatch, args):
    data = (await datasette.client.get(f"/kb/quotes_view.json?{args}&_facet=speaker&_facet=doc_type")).json()
    one, other = pairs_of(data, "speaker")
    assert one["results"] == other["results"] != []
    assert sum(r["count"] for r in pairs_of(data, "doc_type")[0]["results"]) == data["filtered_table_rows_count"]
    sql = await run_sql(datasette, monkeypatch, f"/kb/quotes_view.json?{args}&_nosuggest=1")
    assert not any("FROM quote_facet_counts" in s for s in sql)


@pytest.mark.asyncio
async def test_a_facet_the_url_adds_can_be_hidden_again(datasette):
    data = (await datasette.client.get("/kb/quotes_view.json?_facet_counted=speaker_id")).json()
    facet = data["facet_results"]["speaker_id"]
    assert facet["hideable"] and "_facet_counted" not in facet["toggle_url"]
    filtered = (await datasette.client.get("/kb/quotes_view.json?doc_type=article&_facet_counted=speaker_id")).json()
    assert "_facet_counted" not in filtered["facet_results"]["speaker_id"]["toggle_url"]


@pytest.mark.asyncio
async def test_a_database_from_before_the_counts_is_still_faceted(tmp_path, monkeypatch, seeds_dir):
    path = tmp_path / "old.db"
    build_old_kb(path, sorted(seeds_dir.glob("*.txt")), 14, monkeypatch).close()
    # Served as it is (read-only, so not upgraded): grouped from the quotes.
    old = Datasette([], immutables=[str(path)], metadata=load_metadata(path))
    data = (await old.client.get("/old/quotes_view.json")).json()
    speakers = {row["value"]: row["count"] for row in data["facet_results"]["speaker"]["results"]}
    assert speakers["Scott Roberts"] == 4
    assert not sqlite_utils.Database(path)["quote_facet_counts"].exists()


async def run_sql(datasette, monkeypatch, url):
    """The SQL Datasette runs for a page."""
    seen = []
    execute = datasette.execute

    async def recording(database, sql, *args, **kwargs):
        seen.append(sql)
        return await execute(database, sql, *args, **kwargs)

    monkeypatch.setattr(datasette, "execute", recording)
    assert (await datasette.client.get(url)).status_code == 200
    monkeypatch.setattr(datasette, "execute", execute)
    return seen
