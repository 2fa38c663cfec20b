"""The canned queries and table facets read through indexes and full-text search, never a full pass
over quotes or figures (issue #7), and the indexed formulations return what the scans returned.

Plans come from EXPLAIN QUERY PLAN of the SQL in metadata.yml (and of the SQL Datasette builds for
a table facet) on a freshly built database, without ANALYZE statistics, as a new ``kb.db`` is.
"""
import re
import sqlite3

import pytest
import sqlite_utils
from datasette.utils import escape_fts

from conftest import build_kb
from kb.plugin import sql_value
from kb.plugin.facets import TOP_VALUES_SQL
from kb.schema import ensure_db_shape
from kb.serve import load_metadata

# A plan line that reads every row of a big table: "SCAN quotes", "SCAN f", "SCAN q USING INDEX …".
# (A COVERING INDEX scan is allowed only where a test says so: a facet over a whole table.)
FULL_SCAN = re.compile(r"^\s*SCAN (quotes|figures|sources|q|f|s)\b")

# The search and trace before issue #7, kept to check the new ones return the same rows.
OLD_SEARCH = """
SELECT q.id FROM quotes_fts JOIN quotes_view q ON q.id = quotes_fts.rowid
WHERE :q != '' AND quotes_fts MATCH coalesce(nullif(escape_fts(:q), ''), '""')
ORDER BY quotes_fts.rank LIMIT 200
"""
OLD_MATCHED = """
SELECT DISTINCT family_id FROM figures
WHERE :figure != '' AND (
  text LIKE '%' || :figure || '%'
  OR value BETWEEN kb_value(:figure) * 0.995 AND kb_value(:figure) * 1.005
)
"""
# What trace matches, written as scans: figures with the value named, or,
# when there are none, figures whose text holds the search.
SCANNED_MATCHES = """
SELECT family_id FROM figures
WHERE value BETWEEN kb_value(:figure) * 0.995 AND kb_value(:figure) * 1.005
UNION
SELECT family_id FROM figures
WHERE :figure != '' AND text LIKE '%' || :figure || '%'
  AND NOT EXISTS (SELECT 1 FROM figures
                  WHERE value BETWEEN kb_value(:figure) * 0.995 AND kb_value(:figure) * 1.005)
"""
TRACE_ROWS = """)
SELECT f.family_id AS family, fam.label, s.published, s.doc_type, s.publisher,
       f.source_id, f.text AS figure, f.value, f.qualifier,
       substr(s.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence,
       'figures/' || f.id AS passage
FROM figures f
JOIN matched m ON m.family_id = f.family_id
JOIN figure_families fam ON fam.id = f.family_id
JOIN sources s ON s.id = f.source_id
ORDER BY f.family_id, s.published IS NULL, s.published, s.id, f.start
LIMIT 500
"""
OLD_TRACE = "WITH matched AS (" + OLD_MATCHED + TRACE_ROWS
SCANNING_TRACE = "WITH matched AS (" + SCANNED_MATCHES + TRACE_ROWS


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory, seeds_dir):
    path = tmp_path_factory.mktemp("plans") / "kb.db"
    build_kb(path, sorted(seeds_dir.glob("*.txt"))).close()
    return path


@pytest.fixture(scope="module")
def conn(kb_path):
    connection = sqlite3.connect(kb_path)
    connection.row_factory = sqlite3.Row
    # The functions Datasette and the kb plugin give every connection.
    connection.create_function("escape_fts", 1, escape_fts)
    connection.create_function("kb_value", 1, sql_value, deterministic=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def queries():
    return {name: q["sql"] for name, q in load_metadata("kb.db")["databases"]["kb"]["queries"].items()}


def plan(conn, sql, params=None):
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params or {})]


def full_scans(lines):
    return [line for line in lines if FULL_SCAN.match(line)]


def test_the_check_catches_a_full_scan(conn):
    """The old trace's LIKE '%…%' read every figure; the check must say so."""
    assert full_scans(plan(conn, OLD_TRACE, {"figure": "19.4 million"}))
    assert full_scans(plan(conn, "SELECT count(*) FROM quotes WHERE text LIKE '%cage%'"))


