import json

import sqlite_utils
from click.testing import CliRunner

from cli import cli
from kb.export import EXPORT_KINDS

REQUIRED_FIELDS = {
    "sources": {"id", "origin", "url", "sha256", "doc_type", "title", "publisher", "published"},
    "quotes": {"id", "text", "speaker", "title", "organization", "partial", "source_id", "source_origin", "start", "end"},
    "figures": {"id", "text", "value", "unit", "qualifier", "vague", "subject", "family_id", "source_id", "source_origin", "start", "end"},
    "claims": {"id", "text", "attributed_to", "source_id", "source_origin", "start", "end"},
}


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_import_then_reimport_reports_unchanged(seeds_dir, tmp_path):
    db = str(tmp_path / "kb.db")
    first = run("import", str(seeds_dir), "--db", db)
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-1] == "5 new, 0 updated, 0 unchanged, 0 failed"
    second = run("import", str(seeds_dir), "--db", db)
    assert second.output.splitlines()[-1] == "0 new, 0 updated, 5 unchanged, 0 failed"
    assert sqlite_utils.Database(db)["sources"].count == 5


def test_export_json_has_the_contract_fields(seeds_dir, tmp_path):
    db = str(tmp_path / "kb.db")
    run("import", str(seeds_dir), "--db", db)
    for kind in EXPORT_KINDS:
        result = run("export", kind, "--db", db)
        rows = json.loads(result.output)
        assert isinstance(rows, list)
        for row in rows:
            assert REQUIRED_FIELDS[kind] <= set(row), kind
    sources = json.loads(run("export", "sources", "--db", db).output)
    assert [(s["id"], s["doc_type"], s["publisher"], s["published"]) for s in sources] == [
        (1, "petition", "Demand Progress", None),
        (2, "petition", "Free Press Action Fund", None),
        (3, "press_release", "Fight for the Future", "2018-07-26"),
        (4, "article", None, None),
        (5, "article", None, None),
    ]


def test_export_csv(seeds_dir, tmp_path):
    db = str(tmp_path / "kb.db")
    run("import", str(seeds_dir / "002_b6f8dcf92759ded0.txt"), "--db", db)
    lines = run("export", "sources", "--db", db, "--format", "csv").output.splitlines()
    assert lines[0].startswith("id,origin,url,sha256,doc_type,title,publisher,published")
    assert len(lines) == 2 and ",press_release," in lines[1]


def test_overrides_win_over_detection(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Short note without structure.", "utf-8")
    db = str(tmp_path / "kb.db")
    result = run(
        "import", str(path), "--db", db, "--type", "letter", "--title", "A note",
        "--publisher", "Open Roads", "--published", "March 4, 2025", "--url", "https://example.org/n",
    )
    assert result.exit_code == 0, result.output
    row = sqlite_utils.Database(db)["sources"].get(1)
    assert {k: row[k] for k in ("doc_type", "title", "publisher", "published", "url")} == {
        "doc_type": "letter", "title": "A note", "publisher": "Open Roads",
        "published": "2025-03-04", "url": "https://example.org/n",
    }
    bad = run("import", str(path), "--db", db, "--published", "soon")
    assert bad.exit_code == 1
    assert f"error: {path}: published date 'soon' is not a date (use YYYY-MM-DD)" in bad.output


def test_bad_inputs_get_one_line_errors_and_the_rest_imports(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text("“We will keep coming back,” said Mara Lindqvist of Open Roads.", "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    db = str(tmp_path / "kb.db")
    result = run("import", str(folder), str(tmp_path / "missing.txt"), "--db", db)
    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()) == sorted([
        f"error: {folder / 'dangling.txt'}: No such file or directory",
        f"error: {folder / 'empty.txt'}: empty file",
        f"error: {folder / 'scan.txt'}: binary content (NUL bytes), not a text document",
        f"error: {tmp_path / 'missing.txt'}: No such file or directory",
        f"skipped: {folder / 'photo.jpg'}: not a supported file type (.jpg)",
    ])
    assert result.stdout.splitlines()[-1] == "1 new, 0 updated, 0 unchanged, 4 failed (1 skipped)"
    assert sqlite_utils.Database(db)["sources"].count == 1


def test_check_passes_on_a_clean_import_and_fails_on_tampering(seeds_dir, tmp_path):
    db = str(tmp_path / "kb.db")
    run("import", str(seeds_dir), "--db", db)
    ok = run("check", "--db", db)
    assert (ok.exit_code, ok.output) == (0, "ok: every span and every source text checks out\n")
    database = sqlite_utils.Database(db)
    database.execute("UPDATE sources SET text = 'x' || text WHERE id = 2")
    database.conn.commit()
    bad = CliRunner().invoke(cli, ["check", "--db", db])
    assert bad.exit_code == 1
    assert "sources 2: text does not re-derive from its raw input" in bad.output


def test_commands_on_a_missing_database_fail_cleanly(tmp_path):
    for args in (["export", "quotes"], ["check"], ["serve"]):
        result = CliRunner().invoke(cli, args + ["--db", str(tmp_path / "none.db")])
        assert result.exit_code == 1
        assert result.output.strip() == f"Error: {tmp_path / 'none.db'}: no such database (run kb import first)"


def test_demo_builds_a_database_without_serving(tmp_path):
    db = tmp_path / "demo.db"
    result = run("demo", "--db", str(db), "--no-serve")
    assert result.exit_code == 0, result.output
    database = sqlite_utils.Database(db)
    assert 6 <= database["sources"].count <= 10
    assert {row[0] for row in database.execute("SELECT DISTINCT doc_type FROM sources")} >= {
        "petition", "press_release", "article", "letter",
    }
    assert database["quotes"].count >= 20 and database["figures"].count >= 20
    assert run("check", "--db", str(db)).exit_code == 0


def test_trace_limit(seeds_dir, tmp_path):
    db = str(tmp_path / "kb.db")
    assert CliRunner().invoke(cli, ["import", str(seeds_dir), "--db", db]).exit_code == 0
    result = CliRunner().invoke(cli, ["trace", "19.4 million", "--db", db, "--limit", "1", "--json"])
    assert result.exit_code == 0, result.output
    (family,) = json.loads(result.output)
    assert (len(family["occurrences"]), family["occurrences_total"], family["sources"]) == (1, 6, 3)
    result = CliRunner().invoke(cli, ["trace", "19.4 million", "--db", db, "--limit", "0"])
    assert result.exit_code == 2 and "--limit" in result.output
