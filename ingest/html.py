"""HTML reader: raw page bytes in, main text and page metadata out (issue #5).

Decode the bytes, read the page's own metadata (JSON-LD, OpenGraph, meta
tags; ingest/html_meta.py), parse the markup once with lxml, let trafilatura
find the main text and flatten its body tree into plain paragraphs. Pages are
hostile input: every failure is a one-line ReadError the importer can report.
"""
import codecs
import contextlib
import re
import unicodedata
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from .html_meta import fill_from_trafilatura, page_metadata, reconcile_url_date, text_key
from .read import ReadError

# Bounds memory: decoding and parsing take about ten times the page's size.
MAX_BYTES = 100_000_000
# lxml keeps about 170 bytes per tag: this bounds a tree near 350 MB.
MAX_TAGS = 2_000_000
# trafilatura costs about 0.1 s per 1,000 elements of tag soup and is built for
# pages under 20 MB (its MAX_FILE_SIZE); news pages have a few thousand
# elements. Bigger pages get the plain block walker instead.
MAX_ELEMENTS = 60_000
TRAFILATURA_CHARS = 20_000_000
# Metadata sits in <head> and near it; BeautifulSoup (~4 µs a tag) and
# htmldate's whole-page regexes only look this far into a page.
METADATA_CHARS = 4_000_000
# News pages nest 20-50 levels. libxml2 stops at 2,048 even with huge_tree,
# silently losing the text after the nest, and trafilatura's fallback costs
# depth x text: deeper pages are rebuilt FLAT_DEPTH levels deep.
MAX_DEPTH = 256
FLAT_DEPTH = 64


@dataclass
class HtmlDocument:
    text: str
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    publisher: str | None = None
    url: str | None = None
    doc_type_hint: str | None = None
    description: str | None = None
    encoding: str | None = None  # the codec the bytes were decoded with


def looks_like_html(raw):
    """Do the first 2 KB (after a BOM and whitespace) hold a doctype or an html/head/body tag?"""
    head = raw[:2048]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, errors="ignore").encode("ascii", errors="ignore")
            break
    return bool(_HTML_SNIFF.search(head.lstrip()))


def read_html(raw, encoding_hint=None):
    """Read one HTML page into an HtmlDocument; ReadError when it has no readable main text."""
    if len(raw) > MAX_BYTES:
        raise ReadError(f"page too large ({len(raw) // 1_000_000} MB, limit {MAX_BYTES // 1_000_000} MB)")
    markup, encoding = decode_html(raw, encoding_hint)
    if (tags := markup.count("<")) > MAX_TAGS:
        raise ReadError(f"too much markup ({tags:,} tags, limit {MAX_TAGS:,})")
    meta = page_metadata(markup[:METADATA_CHARS])
    tree = parse_tree(markup)
    paragraphs = main_paragraphs(tree, huge=len(markup) > TRAFILATURA_CHARS)
    if not paragraphs:
        raise ReadError("no main text found in the HTML")
    if len(paragraphs) > 1 and meta["title"] and text_key(paragraphs[0]) == text_key(meta["title"]):
        paragraphs = paragraphs[1:]  # the headline is the title field, not body text
    if len(markup) <= METADATA_CHARS:
        fill_from_trafilatura(meta, tree)
    meta["published"] = reconcile_url_date(meta["published"], meta["url"])
    del meta["sites"]
    return HtmlDocument(text=unicodedata.normalize("NFC", "\n\n".join(paragraphs)), encoding=encoding, **meta)


# --- decoding ------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_HTML_SNIFF = re.compile(rb"(?i)<(?:!doctype\s+html|html|head|body)\b")
_META_CHARSET = re.compile(rb"""(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""")
# WHATWG reads these labels as windows-1252; the others are Python's own names.
_CODEC_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                  "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030", "x-sjis": "shift_jis",
                  "ks_c_5601-1987": "cp949"}
