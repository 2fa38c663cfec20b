"""Score the quote extractor on the seed gold, the real-news gold and the demo set.

Usage: python bench/score_quotes.py [--errors] [--shared ../shared]

Prints precision/recall/F1 for full, partial and all quotes, quote+speaker
F1, and title/org accuracy over matched quotes. --errors lists every miss,
spurious quote and wrong field, document by document.
"""
import argparse
import dataclasses
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# A benchmark should show an extractor bug, not score the empty list it turns into.
os.environ.setdefault("CAMPAIGN_KB_DEBUG", "1")

from ingest.quotes import extract_quotes  # noqa: E402
from kb.scoring.gold import DEMO, SHARED, gold_documents  # noqa: E402
from kb.scoring.quotes import quote_errors, score_quotes  # noqa: E402


def documents(set_name, shared):
    """(file, text, gold quotes) of one gold set; seed texts as the product stores them."""
    for file, text, doc in gold_documents(set_name, shared, as_stored=True):
        yield file, text, doc["quotes"]


def system_quotes(text):
    """The extractor's quotes for ``text`` as gold-shaped dicts."""
    return [dataclasses.asdict(q) for q in extract_quotes(text)]


def evaluate(documents, show_errors=False):
    """Scores over (name, text, gold quotes) documents; optionally print each error."""
    pairs = []
    for name, text, gold in documents:
        system = system_quotes(text)
        pairs.append((gold, system))
        if show_errors:
            _print_errors(name, quote_errors(gold, system))
    return score_quotes(pairs)


def _print_errors(name, errors):
    if not errors:
        return
    print(f"== {name}")
    for kind, gold, system in errors:
        text = (gold or system)["text"][:70]
        if kind in ("missed", "spurious"):
            record = gold or system
            print(f"  {kind:8} {'P' if record['partial'] else 'F'} {text!r} [{record['speaker']}]")
        else:
            print(f"  {kind:8} {text!r}: gold {gold[kind]!r} / system {system[kind]!r}")


def format_table(rows):
    """The scores of each (set name, scores) row as a plain-text table."""
    lines = [f"{'set':6} {'kind':8} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>4} {'fp':>4} {'fn':>4}"]
    for set_name, scores in rows:
        for kind in ("full", "partial", "all", "speaker"):
            s = scores[kind]
            label = "quote+speaker" if kind == "speaker" else kind
            lines.append(f"{set_name:6} {label:8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"
                         f"   {s['tp']:4} {s['fp']:4} {s['fn']:4}")
        lines.append(f"{set_name:6} title acc {scores['title']:.3f}  org acc {scores['org']:.3f}"
                     f"  (over {scores['matched']} matched quotes)")
    return "\n".join(lines)


def main():
    """Print the table (and, with --errors, every error) for each gold set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list errors per document")
    parser.add_argument("--shared", default=str(SHARED), help="path to ../shared")
    args = parser.parse_args()
    shared = pathlib.Path(args.shared)
    rows = [
        ("seeds", evaluate(documents("seeds", shared), args.errors)),
        ("news", evaluate(documents("news", shared), args.errors)),
    ]
    if (DEMO / "gold.json").exists():
        rows.append(("demo", evaluate(documents("demo", shared), args.errors)))
    print(format_table(rows))


if __name__ == "__main__":
    main()
