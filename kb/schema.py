"""The knowledge base's schema: tables, full-text search and migrations.

``ensure_db_shape(db)`` is idempotent and runs on every open: it applies the
migrations a database has not seen yet, in order, and records each one, so an
existing ``kb.db`` upgrades in place. Never edit a migration that has shipped;
add a new one.
"""
import datetime

# Version 1: sources with their raw input and what cleaning dropped, and the
# tables extractors fill. Every extracted row carries source_id, start and end
# with substr(sources.text, start + 1, end - start) = text.
SCHEMA_V1 = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    origin TEXT,
    url TEXT,
    doc_type TEXT NOT NULL CHECK (doc_type IN ('petition', 'press_release', 'article', 'letter', 'other')),
    title TEXT,
    publisher TEXT,
    published TEXT,
    byline TEXT,
    contact TEXT,
    target TEXT,
    demand TEXT,
    text TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TABLE raw_inputs (
    source_id INTEGER PRIMARY KEY REFERENCES sources(id),
    reader TEXT NOT NULL,
    encoding TEXT,
    size INTEGER NOT NULL,
    content BLOB NOT NULL
);
CREATE TABLE cleaning_drops (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    reason TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    key TEXT NOT NULL
);
CREATE TABLE organization_aliases (
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    alias TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (organization_id, alias)
);
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    key TEXT NOT NULL,
    organization_id INTEGER REFERENCES organizations(id)
);
CREATE TABLE speaker_aliases (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    alias TEXT NOT NULL,
    key TEXT NOT NULL,
    surname TEXT,
    PRIMARY KEY (speaker_id, alias)
);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    partial INTEGER NOT NULL DEFAULT 0,
    speaker_id INTEGER REFERENCES speakers(id),
    organization_id INTEGER REFERENCES organizations(id),
    speaker_as_printed TEXT,
    speaker_kind TEXT,
    title TEXT,
    organization_as_printed TEXT,
    attribution_start INTEGER,
    attribution_end INTEGER
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    attributed_to TEXT
);
CREATE TABLE figures (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL,
    value_max REAL,
    unit TEXT,
    qualifier TEXT,
    vague INTEGER NOT NULL DEFAULT 0,
    subject TEXT,
    sentence_start INTEGER,
    sentence_end INTEGER,
    claim_id INTEGER REFERENCES claims(id)
);
CREATE INDEX idx_cleaning_drops_source ON cleaning_drops(source_id);
CREATE INDEX idx_quotes_source ON quotes(source_id);
CREATE INDEX idx_quotes_speaker ON quotes(speaker_id);
CREATE INDEX idx_quotes_organization ON quotes(organization_id);
CREATE INDEX idx_claims_source ON claims(source_id);
CREATE INDEX idx_figures_source ON figures(source_id);
CREATE INDEX idx_figures_unit_value ON figures(unit, value);
CREATE INDEX idx_speakers_key ON speakers(key);
CREATE INDEX idx_organizations_key ON organizations(key);
CREATE INDEX idx_speaker_aliases_key ON speaker_aliases(key);
CREATE INDEX idx_speaker_aliases_surname ON speaker_aliases(surname);
CREATE INDEX idx_organization_aliases_key ON organization_aliases(key);
CREATE INDEX idx_sources_doc_type ON sources(doc_type);
CREATE INDEX idx_sources_publisher ON sources(publisher);
CREATE INDEX idx_sources_published ON sources(published);
"""

# Tables whose rows point at a span of sources.text.
SPAN_TABLES = ("quotes", "figures", "claims", "mentions")

# Full-text search: table -> columns, porter-stemmed, kept current by triggers.
FTS_CONFIG = {
    "sources": ["title", "text"],
    "quotes": ["text", "speaker_as_printed", "title", "organization_as_printed"],
}

# The name a quote is shown under: the organization for an organization's own
# statement, else the resolved speaker, else the speaker as printed; and its
# organization, resolved or as printed. Stored on each quote (migration 13)
# and kept in step by triggers; ``{q}`` is the quotes row.
SPEAKER_LABEL_SQL = """CASE WHEN {q}.speaker_kind = 'organization'
        THEN (SELECT name FROM organizations WHERE id = {q}.organization_id)
        ELSE coalesce((SELECT name FROM speakers WHERE id = {q}.speaker_id), {q}.speaker_as_printed) END"""
ORGANIZATION_LABEL_SQL = """coalesce((SELECT name FROM organizations WHERE id = {q}.organization_id),
        {q}.organization_as_printed)"""
# Source columns each quote carries, so the quotes page filters and facets by
# them from an index of quotes instead of a join to every quote's source.
QUOTE_SOURCE_COLUMNS = ("doc_type", "published", "publisher")

# Views are recreated on every open, so changing one needs no migration.
VIEWS = {
    # One table, no joins: at a million quotes the joins made the page's count,
    # each facet and a filter by speaker a pass over every quote (0.6-2.2 s).
    "quotes_view": """
        SELECT q.id, q.text, q.citation, q.speaker_label AS speaker, q.title,
               q.organization_label AS organization, q.partial, q.speaker_kind,
               q.doc_type, q.published, q.publisher,
               q.source_id, q.quote_group_id, q.speaker_id, q.organization_id, q.start, q."end",
               'quotes/' || q.id AS passage
        FROM quotes q
    """,
    "quote_groups": """
        SELECT coalesce(q.quote_group_id, q.id) AS id, min(q.text) AS text, q.speaker_label AS speaker,
               count(*) AS quotes, count(DISTINCT q.source_id) AS sources,
               min(q.published) AS first_published
        FROM quotes q
        GROUP BY coalesce(q.quote_group_id, q.id)
    """,
}

# The families page lists counts kept on figure_families by triggers
# (migration 10), so it reads one row a family instead of every figure. A
# family's values are listed when there are few (read from the family's index
# range for the rows shown); min_value and max_value bound the rest.
FAMILY_VALUES_LISTED = 12
VIEWS["families"] = f"""
    SELECT id, label, unit, occurrences, sources, distinct_values,
           CASE WHEN distinct_values <= {FAMILY_VALUES_LISTED} THEN
               (SELECT group_concat(value) FROM (SELECT DISTINCT value FROM figures
                WHERE family_id = figure_families.id AND value IS NOT NULL ORDER BY value))
           END AS "values",
           min_value, max_value, distinct_values > 1 AS values_disagree, first_source_id, first_published
    FROM figure_families
