"""Against the live Wikidata (opt in with --network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.link.client import WikidataClient
from kg.link.online import class_map_path, item_from_entity

pytestmark = pytest.mark.network


def test_live_search_and_entities(tmp_path: Path) -> None:
    with WikidataClient(cache_dir=tmp_path) as client:
        assert "Q3766" in [r["id"] for r in client.search("Damascus")]
        item = item_from_entity(client.get_entities(["Q3766"])["Q3766"])
        assert item is not None and item.type == "Place" and item.country == "Q858"


def test_live_class_map_labels(tmp_path: Path) -> None:
    """Every class QID of p31_types.json has the English label written beside it."""
    classes = json.loads(class_map_path().read_text(encoding="utf-8"))["classes"]
    with WikidataClient(cache_dir=tmp_path) as client:
        entities = client.get_entities(sorted(classes))
    wrong = {
        q: (v["label"], entities.get(q, {}).get("labels", {}).get("en", {}).get("value"))
        for q, v in classes.items()
        if entities.get(q, {}).get("labels", {}).get("en", {}).get("value") != v["label"]
    }
    assert wrong == {}


def test_live_refresh_with_the_example_query(tmp_path: Path) -> None:
    """The example refresh query runs on the Wikidata Query Service and gives its items."""
    from kg.cli.wikidata import refresh_snapshot
    from kg.gazetteer import load_snapshot
    from kg.resources import data_dir

    out = tmp_path / "snapshot.jsonl"
    with WikidataClient(cache_dir=tmp_path / "cache") as client:
        n = refresh_snapshot(data_dir() / "wikidata" / "refresh.rq", out=out, client=client)
    items = {i.qid: i for i in load_snapshot(out)}
    assert n == len(items) >= 8
    assert items["Q3766"].type == "Place" and items["Q3766"].coord is not None
    assert items["Q44329"].type == "Person" and "Q5" in items["Q44329"].p31
