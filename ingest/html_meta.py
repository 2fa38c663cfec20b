"""Page metadata of an HTML page: what it says about itself (issue #5).

JSON-LD first, then OpenGraph and meta tags, read with BeautifulSoup from the
first part of the markup: title (without a trailing site name), publication
date, byline, publisher, canonical URL, description and a document-type hint.
Dates come from the metadata, trafilatura/htmldate as a fallback, and the
URL's own /2019/11/18/ as the newsroom's calendar day. ingest/html.py calls
this while reading a page.
"""
import datetime
import html
import json
import re
import warnings
from collections import deque

import trafilatura
from bs4 import BeautifulSoup, SoupStrainer

from .dates import MONTHS, parse_date

# --- page metadata -------------------------------------------------------------

ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "pressrelease"}
WEBPAGE_TYPES = {"webpage", "itempage", "aboutpage", "collectionpage"}
_WANTED_TAGS = SoupStrainer(["meta", "link", "title", "script"])
_DATE_META = ("article:published_time", "og:article:published_time", "datepublished", "article.published",
              "publish-date", "publishdate", "pubdate", "parsely-pub-date", "sailthru.date",
              "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date")
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "byl", "dc.creator")


def page_metadata(markup):
    """The page's own description of itself: JSON-LD first, then OpenGraph and meta tags."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bs4 warns about markup that looks like a file name
            soup = BeautifulSoup(markup, "lxml", parse_only=_WANTED_TAGS)
    except Exception:  # metadata is optional: a page bs4 rejects may still have text
        soup = BeautifulSoup("", "html.parser")
    nodes = _json_ld_nodes(soup)
    article = next((n for w in (ARTICLE_TYPES, WEBPAGE_TYPES) for n in nodes if _types(n) & w), {})
    # Reference-only dicts ({"@id": ...}) must not shadow the nodes they point to.
    index = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and set(n) - {"@id", "@type"}}
    tags = _meta_tags(soup)
    canonical = next((link.get("href") for link in soup.find_all("link")
                      if "canonical" in [rel.lower() for rel in link.get("rel") or ()]), None)
    url = _first(*(v.strip() for v in (canonical, tags.get("og:url"), article.get("url"))
                   if isinstance(v, str) and re.match(r"(?i)https?://\S+$", v.strip())))
    publisher = _first(_name(_resolve(article.get("publisher"), index)), tags.get("og:site_name"))
    title = _first(_text(article.get("headline")), tags.get("og:title"), soup.title and soup.title.get_text())
    sites = [v for v in (publisher, tags.get("og:site_name"), tags.get("application-name"),
                         (tags.get("twitter:site") or "").lstrip("@")) if v]
    kinds = _types(article)
    return {
        "title": _strip_site_suffix(title, sites, url),
        "sites": sites,
        "published": _first(*map(_iso_date, [article.get("datePublished"), *map(tags.get, _DATE_META)])),
        "byline": _byline(_resolve(article.get("author"), index)) or _byline(
            [v for v in map(tags.get, _AUTHOR_META) if v and "://" not in v][:1]),
        "publisher": publisher,
        "url": url,
        "doc_type_hint": ("press_release" if "pressrelease" in kinds
                          else "article" if kinds & ARTICLE_TYPES else None),
        "description": _first(_text(article.get("description")), tags.get("og:description"),
                              tags.get("description"), tags.get("twitter:description")),
    }


def _json_ld_nodes(soup):
    """Every dict in the page's JSON-LD blocks (lists, @graph, nesting), shallowest first."""
    found, queue = [], deque()
    for script in soup.find_all("script"):
        if "ld+json" in str(script.get("type") or "").lower():
            body = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", script.get_text())
            try:
                queue.append(json.loads(body, strict=False))
            except (ValueError, RecursionError):
                continue  # one broken block must not cost the page its other metadata
    while queue and len(found) < 2000:  # bounded: JSON-LD can hold megabytes of product data
        item = queue.popleft()
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            found.append(item)
            queue.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return found


def _types(node):
    kinds = node.get("@type")
    return {k.rsplit("/", 1)[-1].lower() for k in (kinds if isinstance(kinds, list) else [kinds])
            if isinstance(k, str)}


def _resolve(value, index):
    """Follow {"@id": ...} references into the @graph; lists are resolved item by item."""
    if isinstance(value, list):
        return [_resolve(item, index) for item in value[:20]]
    if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
        return index.get(value.get("@id"), value)
    return value


def _name(value):
    if isinstance(value, list):
        value = value[0] if value else None
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)


_BYLINE_TAIL = re.compile(r"(?i)\s+(?:published|updated|posted|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                          r"[a-z]*\.?(?:\s+\d.*)?)$")


