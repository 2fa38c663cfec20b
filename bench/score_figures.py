"""Print figure-extraction scores on the seeds gold, the real-news gold and the
fictional demo corpus (kb/demo/gold.json).

Example:
    python bench/score_figures.py            # scores
    python bench/score_figures.py --errors   # and every missed / spurious figure
"""
import dataclasses
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.figures import extract_figures  # noqa: E402
from kb.scoring.figures import errors, score_documents  # noqa: E402
from kb.scoring.gold import SHARED, gold_documents  # noqa: E402


def documents(set_name):
    """(name, text, gold figures) of one gold set; the raw seed file is the text."""
    for file, text, document in gold_documents(set_name, SHARED):
        yield file, text, document["figures"]


def run(name, documents, show_errors):
    """Score one gold set and print a line per matching variant."""
    triples = [(text, gold, [dataclasses.asdict(f) for f in extract_figures(text)])
               for _, text, gold in documents]
    for variant, overlap in (("strict", False), ("overlap", True)):
        s = score_documents(triples, overlap=overlap)
        print(f"{name:6} {variant:8} P {s['precision']:.3f}  R {s['recall']:.3f}  "
              f"F1 {s['f1']:.3f}  (tp {s['tp']} fp {s['fp']} fn {s['fn']})  "
              f"unit {s['unit_accuracy']:.3f}  qualifier {s['qualifier_accuracy']:.3f}  "
              f"value {s['value_accuracy']:.3f}  vague {s['vague_accuracy']:.3f}")
    if show_errors:
        for text, gold, system in triples:
            missed, spurious = errors(text, gold, system)
            for figure in missed:
                print("   missed  ", repr(figure["text"]), figure["unit"], figure["qualifier"])
            for figure in spurious:
                print("   spurious", repr(figure["text"]), figure["unit"], figure["qualifier"])


def main(argv):
    if not SHARED.exists():
        sys.exit(f"{SHARED} is absent: the shared corpus sits beside the clone")
    show_errors = "--errors" in argv
    for set_name in ("seeds", "news", "demo"):
        run(set_name, list(documents(set_name)), show_errors)


if __name__ == "__main__":
    main(sys.argv[1:])
