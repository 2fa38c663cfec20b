"""Import at scale (issue #7): generated corpora of 1k, 10k and 100k documents.

Usage: python bench/scale.py [--sizes 1000,10000,100000] [--jobs 1,2] [--workdir DIR]

For each size and job count, `kb import FOLDER --timings --jobs J` runs in a
fresh process on an empty database, and the script reports: documents/s and
MB/s (raw bytes read over wall time), MB/s per process doing extraction,
peak RSS of the writer and of the largest worker, the database's size and
row counts, seconds per stage (read, clean, extract, resolve, write — CPU
seconds summed over processes), the import rate in each tenth of the run (a
rate that falls as the database grows would be a super-linear lookup), the
time FTS5 needs to index the finished database's quotes and sources from
scratch (a floor for what the import spends filling them), and an unchanged
re-import. Corpora come from bench/corpus.py and are kept in the work
directory, so a second run reuses them.
"""
import argparse
import pathlib
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402

# Runs the CLI and reports peak RSS (KB) of this process and of its largest child at exit.
WRAPPER = """
import atexit, resource, sys
def report():
    print("peak-rss-kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
atexit.register(report)
from cli import cli
cli(sys.argv[1:])
"""
TENTHS = 10


def corpus(workdir, size):
    folder = workdir / f"corpus-{size}"
    done = folder / ".complete"
    if not done.exists():
        write_corpus(folder, size)
        done.write_text("ok")
    return folder, sum(p.stat().st_size for p in folder.rglob("*.txt"))


def run_import(folder, db, jobs, size):
    """Run one import; returns wall seconds, per-tenth rates, RSS and the --timings line."""
    command = [sys.executable, "-c", WRAPPER, "import", str(folder), "--db", str(db),
               "--timings", "--jobs", str(jobs), "--verbose"]
    start = time.perf_counter()
    marks, done = [start], 0
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stdout:
        if line.startswith(("new:", "updated:", "unchanged:")):
            done += 1
            if done % max(1, size // TENTHS) == 0:
                marks.append(time.perf_counter())
    stderr = process.stderr.read()
    process.wait()
    elapsed = time.perf_counter() - start
    rss = re.search(r"peak-rss-kb (\d+) (\d+)", stderr)
    timings = next((l for l in stderr.splitlines() if l.startswith("time:")), "")
    step = max(1, size // TENTHS)
    rates = [step / (b - a) for a, b in zip(marks, marks[1:])]
    return elapsed, rates, int(rss[1]) / 1024, int(rss[2]) / 1024, timings, done


def db_facts(db):
    conn = sqlite3.connect(db)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("sources", "quotes", "speakers", "figures", "figure_families", "mentions")}
    start = time.perf_counter()
    with conn:
        conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
        conn.execute("INSERT INTO sources_fts(sources_fts) VALUES ('rebuild')")
    fts = time.perf_counter() - start
    conn.close()
    return counts, fts, pathlib.Path(db).stat().st_size / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to run each size with")
    parser.add_argument("--workdir", type=pathlib.Path)
    options = parser.parse_args()
    workdir = options.workdir or pathlib.Path(tempfile.mkdtemp(prefix="kb-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"work directory: {workdir}", flush=True)
    for size in (int(s) for s in options.sizes.split(",")):
        folder, nbytes = corpus(workdir, size)
        for jobs in (int(j) for j in options.jobs.split(",")):
            db = workdir / f"kb-{size}-j{jobs}.db"
            for path in (db, db.with_suffix(".db-wal"), db.with_suffix(".db-shm")):
                path.unlink(missing_ok=True)
            elapsed, rates, rss, child_rss, timings, done = run_import(folder, db, jobs, size)
            counts, fts, mb = db_facts(db)
            again, _, again_rss, _, _, unchanged = run_import(folder, db, jobs, size)
            extractors = jobs if jobs > 1 else 1
            print(f"\n{size:,} documents ({nbytes / 1e6:.1f} MB), --jobs {jobs}: {done:,} imported", flush=True)
            print(f"  import      {elapsed:8.1f} s  {done / elapsed:7.1f} docs/s  {nbytes / 1e6 / elapsed:5.2f} MB/s"
                  f"  ({nbytes / 1e6 / elapsed / extractors:.2f} MB/s per extracting process)")
            print(f"  peak RSS    writer {rss:.0f} MB, largest worker {child_rss:.0f} MB")
            print(f"  stages      {timings}")
            print(f"  FTS rebuild {fts:.1f} s for the finished database (quotes and sources)")
            print("  rate/tenth  " + " ".join(f"{r:.0f}" for r in rates) + " docs/s")
            print(f"  database    {mb:.0f} MB; " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
            print(f"  re-import   {again:8.1f} s unchanged ({unchanged:,} documents), "
                  f"{elapsed / again:.0f}x faster than the first import, peak RSS {again_rss:.0f} MB")


if __name__ == "__main__":
    main()
