"""Score the people/organization mention extractor on the seeds gold and the demo gold.

Example:
    python bench/score_entities.py            # scores
    python bench/score_entities.py --errors   # and every missed / spurious entity per file
    python bench/score_entities.py --news     # and the mentions found in the real news bodies
"""
import os
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# A benchmark should show an extractor bug, not score the empty list it turns into.
os.environ.setdefault("CAMPAIGN_KB_DEBUG", "1")

from ingest.entity_mentions import extract_entities  # noqa: E402
from kb.scoring.entities import compare_file, gold_entities, score_documents  # noqa: E402
from kb.scoring.gold import SHARED, article_bodies, gold_documents, gold_file  # noqa: E402


def documents(set_name):
    """(file, text, gold entities) of one gold set; seed texts as the product stores them."""
    gold = gold_file(set_name, SHARED)
    for file, text, _ in gold_documents(set_name, SHARED, as_stored=True):
        yield file, text, gold_entities(gold, file)


def news_bodies():
    """The articleBody of every real news page in the peer ground truth."""
    return [(key[:12], value["articleBody"] or "") for key, value in article_bodies(SHARED).items()]


def run(name, documents, show_errors):
    """Score one gold set; print one summary line and, if asked, each file's errors."""
    pairs = []
    for file, text, entities in documents:
        mentions = extract_entities(text)
        pairs.append((entities, mentions))
        if show_errors:
            _, missed, matched, spurious = compare_file(entities, mentions)
            wrong_kind = [(text, kind) for text, kind, same in matched if not same]
            if missed or spurious or wrong_kind:
                print(f"== {file}")
                for gold_name in missed:
                    print(f"   missed    {gold_name}")
                for kind, text in spurious:
                    print(f"   spurious  {kind[:3]} {text}")
                for text, kind in wrong_kind:
                    print(f"   kind      {text} as {kind}")
    s = score_documents(pairs)
    print(f"{name:6} P {s['precision']:.3f}  R {s['recall']:.3f}  kind {s['kind_accuracy']:.3f}  "
          f"(gold {s['gold']} found {s['found']}; system {s['system']} correct {s['correct']})")


def show_news():
    """Every distinct mention per news body, and the extraction speed over all of them."""
    bodies = news_bodies()
    started = time.perf_counter()
    found = [(key, extract_entities(text)) for key, text in bodies]
    elapsed = time.perf_counter() - started
    for key, mentions in found:
        names = dict.fromkeys(f"{m.kind[:3]}:{m.text}" + (f"={m.expands}" if m.expands else "")
                              for m in mentions)
        print(f"== {key}: " + " | ".join(names))
    size = sum(len(text) for _, text in bodies)
    print(f"news   {size / 1e6:.2f} MB in {elapsed:.2f} s: {size / 1e6 / elapsed:.2f} MB/s")


def main(argv):
    if not SHARED.exists():
        sys.exit(f"{SHARED} is absent: the shared corpus sits beside the clone")
    show_errors = "--errors" in argv
    for set_name in ("seeds", "demo"):
        run(set_name, list(documents(set_name)), show_errors)
    if "--news" in argv:
        show_news()


if __name__ == "__main__":
    main(sys.argv[1:])
