"""Datasette plugin for campaign-kb, registered through the ``datasette`` entry point.

Adds the passage page (a quote, figure or claim highlighted in its
paragraph), links from ``passage`` cells to it, a ``kb_value()`` SQL function
for canned queries, and the stylesheet.
"""
import re

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from kb.passage import load_passage
from kb.trace import query_value

PASSAGE_VALUE = re.compile(r"^(quotes|figures|claims)/(\d+)$")


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.static_plugins("campaign-kb", "kb.css")]


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
def register_routes():
    return [(r"^/-/passage/(?P<kind>quotes|figures|claims)/(?P<row_id>\d+)$", passage_page)]


async def passage_page(datasette, request):
    kind, row_id = request.url_vars["kind"], int(request.url_vars["row_id"])
    db = datasette.get_database()
    passage = await db.execute_fn(lambda conn: load_passage(conn, kind, row_id))
    if passage is None:
        raise NotFound(f"No {kind[:-1]} {row_id}")
    context = {"passage": passage, "kind": kind[:-1], "database": db.name}
    return Response.html(await datasette.render_template("kb_passage.html", context, request=request))


@hookimpl
def render_cell(value, column, datasette):
    if column == "passage" and isinstance(value, str):
        match = PASSAGE_VALUE.match(value)
        if match:
            url = datasette.urls.path(f"/-/passage/{value}")
            return Markup('<a href="{}">show passage</a>').format(url)
    return None
