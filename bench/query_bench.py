"""Datasette JSON API latency at scale (issue #7): search, trace, facets, a speaker's quotes.

Usage:
    python bench/query_bench.py --db kb.db                 # an existing knowledge base
    python bench/query_bench.py --docs 10000 --db q10k.db  # build it first from bench/corpus.py
    python bench/query_bench.py --from q10k.db --synthesize 10 --split-families --db q1m.db --build-only
                                                           # copy a database's rows 10 times (>= 1M quotes)
    python bench/query_bench.py --db q1m.db --setting suggest_facets off
                                                           # serve with an extra Datasette setting

The database is served by a real ``kb serve`` process on a free port (with
``--setting``, by ``datasette serve`` with kb's arguments plus those) and every
measurement is an HTTP request to its JSON API (httpx, one keep-alive
connection), after one warm-up pass over the query mix. Each line of the table
is at least ``--runs`` requests (default 30); p50 and p95 are over all of them.
Query mixes come from the database itself, deterministically:

- search_quotes: the surnames of the most-quoted speakers and the most common
  indexed words (in practice organization and company names) whose quotes are at
  most 1% of all quotes, and two-word topics of the corpus ("facial recognition",
  each in ~1.2% of quotes); and "community", which bench/corpus.py puts in ~9% of
  quotes.
- trace_figure: figure texts spread evenly over the figures table, without "$".
- facets: the quotes and quotes_view table pages with their metadata facets (with
  and without Datasette's facet suggestions), and a facet by speaker on a search
  of quotes_view.
- speaker_quotes: the most-quoted speaker.
- the home page's other entry points (sources, families), for the record.

``matches`` is the mean number of rows the query matches (quotes matching the
search words, figures a trace returns, rows a table page filters to). A request
past Datasette's sql_time_limit_ms (1 s) is an error (HTTP 400); a facet past
facet_time_limit_ms (200 ms) is silently left off the page, and the table lists it.

The EXPLAIN QUERY PLAN of each query is taken from the SQL Datasette actually
ran for it (in-process, with ``trace_debug`` and ``?_trace=1``), so the plans are
those of the canned query and facet SQL, not of a copy of it. (A query Datasette
cut off at its time limit is not in the trace.)

``--synthesize K`` is for when importing a big corpus takes too long: it copies
sources, quotes and figures K-1 more times with new ids (quotes of copy k get
their speakers through a fixed random permutation of speaker ids, so speakers
recur across copies; figures keep their family), and the triggers index the
copies for full-text search. Numbers from such a database are labelled
"synthesized" in the output: its word frequencies are the imported corpus's.

``--split-families`` re-keys figure families after building: a new family per
(family, value, the source's first anchor). On bench/corpus.py documents the
import's families chain through generic anchor words ("Department",
"According"), so nine families hold nearly every figure and trace_figure's cost
is that of sorting a family of hundreds of thousands of figures; split families
stand in for families that hold one figure as it moves between sources.
"""
import argparse
import asyncio
import json
import pathlib
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Words too common or too short to be a search anyone makes.
STOPWORDS = set("""a about after all also an and are as at be been but by for from had has have he her his i in
into is it its more not of on or our over said she so than that the their them there they this to too up us was
we were what when which who will with would you""".split())


# --- Building the database.

def build_corpus_db(docs, db_path, workdir):
    """Write ``docs`` documents with bench/corpus.py and import them with kb import."""
    from bench.corpus import write_corpus

    folder = pathlib.Path(workdir) / f"corpus{docs}"
    if not folder.exists():
        print(f"writing {docs:,} documents to {folder}", flush=True)
        write_corpus(folder, docs)
    print(f"importing into {db_path} (this takes a while)", flush=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "import", str(folder), "--db", str(db_path)],
                   check=True, cwd=ROOT)
    print(f"imported in {time.perf_counter() - start:.0f} s", flush=True)


SOURCE_COLUMNS = ("origin, url, doc_type, title, publisher, published, byline, contact, target, demand, text, "
                  "imported_at, anchors, tags, batch_id")
QUOTE_COLUMNS = ('start, "end", text, partial, organization_id, speaker_as_printed, speaker_kind, title, '
                 "organization_as_printed, attribution_start, attribution_end, citation")
