"""Import at scale: worker processes, cheap re-imports, streaming inputs, indexed lookups."""
import re

import pytest
import sqlite_utils
from click.testing import CliRunner

from cli import cli
from ingest.inputs import expand_inputs, walk_files
from kb.demo import DEMO_DIR
from kb.families import _value_window, value_bucket

# Tables that grow with the archive: a statement of the import must never read them whole.
GROWING = ("sources", "quotes", "figures", "claims", "mentions", "speakers", "speaker_aliases",
           "organizations", "organization_aliases", "figure_families", "family_words")
CONTENT = ("sources", "quotes", "figures", "claims", "mentions", "speakers", "speaker_aliases",
           "organizations", "organization_aliases", "figure_families", "family_words", "cleaning_drops")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def dump(db_path):
    db = sqlite_utils.Database(db_path)
    return {table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in CONTENT}


def demo_copy(tmp_path, copies=2):
    """The demo corpus twice over (the second copy with other bytes), in sub-folders."""
    for n in range(copies):
        folder = tmp_path / "corpus" / f"part{n}"
        folder.mkdir(parents=True)
        for path in sorted(DEMO_DIR.glob("*.txt")):
            (folder / path.name).write_text(path.read_text("utf-8") + "\n" * n, "utf-8")
    return tmp_path / "corpus"


def test_jobs_store_exactly_what_one_process_stores(tmp_path):
    corpus = demo_copy(tmp_path)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert run("import", str(corpus), "--db", str(one)).stdout.strip() == "16 new, 0 updated, 0 unchanged, 0 failed"
    result = run("import", str(corpus), "--db", str(two), "--jobs", "2")
    assert result.stdout.strip() == "16 new, 0 updated, 0 unchanged, 0 failed"
    first, second = dump(one), dump(two)
    for table in CONTENT:
        if table == "sources":  # imported_at differs; everything else must not
            strip = lambda rows: [row[:13] + row[14:] for row in rows]  # noqa: E731
            assert strip(first[table]) == strip(second[table])
        else:
            assert first[table] == second[table], table


def test_unchanged_reimport_reads_nothing_further(tmp_path, monkeypatch):
    corpus = demo_copy(tmp_path, copies=1)
    db = str(tmp_path / "kb.db")
    run("import", str(corpus), "--db", db)
    before = dump(db)

    def no_extraction(*args, **kwargs):
        raise AssertionError("an unchanged document was read again")

    monkeypatch.setattr("kb.importer.read_document", no_extraction)
    for jobs in ("1", "2"):
        result = run("import", str(corpus), "--db", db, "--jobs", jobs)
        assert result.stdout.strip() == "0 new, 0 updated, 8 unchanged, 0 failed"
    tagged = run("import", str(corpus), "--db", db, "--tag", "transit")
    assert tagged.stdout.strip() == "0 new, 8 updated, 0 unchanged, 0 failed"
    assert dump(db) == {**before, "sources": dump(db)["sources"]}
    assert {row[0] for row in sqlite_utils.Database(db).execute("SELECT tags FROM sources")} == {'["transit"]'}


def test_timings_add_up_every_stage(tmp_path):
    corpus = demo_copy(tmp_path, copies=1)
    result = run("import", str(corpus), "--db", str(tmp_path / "kb.db"), "--timings", "-j", "2")
    line = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"time: read [\d.]+ s, clean [\d.]+ s, extract [\d.]+ s, resolve [\d.]+ s, write [\d.]+ s",
                        line), line
    seconds = dict(re.findall(r"(\w+) ([\d.]+) s", line))
    assert float(seconds["extract"]) > 0 and float(seconds["write"]) > 0


def test_directories_are_walked_in_path_order_without_following_links(tmp_path):
    for name in ("b/z.txt", "b.txt", "a/c/d.txt", "a/.hidden/x.txt", ".git/y.txt", "a/e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = [str(path.relative_to(tmp_path)) for path in walk_files(tmp_path)]
    assert found == ["a/c/d.txt", "a/e.txt", "b/z.txt", "b.txt"]
    assert [item.origin for item in expand_inputs([str(tmp_path)])] == [str(tmp_path / f) for f in found]


@pytest.mark.parametrize("unit", ["USD", "signatures"])
def test_every_value_a_window_admits_is_in_a_neighbouring_band(unit):
    for value in (0.5, 1, 7, 99, 1_000, 12_345, 19_400_000, 2.5e9):
        low, high = _value_window(value, unit)
        band = value_bucket(value, unit)
        for other in (low, low * 1.0000001, (low + value) / 2, value, (value + high) / 2, high * 0.9999999, high):
            assert abs(value_bucket(other, unit) - band) <= 1, (value, other)


def test_import_statements_never_scan_a_growing_table(tmp_path):
    """Every statement kb import runs on a growing table uses an index (EXPLAIN QUERY PLAN)."""
    db_path = tmp_path / "kb.db"
    run("import", str(demo_copy(tmp_path, copies=1)), "--db", str(db_path))
    db = sqlite_utils.Database(db_path)
    statements = []
    db.conn.set_trace_callback(statements.append)
    from kb.importer import import_batch

    import_batch(db, expand_inputs([str(DEMO_DIR.parent / "demo")]))  # unchanged: lookups only
    (tmp_path / "new.txt").write_text(
        (DEMO_DIR / "03_article_larkspur_ledger.txt").read_text("utf-8").replace("Halvorsen", "Halvorssen"), "utf-8")
    import_batch(db, expand_inputs([str(tmp_path / "new.txt")]))
    db.conn.set_trace_callback(None)
    selects = {s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))}
    for table in ("family_words", "speaker_aliases", "organization_aliases", "quotes", "sources"):
        assert any(table in statement for statement in selects), table
    for statement in selects:
        plan = " | ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + statement))
        scanned = re.findall(r"\bSCAN (\w+)\b", plan)  # with or without an index: the whole table
        assert not [t for t in scanned if t in GROWING], (statement, plan)
