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
