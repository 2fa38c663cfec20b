import pytest
import sqlite_utils
from datasette.app import Datasette

from conftest import build_kb
from kb.schema import ensure_db_shape
from kb.serve import load_metadata


@pytest.fixture(scope="module")
def datasette(tmp_path_factory, seeds_dir):
    path = tmp_path_factory.mktemp("ds") / "kb.db"
    build_kb(path, sorted(seeds_dir.glob("*.txt"))).close()
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


# --- The writer's experience: home page, source and family pages, links, citations, exports.


def squash(html):
    """The page with runs of whitespace as one space, as a browser shows it."""
    return " ".join(html.split())


@pytest.mark.asyncio
async def test_home_page_offers_the_entry_points(datasette):
    html = (await datasette.client.get("/")).text
    for title, href in [
        ("Search quotes", '"/kb/search_quotes"'),
        ("Trace a figure", '"/kb/trace_figure"'),
        ("Browse sources", '"/kb/sources"'),
        ("Speakers", '"/kb/speakers?_sort=name"'),
        ("Organizations", '"/kb/organizations?_sort=name"'),
        ("Figure families", '"/kb/families?_sort_desc=occurrences"'),
    ]:
        assert f"<a href={href}>{title}</a>" in html
    # The two searches take their words right on the home page.
    assert '<input type="search" name="q"' in html and '<input type="search" name="figure"' in html
    assert "5 sources · 33 quotes · 33 figures · 19 figure families · 16 speakers · 27 organizations" in html
    # The JSON index is Datasette's own, untouched.
    assert "kb" in (await datasette.client.get("/.json")).json()


@pytest.mark.asyncio
async def test_source_page_marks_every_span_and_tells_kinds_apart(datasette):
    response = await datasette.client.get("/-/source/3")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Organizations collectively representing more than 7 million people" in html
    # A figure inside a claim carries both classes; quotes have their own.
    assert '<mark class="kb-span kb-figure kb-claim" title="claim 17, figure 7">more than 7 million people</mark>' in html
    assert '<mark class="kb-span kb-quote kb-claim"' in html
    assert html.count('class="kb-anchor"') == 21 + 11 + 12
    # The legend and the lists, each entry linking to its mark and its passage.
    assert '<mark class="kb-span kb-quote">quote</mark> 21' in html
    assert '<h2 id="figures">Figures (11)</h2>' in html
    assert '<a href="#quotes-5">' in html and '<a href="/-/passage/quotes/5">passage</a>' in html
    assert (await datasette.client.get("/-/source/999999")).status_code == 404


def test_mark_spans_nests_overlapping_spans_and_escapes():
    from kb.passage import mark_spans

    text = "We said <b>$5 now</b>."
    spans = [(0, 21, "claims", 1), (8, 21, "quotes", 2), (11, 13, "figures", 3)]
    assert str(mark_spans(text, spans)) == (
        '<span class="kb-anchor" id="claims-1"></span>'
        '<mark class="kb-span kb-claim" title="claim 1">We said </mark>'
        '<span class="kb-anchor" id="quotes-2"></span>'
        '<mark class="kb-span kb-quote kb-claim" title="claim 1, quote 2">&lt;b&gt;</mark>'
        '<span class="kb-anchor" id="figures-3"></span>'
        '<mark class="kb-span kb-quote kb-figure kb-claim" title="claim 1, quote 2, figure 3">$5</mark>'
        '<mark class="kb-span kb-quote kb-claim" title="claim 1, quote 2"> now&lt;/b&gt;</mark>.'
    )


@pytest.mark.asyncio
async def test_quote_passage_shows_its_citation_to_copy_and_its_source(datasette):
    html = (await datasette.client.get("/-/passage/quotes/5")).text
    assert "<mark>Microsoft is providing a technological foundation for ICE’s work." in html
    assert 'class="kb-copy" data-copy="“Microsoft is providing' in html
    assert '<a href="/-/source/3#quotes-5">' in html
    assert '<a href="/kb/speaker_quotes?speaker_id=3">Everything Jelani Drew said</a>' in html
    assert "/-/static-plugins/campaign-kb/kb.js" in html


