import codecs
import gzip
import json
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import shared_path
from ingest.html import HtmlDocument, looks_like_html, read_html
from ingest.read import ReadError
from kb.scoring.bodies import page_counts, score_bodies

BODY = (
    "<p>The coalition delivered 300,000 signatures to the council on Tuesday, organisers said.</p>"
    "<p>“We will keep going until the plan is dropped,” said Dana Okafor, who leads the campaign.</p>"
    "<p>The council is expected to vote on the surveillance contract next month, after a public hearing.</p>"
)


def page(head="", body=BODY, article=True):
    inner = f"<article>{body}</article>" if article else body
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head>"
            f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>{inner}"
            "<footer>© 2019 Example Media. All rights reserved.</footer></body></html>").encode("utf-8")


def ld(data):
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- scoring ---------------------------------------------------------------------

def test_scoring_rule_counts_shingles_per_page_and_averages_pages():
    assert page_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = page_counts("a b c d e", "a b c d x")  # shingles: abcd, bcde vs abcd, bcdx
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    scores = score_bodies([("a b c d e", "a b c d e"), ("a b c d e", "")])
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["recall"] == pytest.approx(0.5)
    assert score_bodies([("", "")])["f1"] == 1.0


def test_body_extraction_scores_on_real_news_pages():
    folder = shared_path("peer", "article-bodies")
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    pairs = []
    for key, value in truth.items():
        raw = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        pairs.append((value["articleBody"], read_html(raw).text))
    scores = score_bodies(pairs)
    assert scores["pages"] == 91
    assert scores["f1"] >= 0.96, scores


# --- metadata --------------------------------------------------------------------

def test_json_ld_article_gives_headline_date_authors_publisher_and_type():
    head = ld({"@context": "https://schema.org", "@type": "NewsArticle",
               "headline": "Council delays vote on surveillance contract",
               "datePublished": "2019-11-18T21:30:00-05:00",
               "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Bo Chen"}],
               "publisher": {"@type": "Organization", "name": "The Larkspur Ledger"},
               "description": "The vote moves to December."})
    head += "<title>Something else | The Larkspur Ledger</title><meta property='og:title' content='Other'>"
    doc = read_html(page(head))
    assert isinstance(doc, HtmlDocument)
    assert doc.title == "Council delays vote on surveillance contract"
    assert doc.published == "2019-11-18"
    assert doc.byline == "Ann Lee, Bo Chen"
    assert doc.publisher == "The Larkspur Ledger"
    assert doc.doc_type_hint == "article"
    assert doc.description == "The vote moves to December."


def test_json_ld_graph_with_references_and_a_list_of_blocks():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": "https://ex.org/#site", "name": "Example"},
        {"@type": "Organization", "@id": "https://ex.org/#org", "name": "Fight for Privacy"},
        {"@type": "Person", "@id": "https://ex.org/#dana", "name": "Dana Okafor"},
        {"@type": ["PressRelease"], "headline": "300,000 signatures delivered",
         "datePublished": "2018-07-26", "author": {"@id": "https://ex.org/#dana"},
         "publisher": {"@id": "https://ex.org/#org"}},
    ]}
    head = ld([{"@type": "BreadcrumbList", "itemListElement": []}, graph])
    doc = read_html(page(head))
    assert (doc.title, doc.published, doc.byline) == ("300,000 signatures delivered", "2018-07-26", "Dana Okafor")
    assert doc.publisher == "Fight for Privacy"
    assert doc.doc_type_hint == "press_release"


def test_article_nested_in_a_web_page_and_a_broken_block_beside_it():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", broken</script>'
    head += ld({"@type": "WebPage", "url": "https://ex.org/a",
                "mainEntity": {"@type": "ReportageNewsArticle", "headline": "Inside the hearing &amp; after",
                               "datePublished": "2020-03-02", "author": "By Sam Ortiz"}})
    doc = read_html(page(head))
    assert doc.title == "Inside the hearing & after"
    assert (doc.published, doc.byline, doc.doc_type_hint) == ("2020-03-02", "Sam Ortiz", "article")


