import pytest
import sqlite_utils
from datasette.app import Datasette

from ingest.document import read_path
from kb.schema import ensure_db_shape
from kb.serve import load_metadata
from kb.store import save_document


@pytest.fixture(scope="module")
def datasette(tmp_path_factory, seeds_dir):
    path = tmp_path_factory.mktemp("ds") / "kb.db"
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    for seed in sorted(seeds_dir.glob("*.txt")):
        save_document(db, read_path(seed))
    db.close()
    return Datasette([str(path)], metadata=load_metadata(path))


@pytest.mark.asyncio
async def test_plugin_is_registered_through_its_entry_point(datasette):
    plugins = (await datasette.client.get("/-/plugins.json")).json()
    ours = [p for p in plugins if p["name"] == "campaign-kb"]
    assert len(ours) == 1 and ours[0]["static"] is True


@pytest.mark.asyncio
async def test_sources_facet_by_doc_type_and_publisher(datasette):
    data = (await datasette.client.get("/kb/sources.json?_extra=facet_results")).json()
    facets = data["facet_results"]["results"]
    assert {row["value"]: row["count"] for row in facets["doc_type"]["results"]} == {
        "petition": 2, "article": 2, "press_release": 1,
    }
    assert {row["value"] for row in facets["publisher"]["results"]} == {
        "Demand Progress", "Free Press Action Fund", "Fight for the Future",
    }


@pytest.mark.asyncio
async def test_source_row_page_shows_the_whole_text_with_paragraphs(datasette):
    response = await datasette.client.get("/kb/sources/3")
    assert response.status_code == 200
    html = response.text
    assert "/-/static-plugins/campaign-kb/kb.css" in html
    # The last words of the press release are on the page: nothing is truncated.
    assert "millions of consumers." in html
    css = (await datasette.client.get("/-/static-plugins/campaign-kb/kb.css")).text
    assert "white-space: pre-wrap" in css


@pytest.mark.asyncio
async def test_table_and_column_descriptions_are_served(datasette):
    html = (await datasette.client.get("/kb/sources")).text
    assert "One row per imported document" in html
    data = (await datasette.client.get("/-/metadata.json")).json()
    assert data["databases"]["kb"]["tables"]["quotes"]["columns"]["partial"].startswith("1 for a fragment")
