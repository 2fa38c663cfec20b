"""Score the quote extractor on the seed gold, the real-news gold and the demo set.

Usage: python bench/score_quotes.py [--errors] [--shared ../shared]

Prints precision/recall/F1 for full, partial and all quotes, quote+speaker
F1, and title/org accuracy over matched quotes. --errors lists every miss,
spurious quote and wrong field, document by document.
"""
import argparse
import dataclasses
import json
import os
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# A benchmark should show an extractor bug, not score the empty list it turns into.
os.environ.setdefault("CAMPAIGN_KB_DEBUG", "1")

from ingest.quotes import extract_quotes  # noqa: E402
from kb.score import quote_errors, score_quotes  # noqa: E402


def seed_documents(shared):
    """(file, text, gold quotes) for the seeds, text as the product stores it."""
    gold = json.loads((shared / "gold" / "seeds.json").read_text("utf-8"))
    for doc in gold["documents"]:
        raw = (shared / "seeds" / doc["file"]).read_text("utf-8")
        text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
        yield doc["file"], text, doc["quotes"]


def news_documents(shared):
    """(file, articleBody, gold quotes) for the annotated real news pages."""
    gold = json.loads((shared / "gold" / "article-bodies.json").read_text("utf-8"))
    truth = json.loads((shared / "peer" / "article-bodies" / "ground-truth.json").read_text("utf-8"))
    for doc in gold["documents"]:
        key = doc["file"].removesuffix(".html.gz")
        yield doc["file"], truth[key]["articleBody"], doc["quotes"]


def demo_documents():
    """(file, text, gold quotes) for the invented demo documents shipped in kb/demo."""
    demo = ROOT / "kb" / "demo"
    gold = json.loads((demo / "gold.json").read_text("utf-8"))
    for doc in gold["documents"]:
        yield doc["file"], (demo / doc["file"]).read_text("utf-8"), doc["quotes"]


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
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="path to ../shared")
    args = parser.parse_args()
    shared = pathlib.Path(args.shared)
    rows = [
        ("seeds", evaluate(seed_documents(shared), args.errors)),
        ("news", evaluate(news_documents(shared), args.errors)),
    ]
    if (ROOT / "kb" / "demo" / "gold.json").exists():
        rows.append(("demo", evaluate(demo_documents(), args.errors)))
    print(format_table(rows))


if __name__ == "__main__":
    main()
