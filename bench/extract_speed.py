"""Extraction speed: MB/s of each extractor and of extract_records by document size.

Usage: python bench/extract_speed.py [--sizes 25,128,640,2500] [--budget SECONDS]

The text is the demo documents (kb/demo/*.txt) joined and repeated until it
reaches each size (in KB), so every size reads the same kind of news-like
text: equal MB/s across sizes means the extractor is linear in document
length. quotes, figures and entities run on the text alone; claims gets the
quotes and figures it needs, as ``extract_records`` gives it. Extractors keep
a few results of the last document for the next one reading it (its quote
spans, its name mentions), so each measurement starts after another document,
and the whole run after a few warm-up documents, as in a long import. A size
is skipped when extract_records, extrapolated quadratically from the previous
size, would take longer than --budget seconds (a quadratic extractor would
take hours).
"""
import argparse
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.claims import extract_claims  # noqa: E402
from ingest.entity_mentions import extract_entities  # noqa: E402
from ingest.extract import extract_records  # noqa: E402
from ingest.figures import extract_figures  # noqa: E402
from ingest.quotes import extract_quotes, find_spans  # noqa: E402


def corpus(kb):
    """About ``kb`` KB of news-like text: the demo documents joined and repeated."""
    demo = "\n\n".join(p.read_text("utf-8") for p in sorted((ROOT / "kb" / "demo").glob("*.txt")))
    target = kb * 1024
    copies = max(1, round(target / len(demo.encode("utf-8"))))
    return "\n\n".join([demo] * copies)


def cold():
    """Forget the last document: extractors keep a few results of the last text they
    read (its quote spans, its name mentions) for the next extractor reading the same
    text. Each measurement starts without them."""
    extract_records("Cold start. “Nothing here,” said Ana Ruiz. It cost $5.")


def timed(function, *args):
    cold()
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def measure(text):
    """Seconds of each extractor on ``text`` (best of a few runs for small texts)."""
    repeats = 3 if len(text) < 200_000 else 1
    best = {}
    for _ in range(repeats):
        t_quotes, quotes = timed(extract_quotes, text)
        t_figures, figures = timed(extract_figures, text)
        t_claims, _ = timed(extract_claims, text, quotes, figures)
        t_entities, _ = timed(lambda: extract_entities(text, find_spans(text)))
        t_all, _ = timed(extract_records, text)
        run = {"quotes": t_quotes, "figures": t_figures, "claims": t_claims,
               "entities": t_entities, "extract_records": t_all}
        best = {k: min(v, best.get(k, v)) for k, v in run.items()}
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,128,640,2500", help="comma-separated sizes in KB")
    parser.add_argument("--budget", type=float, default=120.0,
                        help="skip larger sizes once extract_records would take longer than this")
    args = parser.parse_args()
    names = ("quotes", "figures", "claims", "entities", "extract_records")
    for _ in range(4):  # warm up (compiled patterns, word caches, the heap), as in a long import
        extract_records(corpus(128))
    print(f"{'size':>9} " + " ".join(f"{n:>16}" for n in names))
    previous = None
    for kb in (int(s) for s in args.sizes.split(",")):
        text = corpus(kb)
        mb = len(text.encode("utf-8")) / 1e6
        if previous and previous[1] * (mb / previous[0]) ** 2 > args.budget:
            print(f"{mb * 1000:7.0f}KB   skipped (would take over {args.budget:.0f} s)")
            continue
        seconds = measure(text)
        previous = (mb, seconds["extract_records"])
        cells = " ".join(f"{mb / seconds[n]:7.2f}MB/s{seconds[n]:5.1f}s" for n in names)
        print(f"{mb * 1000:7.0f}KB {cells}", flush=True)


if __name__ == "__main__":
    main()
