"""A Document: one input read, cleaned, described and extracted.

The flow reads top to bottom in ``read_document``: read (bytes -> text) ->
clean (drop boilerplate, keep offsets) -> metadata -> extract.
"""
import hashlib
import pathlib
from dataclasses import dataclass, field

from .classify import DOC_TYPES, Metadata, detect_metadata
from .clean import clean_text
from .dates import parse_date
from .read import ReadError, decode_text

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


def read_document(raw, origin, overrides=None, extract=True):
    """Build a Document from raw bytes; raises ReadError for unreadable input."""
    decoded, encoding, text, dropped = derive_text(raw)
    meta = detect_metadata(decoded)
    doc = Document(
        origin=origin,
        raw=raw,
        sha256=hashlib.sha256(raw).hexdigest(),
        reader="text",
        encoding=encoding,
        text=text,
        dropped=dropped,
        meta=meta,
    )
    apply_overrides(doc, overrides or {})
    if extract:
        from .extract import extract_records

        doc.quotes, doc.figures, doc.claims = extract_records(doc.text)
    return doc


def derive_text(raw, reader="text"):
    """raw bytes -> (decoded text, encoding, clean text, dropped ranges).

    ``kb check`` calls this again on stored raw input; it must stay a pure
    function of the bytes.
    """
    if reader != "text":
        raise ReadError(f"unknown reader {reader!r}")
    decoded, encoding = decode_text(raw)
    text, dropped = clean_text(decoded)
    if not text.strip():
        raise ReadError("nothing left after cleaning")
    return decoded, encoding, text, dropped


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
    """Read one file into a Document; errors name the reason, not the path."""
    path = pathlib.Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ReadError(error.strerror or str(error)) from None
    return read_document(raw, str(path), overrides)


def expand_paths(paths):
    """Yield files to import: files as given, directories searched recursively.

    Every visible file in a directory is tried, so a stray binary or
    unreadable file is reported rather than silently skipped.
    """
    for path in paths:
        path = pathlib.Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if not hidden and not child.is_dir():
                    yield child
        else:
            yield path
