"""Serving the knowledge base with Datasette."""
import json
import pathlib

import yaml

METADATA_PATH = pathlib.Path(__file__).parent / "metadata.yml"


def load_metadata(db_path):
    """metadata.yml with its database block keyed by the served file's name."""
    metadata = yaml.safe_load(METADATA_PATH.read_text("utf-8"))
    name = pathlib.Path(db_path).stem
    metadata["databases"] = {name: metadata["databases"]["kb"]}
    return metadata


def datasette_args(db_path, metadata_file, host="127.0.0.1", port=8001):
    """The ``datasette serve`` arguments for one knowledge base."""
    return [
        "serve",
        str(db_path),
        "--metadata",
        str(metadata_file),
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "truncate_cells_html",
        "300",
    ]


def write_metadata(db_path, directory):
    """Write the served metadata as JSON beside nothing the user owns; return its path."""
    path = pathlib.Path(directory) / "metadata.json"
    path.write_text(json.dumps(load_metadata(db_path), indent=2), "utf-8")
    return path
