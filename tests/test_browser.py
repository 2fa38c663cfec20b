"""The Datasette experience in a real browser: headless Chromium against `kb serve`.

Debian's chromium driven by Playwright's Python package; no browser is
downloaded, ``executable_path`` points at the system's. Each scenario saves a
screenshot in its tmp_path. Without chromium or Playwright the tests skip,
except under CI=true, where .ci/run installs both and a skip would hide a gap.
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser")

# No sandbox: CI runs as root, where Chromium's sandbox refuses to start. The
# rest keeps a headless browser from reaching out for updates, sync or a GPU.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SERVER_START_SECONDS = 30
VIEWPORT = {"width": 1280, "height": 900}

# The seeds' sources that state "$19.4 million" (or "$19.4-million").
CONTRACT_SOURCES = {
    "Tell Microsoft to divest from ICE operations!",
    "Tell Microsoft to End Its Contract With ICE",
    "Activists push to end Microsoft’s contract with ICE",
}


def require(available, reason):
    """Skip when something the browser tests need is missing; fail under CI."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    path = next((found for found in map(shutil.which, CHROMIUM_NAMES) if found), None)
    require(path, "chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require(sync_playwright, "playwright is not installed (pip install '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, seeds_dir):
    """`kb serve` on the seeds, on a free localhost port; its base URL."""
    directory = tmp_path_factory.mktemp("served")
    db_path = directory / "kb.db"
    kb = [sys.executable, "-m", "cli"]
    subprocess.run(kb + ["import", str(seeds_dir), "--db", str(db_path)], check=True, capture_output=True)
    port = free_port()
    # The log goes to a file: a pipe nobody reads would fill and stall the server.
    with open(directory / "serve.log", "wb") as log:
        process = subprocess.Popen(kb + ["serve", "--db", str(db_path), "--port", str(port)],
                                   stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, process, directory / "serve.log")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(base, process, log_path):
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"kb serve exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"kb serve did not answer within {SERVER_START_SECONDS}s:\n{log_path.read_text()}")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    yield context.new_page()
    context.close()


def search_from_home(page, base, field, words):
    """Type into one of the home page's search boxes and submit it."""
    page.goto(base + "/")
    page.fill(f"input[name={field}]", words)
    page.press(f"input[name={field}]", "Enter")
    page.wait_for_load_state()


def test_search_a_quote(page, server, tmp_path):
    search_from_home(page, server, "q", "caging children")
    assert page.url.startswith(server + "/kb/search_quotes?q=caging")
    first = page.locator("table.rows-and-columns tbody tr").first
    assert first.locator("td.col-speaker a").inner_text() == "Matt Nelson"
    assert first.locator("td.col-citation .kb-citation").inner_text().startswith(
        "“No company should be in the business of caging children"
    )
    # The citation's copy button works.
    first.locator("button.kb-copy").click()
    first.locator("button.kb-copy", has_text="Copied").wait_for(timeout=5000)
    page.screenshot(path=str(tmp_path / "search-quotes.png"), full_page=True)


def test_open_a_quote_passage_and_see_the_highlight(page, server, tmp_path):
    page.goto(server + "/kb/search_quotes?q=caging+children")
    page.locator("table.rows-and-columns tbody tr").first.get_by_text("show passage").click()
    page.wait_for_load_state()
    assert page.url == server + "/-/passage/quotes/24"
    mark = page.locator("blockquote.kb-passage mark")
    assert mark.count() == 1
    assert mark.inner_text().startswith("No company should be in the business of caging children")
    assert mark.is_visible()
    # The highlight is drawn: its background is not the page's.
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(tmp_path / "quote-passage.png"), full_page=True)
    # One more click: the whole source, every span marked, the quote among them.
    page.get_by_text("The whole source, every quote and figure marked").click()
    page.wait_for_load_state()
    assert page.locator("#quotes-24").count() == 1
    assert page.locator(".kb-source-text mark.kb-quote").count() > 1
    assert page.locator(".kb-source-text mark.kb-figure").count() > 1
    page.screenshot(path=str(tmp_path / "source-marked.png"))


def test_trace_a_figure_to_all_its_sources(page, server, tmp_path):
    search_from_home(page, server, "figure", "$19.4 million")
    assert page.url.startswith(server + "/kb/trace_figure?figure=")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 6
    sources = {rows.nth(i).locator("td.col-source_id a").inner_text() for i in range(rows.count())}
    assert sources == CONTRACT_SOURCES
    figures = [rows.nth(i).locator("td.col-figure").inner_text() for i in range(rows.count())]
    assert figures.count("nearly $20 million") == 1
    page.screenshot(path=str(tmp_path / "trace-figure.png"), full_page=True)
    # The family page tells the same story with each figure marked in its sentence.
    rows.first.locator("td.col-label a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "contract value (USD) · Microsoft"
    assert page.locator("td.kb-sentence mark").count() == 6
    page.screenshot(path=str(tmp_path / "figure-family.png"), full_page=True)
