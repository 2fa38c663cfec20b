"""Readers: raw bytes in, decoded text out (before cleaning)."""
import codecs
import unicodedata


class ReadError(ValueError):
    """The input cannot be read as a document; the message says why in one line."""


# Control characters other than tab, newline and carriage return mean the
# bytes are not text, whatever encoding decodes them.
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f"}


def decode_text(raw):
    """Decode plain-text bytes; return ``(text, encoding)``.

    UTF-8 (with or without BOM), UTF-16 with BOM, then cp1252 as a last
    resort for old Windows exports. CRLF and lone CR become LF and the text is
    NFC-normalised, so the same words always get the same offsets. Characters
    are otherwise kept: curly quotes stay curly.
    """
    if not raw:
        raise ReadError("empty file")
    text, encoding = _decode(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ReadError("no text (only whitespace)")
    bad = sum(1 for ch in text[:65536] if ch in _CONTROL)
    if bad:
        raise ReadError(f"binary content ({bad} control characters), not a text document")
    return text, encoding


def _decode(raw):
    if raw.startswith(codecs.BOM_UTF8):
        return _strict(raw[len(codecs.BOM_UTF8):], "utf-8"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(raw, "utf-16"), "utf-16"
    if b"\x00" in raw:
        raise ReadError("binary content (NUL bytes), not a text document")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise ReadError(f"not UTF-8, UTF-16 or cp1252 text (byte {error.start})") from None


def _strict(raw, encoding):
    try:
        return raw.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        raise ReadError(f"invalid {encoding} at byte {error.start}") from None
