"""Print claim-extraction scores on the seeds gold and the fictional demo gold.

Example:
    python bench/score_claims.py            # scores
    python bench/score_claims.py --errors   # and every missed, spurious or misattributed claim

Texts are the raw files (the product also drops a repeated consecutive
paragraph, such as a doubled photo caption, before extracting).
"""
import argparse
import dataclasses
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.claims import extract_claims  # noqa: E402
from ingest.figures import extract_figures  # noqa: E402
from ingest.quotes import extract_quotes  # noqa: E402
from kb.scoring.claims import claim_errors, score_claims  # noqa: E402
from kb.scoring.gold import SHARED, gold_documents  # noqa: E402


def documents(set_name, shared):
    """(file, text, gold claims) of one gold set; the raw seed file is the text."""
    for file, text, document in gold_documents(set_name, shared):
        yield file, text, document["claims"]


def system_claims(text):
    """Claims as dicts, extracted the way the product does (quotes and figures first)."""
    claims = extract_claims(text, extract_quotes(text), extract_figures(text))
    return [dataclasses.asdict(claim) for claim in claims]


def evaluate(documents, show_errors=False):
    """Score one gold set; print its errors document by document when asked."""
    triples = []
    for name, text, gold in documents:
        system = system_claims(text)
        triples.append((text, gold, system))
        if show_errors:
            _print_errors(name, claim_errors(text, gold, system))
    return score_claims(triples)


def _print_errors(name, errors):
    if errors:
        print(f"== {name}")
    for kind, gold, system in errors:
        record = gold or system
        if kind == "attributed_to":
            print(f"  {kind:9} {record['text'][:80]!r}: gold {gold[kind]!r} / system {system[kind]!r}")
        else:
            print(f"  {kind:9} {record['text'][:110]!r} [{record['attributed_to']}]")


def format_table(rows):
    """One line per gold set and matching variant."""
    lines = []
    for set_name, s in rows:
        for variant in ("strict", "overlap"):
            v = s[variant]
            lines.append(f"{set_name:6} {variant:8} P {v['precision']:.3f}  R {v['recall']:.3f}  "
                         f"F1 {v['f1']:.3f}  (tp {v['tp']} fp {v['fp']} fn {v['fn']})")
        lines.append(f"{set_name:6} attributed_to accuracy {s['attributed_to']:.3f} "
                     f"(over {s['matched']} matched claims)")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list errors per document")
    parser.add_argument("--shared", default=str(SHARED), help="path to ../shared")
    args = parser.parse_args()
    rows = [(set_name, evaluate(documents(set_name, pathlib.Path(args.shared)), args.errors))
            for set_name in ("seeds", "demo")]
    print(format_table(rows))


if __name__ == "__main__":
    main()
