"""kb: build and serve a knowledge base of campaign coverage."""
import json
import pathlib
import sys
from itertools import islice

import click
import sqlite_utils

from ingest.classify import DOC_TYPES
from kb.check import check_provenance
from kb.demo import DEMO_DIR
from kb.export import EXPORT_KINDS, write_export
from ingest.inputs import expand_inputs
from ingest.stages import CLOCK
from kb.importer import (DEFAULT_MAX_BYTES, finish_batch, import_batch, import_inputs, record, start_batch,
                         summary_line, timings_line)
from kb.schema import ensure_db_shape
from kb.serve import serve_datasette
from kb.trace import format_trace, trace

db_option = click.option(
    "--db",
    "db_path",
    default="kb.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database file",
)


def open_db(db_path):
    db = sqlite_utils.Database(db_path)
    ensure_db_shape(db)
    return db


def existing_db(db_path):
    if not pathlib.Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database (run kb import first)")
    return open_db(db_path)


@click.group()
@click.version_option(package_name="campaign-kb")
def cli():
    "Turn campaign coverage into a SQLite knowledge base served by Datasette."


@cli.command(name="import")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--tag", help="Label this batch (a campaign, a beat); Datasette facets by tag")
@click.option("--max-size", type=float, default=DEFAULT_MAX_BYTES / 1024 / 1024, show_default=True,
              help="Refuse inputs larger than this many MB")
@click.option("-v", "--verbose", is_flag=True, help="Print one line per document")
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Processes that read and extract documents while this one writes")
@click.option("--timings", is_flag=True, help="Print the seconds spent in each stage (summed over processes)")
@click.option("--url", help="Canonical URL of the document")
@click.option("--title", help="Title, instead of the detected one")
@click.option("--publisher", help="Publisher, instead of the detected one")
@click.option("--published", help="Publication date (YYYY-MM-DD)")
@click.option("--type", "doc_type", type=click.Choice(DOC_TYPES), help="Document type")
def import_(inputs, db_path, tag, max_size, verbose, jobs, timings, **overrides):
    """Import text files, web pages, directories, globs, stdin (-) and URLs.

    Directories are searched recursively for .txt, .md, .html and .gz files.
    A document already stored (same bytes) is unchanged; new bytes at a
    stored URL or path become a new version of that source. Each input that
    cannot be read gets a one-line error, the others are still imported, and
    the exit status is then 1.

    \b
    Example:
        kb import ../shared/seeds --db kb.db --tag microsoft-ice
        kb import 'coverage/**/*.html' https://example.org/news/story.html
        cat release.txt | kb import - --type press_release --published 2018-07-26
    """
    if (overrides["url"] or overrides["title"]) and len(list(islice(expand_inputs(inputs), 2))) > 1:
        raise click.UsageError("--url and --title describe one document; give one input")
    db = open_db(db_path)
    batch = start_batch(db, tag)
    # Inputs are listed as they are read, never all at once; a terminal gets a
    # progress bar, for which they are counted first.
    show = sys.stderr.isatty()
    progress = click.progressbar(
        expand_inputs(inputs), length=sum(1 for _ in expand_inputs(inputs)) if show else None,
        label="Importing", file=sys.stderr, hidden=not show,
        item_show_func=lambda item: item.origin[-40:] if item else "",
    )
    stdin = sys.stdin.buffer  # bytes: a reader decodes them (click.get_binary_stream goes in Click 9)
    with progress as bar:
        outcomes = import_inputs(db, bar, overrides, tag, batch.id, stdin, int(max_size * 1024 * 1024), jobs)
        for outcome in outcomes:
            record(db, batch, outcome)
            if verbose and outcome.source_id:
                click.echo(f"{outcome.status}: {outcome.origin} (source {outcome.source_id})")
    finish_batch(db, batch)
    for origin, status, reason in batch.problems:
        click.echo(f"{'error' if status == 'failed' else 'skipped'}: {origin}: {reason}", err=True)
    click.echo(summary_line(batch))
    if timings:
        click.echo(timings_line(CLOCK.seconds), err=True)
    if batch.counts["failed"]:
        sys.exit(1)


@cli.command()
@click.argument("kind", type=click.Choice(EXPORT_KINDS))
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
def export(kind, db_path, fmt):
    """Export sources, quotes, figures or claims as a JSON array or CSV.

    \b
    Example:
        kb export quotes --format csv > quotes.csv
    """
    write_export(existing_db(db_path), kind, sys.stdout, fmt)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("-p", "--port", default=8001, show_default=True, type=int)
@click.option("--public", is_flag=True,
              help="For a shared instance: no arbitrary SQL, no database download (canned queries still run)")
def serve(db_path, host, port, public):
    """Serve the knowledge base with Datasette.

    Without --public anyone who can reach the port can run any SQL: keep the
    default host (this machine only) for local work.

    \b
    Example:
        kb serve --db kb.db --port 8001
        kb serve --db kb.db --public --host 0.0.0.0
    """
    existing_db(db_path)
    serve_datasette(db_path, host, port, public)


@cli.command()
@click.option("--db", "db_path", default="demo.db", show_default=True, type=click.Path(dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("-p", "--port", default=8001, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Build the demo database and stop")
def demo(db_path, host, port, no_serve):
    """Build a fresh database from the bundled fictional demo corpus and serve it.

    \b
    Example:
        kb demo
        kb demo --db demo.db --no-serve
    """
    path = pathlib.Path(db_path)
    if path.exists():
        path.unlink()
    db = open_db(path)
    batch = import_batch(db, expand_inputs([str(p) for p in sorted(DEMO_DIR.glob("*.txt"))]), tag="demo")
    if batch.problems:
        origin, _, reason = batch.problems[0]
        raise click.ClickException(f"{origin}: {reason}")
    count = db["sources"].count
    click.echo(f"Built {path} from {count} fictional demo documents")
    db.close()
    if not no_serve:
        serve_datasette(path, host, port)


@cli.command()
@db_option
def check(db_path):
    """Verify provenance: every span matches its source text, every text its raw input.

    Lists each problem and exits with status 1 if there is any.

    \b
    Example:
        kb check --db kb.db
    """
    problems = list(check_provenance(existing_db(db_path)))
    for problem in problems:
        click.echo(problem)
    if problems:
        raise click.ClickException(f"{len(problems)} provenance problem(s)")
    click.echo("ok: every span and every source text checks out")


@cli.command(name="trace")
@click.argument("query", required=False)
@db_option
@click.option("--family", "family_id", type=int, help="Trace one figure family by id")
@click.option("--json", "as_json", is_flag=True, help="Output JSON")
@click.option("--limit", type=click.IntRange(min=1),
              help="Show at most N occurrences of each family, earliest first (counts still cover all)")
def trace_(query, db_path, family_id, as_json, limit):
    """Trace a figure to every source that states it, earliest first.

    QUERY is a figure as written ("$19.4 million", "300,000 signatures") or a
    plain number ("19.4 million"); every family holding a matching figure is
    shown with all its occurrences, variants and how the value moved.

    \b
    Example:
        kb trace "19.4 million"
        kb trace --family 3 --json
        kb trace "300,000 signatures" --limit 20
    """
    if (query is None) == (family_id is None):
        raise click.UsageError("give a QUERY or --family ID")
    traces = trace(existing_db(db_path), query, family_id, limit)
    if as_json:
        click.echo(json.dumps(traces, ensure_ascii=False, indent=2))
    else:
        click.echo(format_trace(traces))


if __name__ == "__main__":
    cli()
