"""Property tests: readers and extractors on generated text and HTML never raise
anything but ReadError, and every offset they store is exact."""
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.document import read_document
from ingest.read import ReadError
from kb.check import check_provenance
from kb.schema import ensure_db_shape
from kb.store import save_document

# Text made of the characters extractors care about: quote marks, digits,
# currency, capitals, punctuation, line breaks.
ALPHABET = st.sampled_from(
    list("“”‘’\"'$€£%0123456789,.-–—:;!? \n\n") + list("AaBbCcMmSsTtxyz") + ["said", "million", " he ", "Dr. "]
)
TEXT = st.lists(ALPHABET, max_size=300).map("".join)
WORDS = st.lists(st.sampled_from(["“Cut it,” said Ana Ruiz.", "$1.5 million", "more than 300 people", "<b>", "</p>",
                                  "&amp;", "<script>x</script>", "<div>", "</div>", "Tell Acme to stop"]),
                 max_size=40).map(" ".join)
HTML = st.builds(lambda body, title: f"<html><head><title>{title}</title></head><body><p>{body}</p></body></html>",
                 WORDS, TEXT)


def store_and_check(raw):
    try:
        doc = read_document(raw, "generated")
    except ReadError:
        return
    for record in doc.quotes + doc.figures + doc.claims + doc.entities:
        assert doc.text[record.start:record.end] == record.text
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    save_document(db, doc)
    assert list(check_provenance(db)) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_generated_text(text):
    store_and_check(text.encode("utf-8"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTML)
def test_generated_html(html):
    store_and_check(html.encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes(raw):
    store_and_check(raw)