FIGURE_COLUMNS = ('start, "end", text, value, value_max, unit, qualifier, vague, subject, sentence_start, '
                  "sentence_end, family_id")


def synthesize(db_path, copies):
    """Copy every source with its quotes and figures ``copies - 1`` more times (see the module doc)."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    max_source = conn.execute("SELECT max(id) FROM sources").fetchone()[0]
    max_quote = conn.execute("SELECT max(id) FROM quotes").fetchone()[0]
    max_figure = conn.execute("SELECT max(id) FROM figures").fetchone()[0]
    speaker_ids = [row[0] for row in conn.execute("SELECT id FROM speakers ORDER BY id")]
    conn.execute("CREATE TEMP TABLE speaker_map (copy INTEGER, old INTEGER, new INTEGER, PRIMARY KEY (copy, old))")
    for copy in range(1, copies):
        shuffled = speaker_ids[:]
        random.Random(copy).shuffle(shuffled)
        conn.executemany("INSERT INTO speaker_map VALUES (?, ?, ?)",
                         [(copy, old, new) for old, new in zip(speaker_ids, shuffled)])
        start = time.perf_counter()
        with conn:
            conn.execute(
                f"INSERT INTO sources (id, sha256, {SOURCE_COLUMNS}) "
                f"SELECT id + :s, sha256 || '-copy' || :k, origin || '#copy' || :k, "
                f"{SOURCE_COLUMNS.split(', ', 1)[1]} FROM sources WHERE id <= :max",
                {"s": copy * max_source, "k": copy, "max": max_source},
            )
            conn.execute(
                f"INSERT INTO quotes (id, source_id, speaker_id, quote_group_id, {QUOTE_COLUMNS}) "
                f"SELECT q.id + :q, q.source_id + :s, m.new, q.quote_group_id + :q, {prefixed('q', QUOTE_COLUMNS)} "
                f"FROM quotes q LEFT JOIN speaker_map m ON m.copy = :k AND m.old = q.speaker_id WHERE q.id <= :max",
                {"q": copy * max_quote, "s": copy * max_source, "k": copy, "max": max_quote},
            )
            conn.execute(
                f"INSERT INTO figures (id, source_id, {FIGURE_COLUMNS}) "
                f"SELECT id + :f, source_id + :s, {FIGURE_COLUMNS} FROM figures WHERE id <= :max",
                {"f": copy * max_figure, "s": copy * max_source, "max": max_figure},
            )
        print(f"  copy {copy + 1}/{copies} in {time.perf_counter() - start:.0f} s", flush=True)
    conn.close()


LEAD_ANCHOR = "substr(s.anchors, 1, instr(coalesce(s.anchors, '') || '|', '|') - 1)"


def split_families(db_path):
    """Re-key figure families by (family, value, the source's first anchor); see --split-families."""
    conn = sqlite3.connect(db_path)
    start = time.perf_counter()
    with conn:
        offset = conn.execute("SELECT max(id) FROM figure_families").fetchone()[0]
        conn.execute("CREATE TEMP TABLE family_map (new INTEGER PRIMARY KEY, old INTEGER, value REAL, lead TEXT)")
        conn.execute(
            f"INSERT INTO family_map (old, value, lead) SELECT DISTINCT f.family_id, f.value, {LEAD_ANCHOR} "
            "FROM figures f JOIN sources s ON s.id = f.source_id WHERE f.family_id IS NOT NULL ORDER BY 1, 2, 3"
        )
        conn.execute("CREATE INDEX temp.family_map_key ON family_map (old, value, lead)")
        conn.execute(
            "INSERT INTO figure_families (id, key, cue, label, unit) "
            "SELECT m.new + :offset, ff.key, ff.cue, "
            "substr(ff.label, 1, instr(ff.label || ' · ', ' · ') - 1) || ' · ' || coalesce(m.lead, ''), ff.unit "
            "FROM family_map m JOIN figure_families ff ON ff.id = m.old",
            {"offset": offset},
        )
        conn.execute(
            "UPDATE figures SET family_id = (SELECT m.new + :offset FROM family_map m, sources s "
            f"WHERE s.id = figures.source_id AND m.old = figures.family_id AND m.value IS figures.value "
            f"AND m.lead IS {LEAD_ANCHOR}) WHERE family_id IS NOT NULL",
            {"offset": offset},
        )
        conn.execute("DELETE FROM figure_families WHERE id <= ?", [offset])
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'family_words'").fetchone():
            conn.execute("DELETE FROM family_words WHERE family_id <= ?", [offset])
    families, largest = conn.execute(
        "SELECT count(*), max(n) FROM (SELECT count(*) AS n FROM figures GROUP BY family_id)"
    ).fetchone()
    print(f"  families split in {time.perf_counter() - start:.0f} s: {families:,} families, "
          f"the largest {largest:,} figures", flush=True)
    conn.close()


def prefixed(alias, columns):
    return ", ".join(f"{alias}.{column.strip()}" for column in columns.split(","))


# --- Choosing the query mixes from the database.

def choose_workload(db_path, mix_size=12):
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    total = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    limit = total // 100

    def matches(words):
        phrase = " ".join(f'"{w}"' for w in words.split())
        return conn.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", [phrase]).fetchone()[0]

    surnames = []
    for (name,) in conn.execute(
        "SELECT sp.name FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id "
        "WHERE q.speaker_kind = 'person' GROUP BY q.speaker_id ORDER BY count(*) DESC, q.speaker_id LIMIT 200"
    ):
        surname = name.split()[-1]
        if surname.isalpha() and surname not in surnames and 0 < matches(surname) <= limit:
            surnames.append(surname)
        if len(surnames) == mix_size // 3:
            break
    # The most frequent indexed terms (porter stems) under 1% of quotes; a term's
    # stem is searched as the first quote word that stems to it.
    conn.execute("CREATE VIRTUAL TABLE temp.quote_terms USING fts5vocab(main, quotes_fts, row)")
    words = []
    for term, docs in conn.execute(
        "SELECT term, doc FROM temp.quote_terms WHERE doc <= ? ORDER BY doc DESC, term", [limit]
    ):
        if len(words) == mix_size // 3:
            break
        if not term.isalpha() or len(term) < 4 or term in STOPWORDS:
            continue
        word = surface_word(conn, term)
        if word and word.lower() not in {s.lower() for s in surnames}:
            words.append(word)
    from bench.corpus import TOPICS

    # The corpus's topics are each in ~1.1-1.3% of quotes: a little over the 1% of
    # the other searches, so the mix is if anything harder than its label.
    topics = [t for t in TOPICS if 0 < matches(t) <= total * 0.015][:mix_size // 3]
    searches = [(w, matches(w)) for w in surnames + words + topics]
    broad = [("community", matches("community"))]

    figure_count = conn.execute("SELECT count(*) FROM figures").fetchone()[0]
    step = max(1, figure_count // mix_size)
    figures = []
    for (text,) in conn.execute(
        "SELECT text FROM figures WHERE id % ? = 0 AND family_id IS NOT NULL ORDER BY id LIMIT ?", [step, mix_size]
    ):
        figures.append(text.replace("$", "").strip())
    speaker_id, speaker_n = conn.execute(
        "SELECT speaker_id, count(*) FROM quotes WHERE speaker_id IS NOT NULL "
        "GROUP BY speaker_id ORDER BY count(*) DESC, speaker_id LIMIT 1"
    ).fetchone()
    speaker_name, = conn.execute("SELECT name FROM speakers WHERE id = ?", [speaker_id]).fetchone()
    facet_word = words[0] if words else "hearing"
    counts = {
        "quotes": total,
        "figures": figure_count,
        "sources": conn.execute("SELECT count(*) FROM sources").fetchone()[0],
        "speakers": conn.execute("SELECT count(*) FROM speakers").fetchone()[0],
        "families": conn.execute("SELECT count(*) FROM figure_families").fetchone()[0],
    }
    facet = (facet_word, matches(facet_word))
    conn.close()
    return {
        "counts": counts, "searches": searches, "broad": broad, "figures": figures,
        "speaker": (speaker_id, speaker_n), "speaker_name": speaker_name, "facet_word": facet,
    }


def surface_word(conn, term):
    """A word as it appears in quotes that the porter tokenizer indexes as ``term``."""
    row = conn.execute(
        "SELECT text FROM quotes WHERE id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT 1)",
        ['"' + term + '"'],
    ).fetchone()
    if not row:
        return None
    for word in re.findall(r"[A-Za-z]+", row[0]):
        if word.lower().startswith(term[:4]) and porter_equal(conn, word, term):
            return word.lower()
    return None


def porter_equal(conn, word, term):
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.stem USING fts5(w, tokenize='porter')")
    conn.execute("DELETE FROM temp.stem")
    conn.execute("INSERT INTO temp.stem VALUES (?)", [word])
    return bool(conn.execute("SELECT 1 FROM temp.stem WHERE stem MATCH ?", ['"' + term + '"']).fetchone())


def requests_for(workload, name):
    """[(label, path, params, matches)] per measured line."""
    db = name
    word, word_n = workload["facet_word"]
    speaker_id, speaker_n = workload["speaker"]
    total = workload["counts"]["quotes"]
    lines = {
        "search_quotes (mix, <=1%)": [
            (f"/{db}/search_quotes.json", {"q": q, "_shape": "array"}, n) for q, n in workload["searches"]
        ],
        "search_quotes community (~10%)": [
            (f"/{db}/search_quotes.json", {"q": q, "_shape": "array"}, n) for q, n in workload["broad"]
        ],
        "trace_figure (mix)": [
            (f"/{db}/trace_figure.json", {"figure": f, "_shape": "array"}, None) for f in workload["figures"]
        ],
        "speaker_quotes (top speaker)": [
            (f"/{db}/speaker_quotes.json", {"speaker_id": speaker_id, "_shape": "array"}, speaker_n)
        ],
        # The quotes page with its metadata facets; then as ?_facet=speaker_id, which
        # Datasette runs a second time when metadata already facets by speaker_id.
        "quotes.json": [(f"/{db}/quotes.json", {}, total)],
        "quotes.json?_nosuggest=1": [(f"/{db}/quotes.json", {"_nosuggest": "1"}, total)],
        "quotes.json?_facet=speaker_id&_nosuggest=1": [
            (f"/{db}/quotes.json", {"_facet": "speaker_id", "_nosuggest": "1"}, total)
        ],
        "quotes_view.json?_facet=speaker": [
            (f"/{db}/quotes_view.json", {"_facet": "speaker"}, total)
        ],
        # The quotes page as a writer opens it (its four metadata facets), and
        # filtered to the most-quoted speaker by name.
        "quotes_view.json (speaker, organization, type, date facets)": [
            (f"/{db}/quotes_view.json", {}, total)
        ],
        "quotes_view.json?speaker=(top speaker)": [
            (f"/{db}/quotes_view.json", {"speaker": workload["speaker_name"]}, speaker_n)
        ],
        f"quotes_view.json?_search={word}&_facet=speaker": [
            (f"/{db}/quotes_view.json", {"_search": word, "_facet": "speaker"}, word_n)
        ],
        f"quotes_view.json?_search={word}&_facet=speaker&_nosuggest=1": [
            (f"/{db}/quotes_view.json", {"_search": word, "_facet": "speaker", "_nosuggest": "1"}, word_n)
        ],
        f"quotes.json?_search={word}&_facet=speaker_id&_nosuggest=1": [
            (f"/{db}/quotes.json", {"_search": word, "_facet": "speaker_id", "_nosuggest": "1"}, word_n)
        ],
        "quotes_view.json?_search=community&_facet=speaker": [
            (f"/{db}/quotes_view.json", {"_search": "community", "_facet": "speaker"}, workload["broad"][0][1])
        ],
        # The home page's other entry points, for the record.
        "sources.json (Browse sources)": [(f"/{db}/sources.json", {}, workload["counts"]["sources"])],
        "families.json?_sort_desc=occurrences": [
            (f"/{db}/families.json", {"_sort_desc": "occurrences"}, workload["counts"]["families"])
        ],
    }
    return lines


# --- Measuring.

def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_path, settings=(), workdir=None, metadata_file=None):
    """``kb serve`` on a free port; with ``settings`` or another metadata.yml, ``datasette serve``
    with kb's arguments plus those."""
    port = free_port()
    if settings or metadata_file:
        import sqlite_utils

        from kb import serve
        from kb.schema import ensure_db_shape

        ensure_db_shape(sqlite_utils.Database(db_path))
        metadata = serve.write_metadata(db_path, workdir)
        if metadata_file:
            metadata.write_text(json.dumps(served_metadata(db_path, metadata_file)), "utf-8")
        args = serve.datasette_args(db_path, metadata, port=port)
        for name, value in settings:
            args += ["--setting", name, value]
        command = [sys.executable, "-c", "from datasette.cli import cli; cli()", *args]
    else:
        command = [sys.executable, str(ROOT / "cli.py"), "serve", "--db", str(db_path), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    import httpx

    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 300  # the first open may run migrations
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit("kb serve exited: " + process.stderr.read())
        try:
            httpx.get(base + "/-/versions.json", timeout=1)
            return process, base
        except httpx.HTTPError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("kb serve did not start")


def stop_server(process):
    """Ctrl-C, so kb serve removes its temporary metadata directory; then, if need be, SIGTERM."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.terminate()
        process.wait()


def measure(base, lines, runs, metadata):
    import httpx

    tables = next(iter(metadata["databases"].values()))["tables"]
    # A metadata facet is a column name or {type: column} ({"counted": "speaker"}).
    table_facets = {name: [f if isinstance(f, str) else next(iter(f.values())) for f in table.get("facets", [])]
                    for name, table in tables.items()}

    results = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        for label, requests in lines.items():
            for path, params, _ in requests:  # warm-up
                client.get(path, params=params)
            rounds = max(1, -(-runs // len(requests)))
            times, rows, errors, timed_out = [], [], [], set()
            for _ in range(rounds):
                for path, params, _ in requests:
                    start = time.perf_counter()
                    response = client.get(path, params=params)
                    times.append((time.perf_counter() - start) * 1000)
                    if response.status_code != 200:
                        # Datasette's sql_time_limit_ms (1 s) answers 400 "SQL query took too long".
                        errors.append(f"{params}: HTTP {response.status_code}")
                        continue
                    data = response.json()
                    rows.append(len(data) if isinstance(data, list) else len(data.get("rows", [])))
                    if isinstance(data, dict) and "facet_results" in data:
                        # A facet past facet_time_limit_ms is left out of the page, not waited for.
                        expected = set(table_facets.get(data["table"], [])) | {params.get("_facet")} - {None}
                        timed_out.update(expected - set(data["facet_results"]))
            known = [n for _, _, n in requests if n is not None]
            matches = statistics.mean(known) if known else statistics.mean(rows) if rows else 0
            results[label] = {
                "runs": len(times), "matches": matches, "rows": statistics.mean(rows) if rows else 0,
                "p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times),
                "errors": len(errors), "error_examples": sorted(set(errors))[:5],
                "facets_timed_out": sorted(timed_out),
            }
            print(f"  {label}: p50 {results[label]['p50']:.1f} ms, p95 {results[label]['p95']:.1f} ms"
                  + (f", {len(errors)} errors: {sorted(set(errors))[:3]}" if errors else "")
                  + (f", facets missing (timed out): {', '.join(sorted(timed_out))}" if timed_out else ""),
                  flush=True)
    return results


def percentile(values, p):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


# --- Query plans of the SQL Datasette runs.

def served_metadata(db_path, metadata_file=None):
    """kb's metadata for ``db_path``, or that of another metadata.yml (--metadata)."""
    import yaml

    from kb.serve import load_metadata

    if not metadata_file:
        return load_metadata(db_path)
    metadata = yaml.safe_load(pathlib.Path(metadata_file).read_text("utf-8"))
    metadata["databases"] = {db_path.stem: metadata["databases"]["kb"]}
    return metadata


def plans(db_path, lines, metadata_file=None, settings=()):
    """{label: [(sql, ms, [plan lines])]} from one traced in-process request per line."""
    from datasette.app import Datasette
    from datasette.utils import escape_fts

    from kb.plugin import sql_value
    from kb.serve import serve_settings

    metadata = served_metadata(db_path, metadata_file)
    extra = {name: {"on": True, "off": False}.get(value, value) for name, value in settings}
    extra = {name: int(value) if isinstance(value, str) and value.isdigit() else value
             for name, value in extra.items()}
    datasette = Datasette([str(db_path)], metadata=metadata,
                          settings={**serve_settings(), **extra, "trace_debug": True})
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.create_function("escape_fts", 1, escape_fts)
    conn.create_function("kb_value", 1, sql_value, deterministic=True)

    queries = {name: q["sql"] for name, q in next(iter(metadata["databases"].values()))["queries"].items()}

    async def traced(path, params):
        params = {**params, "_trace": "1"}
        if params.get("_shape") in ("array", "object"):
            params.pop("_shape")  # traces go in the object, not an array
        try:
            response = await datasette.client.get(path, params=params)
            return response.json().get("_trace", {}).get("traces", [])
        except (AssertionError, ValueError):
            # Datasette 0.65's tracer cannot add its trace to a response sent in several
            # chunks (sources.json, with whole texts); that line goes without plans.
            return []

    async def trace_all():
        return {label: await traced(*requests[0][:2]) for label, requests in lines.items()}

    out = {}
    for label, traces in asyncio.run(trace_all()).items():
        path, params, _ = lines[label][0]
        canned = queries.get(path.rsplit("/", 1)[-1].removesuffix(".json"))
        if canned:  # explained even when Datasette cut it off (a cut-off query is not in the trace)
            ms = next((t["duration_ms"] for t in traces if t.get("sql") == canned), float("nan"))
            traces = [{"sql": canned, "params": params, "duration_ms": ms}]
        seen, entries = set(), []
        for trace in traces:
            sql = trace.get("sql")
            if not sql or not re.search(r"\b(quotes|quotes_view|figures|quotes_fts|sources|families)\b", sql):
                continue
            if re.match(r"\s*(PRAGMA|select name from sqlite_master|SELECT name FROM sqlite_master)", sql, re.I):
                continue
            key = " ".join(sql.split())
            if key in seen:
                continue
            seen.add(key)
            plan = explain(conn, sql, trace.get("params"))
            entries.append((key, trace["duration_ms"], plan))
        out[label] = entries
    conn.close()
    return out


def explain(conn, sql, params):
    try:
        rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params or {}).fetchall()
    except sqlite3.Error as error:
        return [f"(no plan: {error})"]
    depth = {0: -1}
    lines = []
    for node, parent, _, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return lines


# Datasette's facet suggestions: one query per column and facet type (column, date, array).
SUGGESTION = re.compile(r"^select (date\(|distinct json_type\(|\S+ as value, count\(\*\) as n from)", re.I)

FULL_SCAN = re.compile(r"^\s*SCAN (q|f|quotes|figures|s|sources)\b(?! USING (COVERING )?INDEX)")


def full_scans(sql, plan):
    """Plan lines that read a whole table; a page of rows (LIMIT, no sort) stops early and is not one."""
    if re.search(r"\blimit \d+\s*$", sql, re.I) and not any("USE TEMP B-TREE" in line for line in plan):
        return []
    return [line.strip() for line in plan if FULL_SCAN.match(line)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=pathlib.Path, required=True,
                        help="the database to measure; built first when it does not exist")
    parser.add_argument("--docs", type=int, default=10000, help="documents to generate when building")
    parser.add_argument("--from", dest="copy_from", type=pathlib.Path,
                        help="when building: start from a copy of this database instead of importing a corpus")
    parser.add_argument("--synthesize", type=int, default=0, metavar="K",
                        help="when building: copy the imported rows to K times as many")
    parser.add_argument("--split-families", action="store_true",
                        help="when building: re-key figure families by (family, value, the source's first "
                             "anchor), for a corpus whose families chain through generic anchor words")
    parser.add_argument("--build-only", action="store_true", help="build the database and stop")
    parser.add_argument("--runs", type=int, default=30, help="requests per line (at least)")
    parser.add_argument("--workdir", type=pathlib.Path, default=None, help="where to write the corpus")
    parser.add_argument("--json", type=pathlib.Path, help="also write the results here")
    parser.add_argument("--no-plans", action="store_true")
    parser.add_argument("--metadata", type=pathlib.Path,
                        help="serve with this metadata.yml instead of kb's (e.g. an older one, to compare)")
    parser.add_argument("--only", help="measure only the lines whose name contains this")
    parser.add_argument("--setting", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="serve with datasette serve and this extra Datasette setting (e.g. suggest_facets off)")
    options = parser.parse_args()

    db_path = options.db
    origin = f"existing database {db_path}"
    if not db_path.exists():
        if options.copy_from:
            shutil.copyfile(options.copy_from, db_path)
            origin = f"a copy of {options.copy_from}"
        else:
            workdir = options.workdir or pathlib.Path(tempfile.mkdtemp(prefix="kb-query-bench-"))
            build_corpus_db(options.docs, db_path, workdir)
            origin = f"bench/corpus.py {options.docs:,} documents imported with kb import"
        if options.synthesize > 1:
            synthesize(db_path, options.synthesize)
            origin += f", then synthesized x{options.synthesize} (rows copied in SQL, speaker ids permuted)"
        if options.split_families:
            split_families(db_path)
            origin += ", families split by (family, value, lead anchor)"
    if options.build_only:
        return
    if db_path.exists() and sqlite3.connect(db_path).execute(
        "SELECT count(*) FROM sources WHERE sha256 LIKE '%-copy%'"
    ).fetchone()[0]:
        origin += " [synthesized copies present]"

    # kb serve brings the schema up to date first.
    served = tempfile.mkdtemp(prefix="kb-query-bench-")  # the metadata given to datasette serve
    process, base = start_server(db_path, options.setting, served, options.metadata)
    if options.setting:
        origin += "; served by datasette serve with kb's settings plus " + ", ".join(
            f"{name}={value}" for name, value in options.setting)
    if options.metadata:
        origin += f"; served with metadata from {options.metadata}"
    try:
        workload = choose_workload(db_path)
        counts = workload["counts"]
        size = db_path.stat().st_size / 1e6
        print(f"database: {origin}")
        print(f"  {counts['sources']:,} sources, {counts['quotes']:,} quotes, {counts['figures']:,} figures, "
              f"{counts['speakers']:,} speakers, {counts['families']:,} figure families, {size:,.0f} MB; SQLite {sqlite3.sqlite_version}")
        print("  search mix: " + ", ".join(f"{q} ({n})" for q, n in workload["searches"]))
        print("  trace mix: " + ", ".join(workload["figures"]))
        lines = requests_for(workload, db_path.stem)
        if options.only:
            lines = {label: requests for label, requests in lines.items() if options.only in label}
        results = measure(base, lines, options.runs, served_metadata(db_path, options.metadata))
    finally:
        stop_server(process)
        shutil.rmtree(served, ignore_errors=True)

    print()
    width = max(len(label) for label in results)
    print(f"{'query':<{width}} {'matches':>9} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}  facets timed out")
    for label, r in results.items():
        print(f"{label:<{width}} {r['matches']:>9,.0f} {r['runs']:>5} {r['p50']:>8.1f} {r['p95']:>8.1f} "
              f"{r['errors']:>6}  {', '.join(r['facets_timed_out'])}")
    print("(matches: mean quotes a search matches, rows a trace returns, rows a table page filters to; "
          "errors: HTTP 400 past Datasette's sql_time_limit_ms; last column: facets that timed out, "
          "left out of the page)")

    query_plans = {} if options.no_plans else plans(db_path, lines, options.metadata, options.setting)
    for label, entries in query_plans.items():
        print(f"\n== {label}")
        suggestions = [(ms, plan) for sql, ms, plan in entries if SUGGESTION.search(sql)]
        for sql, ms, plan in entries:
            if SUGGESTION.search(sql):
                continue
            scans = full_scans(sql, plan)
            print(f"-- {ms:.1f} ms in-process: {sql[:160]}{'…' if len(sql) > 160 else ''}")
            for line in plan:
                print("   " + line)
            if scans:
                print("   !! full scan: " + "; ".join(scans))
        if suggestions:
            scanning = sum(1 for sql, _, plan in entries if SUGGESTION.search(sql) and full_scans(sql, plan))
            print(f"-- plus {len(suggestions)} facet-suggestion queries, {sum(ms for ms, _ in suggestions):.0f} ms "
                  f"in-process in all ({scanning} of them scan quotes, figures or sources; each is cut off "
                  "at facet_suggest_time_limit_ms)")
    if options.json:
        options.json.write_text(json.dumps({
            "database": origin, "counts": counts, "size_mb": size, "workload": workload,
            "results": results,
            "plans": {k: [{"sql": s, "ms": ms, "plan": p} for s, ms, p in v] for k, v in query_plans.items()},
        }, indent=2), "utf-8")


if __name__ == "__main__":
    main()
