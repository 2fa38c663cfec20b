"""Spans in their text: a row's passage with its span marked, a source with every span marked.

Everything returned as HTML is built from escaped text: a source that
contains ``<script>`` shows it as characters, never runs it.
"""
from markupsafe import Markup, escape

from .schema import SPAN_TABLES

# What a source page marks, and the class that tells each kind apart. Claims
# are whole sentences, so they are underlined rather than filled: a quote or
# figure inside a claim stays visible.
MARK_CLASSES = {"quotes": "kb-quote", "figures": "kb-figure", "claims": "kb-claim"}

# The spans of one source, per kind, with what its list on the source page shows.
SOURCE_SPANS_SQL = {
    "quotes": """SELECT id, start, "end", text, speaker, speaker_id, organization_id, speaker_kind, citation
                 FROM quotes_view WHERE source_id = ? ORDER BY start""",
    "figures": """SELECT f.id, f.start, f."end", f.text, f.value, f.unit, f.qualifier, f.family_id,
                         ff.label AS family
                  FROM figures f LEFT JOIN figure_families ff ON ff.id = f.family_id
                  WHERE f.source_id = ? ORDER BY f.start""",
    "claims": """SELECT id, start, "end", text, attributed_to FROM claims WHERE source_id = ? ORDER BY start""",
}

SOURCE_SQL = """SELECT id, title, publisher, published, doc_type, url, origin, byline, tags,
                       previous_version_id, superseded_by, text
                FROM sources WHERE id = ?"""

# What the passage page adds for each kind: the citation of a quote, the family of a figure.
PASSAGE_EXTRAS_SQL = {
    "quotes": """SELECT citation, speaker, speaker_id, organization_id, speaker_kind
                 FROM quotes_view WHERE id = ?""",
    "figures": """SELECT f.family_id, ff.label AS family, f.value, f.unit
                  FROM figures f LEFT JOIN figure_families ff ON ff.id = f.family_id WHERE f.id = ?""",
}


def load_passage(conn, kind, row_id):
    """The passage for one quote, figure, claim or mention, as a dict; None if no such row."""
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
    passage = {
        "id": row_id,
        "kind": kind,
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
    if kind in PASSAGE_EXTRAS_SQL:
        passage.update(_dicts(conn.execute(PASSAGE_EXTRAS_SQL[kind], [row_id]))[0])
    return passage


def highlight(paragraph, start, end):
    """The paragraph as HTML, escaped, with [start:end] inside <mark>."""
    return Markup("{}<mark>{}</mark>{}").format(
        escape(paragraph[:start]), escape(paragraph[start:end]), escape(paragraph[end:])
    )


def load_source(conn, source_id):
    """One source with its spans by kind and its text as HTML with every span marked; None if absent."""
    rows = _dicts(conn.execute(SOURCE_SQL, [source_id]))
    if not rows:
        return None
    source = rows[0]
    spans = {kind: _dicts(conn.execute(sql, [source_id])) for kind, sql in SOURCE_SPANS_SQL.items()}
    marks = [(s["start"], s["end"], kind, s["id"]) for kind, rows in spans.items() for s in rows]
    source["spans"] = spans
    source["html"] = mark_spans(source.pop("text"), marks)
    return source


def mark_spans(text, spans):
    """``text`` as escaped HTML with every (start, end, kind, id) span inside a <mark>.

    Spans overlap (a figure inside a quote inside a claim), so the text is cut
    at every span boundary and each piece is wrapped once, with the classes of
    all the spans covering it. Each span's first piece is preceded by an
    anchor ``<span id="quotes-12">`` that its list entry links to.
    """
    starts, ends = {}, {}
    for start, end, kind, row_id in spans:
        start, end = max(0, start), min(len(text), end)
        if start < end:
            starts.setdefault(start, []).append((kind, row_id))
            ends.setdefault(end, []).append((kind, row_id))
    cuts = sorted({0, len(text)} | set(starts) | set(ends))
    active, pieces = {}, []
    for here, following in zip(cuts, cuts[1:]):
        for span in ends.get(here, ()):
            active.pop(span, None)
        for kind, row_id in starts.get(here, ()):
            active[(kind, row_id)] = True
            pieces.append(Markup('<span class="kb-anchor" id="{}-{}"></span>').format(kind, row_id))
        pieces.append(_piece(text[here:following], list(active)))
    return Markup("").join(pieces)


def _piece(text, covering):
    if not covering:
        return escape(text)
    kinds = [kind for kind in MARK_CLASSES if any(k == kind for k, _ in covering)]
    classes = " ".join(["kb-span"] + [MARK_CLASSES[kind] for kind in kinds])
    title = ", ".join(f"{kind[:-1]} {row_id}" for kind, row_id in covering)
    return Markup('<mark class="{}" title="{}">{}</mark>').format(classes, title, text)


def _dicts(cursor):
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
