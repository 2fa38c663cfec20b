"""Table cells that lead somewhere: a source to its page, a speaker to their quotes, a figure to its family.

Datasette hands ``render_cell`` a foreign key as ``{"value", "label"}`` on
table pages and as the bare id on row pages and in canned queries (where
``table`` is None), so every link takes either and looks the label up when
it has none. Every link is built with ``Markup.format``, which escapes.
"""
import re
import sqlite3
from urllib.parse import urlencode

from markupsafe import Markup

from kb.schema import SPAN_TABLES

# A `passage` cell names its row as "quotes/12" (quotes_view, trace_figure).
PASSAGE_VALUE = re.compile(rf"^({'|'.join(SPAN_TABLES)})/(\d+)$")

# Columns that hold a source id, wherever they appear.
SOURCE_COLUMNS = {"source_id", "first_source_id", "previous_version_id", "superseded_by"}

# The label of a linked row when Datasette did not expand it.
LABEL_SQL = {
    "sources": "SELECT coalesce(title, 'source ' || id) FROM sources WHERE id = ?",
    "speakers": "SELECT name FROM speakers WHERE id = ?",
    "organizations": "SELECT name FROM organizations WHERE id = ?",
    "figure_families": "SELECT coalesce(label, 'family ' || id) FROM figure_families WHERE id = ?",
}

LINK = Markup('<a href="{}">{}</a>')


def passage_url(datasette, kind, row_id):
    return datasette.urls.path(f"/-/passage/{kind}/{row_id}")


def source_url(datasette, source_id):
    return datasette.urls.path(f"/-/source/{source_id}")


def family_url(datasette, family_id):
    return datasette.urls.path(f"/-/family/{family_id}")


def speaker_url(datasette, database, speaker_id):
    """A speaker's page is the ``speaker_quotes`` canned query for them."""
    return datasette.urls.query(database, "speaker_quotes") + "?" + urlencode({"speaker_id": speaker_id})


def organization_url(datasette, database, organization_id):
    return datasette.urls.query(database, "organization_quotes") + "?" + urlencode(
        {"organization_id": organization_id}
    )


# Id columns of a speaker or organization: (table, the column naming it beside the id, its page).
NAMED_ID_COLUMNS = {
    "speaker_id": ("speakers", "speaker", speaker_url),
    "organization_id": ("organizations", "organization", organization_url),
}


def citation_html(citation):
    """The citation with a button that copies it (kb.js does the copying)."""
    return Markup(
        '<span class="kb-citation">{}</span> '
        '<button type="button" class="kb-copy" data-copy="{}" title="Copy the citation">Copy</button>'
    ).format(citation, citation)


async def render(datasette, database, table, row, column, value):
    """The HTML for one cell, or None to leave it to Datasette."""
    if value is None or value == "":
        return None
    if column == "passage" and isinstance(value, str):
        match = PASSAGE_VALUE.match(value)
        return LINK.format(passage_url(datasette, *match.groups()), "show passage") if match else None
    if column == "citation" and isinstance(value, str):
        return citation_html(value)
    link = _row_link(datasette, database, table, row, column, value)
    if link is None:
        link = await _id_link(datasette, database, table, row, column, value)
    return link


def _row_link(datasette, database, table, row, column, value):
    """Links that come from the row itself: its own id or a sibling id column."""
    own_id = field(row, "id")
    # The rows of span tables open their passage from their text.
    if column == "text" and table in SPAN_TABLES and own_id is not None:
        return LINK.format(passage_url(datasette, table, own_id), value)
    if column == "title" and table == "sources":
        return LINK.format(source_url(datasette, own_id), value)
    if column == "label" and (table in ("figure_families", "families") or field(row, "family") is not None):
        # trace_figure names the family's id `family`; the tables call it `id`.
        family_id = field(row, "family") if table is None else own_id
        return LINK.format(family_url(datasette, family_id), value)
    if column == "name" and table in ("speakers", "organizations"):
        page = speaker_url if table == "speakers" else organization_url
        return LINK.format(page(datasette, database, own_id), value)
    if column == "speaker":
        # An organization speaking for itself has no speaker row: link its organization.
        if field(row, "speaker_id") is not None:
            return LINK.format(speaker_url(datasette, database, field(row, "speaker_id")), value)
        if field(row, "speaker_kind") == "organization" and field(row, "organization_id") is not None:
            return LINK.format(organization_url(datasette, database, field(row, "organization_id")), value)
    if column == "organization" and field(row, "organization_id") is not None:
        return LINK.format(organization_url(datasette, database, field(row, "organization_id")), value)
    return None


async def _id_link(datasette, database, table, row, column, value):
    """Links from a column that holds another row's id, labelled with that row's name."""
    if column in SOURCE_COLUMNS:
        return await _labelled(datasette, database, "sources", value, source_url(datasette, _id(value)))
    if column == "family_id":
        return await _labelled(datasette, database, "figure_families", value, family_url(datasette, _id(value)))
    if column in NAMED_ID_COLUMNS:
        other_table, name_column, page = NAMED_ID_COLUMNS[column]
        url = page(datasette, database, _id(value))
        if row is not None and name_column in row.keys():
            # The name is in its own column already (quotes_view, the canned queries).
            return LINK.format(url, _id(value))
        return await _labelled(datasette, database, other_table, value, url)
    if column == "claim_id":
        return LINK.format(passage_url(datasette, "claims", _id(value)), f"claim {_id(value)}")
    return None


async def _labelled(datasette, database, other_table, value, url):
    if isinstance(value, dict) and value.get("label") not in (None, "", value.get("value")):
        label = value["label"]
    else:
        try:
            result = await datasette.get_database(database).execute(LABEL_SQL[other_table], [_id(value)])
        except sqlite3.DatabaseError:
            # Not a knowledge base (the plugin is installed for every Datasette in
            # this environment): leave the cell to Datasette.
            return None
        row = result.first()
        label = row[0] if row else _id(value)
    return LINK.format(url, label)


def field(row, name):
    """A column of the row (sqlite3.Row or Datasette's CustomRow), unwrapped; None if absent."""
    if row is None or name not in row.keys():
        return None
    return _id(row[name])


def _id(value):
    return value["value"] if isinstance(value, dict) else value