@pytest.mark.parametrize("name,params", [
    ("search_quotes", {"q": "cages"}),
    ("speaker_quotes", {"speaker_id": 1}),
    ("organization_quotes", {"organization_id": 1}),
    ("trace_figure", {"figure": "19.4 million"}),
])
def test_canned_queries_do_not_scan_quotes_or_figures(conn, queries, name, params):
    lines = plan(conn, queries[name], params)
    assert not full_scans(lines), "\n".join(lines)


def test_search_ranks_inside_full_text_search_before_joining(conn, queries):
    """The LIMIT 200 subquery reads the FTS5 index alone (its rows come out ranked or are sorted
    there); quotes_view is joined outside it, by rowid, so a broad word joins 200 rows, not all."""
    rows = conn.execute("EXPLAIN QUERY PLAN " + queries["search_quotes"], {"q": "cages"}).fetchall()
    text = "\n".join(row[3] for row in rows)
    best = next((row for row in rows if re.match(r"(CO-ROUTINE|MATERIALIZE) best", row[3])), None)
    assert best, text
    inside = [row[3] for row in rows if row[1] == best[0]]
    assert re.fullmatch(r"SCAN quotes_fts VIRTUAL TABLE INDEX \d+:M\d*", inside[0]), text
    assert set(inside[1:]) <= {"USE TEMP B-TREE FOR ORDER BY"}, text
    outside = [row[3] for row in rows if row[1] != best[0] and row is not best]
    assert "SEARCH q USING INTEGER PRIMARY KEY (rowid=?)" in outside, text
    assert not any("quotes_fts" in line for line in outside), text


def test_trace_reads_figures_by_trigram_value_and_family_indexes(conn, queries):
    lines = plan(conn, queries["trace_figure"], {"figure": "19.4 million"})
    text = "\n".join(lines)
    assert re.search(r"SCAN \w+ VIRTUAL TABLE INDEX \d+:L", text), text  # figures_trigram, LIKE
    assert "SEARCH figures USING COVERING INDEX idx_figures_value_family (value>? AND value<?)" in text, text
    # The text match runs only when no figure has the value: the guard row comes first.
    assert text.index("SCAN no_value_matches") < text.index("VIRTUAL TABLE INDEX"), text
    # Each family's figures come from the index in date order, so nothing is sorted and LIMIT 500
    # stops the query after 500 rows however many figures a family holds.
    assert "SEARCH f USING INDEX idx_figures_family_date (family_id=?)" in text, text
    assert "USE TEMP B-TREE FOR" not in text.replace("UNION USING TEMP B-TREE", ""), text


@pytest.mark.parametrize("name,index", [("speaker_quotes", "idx_quotes_speaker"),
                                        ("organization_quotes", "idx_quotes_organization")])
def test_a_speakers_quotes_come_from_its_index(conn, queries, name, index):
    param = "speaker_id" if name == "speaker_quotes" else "organization_id"
    text = "\n".join(plan(conn, queries[name], {param: 1}))
    assert f"SEARCH q USING INDEX {index} ({param}=?)" in text, text


def datasette_facet_sql(table, column, where=""):
    """The SQL Datasette 0.65 runs for a column facet of a table page (datasette/facets.py)."""
    return f"""
        select {column} as value, count(*) as count from (
            select * from {table} {where}
        )
        where {column} is not null
        group by {column} order by count desc, value limit 31
    """


@pytest.mark.parametrize("column,index", [("speaker_id", "idx_quotes_speaker"),
                                          ("organization_id", "idx_quotes_organization"),
                                          ("partial", "idx_quotes_partial")])
def test_quotes_table_facets_count_from_a_covering_index(conn, column, index):
    """Every quotes facet in metadata.yml is read from its own index, not from the table's rows."""
    text = "\n".join(plan(conn, datasette_facet_sql("quotes", column)))
    assert f"USING COVERING INDEX {index}" in text, text


def datasette_array_facet_sql(table, column):
    """The SQL Datasette 0.65 runs for an array facet (``array: tags``) of a table page."""
    return f"""
        select j.value as value, count(*) as count from (
            select * from {table}
        ) join json_each({column}) j
        group by j.value order by count desc, value limit 31
    """