@pytest.mark.asyncio
async def test_figure_claim_and_mention_passages(datasette):
    figure = (await datasette.client.get("/-/passage/figures/7")).text
    assert "<mark>more than 7 million people</mark>" in figure
    assert '<a href="/-/family/' in figure
    claim = (await datasette.client.get("/-/passage/claims/17")).text
    assert "<mark>Organizations collectively representing" in claim
    mention = await datasette.client.get("/-/passage/mentions/1")
    assert mention.status_code == 200 and "<mark>" in mention.text


@pytest.mark.asyncio
async def test_family_page_traces_the_figure_through_its_sources(datasette):
    family_id = (await datasette.client.get(
        "/kb/trace_figure.json?figure=19.4+million&_shape=array")).json()[0]["family"]
    html = (await datasette.client.get(f"/-/family/{family_id}")).text
    assert "<h1>contract value (USD) · Microsoft</h1>" in html
    assert "6 occurrences in 3 sources, plus 1 in repeated paragraphs" in squash(html)
    assert "The sources state different values" in html
    assert "It is time to cancel Microsoft&#39;s <mark>$19.4 million</mark> dollar contract" in html
    assert html.count('<a href="/-/source/') == 6
    assert (await datasette.client.get("/-/family/999999")).status_code == 404


@pytest.mark.asyncio
async def test_family_page_lists_the_first_occurrences_of_a_big_family(datasette, monkeypatch):
    from kb.plugin import pages

    monkeypatch.setattr(pages, "FAMILY_PAGE_ROWS", 2)
    family_id = (await datasette.client.get(
        "/kb/trace_figure.json?figure=19.4+million&_shape=array")).json()[0]["family"]
    html = squash((await datasette.client.get(f"/-/family/{family_id}")).text)
    assert "6 occurrences in 3 sources; the first 2 are listed, earliest first" in html
    assert html.count('<a href="/-/source/') == 2


@pytest.mark.asyncio
async def test_table_cells_link_to_sources_speakers_families_and_passages(datasette):
    quotes = (await datasette.client.get("/kb/quotes?id=5")).text
    assert '<a href="/kb/speaker_quotes?speaker_id=3">Jelani Drew</a>' in quotes
    assert '<a href="/kb/organization_quotes?organization_id=7">Fight for the Future</a>' in quotes
    assert '<a href="/-/source/3">Organizations collectively representing' in quotes
    assert '<a href="/-/passage/quotes/5">Microsoft is providing' in quotes
    figures = (await datasette.client.get("/kb/figures?id=1")).text
    assert '<a href="/-/family/1">contract value (USD) · Microsoft</a>' in figures
    sources = (await datasette.client.get("/kb/sources?id=1")).text
    assert '<a href="/-/source/1">Tell Microsoft to divest from ICE operations!</a>' in sources
    speakers = (await datasette.client.get("/kb/speakers?id=3")).text
    assert '<a href="/kb/speaker_quotes?speaker_id=3">Jelani Drew</a>' in speakers
    families = (await datasette.client.get("/kb/families?id=1")).text
    assert '<a href="/-/family/1">contract value (USD) · Microsoft</a>' in families


@pytest.mark.asyncio
async def test_row_pages_link_raw_foreign_keys_with_their_labels(datasette):
    """Row pages hand render_cell bare ids: the label is looked up."""
    html = (await datasette.client.get("/kb/quotes/5")).text
    assert '<a href="/-/source/3">Organizations collectively representing' in html
    assert '<a href="/kb/speaker_quotes?speaker_id=3">Jelani Drew</a>' in html
    figure = (await datasette.client.get("/kb/figures/1")).text
    assert '<a href="/-/family/1">contract value (USD) · Microsoft</a>' in figure


