"""The gold sets, loaded in one place (../shared/gold/GUIDELINES.md).

- "seeds": ../shared/gold/seeds.json; texts are the files in ../shared/seeds;
- "news": ../shared/gold/article-bodies.json; texts are the human-checked
  ``articleBody`` of ../shared/peer/article-bodies/ground-truth.json, keyed by
  the gold file name minus ``.html.gz``;
- "demo": kb/demo/gold.json; texts are the fictional files beside it.

The seeds and demo gold files also list ``speakers`` and ``organizations``
across documents (``gold_file``); the news gold does not.
"""
import json
import pathlib
import unicodedata

_HERE = pathlib.Path(__file__).resolve()
# ../shared sits beside the clone.
SHARED = _HERE.parents[3] / "shared"
DEMO = _HERE.parents[1] / "demo"
SETS = ("seeds", "news", "demo")


def gold_file(set_name, shared=SHARED):
    """The parsed gold JSON of ``set_name``."""
    paths = {"seeds": ("gold", "seeds.json"), "news": ("gold", "article-bodies.json")}
    if set_name == "demo":
        return _json(DEMO / "gold.json")
    if set_name not in paths:
        raise ValueError(f"unknown gold set {set_name!r}: one of {', '.join(SETS)}")
    return _json(pathlib.Path(shared).joinpath(*paths[set_name]))


def article_bodies(shared=SHARED):
    """{page key: {"url", "articleBody", ...}}: the peer article-bodies ground truth."""
    return _json(pathlib.Path(shared) / "peer" / "article-bodies" / "ground-truth.json")


def gold_documents(set_name, shared=SHARED, as_stored=False):
    """(file, text, gold document dict) for each document of ``set_name``.

    ``as_stored``: seed texts as the product stores them (NFC, LF line ends),
    as the quote and entity benches score them; the figure and claim benches
    score the raw seed files. News and demo texts are used as they are.
    (Every text of the three sets is NFC with LF line ends today, so the
    choice changes no score.)
    """
    gold = gold_file(set_name, shared)
    if set_name == "news":
        bodies = article_bodies(shared)
    for document in gold["documents"]:
        file = document["file"]
        if set_name == "news":
            text = bodies[file.removesuffix(".html.gz")]["articleBody"]
        elif set_name == "demo":
            text = (DEMO / file).read_text("utf-8")
        else:
            text = (pathlib.Path(shared) / "seeds" / file).read_text("utf-8")
            if as_stored:
                text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
        yield file, text, document


def _json(path):
    return json.loads(path.read_text("utf-8"))
