import pytest

from ingest.classify import Metadata, detect_metadata
from ingest.read import decode_text

METADATA_FIELDS = ("doc_type", "title", "publisher", "published")


def seed_metadata(seeds_dir, name):
    return detect_metadata(decode_text((seeds_dir / name).read_bytes())[0])


def test_seed_metadata_matches_gold(seeds_dir, seeds_gold):
    scores = {field: 0 for field in METADATA_FIELDS}
    for doc in seeds_gold["documents"]:
        meta = seed_metadata(seeds_dir, doc["file"])
        for field in METADATA_FIELDS:
            scores[field] += getattr(meta, field) == doc[field]
    assert scores == {"doc_type": 5, "title": 5, "publisher": 5, "published": 5}


def test_petition_target_and_demand(seeds_dir):
    meta = seed_metadata(seeds_dir, "000_1a19edaf9b55823d.txt")
    assert (meta.target, meta.demand) == (
        "Satya Nadella, chief executive of Microsoft",
        "divest from ICE operations",
    )


def test_press_release_contact_and_date(seeds_dir):
    meta = seed_metadata(seeds_dir, "002_b6f8dcf92759ded0.txt")
    assert (meta.contact, meta.published, meta.publisher) == (
        "Evan Greer, 978-852-6457, press@fightforthefuture.org",
        "2018-07-26",
        "Fight for the Future",
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "FOR IMMEDIATE RELEASE: March 4, 2025\nMedia contact: Ana Ruiz, press@openroadsalliance.org\n\n"
            "Open Roads Alliance delivers 40,000 signatures\n\nThe Open Roads Alliance said on Tuesday that it delivered the signatures.\n\n###",
            Metadata(
                doc_type="press_release",
                title="Open Roads Alliance delivers 40,000 signatures",
                publisher="Open Roads Alliance",
                published="2025-03-04",
                contact="Ana Ruiz, press@openroadsalliance.org",
            ),
        ),
        (
            "Council delays camera vote\nBy Tomas Reyes\nThe Larkspur Ledger — April 2, 2025\n\n"
            + "The city council voted on Tuesday to delay a decision on the license-plate camera contract. " * 4
            + "\n\nMembers said they needed more time to read the vendor's answers to their questions.\n\n"
            "Residents packed the chamber for more than three hours of public comment on the proposal.",
            Metadata(
                doc_type="article",
                title="Council delays camera vote",
                publisher="The Larkspur Ledger",
                published="2025-04-02",
                byline="Tomas Reyes",
            ),
        ),
        (
            "To the leadership of Halvorsen Analytics:\n\nWe, the undersigned employees, ask you to end the contract.\n\n— 312 employees",
            Metadata(
                doc_type="letter",
                title="We, the undersigned employees, ask you to end the contract.",
                target="the leadership of Halvorsen Analytics",
            ),
        ),
        ("Short note without structure.", Metadata(doc_type="other", title="Short note without structure.")),
    ],
)
def test_metadata_from_text(text, expected):
    assert detect_metadata(text) == expected


def test_demo_corpus_metadata_matches_its_gold():
    import json
    import pathlib

    demo = pathlib.Path(__file__).resolve().parent.parent / "kb" / "demo"
    gold = json.loads((demo / "gold.json").read_text("utf-8"))
    detected = {
        doc["file"]: detect_metadata(decode_text((demo / doc["file"]).read_bytes())[0])
        for doc in gold["documents"]
    }
    assert {
        name: tuple(getattr(meta, field) for field in METADATA_FIELDS) for name, meta in detected.items()
    } == {doc["file"]: tuple(doc[field] for field in METADATA_FIELDS) for doc in gold["documents"]}