def _byline(value):
    """Comma-separated author names from JSON-LD or meta values, deduplicated, without 'By'."""
    names = []
    for item in value if isinstance(value, list) else [value]:
        for name in re.split(r"\s*(?:;|,|\band\b|&)\s*", _name(item) or ""):
            if len(name) > 80 or len(names) == 20:  # not a name; and bounded work on hostile input
                continue
            # Bylines taken from page text run on into their dateline ('Ann Lee November 5').
            name = _BYLINE_TAIL.sub("", re.sub(r"(?i)^by\s+", "", name)).strip(" .|-")
            account = name.islower() and " " not in name  # 'admin', 'kevin-r': user names, not bylines
            if name and not account and "://" not in name and text_key(name) not in map(text_key, names):
                names.append(name)
    return ", ".join(names) or None


def _meta_tags(soup):
    tags = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        if isinstance(key, str) and (value := _text(tag.get("content"))):
            tags.setdefault(key.strip().lower(), value)
    return tags


def _text(value):
    """A metadata string, unescaped (JSON-LD often holds '&amp;') and on one line."""
    if not isinstance(value, str):
        return None
    return " ".join(html.unescape(value).split()) or None


def _first(*values):
    return next((v for v in values if isinstance(v, str) and v.strip()), None)


def text_key(text):
    """Letters and digits only, casefolded: 'Budget Vote' = 'budget-vote'."""
    return "".join(ch for ch in (text or "").casefold() if ch.isalnum())


_SEPARATOR = re.compile(r" (?:\||-|–|—|::|·|») ")


def _strip_site_suffix(title, sites, url):
    """'Headline | Site' -> 'Headline' while the last part names the site (its name or host).

    Only site names are cut: 'Budget vote | What happens next' keeps its second half.
    """
    title = _text(title)
    host = re.sub(r"(?i)^https?://(www\.)?", "", url or "").split("/")[0]
    names = {n for n in map(text_key, (*sites, host, max(host.split("."), key=len))) if len(n) > 2}
    # Last separator first; at most five, so a hostile title costs linear time.
    for match in reversed(list(_SEPARATOR.finditer(title or ""))[-5:]):
        suffix, rest = text_key(title[match.end():]), title[:match.start()]
        short = len(title[match.end():].split()) <= 3
        if " " not in rest.strip() or not any(
                suffix == n or (len(suffix) > 3 and (suffix in n or (short and n in suffix))) for n in names):
            break
        title = rest
    return title


# --- dates -----------------------------------------------------------------------

_MONTH_PART = r"(0[1-9]|1[0-2]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_URL_DATE = re.compile(r"(?i)/((?:19|20)\d\d)[/-]?" + _MONTH_PART + r"[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_URL_MONTH = re.compile(r"(?i)/((?:19|20)\d\d)[/-]" + _MONTH_PART + r"[/-]")


def _iso_date(value):
    """YYYY-MM-DD from an ISO timestamp (its own date part), 20191118 or a printed date; else None."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?!\d)|\s*((?:19|20)\d\d)/(\d\d?)/(\d\d?)\b", value)
    parts = [int(p) for p in match.groups() if p] if match else None
    try:
        return datetime.date(*parts).isoformat() if parts else datetime.date.fromisoformat(
            parse_date(value[:100]) or "").isoformat()
    except ValueError:  # 'February 31' and other impossible dates
        return None


def url_date(url):
    """The publication date a news URL embeds (/2019/11/18/, /2019/nov/18/, /20191118/), or None."""
    match = _URL_DATE.search(url or "")
    year, month, day = match.groups() if match else (None, None, None)
    return match and _iso_date(f"{year}-{MONTHS.get(month.lower(), month):0>2}-{day}")


def fill_from_trafilatura(meta, tree):
    """Fill a missing title, date or byline from trafilatura's metadata search (htmldate for dates)."""
    if meta["title"] and meta["published"] and meta["byline"]:
        return
    try:
        found = trafilatura.extract_metadata(tree)
    except Exception:  # third-party heuristics on hostile markup: the fields just stay empty
        return
    meta["title"] = meta["title"] or _strip_site_suffix(found.title, meta["sites"], meta["url"])
    meta["byline"] = meta["byline"] or _byline(found.author)
    guessed = _iso_date(found.date)
    month = _URL_MONTH.search(meta["url"] or "")
    # htmldate searches the whole page and can pick a date quoted in the text;
    # a URL naming the month (/2019/11/) vetoes a guess from another month.
    if guessed and (not month or f"{month[1]}-{MONTHS.get(month[2].lower(), month[2]):0>2}" == guessed[:7]):
        meta["published"] = meta["published"] or guessed


def reconcile_url_date(published, url):
    """The URL's date when metadata has none or is one day off it.

    Timestamps are often UTC, so an evening story in New York carries the
    next day's date; a URL holds the newsroom's own calendar day.
    """
    from_url = url_date(url)
    if not published or not from_url:
        return published or from_url
    gap = abs(datetime.date.fromisoformat(published) - datetime.date.fromisoformat(from_url)).days
    return from_url if gap == 1 else published