@pytest.mark.asyncio
async def test_search_quotes_page_links_and_offers_citations_to_copy(datasette):
    html = (await datasette.client.get("/kb/search_quotes?q=caging")).text
    assert '<a href="/kb/speaker_quotes?speaker_id=12">Matt Nelson</a>' in html
    assert '<a href="/kb/organization_quotes?organization_id=16">Presente.org</a>' in html
    assert '<span class="kb-citation">“No company should be in the business of caging' in html
    assert '<button type="button" class="kb-copy" data-copy="“No company should' in html
    assert '<a href="/-/source/3">Organizations collectively' in html
    assert '<a href="/-/passage/quotes/24">show passage</a>' in html
    # The id beside the name is the id, not the name twice.
    assert '<td class="col-speaker_id"><a href="/kb/speaker_quotes?speaker_id=12">12</a></td>' in html


@pytest.mark.asyncio
async def test_speaker_and_organization_pages_render(datasette):
    speaker = (await datasette.client.get("/kb/speaker_quotes?speaker_id=3")).text
    assert speaker.count('<td class="col-speaker">Jelani Drew</td>') == 4
    assert '<a href="/-/passage/quotes/5">show passage</a>' in speaker
    organization = (await datasette.client.get("/kb/organization_quotes?organization_id=1")).text
    assert '<a href="/kb/speaker_quotes?speaker_id=1">Satya Nadella</a>' in organization
    # Microsoft speaking for itself has no speaker row; its name stays plain text.
    assert '<td class="col-speaker">Microsoft</td>' in organization


@pytest.mark.asyncio
async def test_trace_figure_page_links_family_and_sources(datasette):
    html = (await datasette.client.get("/kb/trace_figure?figure=%2419.4+million")).text
    assert html.count('<a href="/-/family/1">contract value (USD) · Microsoft</a>') == 6
    for source_id in (1, 2, 4):
        assert f'<a href="/-/source/{source_id}">' in html


@pytest.mark.asyncio
async def test_search_results_export_as_copyable_csv_and_json(datasette):
    copyable = await datasette.client.get("/kb/search_quotes.copyable?q=caging")
    assert copyable.status_code == 200 and "No company should be in the business" in copyable.text
    tsv = (await datasette.client.get("/kb/search_quotes.copyable?q=caging&_raw=1&_table_format=tsv")).text
    assert tsv.splitlines()[0].split("\t")[:7] == [
        "id", "text", "passage", "speaker", "title", "organization", "citation",
    ]
    csv = (await datasette.client.get("/kb/search_quotes.csv?q=caging")).text
    assert csv.startswith("id,text,passage,speaker,title,organization,citation,")
    assert "said Matt Nelson" in csv
    rows = (await datasette.client.get("/kb/search_quotes.json?q=caging&_shape=array")).json()
    assert rows[0]["citation"].startswith("“No company")


@pytest.mark.asyncio
async def test_other_databases_are_left_alone(tmp_path):
    """The plugin is installed for every Datasette in the environment: a database that is
    not a knowledge base keeps Datasette's home page and cells, and has no kb pages."""
    path = tmp_path / "other.db"
    sqlite_utils.Database(path)["things"].insert({"id": 1, "source_id": 5, "speaker_id": 2}, pk="id")
    other = Datasette([str(path)])
    assert "Search quotes" not in (await other.client.get("/")).text
    html = (await other.client.get("/other/things")).text
    assert '<td class="col-source_id type-int">5</td>' in html
    for page in ("/-/source/1", "/-/passage/quotes/1", "/-/family/1"):
        assert (await other.client.get(page)).status_code == 404


