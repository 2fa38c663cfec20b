"""Serving the knowledge base with Datasette."""
import json
import pathlib
import shutil
import tempfile

import yaml

METADATA_PATH = pathlib.Path(__file__).parent / "metadata.yml"

# Every instance: whole quotes and sentences in table cells, not 2,000 characters of source text;
# no facet suggestions, which cost ~2 s a table page at a million quotes (metadata.yml names the
# facets worth having; bench/QUERIES.md).
BASE_SETTINGS = {"truncate_cells_html": 300, "suggest_facets": False}

# A shared instance. Arbitrary SQL reads every table, hidden ones included, and
# can run queries heavy enough to stall the server, so only the canned queries
# run; the database file is not offered for download. Robots are kept out by
# datasette-block-robots, installed with kb, on every instance.
PUBLIC_SETTINGS = {"default_allow_sql": False, "allow_download": False}


def load_metadata(db_path):
    """metadata.yml with its database block keyed by the served file's name."""
    metadata = yaml.safe_load(METADATA_PATH.read_text("utf-8"))
    name = pathlib.Path(db_path).stem
    metadata["databases"] = {name: metadata["databases"]["kb"]}
    return metadata


def serve_settings(public=False):
    """The Datasette settings for local work or, with ``public``, for a shared instance.

    Typed values, as ``Datasette(settings=...)`` takes them (it does not parse "off").
    """
    return {**BASE_SETTINGS, **(PUBLIC_SETTINGS if public else {})}


def datasette_args(db_path, metadata_file, host="127.0.0.1", port=8001, public=False):
    """The ``datasette serve`` arguments for one knowledge base."""
    args = ["serve", str(db_path), "--metadata", str(metadata_file), "--host", host, "--port", str(port)]
    for name, value in serve_settings(public).items():
        text = ("on" if value else "off") if isinstance(value, bool) else str(value)
        args += ["--setting", name, text]
    return args


def write_metadata(db_path, directory):
    """Write the served metadata as JSON beside nothing the user owns; return its path."""
    path = pathlib.Path(directory) / "metadata.json"
    path.write_text(json.dumps(load_metadata(db_path), indent=2), "utf-8")
    return path


def serve_datasette(db_path, host, port, public=False):
    """Serve ``db_path`` until interrupted, with metadata keyed by its name."""
    from datasette.cli import cli as datasette_cli

    directory = tempfile.mkdtemp(prefix="kb-serve-")
    try:
        metadata = write_metadata(db_path, directory)
        args = datasette_args(db_path, metadata, host, port, public)
        datasette_cli.main(args, prog_name="datasette")
    finally:
        shutil.rmtree(directory, ignore_errors=True)
