"""People and organizations resolved across sources, against the gold lists."""
import json
import pathlib

import pytest
import sqlite_utils
from click.testing import CliRunner

from cli import cli

DEMO = pathlib.Path(__file__).resolve().parent.parent / "kb" / "demo"


def resolution_report(db, gold):
    """{problem: [entity names]}: missing, split over several ids, or merged with other names."""
    report = {"missing": [], "split": [], "merged": []}
    for kind, table in (("organizations", "organization"), ("speakers", "speaker")):
        for entity in gold[kind]:
            names = [entity["name"]] + entity["aliases"]
            ids = {
                row[0]
                for name in names
                for row in db.execute(f"SELECT {table}_id FROM {table}_aliases WHERE alias = ?", [name])
            }
            if not ids:
                report["missing"].append(entity["name"])
            elif len(ids) > 1:
                report["split"].append(entity["name"])
            else:
                aliases = {row[0] for row in db.execute(
                    f"SELECT alias FROM {table}_aliases WHERE {table}_id = ?", [ids.pop()])}
                if aliases - set(names):
                    report["merged"].append(entity["name"])
    return report


def build(tmp_path, paths):
    db_path = str(tmp_path / "kb.db")
    assert CliRunner().invoke(cli, ["import", *map(str, paths), "--db", db_path]).exit_code == 0
    return sqlite_utils.Database(db_path)


def test_seed_people_and_organizations_resolve_exactly(tmp_path, seeds_dir, seeds_gold):
    db = build(tmp_path, [seeds_dir])
    assert resolution_report(db, seeds_gold) == {"missing": [], "split": [], "merged": []}
    assert db["organizations"].count == len(seeds_gold["organizations"])
    assert db["speakers"].count == len(seeds_gold["speakers"])


def test_demo_people_and_organizations_resolve(tmp_path):
    gold = json.loads((DEMO / "gold.json").read_text("utf-8"))
    db = build(tmp_path, sorted(DEMO.glob("*.txt")))
    report = resolution_report(db, gold)
    found = len(gold["organizations"]) + len(gold["speakers"]) - sum(map(len, report.values()))
    assert found / (len(gold["organizations"]) + len(gold["speakers"])) >= 0.9, report


@pytest.mark.parametrize("order", ["forward", "backward"])
def test_resolution_does_not_depend_on_import_order(tmp_path, seeds_dir, seeds_gold, order):
    paths = sorted(seeds_dir.glob("*.txt"))
    db = build(tmp_path, paths if order == "forward" else paths[::-1])
    assert resolution_report(db, seeds_gold) == {"missing": [], "split": [], "merged": []}