# Control characters other than tab/LF/CR are invalid in HTML text and stop libxml2.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def decode_html(raw, encoding_hint=None):
    """Page bytes -> (NFC text with LF line ends, codec); ReadError for empty or binary input."""
    if not raw.strip():
        raise ReadError("empty file")
    text, codec = _decode(raw, encoding_hint)
    sample = text[:65536]
    bad = len(_CONTROL.findall(sample))
    # Real pages carry a few stray control characters (dropped below); a NUL
    # near the start or many controls mean a binary file.
    if "\x00" in sample[:1024] or bad > max(10, len(sample) // 100):
        raise ReadError(f"binary content ({bad} control characters), not an HTML page")
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), codec


def _decode(raw, hint):
    """(text, codec): BOM, then the caller's hint, then <meta charset>, then UTF-8, then cp1252."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(codec, errors="replace"), codec
    found = _META_CHARSET.search(raw[:4096])
    declared = [c for c in (_codec(hint), _codec(found and found.group(1).decode("ascii"))) if c]
    if declared[:1] == ["cp1252"] and not raw.isascii():
        # Pages declared Latin-1 but saved as UTF-8 are common, while valid
        # multi-byte UTF-8 almost never arises by chance from Latin-1 text.
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode("utf-8"), "utf-8"
    for codec in [*declared, "utf-8", "cp1252"]:
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(codec), codec
    # A declared charset is trusted despite a few bad bytes; they become U+FFFD.
    codec = declared[0] if declared else "utf-8"
    return raw.decode(codec, errors="replace"), codec


def _codec(name):
    """Python's codec for a charset label; None for unknown, non-text and UTF-7 labels."""
    name = _CODEC_ALIASES.get((name or "").strip().lower(), (name or "").strip().lower())
    try:
        codec = codecs.lookup(name).name
        b"a".decode(codec, errors="ignore")  # rejects bytes-to-bytes codecs such as 'base64'
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a meta tag read as ASCII cannot truthfully declare UTF-16
    return None if codec == "utf-7" else codec  # browsers refuse UTF-7 (an XSS vector)


# --- main text -------------------------------------------------------------------

_PARSER_OPTIONS = dict(collect_ids=False, default_doctype=False, encoding="utf-8",
                       remove_comments=True, remove_pis=True, huge_tree=True)
_DROPPED = ("script", "style", "noscript", "template", "svg", "iframe", "object")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")
# Tags with optional end tags or no content never deepen a tree for long.
_FLAT_TAGS = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "br", "hr", "img", "meta", "link",
              "input", "wbr", "area", "base", "col", "embed", "source", "track", "param"}


def parse_tree(markup):
    """Parse once with lxml; a page nested deeper than MAX_DEPTH is flattened and parsed again."""
    markup = re.sub(r"^\s*(<\?xml[^>]*>)?\s*(<!doctype[^>]*>)?", "", markup[:4096], flags=re.I) + markup[4096:]
    tree, too_deep = _parse(markup)
    depth = 0
    for event, _ in () if too_deep else lxml.etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_DEPTH:
            too_deep = True
            break
    return _parse(_flatten(markup))[0] if too_deep else tree


def _parse(markup):
    """(tree, whether libxml2 stopped at a resource limit such as its depth cap)."""
    parser = lxml.html.HTMLParser(**_PARSER_OPTIONS)
    try:
        tree = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.LxmlError, ValueError) as error:
        reason = (str(error).splitlines() or [""])[0][:80]
        if not reason or "empty" in reason.lower():
            raise ReadError("no content in the HTML (only comments, a doctype or whitespace)") from None
        raise ReadError(f"unparsable HTML ({reason})") from None
    return tree, any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


def _flatten(markup):
    """Drop start and end tags nested deeper than FLAT_DEPTH, keeping all text in order.

    Approximate on purpose (no implied end tags): it only runs on pathological
    pages, and dropping a wrapper tag loses structure, never words.
    """
    # An unclosed comment or script runs to the end, as in a browser (and keeps this linear).
    markup = re.sub(r"(?is)<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)", " ", markup)
    out, depth, dropped, last = [], 0, [], 0
    for match in _TAG.finditer(markup):
        closing, name, selfclosing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _FLAT_TAGS or selfclosing:
            continue
        if closing and dropped and dropped[-1] == name:
            dropped.pop()
        elif closing or depth < FLAT_DEPTH:
            depth = max(0, depth - 1) if closing else depth + 1
            continue
        else:
            dropped.append(name)
        out.append(markup[last:match.start()] + " ")
        last = match.end()
    return "".join(out) + markup[last:]