# --- Escaping: stored markup shows as text everywhere.


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A knowledge base whose source, title and quote hold markup."""
    path = tmp_path_factory.mktemp("hostile") / "kb.db"
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    text = "Intro.\n“<script>alert(1)</script>” said <b>Eve</b>.\n"
    db["sources"].insert({
        "id": 1, "sha256": "0" * 64, "doc_type": "article", "title": "<img src=x onerror=alert(2)>",
        "url": "javascript:alert(3)", "text": text, "imported_at": "2024-01-01T00:00:00+00:00",
    })
    start = text.index("<script>")
    db["quotes"].insert({
        "id": 1, "source_id": 1, "start": start, "end": start + 25, "text": text[start:start + 25],
        "citation": "“<script>alert(4)</script>” said <b>Eve</b>",
    })
    db.close()
    return Datasette([str(path)], metadata=load_metadata(path))


@pytest.mark.asyncio
@pytest.mark.parametrize("page", ["/-/source/1", "/-/passage/quotes/1", "/kb/quotes", "/kb/quotes/1",
                                  "/kb/sources", "/kb/quotes_view", "/kb/search_quotes?q=script"])
async def test_stored_markup_is_escaped_on_every_page(hostile, page):
    response = await hostile.client.get(page)
    assert response.status_code == 200
    html = response.text
    assert "&lt;script&gt;alert" in html
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Eve" not in html


@pytest.mark.asyncio
async def test_source_page_shows_a_stored_script_as_text(hostile):
    html = (await hostile.client.get("/-/source/1")).text
    assert '<mark class="kb-span kb-quote" title="quote 1">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in html
    assert "<h1>&lt;img src=x onerror=alert(2)&gt;</h1>" in html
    # A stored url that is not a web address is printed, never linked.
    assert 'href="javascript:' not in html


# --- Serving modes.


def test_public_serving_turns_off_sql_and_downloads():
    from kb.serve import datasette_args

    local = datasette_args("kb.db", "metadata.json")
    public = datasette_args("kb.db", "metadata.json", public=True)
    assert "default_allow_sql" not in local and "allow_download" not in local
    assert public[-6:] == ["--setting", "default_allow_sql", "off", "--setting", "allow_download", "off"]
    assert public[:-6] == local
    # Facet suggestions scan every column of a table page: seconds at a million quotes.
    assert local[-3:] == ["--setting", "suggest_facets", "off"]


def test_kb_serve_public_passes_the_flag(monkeypatch, tmp_path):
    from click.testing import CliRunner

    import cli

    calls = []
    monkeypatch.setattr(cli, "serve_datasette", lambda *args: calls.append(args))
    path = tmp_path / "kb.db"
    ensure_db_shape(sqlite_utils.Database(path))
    result = CliRunner().invoke(cli.cli, ["serve", "--db", str(path), "--public", "-p", "9001"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert calls == [(str(path), "127.0.0.1", 9001, True)]


@pytest.fixture(scope="module")
def public(tmp_path_factory, datasette):
    from kb.serve import serve_settings

    path = datasette.databases["kb"].path
    return Datasette(immutables=[path], metadata=load_metadata(path), settings=serve_settings(public=True))


@pytest.mark.asyncio
async def test_public_instance_refuses_sql_but_runs_canned_queries(public):
    refused = await public.client.get("/kb.json?sql=select+*+from+raw_inputs")
    assert refused.status_code == 403
    assert (await public.client.get("/kb.db")).status_code == 403
    rows = (await public.client.get("/kb/search_quotes.json?q=cage&_shape=array")).json()
    assert {row["speaker"] for row in rows} >= {"Scott Roberts"}
    rows = (await public.client.get("/kb/trace_figure.json?figure=19.4+million&_shape=array")).json()
    assert {row["source_id"] for row in rows} == {1, 2, 4}
    for page in ("/", "/-/source/3", "/-/family/1", "/-/passage/quotes/5", "/kb/speaker_quotes?speaker_id=3"):
        assert (await public.client.get(page)).status_code == 200, page


@pytest.mark.asyncio
async def test_robots_are_blocked(datasette):
    robots = await datasette.client.get("/robots.txt")
    assert robots.text.split() == ["User-agent:", "*", "Disallow:", "/"]