def test_open_graph_and_meta_tags_when_there_is_no_json_ld():
    head = ("<title>Budget vote: what happens next | The Ledger</title>"
            "<meta property='og:title' content='Budget vote: what happens next | The Ledger'>"
            "<meta property='og:site_name' content='The Ledger'>"
            "<meta property='article:published_time' content='2021-05-04T08:00:00Z'>"
            "<meta name='author' content='Ann Lee'>"
            "<meta property='og:url' content='https://ledger.example/budget'>"
            "<meta name='description' content='What the council decides.'>")
    doc = read_html(page(head))
    assert doc.title == "Budget vote: what happens next"
    assert (doc.published, doc.byline, doc.publisher) == ("2021-05-04", "Ann Lee", "The Ledger")
    assert doc.url == "https://ledger.example/budget"
    assert doc.description == "What the council decides."
    assert doc.doc_type_hint is None


@pytest.mark.parametrize("title,expected", [
    ("Council delays vote - The Larkspur Ledger", "Council delays vote"),
    ("Council delays vote – larkspurledger.com", "Council delays vote"),
    ("Budget vote | What happens next", "Budget vote | What happens next"),  # not a site name
    ("Milan Design Week 2018 | Light installation for FLOS", "Milan Design Week 2018 | Light installation for FLOS"),
])
def test_title_loses_only_a_site_name_suffix(title, expected):
    head = (f"<title>{title}</title><meta property='og:site_name' content='The Larkspur Ledger'>"
            "<link rel='canonical' href='https://www.larkspurledger.com/2019/11/18/vote'>")
    assert read_html(page(head)).title == expected


def test_canonical_link_beats_og_url_and_json_ld_url():
    head = ("<link rel='canonical' href='https://ex.org/canonical'>"
            "<meta property='og:url' content='https://ex.org/og'>" + ld({"@type": "Article", "url": "https://ex.org/ld"}))
    assert read_html(page(head)).url == "https://ex.org/canonical"
    head = "<link rel='canonical' href='/relative'><meta property='og:url' content='https://ex.org/og'>"
    assert read_html(page(head)).url == "https://ex.org/og"


def test_url_date_is_the_fallback_and_wins_over_a_utc_date_one_day_later():
    canonical = "<link rel='canonical' href='https://news.example/2019/11/18/vote-delayed/'>"
    assert read_html(page(canonical)).published == "2019-11-18"
    utc = "<meta property='article:published_time' content='2019-11-19T02:10:00Z'>"
    assert read_html(page(canonical + utc)).published == "2019-11-18"
    far = "<meta property='article:published_time' content='2019-12-01T10:00:00Z'>"
    assert read_html(page(canonical + far)).published == "2019-12-01"


def test_headline_repeated_as_first_paragraph_is_not_body_text():
    doc = read_html(page("<title>Signatures delivered</title>", "<h1>Signatures delivered</h1>" + BODY))
    assert doc.text.startswith("The coalition delivered")


# --- text ------------------------------------------------------------------------

def test_blocks_become_paragraphs_and_chrome_is_dropped():
    body = (BODY + "<h2>What comes next</h2><ul><li>A public hearing in May.</li><li>A vote in June.</li></ul>"
            "<blockquote>Privacy is not a luxury, the letter said.</blockquote>"
            "<div class='share-buttons'>Share on Facebook</div>")
    text = read_html(page(body=body)).text
    paragraphs = text.split("\n\n")
    for expected in ("What comes next", "A public hearing in May.", "A vote in June.",
                     "Privacy is not a luxury, the letter said."):
        assert expected in paragraphs
    assert "Home" not in text and "All rights reserved" not in text and "Share on Facebook" not in text
    assert "\r" not in text and "\n\n\n" not in text