"""
# What the families view counted before migration 10, straight from the
# figures: how the migration fills the counts, and what tests compare them with.
FAMILY_COUNTS_SQL = """
    SELECT ff.id,
           count(f.id) AS occurrences,
           count(DISTINCT f.source_id) AS sources,
           count(DISTINCT f.value) AS distinct_values,
           min(f.value) AS min_value, max(f.value) AS max_value,
           (SELECT f2.source_id FROM figures f2 WHERE f2.family_id = ff.id
             ORDER BY f2.published IS NULL, f2.published, f2.source_id LIMIT 1) AS first_source_id,
           min(f.published) AS first_published
    FROM figure_families ff
    JOIN figures f ON f.family_id = ff.id
    GROUP BY ff.id
"""

MIGRATIONS_TABLE = "_kb_migrations"


def run_statements(db, sql):
    """Run ';'-separated DDL inside the caller's transaction.

    (``executescript`` would commit first, breaking the migration's atomicity.)
    """
    for statement in sql.split(";\n"):
        if statement.strip():
            db.execute(statement)


def m001_initial(db):
    run_statements(db, SCHEMA_V1)


def m002_quote_groups_and_citations(db):
    run_statements(
        db,
        """
        ALTER TABLE quotes ADD COLUMN quote_group_id INTEGER;
        ALTER TABLE quotes ADD COLUMN citation TEXT;
        CREATE INDEX idx_quotes_group ON quotes(quote_group_id);
        """,
    )


def m003_figure_families(db):
    run_statements(
        db,
        """
        CREATE TABLE figure_families (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            cue TEXT,
            label TEXT,
            unit TEXT
        );
        CREATE INDEX idx_figure_families_key ON figure_families(key);
        ALTER TABLE figures ADD COLUMN family_id INTEGER REFERENCES figure_families(id);
        ALTER TABLE sources ADD COLUMN anchors TEXT;
        CREATE INDEX idx_figures_family ON figures(family_id);
        """,
    )


def m004_mentions(db):
    run_statements(
        db,
        """
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            speaker_id INTEGER REFERENCES speakers(id),
            organization_id INTEGER REFERENCES organizations(id)
        );
        CREATE INDEX idx_mentions_source ON mentions(source_id);
        CREATE INDEX idx_mentions_speaker ON mentions(speaker_id);
        CREATE INDEX idx_mentions_organization ON mentions(organization_id);
        ALTER TABLE organization_aliases ADD COLUMN block TEXT;
        CREATE INDEX idx_organization_aliases_block ON organization_aliases(block);
        """,
    )


def m005_batches_tags_versions(db):
    run_statements(
        db,
        """
        CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            tag TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            new INTEGER, updated INTEGER, unchanged INTEGER, failed INTEGER, skipped INTEGER
        );
        CREATE TABLE batch_failures (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES batches(id),
            origin TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        ALTER TABLE sources ADD COLUMN tags TEXT;
        ALTER TABLE sources ADD COLUMN batch_id INTEGER REFERENCES batches(id);
        ALTER TABLE sources ADD COLUMN previous_version_id INTEGER REFERENCES sources(id);
        ALTER TABLE sources ADD COLUMN superseded_by INTEGER REFERENCES sources(id);
        CREATE INDEX idx_sources_url ON sources(url);
        CREATE INDEX idx_sources_origin ON sources(origin);
        """,
    )


def m006_family_words(db):
    """Anchor words per family, so joining a family needs no scan of its figures."""
    from .families import anchor_words

    run_statements(
        db,
        """
        CREATE TABLE family_words (
            family_id INTEGER NOT NULL REFERENCES figure_families(id),
            word TEXT NOT NULL,
            PRIMARY KEY (family_id, word)
        );
        CREATE INDEX idx_family_words_word ON family_words(word);
        """,
    )
    rows = db.execute(
        "SELECT DISTINCT f.family_id, s.anchors FROM figures f JOIN sources s ON s.id = f.source_id "
        "WHERE f.family_id IS NOT NULL"
    ).fetchall()
    db.conn.executemany(
        "INSERT OR IGNORE INTO family_words (family_id, word) VALUES (?, ?)",
        [(family_id, word) for family_id, anchors in rows for word in anchor_words((anchors or "").split("|"))],
    )


def m007_query_indexes(db):
    """Indexes for the canned queries and facets at scale (issue #7).

    ``figures_trigram`` indexes every figure's text by trigrams, so trace_figure's
    ``text LIKE '%…%'`` is answered from the index (SQLite re-checks LIKE on each
    candidate, so the rows are exactly those of a scan); ``idx_figures_value``
    serves its value window; ``idx_quotes_partial`` the facet on ``partial``.
    """
    run_statements(
        db,
        """
        CREATE INDEX IF NOT EXISTS idx_figures_value ON figures(value);
        CREATE INDEX IF NOT EXISTS idx_quotes_partial ON quotes(partial);
        CREATE VIRTUAL TABLE IF NOT EXISTS figures_trigram USING fts5(
            text, content='figures', content_rowid='id', tokenize='trigram'
        );
        CREATE TRIGGER IF NOT EXISTS figures_trigram_ai AFTER INSERT ON figures BEGIN INSERT INTO figures_trigram (rowid, text) VALUES (new.id, new.text); END;
        CREATE TRIGGER IF NOT EXISTS figures_trigram_ad AFTER DELETE ON figures BEGIN INSERT INTO figures_trigram (figures_trigram, rowid, text) VALUES ('delete', old.id, old.text); END;
        CREATE TRIGGER IF NOT EXISTS figures_trigram_au AFTER UPDATE OF text ON figures BEGIN INSERT INTO figures_trigram (figures_trigram, rowid, text) VALUES ('delete', old.id, old.text); INSERT INTO figures_trigram (rowid, text) VALUES (new.id, new.text); END;
        INSERT INTO figures_trigram (figures_trigram) VALUES ('rebuild');
        """,
    )


def m008_family_keys_and_speaker_blocks(db):
    """Families found by (anchor word, value band), the two blocks fuzzy
    speaker matching reads, and organization blocks on a distinctive word, so
    no lookup reads a share of what the database holds.
    (figures(family_id, vague, value) serves every lookup by family, so the
    index on family_id alone goes.)"""
    from .families import family_keys

    run_statements(
        db,
        """
        DROP TABLE family_words;
        CREATE TABLE family_words (
            family_id INTEGER NOT NULL REFERENCES figure_families(id),
            word TEXT NOT NULL,
            bucket TEXT NOT NULL,
            PRIMARY KEY (family_id, word, bucket)
        );
        CREATE INDEX idx_family_words_word_bucket ON family_words(word, bucket);
        CREATE INDEX idx_figures_family_value ON figures(family_id, vague, value);
        DROP INDEX idx_figures_family;
        CREATE INDEX idx_speaker_aliases_block_head ON speaker_aliases(substr(key, 1, 4), substr(surname, 1, 3));
        CREATE INDEX idx_speaker_aliases_block_tail
            ON speaker_aliases(substr(key, 1, 2), substr(surname, 1, 1), substr(surname, -4));
        """,
    )
    from .entities import org_block
    from .families import UNIT_CLASSES, anchor_words

    db.conn.executemany(
        "UPDATE organization_aliases SET block = ? WHERE organization_id = ? AND alias = ?",
        [(org_block(alias), org_id, alias)
         for org_id, alias in db.execute("SELECT organization_id, alias FROM organization_aliases").fetchall()],
    )

    rows = db.execute(
        "SELECT f.family_id, f.value, f.vague, f.unit, ff.cue, s.anchors FROM figures f "
        "JOIN sources s ON s.id = f.source_id JOIN figure_families ff ON ff.id = f.family_id"
    ).fetchall()
    db.conn.executemany(
        "INSERT OR IGNORE INTO family_words (family_id, word, bucket) VALUES (?, ?, ?)",
        [
            (family_id, word, key)
            for family_id, value, vague, unit, cue, anchors in rows
            for key in family_keys({"value": value, "vague": vague}, UNIT_CLASSES.get(unit, unit or ""), cue)
            for word in anchor_words((anchors or "").split("|"))
        ],
    )


def m009_figures_in_date_order(db):
    """A trace reads a family's figures already in date order, so it stops
    after its first rows however many figures the family holds.

    ``figures.published`` is the source's date, copied at insert and kept in
    step by a trigger when a source's date changes. The value index carries
    the family id, so matching a value reads the index alone.
    """
    run_statements(
        db,
        """
        ALTER TABLE figures ADD COLUMN published TEXT;
        UPDATE figures SET published = (SELECT published FROM sources s WHERE s.id = figures.source_id);
        CREATE INDEX idx_figures_family_date ON figures(family_id, published IS NULL, published, source_id, start);
        DROP INDEX idx_figures_value;
        CREATE INDEX idx_figures_value_family ON figures(value, family_id);
        CREATE TRIGGER figures_follow_source_date AFTER UPDATE OF published ON sources
        WHEN new.published IS NOT old.published
        BEGIN UPDATE figures SET published = new.published WHERE source_id = new.id; END;
        """,
    )


# A new figure updates its family's counts: one more occurrence, one more
# source or distinct value when no other figure of the family has it, the
# value range, and the first source when the new one comes earlier (the order
# of trace: dated first, then by date, then import order). Each check is one
# index probe: (source_id, family_id) on idx_figures_source_family (migration
# 12), (value, family_id) on idx_figures_value_family.
NEW_FIGURE_COMES_FIRST = (
    "occurrences = 0 OR (new.published IS NULL) < (first_published IS NULL)"
    " OR ((new.published IS NULL) = (first_published IS NULL)"
    " AND (new.published < first_published OR (new.published IS first_published AND new.source_id < first_source_id)))"
)
FAMILY_COUNT_TRIGGERS = f"""
CREATE TRIGGER figures_count_in_family AFTER INSERT ON figures BEGIN UPDATE figure_families SET
    sources = sources + NOT EXISTS (SELECT 1 FROM figures WHERE source_id = new.source_id AND family_id = new.family_id AND id != new.id),
    distinct_values = distinct_values + (new.value IS NOT NULL AND NOT EXISTS (SELECT 1 FROM figures WHERE value = new.value AND family_id = new.family_id AND id != new.id)),
    min_value = CASE WHEN min_value IS NULL OR new.value < min_value THEN coalesce(new.value, min_value) ELSE min_value END,
    max_value = CASE WHEN max_value IS NULL OR new.value > max_value THEN coalesce(new.value, max_value) ELSE max_value END,
    first_source_id = CASE WHEN {NEW_FIGURE_COMES_FIRST} THEN new.source_id ELSE first_source_id END,
    first_published = CASE WHEN {NEW_FIGURE_COMES_FIRST} THEN new.published ELSE first_published END,
    occurrences = occurrences + 1
    WHERE id = new.family_id; END;
CREATE TRIGGER figures_date_in_family AFTER UPDATE OF published ON figures BEGIN UPDATE figure_families SET
    (first_source_id, first_published) = (SELECT source_id, published FROM figures WHERE family_id = new.family_id ORDER BY published IS NULL, published, source_id LIMIT 1)
    WHERE id = new.family_id; END;
"""


def m010_family_counts(db):
    """Each family's counts (occurrences, sources, values, first source) kept on
    figure_families, so the families page does not aggregate every figure."""
    run_statements(
        db,
        """
        ALTER TABLE figure_families ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE figure_families ADD COLUMN sources INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE figure_families ADD COLUMN distinct_values INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE figure_families ADD COLUMN min_value REAL;
        ALTER TABLE figure_families ADD COLUMN max_value REAL;
        ALTER TABLE figure_families ADD COLUMN first_source_id INTEGER REFERENCES sources(id);
        ALTER TABLE figure_families ADD COLUMN first_published TEXT;
        CREATE INDEX idx_figure_families_occurrences ON figure_families(occurrences);
        """,
    )
    db.execute(
        f"""UPDATE figure_families
            SET occurrences = c.occurrences, sources = c.sources, distinct_values = c.distinct_values,
                min_value = c.min_value, max_value = c.max_value,
                first_source_id = c.first_source_id, first_published = c.first_published
            FROM ({FAMILY_COUNTS_SQL}) AS c WHERE c.id = figure_families.id"""
    )
    run_statements(db, FAMILY_COUNT_TRIGGERS)


def m011_source_tags_index(db):
    """The sources page facets by tag; ``tags`` comes after ``text`` in each
    row, so without an index the facet reads every source's text to reach it
    (0.6 s at 100,000 sources; 13 ms from the index)."""
    run_statements(db, "CREATE INDEX idx_sources_tags ON sources(tags)")


def m012_figures_by_source_and_family(db):
    """Whether a source already has a figure in a family is one index probe.

    Migration 10's trigger found it through the source's figures alone: a
    document with thousands of figures made every figure insert read all of
    its earlier ones. (source_id, family_id) also serves every lookup by source.
    """
    run_statements(
        db,
        """
        CREATE INDEX idx_figures_source_family ON figures(source_id, family_id);
        DROP INDEX idx_figures_source;
        DROP TRIGGER figures_count_in_family;
        DROP TRIGGER figures_date_in_family;
        """ + FAMILY_COUNT_TRIGGERS,
    )


def _labels_of(q):
    return (f"speaker_label = {SPEAKER_LABEL_SQL.format(q=q)}, "
            f"organization_label = {ORGANIZATION_LABEL_SQL.format(q=q)}")


_SOURCE_COLUMNS_OF_QUOTE = (
    f"({', '.join(QUOTE_SOURCE_COLUMNS)}) = "
    f"(SELECT {', '.join(QUOTE_SOURCE_COLUMNS)} FROM sources WHERE id = quotes.source_id)"
)

# Labels follow renames and merges of speakers and organizations, and the
# source columns follow the source's metadata. The writer stores both with
# each quote; a quote inserted without them (by any other writer: a source's
# doc_type is never NULL) gets them from the insert trigger.
QUOTE_LABEL_TRIGGERS = f"""
CREATE TRIGGER quotes_label_on_insert AFTER INSERT ON quotes WHEN new.doc_type IS NULL BEGIN
    UPDATE quotes SET {_labels_of("quotes")}, {_SOURCE_COLUMNS_OF_QUOTE} WHERE id = new.id; END;
CREATE TRIGGER quotes_label_on_change AFTER UPDATE OF speaker_id, organization_id, speaker_kind,
    speaker_as_printed, organization_as_printed ON quotes BEGIN
    UPDATE quotes SET {_labels_of("quotes")} WHERE id = new.id; END;
CREATE TRIGGER quotes_label_follow_speaker AFTER UPDATE OF name ON speakers WHEN new.name IS NOT old.name BEGIN
    UPDATE quotes SET {_labels_of("quotes")} WHERE speaker_id = new.id; END;
CREATE TRIGGER quotes_label_follow_organization AFTER UPDATE OF name ON organizations
    WHEN new.name IS NOT old.name BEGIN
    UPDATE quotes SET {_labels_of("quotes")} WHERE organization_id = new.id; END;
CREATE TRIGGER quotes_follow_source AFTER UPDATE OF {', '.join(QUOTE_SOURCE_COLUMNS)} ON sources BEGIN
    UPDATE quotes SET {', '.join(f'{c} = new.{c}' for c in QUOTE_SOURCE_COLUMNS)} WHERE source_id = new.id; END;
"""


def m013_quotes_carry_labels(db):
    """Each quote carries the name it is shown under, its organization's name
    and its source's type, date and publisher, indexed, so the quotes page
    counts, facets and filters from indexes of one table.

    The full-text update triggers are narrowed to the indexed columns first,
    so filling the new columns (and later renames) leaves the index alone.
    """
    narrow_fts_update_triggers(db)
    run_statements(
        db,
        """
        ALTER TABLE quotes ADD COLUMN speaker_label TEXT;
        ALTER TABLE quotes ADD COLUMN organization_label TEXT;
        ALTER TABLE quotes ADD COLUMN doc_type TEXT;
        ALTER TABLE quotes ADD COLUMN published TEXT;
        ALTER TABLE quotes ADD COLUMN publisher TEXT;
        """,
    )
    db.execute(f"UPDATE quotes SET {_labels_of('quotes')}, {_SOURCE_COLUMNS_OF_QUOTE}")
    run_statements(
        db,
        """
        CREATE INDEX idx_quotes_speaker_label ON quotes(speaker_label);
        CREATE INDEX idx_quotes_organization_label ON quotes(organization_label);
        CREATE INDEX idx_quotes_doc_type ON quotes(doc_type);
        CREATE INDEX idx_quotes_published ON quotes(published);
        """ + QUOTE_LABEL_TRIGGERS,
    )


def _columns(columns, prefix=""):
    """'"text", "title"', or with ``prefix`` 'new."text", new."title"'."""
    return ", ".join(f'{prefix}"{column}"' for column in columns)


# Full-text indexes filled as rows arrive: table -> (index, columns). An
# insert trigger fills each, except while the importer writes a document: it
# raises WRITER_INDEXES_FLAG inside the document's savepoint and fills the
# indexes with WRITER_INDEX_SQL, one statement each for the whole document. A
# trigger writing into FTS5 costs ~8x a plain insert into it (each trigger
# statement makes FTS5 flush its pending terms).
FULL_TEXT_INDEXES = {
    "sources": ("sources_fts", FTS_CONFIG["sources"]),
    "quotes": ("quotes_fts", FTS_CONFIG["quotes"]),
    "figures": ("figures_trigram", ["text"]),
}
WRITER_INDEXES_FLAG = "_kb_writer_indexes"
WRITER_INDEX_SQL = [
    f'INSERT INTO "{index}" (rowid, {_columns(columns)}) SELECT id, {_columns(columns)} FROM "{table}" '
    f'WHERE {"id" if table == "sources" else "source_id"} = :source_id'
    for table, (index, columns) in FULL_TEXT_INDEXES.items()
]


def narrow_fts_update_triggers(db):
    """Re-index a row only when an indexed column changes.

    sqlite-utils' update trigger re-indexes on any change: a new tag re-indexed
    a source's whole text, and a new label or citation a quote's words.
    """
    for table, (index, columns) in FULL_TEXT_INDEXES.items():
        _replace_trigger(
            db, _trigger_name(index, "au"),
            f'AFTER UPDATE OF {_columns(columns)} ON "{table}" BEGIN\n'
            f'  INSERT INTO "{index}" ("{index}", rowid, {_columns(columns)})'
            f" VALUES ('delete', old.rowid, {_columns(columns, 'old.')});\n"
            f'  INSERT INTO "{index}" (rowid, {_columns(columns)}) VALUES (new.rowid, {_columns(columns, "new.")});\nEND',
        )


def m014_writer_fills_full_text_indexes(db):
    """The importer fills a document's full-text entries in one statement per
    index; the insert triggers stand aside while it does (see FULL_TEXT_INDEXES)."""
    db.execute(f"CREATE TABLE {WRITER_INDEXES_FLAG} (raised INTEGER)")
    gate_fts_insert_triggers(db)


def gate_fts_insert_triggers(db):
    """Insert triggers that fill a full-text index unless the importer is filling it."""
    if not db[WRITER_INDEXES_FLAG].exists():
        return  # before migration 14, which gates them
    for table, (index, columns) in FULL_TEXT_INDEXES.items():
        _replace_trigger(
            db, _trigger_name(index, "ai"),
            f'AFTER INSERT ON "{table}"\nWHEN NOT EXISTS (SELECT 1 FROM {WRITER_INDEXES_FLAG}) BEGIN\n'
            f'  INSERT INTO "{index}" (rowid, {_columns(columns)}) VALUES (new.rowid, {_columns(columns, "new.")});\nEND',
        )


def _trigger_name(index, event):
    # sqlite-utils names a table's triggers sources_ai, quotes_au; migration 7 figures_trigram_ai.
    return f"{index.removesuffix('_fts')}_{event}"


def _replace_trigger(db, name, body):
    """Recreate trigger ``name`` as ``body``; one not made yet (its full-text
    index comes later, in _ensure_fts) is left for then."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]).fetchone():
        db.execute(f'DROP TRIGGER "{name}"')
        db.execute(f'CREATE TRIGGER "{name}" {body}')


# The quotes pages facet by these columns on every visit. Grouping a million
# quotes takes ~80 ms a column even from the column's index, so triggers keep
# each value's number of quotes (migration 15) and the plugin's "counted" facet
# reads them while a page is unfiltered (kb/plugin/facets.py).
QUOTE_FACET_COUNTS = "quote_facet_counts"
QUOTE_FACET_COLUMNS = ("speaker_id", "speaker_label", "organization_label", "doc_type", "published")


def _add_to_facet_counts(deltas):
    """One upsert adding each (column, value, delta, when) of a trigger to the
    counts; a NULL value is not counted, as Datasette's facets leave it out."""
    # UNION ALL, not a VALUES list: SQLite 3.40 cannot name a VALUES list's
    # columns inside a trigger ("no such column: column2").
    rows = "\n        UNION ALL ".join(
        f"SELECT '{column}', {value}, {delta} WHERE {value} IS NOT NULL AND {when}"
        for column, value, delta, when in deltas
    )
    return (
        f"INSERT INTO {QUOTE_FACET_COUNTS} (facet, value, count) SELECT * FROM (\n        {rows})\n"
        "    WHERE true ON CONFLICT (facet, value) DO UPDATE SET count = count + excluded.count;"
    )


def _changed(column):
    return f"old.{column} IS NOT new.{column}"


QUOTE_FACET_COUNT_TRIGGERS = f"""
CREATE TRIGGER quotes_counted_on_insert AFTER INSERT ON quotes BEGIN
    {_add_to_facet_counts([(c, f"new.{c}", 1, 1) for c in QUOTE_FACET_COLUMNS])} END;
CREATE TRIGGER quotes_counted_on_delete AFTER DELETE ON quotes BEGIN
    {_add_to_facet_counts([(c, f"old.{c}", -1, 1) for c in QUOTE_FACET_COLUMNS])} END;
CREATE TRIGGER quotes_counted_on_change AFTER UPDATE OF {", ".join(QUOTE_FACET_COLUMNS)} ON quotes BEGIN
    {_add_to_facet_counts([d for c in QUOTE_FACET_COLUMNS
                           for d in ((c, f"old.{c}", -1, _changed(c)), (c, f"new.{c}", 1, _changed(c)))])} END;
CREATE TRIGGER quote_facet_counts_drop_none AFTER UPDATE OF count ON {QUOTE_FACET_COUNTS}
    WHEN new.count = 0 BEGIN
    DELETE FROM {QUOTE_FACET_COUNTS} WHERE facet = new.facet AND value = new.value; END;
"""


def m015_quote_facet_counts(db):
    """Each facet value's number of quotes, kept by triggers (see QUOTE_FACET_COLUMNS)."""
    run_statements(
        db,
        f"""
        CREATE TABLE {QUOTE_FACET_COUNTS} (
            facet TEXT NOT NULL, value NOT NULL, count INTEGER NOT NULL,
            PRIMARY KEY (facet, value)
        ) WITHOUT ROWID;
        CREATE INDEX idx_{QUOTE_FACET_COUNTS}_top ON {QUOTE_FACET_COUNTS}(facet, count DESC, value);
        """,
    )
    db.execute(
        f"INSERT INTO {QUOTE_FACET_COUNTS} (facet, value, count) "
        + " UNION ALL ".join(
            f"SELECT '{column}', {column}, count(*) FROM quotes WHERE {column} IS NOT NULL GROUP BY {column}"
            for column in QUOTE_FACET_COLUMNS
        )
    )
    run_statements(db, QUOTE_FACET_COUNT_TRIGGERS)


# Page cache of an importing connection, in KB.
CACHE_KB = 256 * 1024


# In order. The position in this list is the schema version.
MIGRATIONS = [
    m001_initial,
    m002_quote_groups_and_citations,
    m003_figure_families,
    m004_mentions,
    m005_batches_tags_versions,
    m006_family_words,
    m007_query_indexes,
    m008_family_keys_and_speaker_blocks,
    m009_figures_in_date_order,
    m010_family_counts,
    m011_source_tags_index,
    m012_figures_by_source_and_family,
    m013_quotes_carry_labels,
    m014_writer_fills_full_text_indexes,
    m015_quote_facet_counts,
]


def schema_version(db):
    """How many migrations this database has applied."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def ensure_db_shape(db):
    """Bring ``db`` to the current schema; safe to call on every open."""
    db.execute("PRAGMA foreign_keys = ON")
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal" and not db.memory:
        db.enable_wal()
    # In WAL mode NORMAL never corrupts the file; it skips the sync at every
    # commit (a power cut may lose the last few documents, not the database),
    # which was a fifth of the time of storing a small document.
    db.execute("PRAGMA synchronous = NORMAL")
    # Resolution and family lookups walk several indexes per name and figure;
    # SQLite's default 2 MB page cache stops holding them after a few
    # thousand documents, and each lookup then reads pages back from the OS.
    db.execute(f"PRAGMA cache_size = -{CACHE_KB}")
    # A statement that can fail halfway inside a savepoint (each document is
    # one) keeps a statement journal, by default in a temporary file: the
    # trigger-run upserts wrote one per quote. In memory it is a few KB, freed
    # at the statement's end: a quote with its triggers is written in 29 µs, not 59.
    db.execute("PRAGMA temp_store = MEMORY")
    current = schema_version(db)
    if current > len(MIGRATIONS):
        raise RuntimeError(
            f"database schema version {current} is newer than this kb ({len(MIGRATIONS)}); upgrade kb"
        )
    for version, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        with db.atomic():
            migration(db)
            db[MIGRATIONS_TABLE].insert(
                {"version": version, "name": migration.__name__, "applied_at": now()},
                pk="version",
            )
            db.execute(f"PRAGMA user_version = {version}")
    _ensure_fts(db)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)


def _ensure_fts(db):
    for table, columns in FTS_CONFIG.items():
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, create_triggers=True, tokenize="porter", replace=True)
            narrow_fts_update_triggers(db)
            gate_fts_insert_triggers(db)


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
