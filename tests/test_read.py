import codecs

import pytest

from ingest.read import ReadError, decode_text

TEXT = "“Cancel the contract,” said Dana Okafor.\nNext line — done."


@pytest.mark.parametrize(
    "raw,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_every_supported_encoding_to_the_same_text(raw, encoding):
    assert decode_text(raw) == (TEXT, encoding)


def test_line_endings_become_lf_and_text_is_nfc():
    raw = "Caf\u0065\u0301 line one\r\nline two\rline three".encode("utf-8")
    assert decode_text(raw) == ("Caf\u00e9 line one\nline two\nline three", "utf-8")


def test_curly_quotes_are_kept():
    text, _ = decode_text("‘single’ and “double”".encode("utf-8"))
    assert text == "‘single’ and “double”"


@pytest.mark.parametrize(
    "raw,message",
    [
        (b"", "empty file"),
        (b"   \n\t\n", "no text (only whitespace)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL bytes), not a text document"),
        (b"GIF89a\x01\x02\x03\x04\x05\x06", "binary content (6 control characters), not a text document"),
        (codecs.BOM_UTF8 + b"\xff\xfe bad", "invalid utf-8 at byte 0"),
    ],
)
def test_unreadable_input_gets_a_one_line_reason(raw, message):
    with pytest.raises(ReadError) as error:
        decode_text(raw)
    assert str(error.value) == message