def test_embedded_tweet_in_a_social_wrapper_is_kept_with_the_text_around_it():
    tweet = ("<div class='social-media-embed'><blockquote class='twitter-tweet'><p>Meth. We're on it. "
             "The state spent half a million dollars on this campaign.</p>— Dana Okafor (@dana) November 18, 2019"
             "</blockquote><script src='https://platform.twitter.com/widgets.js'></script></div>")
    body = BODY + f"<div>{tweet} And the governor doubled down on the slogan the next morning.</div>"
    text = read_html(page(body=body)).text
    assert "The state spent half a million dollars on this campaign." in text
    assert "And the governor doubled down on the slogan the next morning." in text


def test_script_in_article_is_text_when_escaped_and_gone_when_real():
    body = ("<p>The attacker stored &lt;script&gt;alert('x')&lt;/script&gt; in the comment field, the report says.</p>"
            "<p>Then a real one <script>document.cookie</script>followed in the same paragraph of the story.</p>"
            + BODY)
    text = read_html(page(body=body)).text
    assert "stored <script>alert('x')</script> in the comment field" in text
    assert "document.cookie" not in text


@pytest.mark.parametrize("raw", [
    codecs.BOM_UTF16_LE + page().decode("utf-8").replace("charset='utf-8'", "").encode("utf-16-le"),
    page().replace(b"charset='utf-8'", b"charset='windows-1252'").decode("utf-8").encode("cp1252"),
    page().replace(b"charset='utf-8'", b"charset='iso-8859-1'"),  # declared Latin-1, saved as UTF-8
    page().replace(b"charset='utf-8'", b"").decode("utf-8").encode("cp1252"),  # undeclared cp1252
])
def test_encodings_decode_to_the_same_text(raw):
    assert read_html(raw).text == read_html(page()).text


def test_the_codec_used_is_reported():
    assert read_html(page()).encoding == "utf-8"
    cp1252 = page().replace(b"utf-8", b"windows-1252").replace(b"\xe2\x80\x9c", b"\x93")
    assert read_html(cp1252).encoding == "cp1252"


def test_declared_legacy_charset_and_nfc():
    body = "<p>" + "日本語の記事です。署名は三十万筆に達しました。" * 5 + "</p>"
    raw = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=Shift_JIS'></head>"
           f"<body><article>{body}</article></body></html>").encode("shift_jis")
    assert "署名は三十万筆" in read_html(raw).text
    decomposed = page(body=BODY.replace("organisers", "Cafe\u0301 organisers").replace("\n", "\r\n"))
    assert "Caf\u00e9 organisers" in read_html(decomposed).text


def test_looks_like_html():
    assert looks_like_html(b"  <!DOCTYPE html><p>x")
    assert looks_like_html(codecs.BOM_UTF8 + b"\n<html lang='en'>")
    assert looks_like_html(codecs.BOM_UTF16_LE + "<html>".encode("utf-16-le"))
    assert looks_like_html(b"<!-- saved from url=... -->\n<HEAD><title>x</title>")
    assert not looks_like_html(b"Plain text press release.\nFor immediate release.")
    assert not looks_like_html(b"\x89PNG\r\n\x1a\n")


# --- robustness ------------------------------------------------------------------

def read_or_error(raw):
    """Read, or the ReadError's message; any other exception fails the test."""
    try:
        return read_html(raw)
    except ReadError as error:
        message = str(error)
        assert message and "\n" not in message
        return message


@pytest.mark.parametrize("raw,message", [
    (b"", "empty file"),
    (b" \n\t ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary content"),
    (b"<html><head><title>T</title></head><body></body></html>", "no main text"),
    (b"<!DOCTYPE html><!-- nothing else -->", "no content in the HTML"),
    (b"<html><head><script>var a = 1;</script><style>p {}</style></head><body><script>go()</script></body></html>",
     "no main text"),
    (b"<html><body>" + b"<b></b>" * 1_100_000 + b"</body></html>", "too much markup"),
], ids=["empty", "whitespace", "png", "no-body-text", "script-style-only", "comment-only", "tag-soup"])
def test_unreadable_pages_get_a_one_line_reason(raw, message):
    assert message in read_or_error(raw)


def test_random_bytes_never_raise_anything_but_read_error():
    for seed in range(20):
        read_or_error(os.urandom(3000 + seed))


