"""A row's passage: the paragraph of its source with the row's span marked."""
from markupsafe import Markup, escape

from .schema import SPAN_TABLES


def load_passage(conn, kind, row_id):
    """The passage for one quote, figure or claim, as a dict; None if no such row."""
    if kind not in SPAN_TABLES:
        raise ValueError(kind)
    row = conn.execute(
        f'SELECT t.source_id, t.start, t."end", t.text, s.title, s.publisher, s.published, '
        f"s.doc_type, s.text FROM {kind} t JOIN sources s ON s.id = t.source_id WHERE t.id = ?",
        [row_id],
    ).fetchone()
    if row is None:
        return None
    source_id, start, end, text, title, publisher, published, doc_type, source_text = row
    para_start = source_text.rfind("\n", 0, start) + 1
    para_end = source_text.find("\n", end)
    para_end = len(source_text) if para_end < 0 else para_end
    return {
        "source_id": source_id,
        "title": title,
        "publisher": publisher,
        "published": published,
        "doc_type": doc_type,
        "text": text,
        "start": start,
        "end": end,
        "html": highlight(source_text[para_start:para_end], start - para_start, end - para_start),
    }


def highlight(paragraph, start, end):
    """The paragraph as HTML, escaped, with [start:end] inside <mark>."""
    return Markup("{}<mark>{}</mark>{}").format(
        escape(paragraph[:start]), escape(paragraph[start:end]), escape(paragraph[end:])
    )
