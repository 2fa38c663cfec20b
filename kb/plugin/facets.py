"""The quotes pages' facets, read from counts the database keeps.

A column facet groups every row the page shows: on an unfiltered quotes page
at a million quotes that is ~80 ms a column even from the column's index, and
the quotes page shows four. Triggers keep each value's number of quotes in
``quote_facet_counts`` (migration 15), so a ``counted`` facet on an unfiltered
page reads the top values from there. A filtered or searched page has fewer
rows to group, and its counts depend on the filter: there it is Datasette's own
column facet.

Metadata asks for it as ``{"counted": "speaker"}``; a URL as
``?_facet_counted=speaker``.
"""
from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

from kb.schema import QUOTE_FACET_COLUMNS, QUOTE_FACET_COUNTS

# Which counted column each page's facet column is: quotes_view renames two.
COUNTED_COLUMNS = {
    "quotes": {column: column for column in QUOTE_FACET_COLUMNS},
    "quotes_view": {
        "speaker": "speaker_label", "organization": "organization_label",
        "doc_type": "doc_type", "published": "published", "speaker_id": "speaker_id",
    },
}

# Results say "column": they are a column facet's, value for value, so the JSON
# API reads as before migration 15 and the page does not label them "(counted)".
SHOWN_TYPE = "column"

TOP_VALUES_SQL = f"""
    SELECT value, count FROM {QUOTE_FACET_COUNTS} WHERE facet = :facet
    ORDER BY count DESC, value LIMIT :limit
"""


class CountedFacet(ColumnFacet):
    type = "counted"

    async def suggest(self):
        # Datasette's column facet already suggests columns; suggesting them
        # again would show each twice.
        return []

    async def facet_results(self):
        configs = [(c["config"].get("column") or c["config"]["simple"], c["source"]) for c in self.get_configs()]
        if (self.unfiltered() and {column for column, _ in configs} <= set(COUNTED_COLUMNS[self.table])
                and await self.counts_kept()):
            return [await self.stored_counts(column, source) for column, source in configs], []
        results, timed_out = await super().facet_results()
        for result in results:
            result.update(toggle_url=self.hide_url(result["name"]), type=SHOWN_TYPE)
        return results, timed_out

    def unfiltered(self):
        """The page shows every row of the table: no filter, search or _where."""
        return (
            self.table in COUNTED_COLUMNS
            and not self.params
            and self.sql.rstrip().endswith(f"from {escape_sqlite(self.table)}")
        )

    async def counts_kept(self):
        # A database from before migration 15 (served read-only) has none.
        return await self.ds.get_database(self.database).table_exists(QUOTE_FACET_COUNTS)

    def hide_url(self, column):
        return self.ds.urls.path(path_with_removed_args(self.request, {f"_facet_{self.type}": column}))

    async def stored_counts(self, column, source):
        size = self.get_facet_size()
        rows = (await self.ds.execute(
            self.database, TOP_VALUES_SQL, {"facet": COUNTED_COLUMNS[self.table][column], "limit": size + 1},
        )).rows
        shown = rows[:size]
        labels = await self.ds.expand_foreign_keys(self.database, self.table, column, [row["value"] for row in shown])
        # Unfiltered, so no value is selected yet: each links to the page filtered by it.
        values = [{
            "value": row["value"],
            "label": labels.get((column, row["value"]), row["value"]),
            "count": row["count"],
            "toggle_url": self.ds.absolute_url(
                self.request, self.ds.urls.path(path_with_added_args(self.request, {column: row["value"]}))
            ),
            "selected": False,
        } for row in shown]
        return {
            "name": column, "type": SHOWN_TYPE, "hideable": source != "metadata",
            "toggle_url": self.hide_url(column), "results": values, "truncated": len(rows) > size,
        }