@pytest.mark.parametrize("depth", [300, 5_000, 100_000])
def test_deep_nesting_keeps_the_text_inside_and_after_the_nest(depth):
    raw = ("<html><body>" + "<div>" * depth + BODY + "</div>" * depth
           + "<p>After the nest comes the last paragraph of the story, long enough to count.</p></body></html>")
    start = time.perf_counter()
    text = read_html(raw.encode()).text
    assert "300,000 signatures" in text and "After the nest" in text
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("head", [
    "<title>" + "Ab - " * 200_000 + "</title>",  # separators: suffix stripping must stay linear
    "<meta name='author' content='" + "Ann Lee, " * 100_000 + "'>",
    "<script type='application/ld+json'>" + "[" * 100_000 + "]" * 100_000 + "</script>",
], ids=["title-separators", "many-authors", "deep-json-ld"])
def test_hostile_metadata_is_read_in_bounded_time(head):
    start = time.perf_counter()
    assert "300,000 signatures" in read_html(page(head)).text
    assert time.perf_counter() - start < 10


def test_malformed_markup_still_reads():
    raw = (b"<html><body><p>Unclosed <b>bold <i>and italic</p><div><p>The council voted 5-4 on the plan, "
           b"the clerk said.</div></span></table></td><p>Last <a href='x>broken link</a> words of the story.")
    assert "The council voted 5-4" in read_or_error(raw).text


def test_fifty_megabyte_page_is_read_in_seconds():
    bloat = "<script>var state = '" + "x" * 50_000_000 + "';</script>"
    raw = page(head=bloat, body=BODY * 3)
    start = time.perf_counter()
    doc = read_html(raw)
    assert time.perf_counter() - start < 20
    assert "300,000 signatures" in doc.text and "var state" not in doc.text


def test_very_long_text_page_uses_the_bounded_walker(monkeypatch):
    monkeypatch.setattr("ingest.html.TRAFILATURA_CHARS", 1_000)  # as a page over 20 MB would
    doc = read_html(page(body=BODY + "<ul><li>One item</li></ul><table><tr><td>A</td><td>1</td></tr></table>"))
    assert doc.text.split("\n\n") == [
        "The coalition delivered 300,000 signatures to the council on Tuesday, organisers said.",
        "“We will keep going until the plan is dropped,” said Dana Okafor, who leads the campaign.",
        "The council is expected to vote on the surveillance contract next month, after a public hearing.",
        "One item", "A | 1"]


TAGS = st.sampled_from(["div", "p", "span", "b", "article", "table", "tr", "td", "ul", "li", "h1", "script",
                        "style", "blockquote", "a", "br", "meta", "title", "head", "body", "html", "svg", "x-y"])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def html_soup(draw):
    """Markup that is often broken: random tags, attributes, text, entities and JSON-LD fragments."""
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 5))
        tag = draw(TAGS)
        if kind == 0:
            parts.append(f"<{tag} class='{draw(TEXT)}'>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(["&lt;script&gt;", "&amp;", "&#x0;", "&#99999999;", "<!--",
                                               "-->", "<![CDATA[", "<?xml version='1.0'?>", "<!DOCTYPE html>"])))
        elif kind == 3:
            parts.append('<script type="application/ld+json">' + draw(st.sampled_from(
                ['{"@type": "NewsArticle", "datePublished": "2019-02-31", "author": [{}]}',
                 '{"@graph": [{"@id": 1}, [[]], null]}', '[', '{"headline": {"a": 1}}'])) + "</script>")
        else:
            parts.append(draw(TEXT))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
    return "".join(parts).encode(encoding, errors="replace")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.one_of(html_soup(), st.binary(max_size=400)),
       hint=st.one_of(st.none(), st.sampled_from(["utf-8", "rot13", "base64", "utf-7", "nonsense", "UTF-16"])))
def test_generated_html_raises_nothing_but_read_error(raw, hint):
    try:
        doc = read_html(raw, encoding_hint=hint)
    except ReadError as error:
        assert "\n" not in str(error)
        return
    assert doc.text.strip() and "\r" not in doc.text
    assert doc.published is None or len(doc.published) == 10
