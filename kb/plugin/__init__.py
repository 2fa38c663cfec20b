"""Datasette plugin for campaign-kb, registered through the ``datasette`` entry point.

Adds a home page with the entry points a writer needs (``templates/index.html``
overrides Datasette's), pages for a passage, a source and a figure family,
links in table cells (``cells.py``), the quotes pages' facets read from
stored counts (``facets.py``), a copy button for citations (``static/kb.js``),
a ``kb_value()`` SQL function for canned queries, and the stylesheet.
"""
from datasette import hookimpl

from kb.schema import SPAN_TABLES
from kb.trace import query_value

from . import cells, pages
from .facets import CountedFacet

ROUTES = [
    (rf"^/-/passage/(?P<kind>{'|'.join(SPAN_TABLES)})/(?P<row_id>\d+)$", pages.passage_page),
    (r"^/-/source/(?P<source_id>\d+)$", pages.source_page),
    (r"^/-/family/(?P<family_id>\d+)$", pages.family_page),
]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.static_plugins("campaign-kb", "kb.css")]


@hookimpl
def extra_js_urls(datasette):
    return [datasette.urls.static_plugins("campaign-kb", "kb.js")]


@hookimpl
def prepare_connection(conn):
    conn.create_function("kb_value", 1, sql_value, deterministic=True)


def sql_value(query):
    """The number a search names ("$19.4 million" -> 19400000.0), for SQL."""
    if not query or not isinstance(query, str):
        return None
    try:
        return query_value(query)[0]
    except (ValueError, OverflowError):
        return None


@hookimpl
def register_facet_classes():
    return [CountedFacet]


@hookimpl
def register_routes():
    return ROUTES


@hookimpl
def extra_template_vars(view_name, datasette):
    # Only the home page needs them; its counts cost a query.
    if view_name != "index":
        return None

    async def home_vars():
        return {"kb": await pages.home_context(datasette)}

    return home_vars


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    async def cell():
        return await cells.render(datasette, database, table, row, column, value)

    return cell