def test_sources_facets_count_from_covering_indexes(conn):
    """The sources page's facets read indexes, not the rows (whose text comes before tags)."""
    facets = load_metadata("kb.db")["databases"]["kb"]["tables"]["sources"]["facets"]
    assert facets == ["doc_type", "publisher", {"array": "tags"}]
    for sql, index in ((datasette_facet_sql("sources", "doc_type"), "idx_sources_doc_type"),
                       (datasette_facet_sql("sources", "publisher"), "idx_sources_publisher"),
                       (datasette_array_facet_sql("sources", "tags"), "idx_sources_tags")):
        text = "\n".join(plan(conn, sql))
        assert f"USING COVERING INDEX {index}" in text, text


def test_quotes_facets_in_metadata_read_stored_counts(conn):
    """The quotes pages' default facets are counted ones: unfiltered, each is a search of the
    counts' index (grouping a filtered page's rows reads the column's index, tested above)."""
    tables = load_metadata("kb.db")["databases"]["kb"]["tables"]
    assert tables["quotes"]["facets"] == [{"counted": "speaker_id"}]
    assert all(set(facet) == {"counted"} for facet in tables["quotes_view"]["facets"])
    text = "\n".join(plan(conn, TOP_VALUES_SQL, {"facet": "speaker_label", "limit": 31}))
    assert text == "SEARCH quote_facet_counts USING COVERING INDEX idx_quote_facet_counts_top (facet=?)", text


def test_facet_on_a_search_reads_only_the_matching_quotes(conn):
    where = "where id in (select rowid from quotes_fts where quotes_fts match escape_fts(:search))"
    lines = plan(conn, datasette_facet_sql("quotes_view", "speaker", where), {"search": "cages"})
    assert not full_scans(lines), "\n".join(lines)


@pytest.mark.parametrize("words", ["cages", "Scott Roberts", "Microsoft", "ICE", "contract", "the", "", "\""])
def test_search_returns_the_rows_of_the_join_first_query(conn, queries, words):
    new = [row["id"] for row in conn.execute(queries["search_quotes"], {"q": words})]
    old = [row["id"] for row in conn.execute(OLD_SEARCH, {"q": words})]
    assert sorted(new) == sorted(old)
    rank = {row[0]: row[1] for row in conn.execute(
        "SELECT rowid, rank FROM quotes_fts WHERE quotes_fts MATCH coalesce(nullif(escape_fts(?), ''), '\"\"')",
        [words])} if words.strip('"') else {}
    assert [rank[i] for i in new] == sorted(rank[i] for i in new)  # best first


def figure_probes(conn):
    """Every figure as printed, with and without "$", fragments of it, and odd input."""
    texts = [row[0] for row in conn.execute("SELECT DISTINCT text FROM figures ORDER BY text")]
    probes = set()
    for text in texts:
        probes |= {text, text.replace("$", ""), text[:2], text[-3:], text.upper()}
    return sorted(probes | {"", " ", "%", "_", "million", "$1", "signatures", "19.4 million", "a'b"})


def test_trace_returns_the_rows_of_the_scanning_query(conn, queries):
    probes = figure_probes(conn)
    assert len(probes) > 50
    texts_matched = 0
    for figure in probes:
        new = [tuple(row) for row in conn.execute(queries["trace_figure"], {"figure": figure})]
        old = [tuple(row) for row in conn.execute(SCANNING_TRACE, {"figure": figure})]
        assert new == old, figure
        texts_matched += bool(new) and sql_value(figure) is None
    assert texts_matched >= 3  # searches without a number ("million", "signatures") match by text


def test_trace_matches_by_value_before_text(conn, queries):
    """ "19.4 million" is the figures worth 19.4 million, not every text holding "19.4 million";
    a search whose value no figure has falls back to text."""
    def families(figure):
        return {row["family"] for row in conn.execute(queries["trace_figure"], {"figure": figure})}

    by_value = {row[0] for row in conn.execute(
        "SELECT family_id FROM figures WHERE value BETWEEN 19.3e6 AND 19.5e6")}
    assert by_value and families("19.4 million") == by_value
    assert families("$19.4 million") == by_value
    # No figure is worth 19.4, so the text "$19.4 million" matches instead.
    assert families("19.4") == by_value
    assert families("no such figure") == set()


