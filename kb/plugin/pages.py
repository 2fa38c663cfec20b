"""The plugin's own pages: the home page's entry points, a passage, a source, a figure family.

Each page reads the served knowledge base (the first database Datasette
serves: ``kb serve`` serves exactly one) in a worker thread and renders one
template from ``templates/``; Jinja escapes every value it prints.
"""
import sqlite_utils
from datasette.utils.asgi import NotFound, Response

from kb.passage import highlight, load_passage, load_source
from kb.trace import trace_family

# The home page's entry points: where each leads and the count it shows.
# ``query`` entries carry the form field their canned query takes.
ENTRY_POINTS = [
    {"title": "Search quotes", "query": "search_quotes", "field": "q", "count": "quotes",
     "placeholder": "cages, Jelani Drew, SumOfUs",
     "about": "Words, a speaker or an organization; best match first, each quote with a citation to copy."},
    {"title": "Trace a figure", "query": "trace_figure", "field": "figure", "count": "figures",
     "placeholder": "$19.4 million",
     "about": "Every source that states a number, earliest first, with the sentence it is in."},
    {"title": "Browse sources", "table": "sources", "args": "", "count": "sources",
     "about": "Petitions, press releases, letters and articles; each opens with every quote and figure marked."},
    {"title": "Speakers", "table": "speakers", "args": "?_sort=name", "count": "speakers",
     "about": "People and groups, resolved across sources; each name leads to everything they said."},
    {"title": "Organizations", "table": "organizations", "args": "?_sort=name", "count": "organizations",
     "about": "Every organization quoted or named, and the quotes of the people speaking for it."},
    {"title": "Figure families", "table": "families", "args": "?_sort_desc=occurrences", "count": "figure_families",
     "about": "Figures from all sources that measure the same thing, and whether their values disagree."},
]

# A database is a knowledge base when it has these; other databases served
# beside it (or by another Datasette in the same environment) get no kb pages.
KB_TABLES = {"sources", "quotes", "figures", "claims", "figure_families"}

# The home page counts rows with Datasette's table counts: read from the inspect
# file on an immutable database, given this many milliseconds on a live one
# (a count that takes longer is left out rather than slowing the page).
COUNT_LIMIT_MS = 50

# The counts line: (table, what its rows are called).
COUNTED = [("sources", "sources"), ("quotes", "quotes"), ("figures", "figures"),
           ("figure_families", "figure families"), ("speakers", "speakers"), ("organizations", "organizations")]


async def home_context(datasette):
    """The entry points with their URLs and counts; None when the first database is not a knowledge base."""
    db = datasette.get_database()
    if not await is_kb(db):
        return None
    counts = await db.table_counts(limit=COUNT_LIMIT_MS)
    entries = []
    for entry in ENTRY_POINTS:
        if "query" in entry:
            url = datasette.urls.query(db.name, entry["query"])
        else:
            url = datasette.urls.table(db.name, entry["table"]) + entry["args"]
        entries.append({**entry, "url": url, "n": counts.get(entry["count"])})
    counted = [(counts[table], name) for table, name in COUNTED if counts.get(table) is not None]
    return {"database": db.name, "entries": entries, "counts": counted}


async def is_kb(db):
    return KB_TABLES <= set(await db.table_names())


async def kb_database(datasette):
    """The served knowledge base; 404 when the first database is not one."""
    db = datasette.get_database()
    if not await is_kb(db):
        raise NotFound(f"{db.name} is not a campaign-kb database")
    return db


async def passage_page(datasette, request):
    kind, row_id = request.url_vars["kind"], int(request.url_vars["row_id"])
    db = await kb_database(datasette)
    passage = await db.execute_fn(lambda conn: load_passage(conn, kind, row_id))
    if passage is None:
        raise NotFound(f"No {kind[:-1]} {row_id}")
    context = {"passage": passage, "kind": kind[:-1], "database": db.name}
    return await _render(datasette, request, "kb_passage.html", context)


async def source_page(datasette, request):
    source_id = int(request.url_vars["source_id"])
    db = await kb_database(datasette)
    source = await db.execute_fn(lambda conn: load_source(conn, source_id))
    if source is None:
        raise NotFound(f"No source {source_id}")
    # Only web addresses become links: a stored url could say javascript:.
    source["href"] = source["url"] if (source["url"] or "").startswith(("http://", "https://")) else None
    return await _render(datasette, request, "kb_source.html", {"source": source, "database": db.name})


async def family_page(datasette, request):
    family_id = int(request.url_vars["family_id"])
    db = await kb_database(datasette)
    family = await db.execute_fn(lambda conn: load_family(conn, family_id))
    if family is None:
        raise NotFound(f"No figure family {family_id}")
    return await _render(datasette, request, "kb_family.html", {"family": family, "database": db.name})


# A family page lists this many occurrences, as trace_figure returns 500 rows:
# a family in a big archive can hold hundreds of thousands.
FAMILY_PAGE_ROWS = 500


def load_family(conn, family_id):
    """``kb trace --family``'s trace, each occurrence's sentence as HTML with the figure marked."""
    db = sqlite_utils.Database(conn, recursive_triggers=False)
    if not db["figure_families"].count_where("id = ?", [family_id]):
        return None
    family = trace_family(db, family_id, FAMILY_PAGE_ROWS)
    for occurrence in family["occurrences"]:
        start, end = occurrence["figure_in_sentence"]
        occurrence["sentence_html"] = highlight(occurrence["sentence"] or "", start, end)
    return family


async def _render(datasette, request, template, context):
    return Response.html(await datasette.render_template(template, context, request=request))
