"""Score HTML article-body extraction on the real news pages in ../shared/peer/article-bodies.

Example:
    python bench/score_bodies.py               # the HTML reader: scores, metadata coverage, timings
    python bench/score_bodies.py --baseline    # and trafilatura.extract() with default options
    python bench/score_bodies.py --pages       # and each page's precision / recall, worst first

Scoring rule (kb/scoring/bodies.py): word 4-gram shingles of the extracted text
vs the page's human-checked articleBody, per-page TP/FP/FN normalised,
precision and recall averaged over pages, F1 of the two averages.
"""
import argparse
import collections
import datetime
import gzip
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.html import read_html  # noqa: E402
from ingest.html_meta import url_date  # noqa: E402
from ingest.read import ReadError  # noqa: E402
from kb.scoring.bodies import page_counts, page_precision_recall, score_bodies  # noqa: E402
from kb.scoring.gold import SHARED, article_bodies  # noqa: E402


def pages(shared):
    """(key, url, articleBody, decompressed HTML bytes) for every page of the ground truth."""
    folder = pathlib.Path(shared) / "peer" / "article-bodies" / "html"
    for key, value in article_bodies(shared).items():
        raw = gzip.decompress((folder / f"{key}.html.gz").read_bytes())
        yield key, value["url"], value["articleBody"] or "", raw


def run_reader(corpus):
    """Read every page; returns rows of (key, url, reference, document or None, seconds, error)."""
    rows = []
    for key, url, reference, raw in corpus:
        start = time.perf_counter()
        try:
            document, error = read_html(raw), None
        except ReadError as failure:
            document, error = None, f"ReadError: {failure}"
        rows.append((key, url, reference, document, time.perf_counter() - start, error))
    return rows


def run_baseline(corpus):
    import trafilatura

    return [(reference, trafilatura.extract(raw) or "") for _, _, reference, raw in corpus]


def metadata_report(rows):
    """Lines on title / date coverage and how extracted dates agree with dates in the URLs."""
    docs = [(url, doc) for _, url, _, doc, _, _ in rows if doc]
    with_url_date = [(url_date(url), doc.published) for url, doc in docs if url_date(url)]
    agree = sum(1 for from_url, published in with_url_date if published == from_url)
    near = sum(1 for from_url, published in with_url_date if published and published != from_url
               and abs((_day(published) - _day(from_url)).days) <= 1)
    lines = [f"pages {len(rows)}  read {len(docs)}"]
    for field in ("title", "published", "byline", "publisher", "url", "description", "doc_type_hint"):
        lines.append(f"  {field:14} {sum(1 for _, doc in docs if getattr(doc, field))}")
    # The reader itself prefers the URL's day over a metadata date one day off
    # (UTC timestamps), so 'off by one' stays 0 unless that rule changes.
    lines.append(f"  URL dates {len(with_url_date)}: published equal {agree}, off by one day {near}, "
                 f"other {len(with_url_date) - agree - near}")
    return lines


def _day(iso):
    return datetime.date.fromisoformat(iso)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(SHARED), help="path to ../shared")
    parser.add_argument("--baseline", action="store_true", help="also score trafilatura defaults")
    parser.add_argument("--pages", action="store_true", help="list per-page scores, worst first")
    args = parser.parse_args()
    corpus = list(pages(args.shared))
    table = []
    if args.baseline:
        table.append(("trafilatura default", score_bodies(run_baseline(corpus))))
    rows = run_reader(corpus)
    table.append(("ingest.html.read_html", score_bodies((ref, doc.text if doc else "")
                                                        for _, _, ref, doc, _, _ in rows)))
    for name, s in table:
        print(f"{name:22} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  ({s['pages']} pages)")
    print("\n".join(metadata_report(rows)))
    times = sorted(seconds for *_, seconds, _ in rows)
    print(f"time per page: mean {sum(times) / len(times) * 1000:.0f} ms, "
          f"median {times[len(times) // 2] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")
    errors = collections.Counter(error for *_, error in rows if error)
    for error, count in errors.items():
        print(f"  {count} x {error}")
    if args.pages:
        scored = [(page_precision_recall(*page_counts(ref, doc.text if doc else "")), key, url)
                  for key, url, ref, doc, _, _ in rows]
        for (precision, recall), key, url in sorted(scored, key=lambda row: min(row[0])):
            print(f"{precision:.3f} {recall:.3f} {key[:10]} {url[:90]}")


if __name__ == "__main__":
    main()
