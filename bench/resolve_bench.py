"""Speaker resolution and family assignment as the database grows (issue #7).

Usage: python bench/resolve_bench.py [--speakers 100000] [--figures 100000]

Resolves that many distinct synthetic speakers (bench/corpus.py's names,
each also seen again by surname and in full, as articles name people) into
an empty database, then assigns that many figures to families, and prints
the microseconds per call in each tenth of the run. A lookup that compared
each new name with every stored one would show the cost rising tenth by
tenth (quadratic in total); blocked, indexed lookups keep it flat.
"""
import argparse
import pathlib
import random
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from bench.corpus import People, company  # noqa: E402
from kb.entities import resolve_speaker  # noqa: E402
from kb.families import assign_family  # noqa: E402
from kb.schema import ensure_db_shape  # noqa: E402
from kb.sql import insert_row  # noqa: E402

TENTHS = 10
COMMIT_EVERY = 1000


def timed_tenths(db, calls):
    """Run ``calls`` (callables) in ten equal parts; microseconds per call in each."""
    step = -(-len(calls) // TENTHS)
    rates = []
    for start in range(0, len(calls), step):
        began = time.process_time()  # CPU time: what the lookups cost, whatever else runs
        for group in range(start, min(start + step, len(calls)), COMMIT_EVERY):
            with db.atomic():  # transactions of the size an import commits
                for call in calls[group:min(group + COMMIT_EVERY, start + step)]:
                    call()
        rates.append((time.process_time() - began) / len(calls[start:start + step]) * 1e6)
    return rates


def speaker_calls(db, count):
    """Distinct people, each resolved by full name and later by surname or full name again."""
    rng = random.Random(5)
    people = People(rng)
    names, seen = [], set()
    index = 0
    while len(names) < count:
        name = people.name(index)
        index += 1
        if name not in seen:
            seen.add(name)
            names.append(name)
    calls = []
    for n, name in enumerate(names):
        calls.append(lambda name=name: resolve_speaker(db, name, "person"))
        if n % 3 == 0:  # someone named again, in full or by surname
            again = names[rng.randrange(n + 1)]
            calls.append(lambda name=again: resolve_speaker(db, name, "person"))
    return calls


def figure_calls(db, count):
    """Figures of many small campaigns, each anchored on its company (tens of
    thousands of them): the number of families grows with the run."""
    rng = random.Random(9)
    source = insert_row(db, "sources", {"sha256": "bench", "origin": "bench", "doc_type": "other", "text": "", "imported_at": ""})
    calls = []
    for _ in range(count):
        anchors = [company(rng)]
        unit, cue = rng.choice([("USD", "contract"), ("signatures", "petition"), ("employees", "letter"),
                                ("residents", ""), ("sites", "")])
        value = float(rng.randint(5, 900) * 10 ** rng.randint(0, 5))
        figure = {"source_id": source, "start": 0, "end": 1, "text": "x", "value": value, "unit": unit,
                  "vague": 0, "qualifier": "exact"}

        def call(figure=figure, measured=(unit, cue), anchors=anchors):
            family = assign_family(db, figure, measured, anchors)
            insert_row(db, "figures", dict(figure, family_id=family))

        calls.append(call)
    return calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speakers", type=int, default=100_000)
    parser.add_argument("--figures", type=int, default=100_000)
    options = parser.parse_args()
    db = sqlite_utils.Database(pathlib.Path(tempfile.mkdtemp()) / "resolve.db")
    ensure_db_shape(db)
    rates = timed_tenths(db, speaker_calls(db, options.speakers))
    speakers = db.execute("SELECT count(*) FROM speakers").fetchone()[0]
    print(f"speaker resolution, {speakers:,} speakers: µs per call by tenth: " + " ".join(f"{r:.0f}" for r in rates))
    rates = timed_tenths(db, figure_calls(db, options.figures))
    families = db.execute("SELECT count(*) FROM figure_families").fetchone()[0]
    print(f"family assignment, {options.figures:,} figures into {families:,} families: µs per call by tenth: "
          + " ".join(f"{r:.0f}" for r in rates))


if __name__ == "__main__":
    main()
