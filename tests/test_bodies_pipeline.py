"""The text that lands in sources.text for real news pages, scored against
human-checked article bodies (the peer benchmark's rule, kb/scoring/bodies.py)."""
import json

import pytest

from conftest import shared_path
from ingest.document import derive_text, detect_reader
from kb.scoring.bodies import score_bodies


@pytest.fixture(scope="module")
def stored_bodies():
    folder = shared_path("peer", "article-bodies")
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    pairs = []
    for key, page in sorted(truth.items()):
        raw = (folder / "html" / f"{key}.html.gz").read_bytes()
        assert detect_reader(raw) == "html"
        pairs.append((page["articleBody"], derive_text(raw, "html").text))
    return pairs


def test_stored_text_of_real_news_pages_scores_at_least_096(stored_bodies):
    scores = score_bodies(stored_bodies)
    assert len(stored_bodies) == 91
    assert scores["f1"] >= 0.96, scores