def main_paragraphs(tree, huge=False):
    """The page's main text as paragraphs: trafilatura, or the plain walker for huge pages."""
    lxml.etree.strip_elements(tree, *_DROPPED, with_tail=False)
    _rescue_embeds(tree)
    if huge or sum(1 for _ in tree.iter()) > MAX_ELEMENTS:
        return _paragraphs(_content_root(tree), _HTML_BLOCKS)
    # Precision mode scores best; balanced mode, with trafilatura's own
    # fallback extractors, is the safety net when precision keeps nothing.
    for options in ({"favor_precision": True}, {}):
        try:
            found = trafilatura.bare_extraction(tree, include_comments=False, include_tables=True, **options)
        except Exception:  # third-party heuristics on hostile markup: use the plain walker
            return _paragraphs(_content_root(tree), _HTML_BLOCKS)
        if found is not None and found.body is not None and (paragraphs := _paragraphs(found.body, _XML_BLOCKS)):
            return paragraphs
    return []


def _rescue_embeds(tree):
    """Lift embedded posts (tweets) out of 'social'/'embed' wrappers trafilatura drops as share widgets.

    An embedded post is quoted content: the words a speaker published.
    """
    for post in tree.xpath("//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
                           " or contains(@class, 'tiktok-embed')]"):
        wrapper = post.getparent()
        while (wrapper is not None and wrapper.getparent() is not None and wrapper.tag in ("div", "figure")
               and re.search(r"(?i)social|embed|share", f"{wrapper.get('class')} {wrapper.get('id')}")
               and text_key(wrapper.text_content()) == text_key(post.text_content())):
            parent = wrapper.getparent()
            wrapper.addprevious(post)  # moves the element, with its tail, out of the wrapper
            post.tail = (post.tail or "") + (wrapper.tail or "")  # remove() would drop the text after it
            parent.remove(wrapper)
            wrapper = parent


def _content_root(tree):
    """For the plain walker: the one <article>, else the one <main>, else <body>, minus page chrome."""
    root = next((found[0] for path in ("//article", "//main", "//body") if len(found := tree.xpath(path)) == 1),
                tree)
    lxml.etree.strip_elements(root, "nav", "header", "footer", "aside", "form", "button", "select",
                              with_tail=False)
    return root


# Block vocabularies (blocks, table cells, line breaks): trafilatura's output
# tree, and raw HTML for the plain walker.
_XML_BLOCKS = ({"p", "head", "item", "quote", "code", "row", "list", "table", "div", "main", "doc", "body",
                "figure", "caption", "details", "summary", "note"}, {"cell"}, {"lb"})
_HTML_BLOCKS = ({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "div", "section",
                 "article", "main", "body", "ul", "ol", "dl", "dt", "dd", "table", "figure", "figcaption",
                 "address", "header", "footer"}, {"td", "th"}, {"br", "hr"})
# Whitespace runs and single non-space whitespace (tab, NBSP): rare in prose,
# so a sub() touches few places even in a 50 MB paragraph (str.split would
# make millions of word objects).
_SPACES = re.compile(r"\s{2,}|[^\S ]")


def _paragraphs(root, vocabulary):
    """Flatten a tree into paragraphs: each block element starts and ends one.

    Iterative (lxml's iterwalk), so nesting depth cannot exhaust the stack; text
    is taken as parsed, so an escaped '<script>' stays the characters it showed.
    """
    blocks, cells, breaks = vocabulary
    paragraphs, buffer = [], []

    def flush():
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(buffer).split("\n"))
        if paragraph := "\n".join(line for line in lines if line):
            paragraphs.append(paragraph)
        buffer.clear()

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if tag in blocks:
                flush()
            elif tag in cells and element.getprevious() is not None:
                buffer.append(" | ")
            buffer.append((element.text or "") if tag else "")  # comments have .text too
            continue
        if tag in blocks:
            flush()
        elif tag in breaks:
            buffer.append("\n")
        if element is not root:
            buffer.append(element.tail or "")
    flush()
    return paragraphs