def test_trigram_index_follows_figure_inserts_updates_and_deletes(tmp_path):
    db = sqlite_utils.Database(tmp_path / "kb.db")
    ensure_db_shape(db)
    db["sources"].insert({"id": 1, "sha256": "x", "doc_type": "other", "text": "$5 million and 300 cars",
                          "imported_at": "2025-01-01"})
    db["figures"].insert({"id": 1, "source_id": 1, "start": 0, "end": 10, "text": "$5 million", "value": 5e6})
    db["figures"].insert({"id": 2, "source_id": 1, "start": 15, "end": 23, "text": "300 cars", "value": 300})

    def found(pattern):
        return [row[0] for row in db.execute(
            "SELECT rowid FROM figures_trigram WHERE text LIKE ? ORDER BY rowid", [f"%{pattern}%"])]

    assert found("million") == [1] and found("cars") == [2]
    db.execute("UPDATE figures SET text = '300 buses' WHERE id = 2")
    assert found("cars") == [] and found("buses") == [2]
    db.execute("DELETE FROM figures WHERE id = 1")
    assert found("million") == []
    db.execute("INSERT INTO figures_trigram (figures_trigram) VALUES ('integrity-check')")


def test_kb_trace_matches_the_families_the_canned_query_matches(conn, queries):
    from kb.families import CURRENCY
    from kb.trace import matching_families, query_value

    compared = 0
    for figure in figure_probes(conn):
        if CURRENCY.match(query_value(figure)[1] or "") or figure.strip() != figure or not figure:
            continue  # kb trace also keeps an amount of money to its currency, and strips the search
        canned = sorted({row["family"] for row in conn.execute(queries["trace_figure"], {"figure": figure})})
        assert matching_families(conn, figure) == canned, figure
        compared += 1
    assert compared > 40


def test_family_count_triggers_probe_one_index_entry_each(conn):
    """Each check the insert trigger makes is an equality seek on both columns of an index, so
    its cost does not grow with the figures of a source or of a family (issue #7)."""
    from kb.schema import FAMILY_COUNT_TRIGGERS

    probes = set(re.findall(r"SELECT 1 FROM figures WHERE [^)]*", FAMILY_COUNT_TRIGGERS))
    assert len(probes) == 2, probes
    for probe in probes:
        text = "\n".join(plan(conn, re.sub(r"new\.(\w+)", r":\1", probe), {"source_id": 1, "family_id": 1,
                                                                         "value": 5.0, "id": 1}))
        assert re.fullmatch(r"SEARCH figures USING COVERING INDEX idx_figures_(source|value)_family "
                            r"\((source_id|value)=\? AND family_id=\?\)", text), text


@pytest.mark.parametrize("column,index", [("speaker", "idx_quotes_speaker_label"),
                                          ("organization", "idx_quotes_organization_label"),
                                          ("doc_type", "idx_quotes_doc_type"),
                                          ("published", "idx_quotes_published")])
def test_quotes_view_facets_and_filters_read_one_index(conn, column, index):
    """The quotes page (quotes_view) facets by speaker, organization, type and date, each
    from an index of quotes, and a filter by one of them is an index search, not a pass over
    every quote through joins (0.6-2.2 s at a million quotes before migration 13)."""
    facets = load_metadata("kb.db")["databases"]["kb"]["tables"]["quotes_view"]["facets"]
    assert {"counted": column} in facets
    text = "\n".join(plan(conn, datasette_facet_sql("quotes_view", column)))
    assert f"USING COVERING INDEX {index}" in text, text
    text = "\n".join(plan(conn, f"select * from quotes_view where {column} = :v limit 101", {"v": "x"}))
    assert f"SEARCH q USING INDEX {index} (" in text, text
    count = "\n".join(plan(conn, "select count(*) from quotes_view"))
    assert "sources" not in count and "speakers" not in count, count
