"""kb import: inputs of every kind, batches, tags, versions, limits, bad input."""
import gzip
import http.server
import json
import threading

import pytest
import sqlite_utils
from click.testing import CliRunner

from cli import cli

RELEASE = (
    "FOR IMMEDIATE RELEASE: March 4, 2025\nContact: Ana Ruiz, press@openroads.example\n\n"
    "Open Roads delivers 40,000 signatures\n\n"
    "“We will keep coming back until the contract is gone,” said Ana Ruiz, organizer at Open Roads.\n\n###\n"
)
PAGE = """<!DOCTYPE html><html><head><title>Council delays vote | The Ledger</title>
<link rel="canonical" href="https://ledger.example/council-vote">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council delays camera vote",
"datePublished": "2025-04-02T10:00:00Z", "author": {"@type": "Person", "name": "Tomas Reyes"},
"publisher": {"@type": "Organization", "name": "The Ledger"}}</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council delays camera vote</h1>
<p>The city council voted on Tuesday to delay a decision on the $12.7 million license-plate camera contract.</p>
<p>“We need more time to read the vendor's answers,” said council member Rosa Imani, who chairs the committee.</p>
<p>More than 300 residents signed a letter opposing the cameras, according to the organizers of the campaign.</p>
</article><footer>© The Ledger. All rights reserved.</footer></body></html>"""


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "kb.db")


def test_directory_glob_gzip_and_stdin(tmp_path, db):
    folder = tmp_path / "coverage"
    (folder / "pages").mkdir(parents=True)
    (folder / "release.txt").write_text(RELEASE, "utf-8")
    (folder / "pages" / "vote.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 binary")
    result = run("import", str(folder), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "2 new, 0 updated, 0 unchanged, 0 failed (1 skipped)"
    assert f"skipped: {folder / 'notes.pdf'}: not a supported file type (.pdf)" in result.stderr
    again = run("import", str(tmp_path / "coverage" / "**" / "*.gz"), "--db", db)
    assert again.stdout.splitlines()[-1] == "0 new, 0 updated, 1 unchanged, 0 failed"
    piped = run("import", "-", "--db", db, "--type", "letter", input="To the council:\n\nPlease vote no.\n")
    assert piped.stdout.splitlines()[-1] == "1 new, 0 updated, 0 unchanged, 0 failed"
    rows = sqlite_utils.Database(db).execute(
        "SELECT origin, doc_type, title, published, publisher, url FROM sources ORDER BY id").fetchall()
    assert rows == [
        (str(folder / "pages" / "vote.html.gz"), "article", "Council delays camera vote", "2025-04-02",
         "The Ledger", "https://ledger.example/council-vote"),
        (str(folder / "release.txt"), "press_release", "Open Roads delivers 40,000 signatures", "2025-03-04",
         "Open Roads", None),
        ("-", "letter", "Please vote no.", None, None, None),
    ]


def test_html_main_text_leaves_navigation_and_footer_out(tmp_path, db):
    page = tmp_path / "vote.html"
    page.write_text(PAGE, "utf-8")
    run("import", str(page), "--db", db)
    database = sqlite_utils.Database(db)
    text = database["sources"].get(1)["text"]
    assert "Home" not in text and "All rights reserved" not in text
    assert "delay a decision on the $12.7 million license-plate camera contract." in text
    assert database["raw_inputs"].get(1)["content"] == PAGE.encode()
    quote = database.execute("SELECT text, speaker_as_printed, title FROM quotes").fetchone()
    assert quote == ("We need more time to read the vendor's answers,", "Rosa Imani", "council member")
    assert run("check", "--db", db).exit_code == 0


def test_tags_label_batches(tmp_path, db):
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, "utf-8")
    run("import", str(path), "--db", db, "--tag", "open-roads")
    second = run("import", str(path), "--db", db, "--tag", "transit-beat")
    assert second.stdout.splitlines()[-1] == "0 new, 1 updated, 0 unchanged, 0 failed"
    database = sqlite_utils.Database(db)
    assert json.loads(database["sources"].get(1)["tags"]) == ["open-roads", "transit-beat"]
    assert [(b["tag"], b["new"], b["updated"]) for b in database["batches"].rows] == [
        ("open-roads", 1, 0), ("transit-beat", 0, 1),
    ]


def test_changed_document_at_the_same_path_becomes_a_new_version(tmp_path, db):
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, "utf-8")
    run("import", str(path), "--db", db)
    path.write_text(RELEASE.replace("40,000", "45,000"), "utf-8")
    result = run("import", str(path), "--db", db)
    assert result.stdout.splitlines()[-1] == "0 new, 1 updated, 0 unchanged, 0 failed"
    database = sqlite_utils.Database(db)
    assert [(r["id"], r["previous_version_id"], r["superseded_by"]) for r in database["sources"].rows] == [
        (1, None, 2), (2, 1, None),
    ]
    # The old version's rows stay traceable.
    assert database.execute("SELECT count(*) FROM quotes WHERE source_id = 1").fetchone()[0] == 1
    assert run("check", "--db", db).exit_code == 0


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", bytes(range(256)) * 4, "binary content (NUL bytes), not a text document"),
        ("bad.txt", b"\xef\xbb\xbfok \xff\xfe", "invalid utf-8 at byte 3"),
        ("broken.gz", b"\x1f\x8b\x08\x00garbage", None),
    ],
)
def test_bad_files_fail_with_one_line_and_leave_nothing(tmp_path, db, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("import", str(path), "--db", db)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {path}: ")
    if reason:
        assert line == f"error: {path}: {reason}"
    database = sqlite_utils.Database(db)
    assert database["sources"].count == 0 and database["quotes"].count == 0
    assert [(f["origin"], f["reason"]) for f in database["batch_failures"].rows] == [(str(path), line.split(": ", 2)[2])]


def test_size_limit(tmp_path, db):
    path = tmp_path / "big.txt"
    path.write_bytes(b"The council met. " * 70000)
    result = run("import", str(path), "--db", db, "--max-size", "1")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {path}: 1.1 MB, larger than the 1 MB limit (--max-size)"


@pytest.fixture
def server():
    """A local HTTP server with a page, a text file, an image, a redirect loop and a 404."""
    routes = {
        "/story.html": (200, "text/html; charset=utf-8", PAGE.encode()),
        "/release.txt": (200, "text/plain", RELEASE.encode()),
        "/photo.jpg": (200, "image/jpeg", b"\xff\xd8\xff"),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.startswith("/loop"):
                self.send_response(302)
                self.send_header("Location", f"/loop{len(self.path)}")
                self.end_headers()
                return
            status, kind, body = routes.get(self.path, (404, "text/plain", b"missing"))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_urls(server, db):
    result = run(
        "import", f"{server}/story.html", f"{server}/release.txt", f"{server}/photo.jpg",
        f"{server}/loop", f"{server}/gone", "http://127.0.0.1:9/refused", "--db", db,
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "2 new, 0 updated, 0 unchanged, 4 failed"
    assert sorted(result.stderr.splitlines()) == sorted([
        f"error: {server}/photo.jpg: content type image/jpeg is not a text or HTML document",
        f"error: {server}/loop: more than 5 redirects",
        f"error: {server}/gone: HTTP 404 Not Found",
        "error: http://127.0.0.1:9/refused: cannot fetch: Connection refused",
    ])
    rows = sqlite_utils.Database(db).execute("SELECT origin, url FROM sources ORDER BY id").fetchall()
    assert rows == [
        (f"{server}/story.html", "https://ledger.example/council-vote"),
        (f"{server}/release.txt", f"{server}/release.txt"),
    ]
