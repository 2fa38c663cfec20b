"""Row writes on the import's hot path, as prepared statements.

sqlite-utils' ``Table.insert`` looks the table up (table names, PRAGMA
table_info) on every call; at a hundred rows a document that cost more than
extracting it. The import writes rows through these instead; schema setup and
everything off the hot path keep using sqlite-utils.
"""
from functools import lru_cache


@lru_cache(maxsize=None)
def _insert_sql(table, columns, ignore):
    names = ", ".join(f'"{column}"' for column in columns)
    marks = ", ".join("?" * len(columns))
    return f'INSERT {"OR IGNORE " if ignore else ""}INTO "{table}" ({names}) VALUES ({marks})'


def insert_row(db, table, row, ignore=False):
    """Insert one row (a dict of column: value); returns its rowid."""
    return db.conn.execute(_insert_sql(table, tuple(row), ignore), tuple(row.values())).lastrowid


def insert_rows(db, table, rows):
    """Insert rows that all have the same columns."""
    if rows:
        db.conn.executemany(_insert_sql(table, tuple(rows[0]), False), [tuple(row.values()) for row in rows])


def update_row(db, table, row_id, changes):
    assignments = ", ".join(f'"{column}" = ?' for column in changes)
    db.conn.execute(f'UPDATE "{table}" SET {assignments} WHERE id = ?', (*changes.values(), row_id))


def next_id(db, table):
    """The id the next row of ``table`` will get (one writer, inside its transaction)."""
    return db.conn.execute(f'SELECT coalesce(max(id), 0) + 1 FROM "{table}"').fetchone()[0]
