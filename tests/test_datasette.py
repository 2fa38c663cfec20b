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
    facets = (await datasette.client.get("/kb/sources.json")).json()["facet_results"]
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


@pytest.mark.asyncio
async def test_ranked_quote_search(datasette):
    rows = (await datasette.client.get("/kb/search_quotes.json?q=cage&_shape=array")).json()
    # Porter stemming: "cage" also finds "cages" and "caging".
    assert rows and all("cag" in row["text"].lower() for row in rows)
    assert {row["speaker"] for row in rows} >= {"Scott Roberts"}
    assert rows[0]["citation"].startswith("“")
    assert rows[0]["passage"] == f"quotes/{rows[0]['id']}"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "query,finds",
    [("", False), ("\"", False), (")(", False), ("* NEAR", False), ("'; drop table quotes; --", False),
     ("AND OR NOT", True)],
)
async def test_quote_search_is_safe_on_empty_or_odd_input(datasette, query, finds):
    """FTS operators are searched as plain words, never parsed as syntax."""
    response = await datasette.client.get("/kb/search_quotes.json", params={"q": query, "_shape": "array"})
    assert response.status_code == 200
    assert bool(response.json()) is finds


@pytest.mark.asyncio
async def test_quotes_view_facets_by_speaker_organization_type_and_date(datasette):
    facets = (await datasette.client.get("/kb/quotes_view.json")).json()["facet_results"]
    assert set(facets) == {"speaker", "organization", "doc_type", "published"}
    speakers = {row["value"]: row["count"] for row in facets["speaker"]["results"]}
    assert speakers["Scott Roberts"] == 4 and speakers["Jelani Drew"] == 4


@pytest.mark.asyncio
async def test_speaker_and_organization_quote_pages(datasette):
    speaker = (await datasette.client.get(
        "/kb/speakers.json?name=Emma+Pullman&_shape=array")).json()[0]
    rows = (await datasette.client.get(
        f"/kb/speaker_quotes.json?speaker_id={speaker['id']}&_shape=array")).json()
    assert [row["organization"] for row in rows] == ["SumOfUs"] * 3
    org = (await datasette.client.get("/kb/organizations.json?name=Microsoft&_shape=array")).json()[0]
    rows = (await datasette.client.get(
        f"/kb/organization_quotes.json?organization_id={org['id']}&_shape=array")).json()
    assert {row["text"] for row in rows} >= {"mission critical", "mission-critical"}


@pytest.mark.asyncio
async def test_trace_a_figure_canned_query(datasette):
    rows = (await datasette.client.get(
        "/kb/trace_figure.json?figure=19.4+million&_shape=array")).json()
    assert [(row["source_id"], row["figure"]) for row in rows] == [
        (1, "$19.4 million"), (1, "$19.4 million"), (2, "$19.4-million"),
        (4, "$19.4 million"), (4, "$19.4 million"), (4, "nearly $20 million"),
    ]
    assert len({row["family"] for row in rows}) == 1
    empty = await datasette.client.get("/kb/trace_figure.json?figure=&_shape=array")
    assert empty.status_code == 200 and empty.json() == []


@pytest.mark.asyncio
async def test_families_view(datasette):
    rows = (await datasette.client.get(
        "/kb/families.json?_sort_desc=occurrences&_shape=array")).json()
    assert {row["label"]: (row["occurrences"], row["sources"], row["values_disagree"]) for row in rows[:3]} == {
        "petition signatures · ICE": (7, 3, 1),
        "contract value (USD) · Microsoft": (6, 3, 1),
        "letter employees · Microsoft": (3, 3, 1),
    }


@pytest.mark.asyncio
async def test_passage_page_marks_the_span_and_escapes_the_text(datasette):
    figure = (await datasette.client.get("/kb/figures.json?text=nearly+%2420+million&_shape=array")).json()[0]
    html = (await datasette.client.get(f"/-/passage/figures/{figure['id']}")).text
    assert "through a <mark>nearly $20 million</mark> contract." in html
    assert (await datasette.client.get("/-/passage/figures/999999")).status_code == 404


def test_highlight_escapes_html():
    from kb.passage import highlight

    assert str(highlight("<script>alert(1)</script> $5", 26, 28)) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>$5</mark>"
    )
