import json
import os
import pathlib
from contextlib import contextmanager

import pytest
import sqlite_utils

from ingest.document import read_path
from kb.schema import ensure_db_shape
from kb.store import save_document

SHARED = pathlib.Path(__file__).resolve().parent.parent.parent / "shared"


def shared_path(*parts):
    """A path under ../shared; skip the test when it is absent, fail under CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: the shared corpus sits beside the clone in CI"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def build_kb(path, documents):
    """A knowledge base at ``path`` holding ``documents`` (file paths), imported in order."""
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    for document in documents:
        save_document(db, read_path(document))
    return db


def build_old_kb(path, documents, migrations, monkeypatch):
    """A knowledge base at the schema of its first ``migrations`` migrations,
    written as the writer of that schema wrote (see build_kb)."""
    from kb import schema, store

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:migrations])
    if migrations < 13:
        monkeypatch.setattr(store, "quote_labels", lambda *args: {})
    if migrations < 14:
        monkeypatch.setattr(store, "full_text_filled_at_end", _nothing_to_fill)
    db = build_kb(path, documents)
    monkeypatch.undo()
    return db


@contextmanager
def _nothing_to_fill(db):
    yield []  # the insert triggers fill the full-text indexes


@pytest.fixture(scope="session")
def seeds_dir():
    return shared_path("seeds")


@pytest.fixture(scope="session")
def seeds_gold():
    return json.loads(shared_path("gold", "seeds.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def news_gold():
    return json.loads(shared_path("gold", "article-bodies.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def news_bodies():
    """{page file name: articleBody} for the real news pages the gold annotates."""
    truth = json.loads(
        shared_path("peer", "article-bodies", "ground-truth.json").read_text("utf-8")
    )
    return {key + ".html.gz": value["articleBody"] for key, value in truth.items()}
