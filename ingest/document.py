"""A Document: one input read, cleaned, described and extracted.

The flow reads top to bottom in ``read_document``: read (bytes -> text) ->
clean (drop boilerplate, keep offsets) -> metadata -> extract.
"""
import hashlib
import pathlib
import zlib
from dataclasses import dataclass, field

from .classify import DOC_TYPES, Metadata, detect_metadata
from .clean import clean_text
from .dates import parse_date
from .read import ReadError, decode_text
from .stages import stage

GZIP_MAGIC = b"\x1f\x8b"
# A compressed input may not unpack to more than this.
MAX_UNPACKED = 100 * 1024 * 1024
# More clean text than this is a dump, not one document: split it first.
MAX_TEXT_CHARS = 1_000_000

# Metadata a user may set on the command line; it wins over detection.
OVERRIDABLE = ("url", "title", "publisher", "published", "doc_type")


@dataclass
class Document:
    origin: str
    raw: bytes
    sha256: str
    reader: str
    encoding: str
    text: str
    dropped: list
    meta: Metadata
    url: str | None = None
    quotes: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    entities: list = field(default_factory=list)
    # What storing needs besides the records (kb.store.prepare_for_storing):
    # worked out with the extraction, in a worker process under --jobs.
    anchors: list | None = None
    measures: list | None = None


def read_document(raw, origin, overrides=None, url=None, extract=True):
    """Build a Document from raw bytes; raises ReadError for unreadable input."""
    reader = detect_reader(raw)
    derived = derive_text(raw, reader)
    with stage("clean"):
        meta = detect_metadata(derived.decoded)
    if derived.html is not None:
        meta = merge_html_metadata(meta, derived.html)
        url = derived.html.url or url  # the page's canonical URL over the one fetched
    doc = Document(
        origin=origin,
        raw=raw,
        sha256=raw_hash(raw),
        reader=reader,
        encoding=derived.encoding,
        text=derived.text,
        dropped=derived.dropped,
        meta=meta,
        url=url,
    )
    apply_overrides(doc, overrides or {})
    if extract:
        from .extract import extract_records

        with stage("extract"):
            doc.quotes, doc.figures, doc.claims, doc.entities = extract_records(doc.text)
    return doc


def raw_hash(raw):
    """A document's identity: the SHA-256 of its raw bytes."""
    return hashlib.sha256(raw).hexdigest()


@dataclass
class Derived:
    decoded: str          # the text before cleaning
    encoding: str | None
    text: str             # the clean text offsets index
    dropped: list
    html: object = None   # the HtmlDocument, for pages


def detect_reader(raw):
    """'html' for web pages, else 'text' (gzip-compressed inputs are looked inside)."""
    from .html import looks_like_html

    return "html" if looks_like_html(unwrap(raw)) else "text"


def derive_text(raw, reader="text"):
    """raw bytes -> Derived (decoded text, encoding, clean text, dropped ranges).

    ``kb check`` calls this again on stored raw input; it must stay a pure
    function of the bytes and the reader.
    """
    with stage("read"):
        body = unwrap(raw)
        html = None
        if reader == "html":
            from .html import read_html

            html = read_html(body)
            decoded, encoding = html.text, getattr(html, "encoding", None)
        elif reader == "text":
            decoded, encoding = decode_text(body)
        else:
            raise ReadError(f"unknown reader {reader!r}")
    if len(decoded) > MAX_TEXT_CHARS:
        raise ReadError(
            f"{len(decoded) / 1e6:.1f} million characters of text, more than one document holds "
            f"({MAX_TEXT_CHARS / 1e6:.0f} million); split it"
        )
    with stage("clean"):
        text, dropped = clean_text(decoded)
    if not text.strip():
        raise ReadError("nothing left after cleaning")
    return Derived(decoded, encoding, text, dropped, html)


def unwrap(raw, limit=MAX_UNPACKED):
    """The bytes inside a gzip file (up to ``limit``); other input as it is."""
    if raw[:2] != GZIP_MAGIC:
        return raw
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        body = inflater.decompress(raw, limit + 1)
    except zlib.error as error:
        raise ReadError(f"corrupt gzip data ({error})") from None
    if len(body) > limit:
        raise ReadError(f"unpacks to more than {limit // 1024 // 1024} MB")
    return body


def merge_html_metadata(meta, html):
    """Page metadata (JSON-LD, OpenGraph, meta tags) wins over what the text suggests."""
    for name in ("title", "published", "byline", "publisher"):
        value = getattr(html, name)
        if value:
            setattr(meta, name, value)
    if html.doc_type_hint and meta.doc_type in ("article", "other"):
        meta.doc_type = html.doc_type_hint
    return meta


def apply_overrides(doc, overrides):
    """Set user-given metadata; validates type and date."""
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in OVERRIDABLE:
            raise ValueError(f"cannot override {key}")
        if key == "doc_type" and value not in DOC_TYPES:
            raise ReadError(f"document type must be one of {', '.join(DOC_TYPES)}, not {value!r}")
        if key == "published":
            value = parse_date(value)
            if value is None:
                raise ReadError(f"published date {overrides[key]!r} is not a date (use YYYY-MM-DD)")
        if key == "url":
            doc.url = value
        else:
            setattr(doc.meta, key, value)


def read_path(path, overrides=None):
    """Read one file into a Document (for Python callers; ``kb import`` reads Inputs)."""
    path = pathlib.Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ReadError(error.strerror or str(error)) from None
    return read_document(raw, str(path), overrides)
