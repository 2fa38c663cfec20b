"""Import benchmarks for issue #5: a 50 MB file and a 10,000-file batch.

Usage: python bench/import_bench.py [--files 10000] [--workdir DIR]

Each measurement runs `kb import` in a fresh process and reports wall time
and that process's peak resident memory (ru_maxrss of the child).
"""
import argparse
import pathlib
import random
import subprocess
import sys
import tempfile
import time

PEOPLE = ["Dana Okafor", "Jonah Feld", "Leila Haddad", "Grace Whitcombe", "Tomasz Brennan"]
ORGS = ["RightsWatch North", "Open Roads Collective", "Commuters for Civil Liberties"]


def story(rng, n):
    """A short news-like story with quotes and figures (fictional names)."""
    person, org = rng.choice(PEOPLE), rng.choice(ORGS)
    return (
        f"Coalition presses vendor over plate cameras, update {n}\n\n"
        f"More than {rng.randint(80, 900)} employees signed a letter about the ${rng.randint(5, 40)}.{rng.randint(0, 9)} "
        f"million contract, organizers said on Tuesday.\n\n"
        f"“We will keep coming back until the contract is gone,” said {person}, organizer at {org}. "
        f"“Nobody voted for this.”\n\n"
        f"About {rng.randint(2, 60)} people attended the meeting, and {rng.randint(1, 9)}0 percent of them spoke.\n"
    )


# Runs the CLI and reports the process's own peak RSS (KB) on stderr at exit.
WRAPPER = """
import atexit, resource, sys
atexit.register(lambda: print("peak-rss-kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))
from cli import cli
cli(sys.argv[1:])
"""


def run_import(args, workdir):
    """Wall time, peak RSS (MB) and summary line of one kb import run."""
    db = workdir / "bench.db"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", WRAPPER, "import", *args, "--db", str(db)],
                            capture_output=True, text=True, cwd=pathlib.Path(__file__).parent.parent)
    elapsed = time.perf_counter() - start
    lines = (result.stdout + result.stderr).strip().splitlines()
    peak = next((int(l.split()[1]) for l in lines if l.startswith("peak-rss-kb")), 0)
    said = [l for l in lines if not l.startswith("peak-rss-kb")]
    return elapsed, peak / 1024, said[-1] if said else ""


def big_text_file(workdir, size_mb=50):
    rng = random.Random(7)
    path = workdir / "big.txt"
    with path.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() < size_mb * 1024 * 1024:
            out.write(story(rng, n) + "\n")
            n += 1
    return path


def big_html_page(workdir, size_mb=50):
    """A 50 MB page: a short article wrapped in megabytes of inline data, as saved pages carry."""
    rng = random.Random(11)
    filler = "A" * (size_mb * 1024 * 1024)
    body = "".join(f"<p>{line}</p>" for line in story(rng, 0).splitlines() if line)
    path = workdir / "big.html"
    path.write_text(f"<html><head><title>Big page</title><script>var blob='{filler}';</script></head>"
                    f"<body><article>{body}</article></body></html>", "utf-8")
    return path


def many_files(workdir, count):
    rng = random.Random(3)
    folder = workdir / "many"
    folder.mkdir(exist_ok=True)
    for n in range(count):
        (folder / f"story-{n:05}.txt").write_text(story(rng, n), "utf-8")
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--workdir", type=pathlib.Path)
    options = parser.parse_args()
    workdir = options.workdir or pathlib.Path(tempfile.mkdtemp(prefix="kb-bench-"))
    text = big_text_file(workdir)
    for label, args in [
        ("50 MB text file, default limit", [str(text)]),
        ("50 MB text file, --max-size 60", [str(text), "--max-size", "60"]),
        ("50 MB HTML page, --max-size 60", [str(big_html_page(workdir)), "--max-size", "60"]),
        (f"{options.files:,} small files", [str(many_files(workdir, options.files))]),
    ]:
        elapsed, peak, last = run_import(args, workdir)
        print(f"{label:34} {elapsed:8.1f} s  peak RSS {peak:7.0f} MB  {last}")


if __name__ == "__main__":
    main()
