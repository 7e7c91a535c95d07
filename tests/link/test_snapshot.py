"""The offline snapshot: loads, and each item's type agrees with the class evidence it
carries (P31 is not known offline: see data/wikidata/README.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.gazetteer import load_snapshot
from kg.link.names import exact_key
from kg.link.online import type_of
from kg.link.policy import close_only
from kg.resources import data_dir

ITEMS = load_snapshot()
BY_QID = {i.qid: i for i in ITEMS}

# words of the description that are evidence of each type
EVIDENCE = {
    "Person": r"politician|officer|person|president|secretary-general",
    "Place": r"state|city|capital|town|governorate|country|territor|region|plateau|village|seat of government|kingdom|republic",
    "Organisation": r"organi[sz]ation|organ\b|secretariat|agency|ngo|court|union|party|broadcaster|channel|service|body|programme|fund|alliance|league|council|office|government",
    "ArmedGroup": r"militant|militia|armed|military|army",
    "Community": r"religion|faith|islam|people|ethnic",
    "Event": r"offensive|clash|massacre|attack|conflict|war\b",
}


def test_snapshot_loads_with_unique_qids() -> None:
    assert (
        len(ITEMS)
        == len(BY_QID)
        == json.loads((data_dir() / "wikidata" / "meta.json").read_text())["items"]
    )
    assert all(re.fullmatch(r"Q[1-9][0-9]*", i.qid) for i in ITEMS)


@pytest.mark.parametrize("it", ITEMS, ids=lambda i: i.qid)
def test_type_agrees_with_class_evidence(it) -> None:  # type: ignore[no-untyped-def]
    assert it.type in EVIDENCE
    assert re.search(EVIDENCE[it.type], it.description, re.IGNORECASE), it.description
    if it.type == "Place":
        assert it.coord is not None or it.country is not None
        if it.coord:
            lat, lon = it.coord
            assert -90 <= lat <= 90 and -180 <= lon <= 180
    else:
        assert it.coord is None, "only places have coordinates"
    if it.type == "Person":
        assert it.located_in is None
    for parent in (it.located_in, it.country):
        if parent in BY_QID:
            assert BY_QID[parent].type == "Place", f"{it.qid} -> {parent} is not a place"
    if it.p31:  # only after a refresh from Wikidata: the classes must agree with the type
        assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in it.p31)
        assert type_of(it.p31) in {it.type, None}
    assert it.source


def test_the_cautions_hold() -> None:
    assert BY_QID["Q713715"].label == "Farouk al-Sharaa"
    assert BY_QID["Q163943"].type == "Community"
    assert "Q163943" in close_only()
    absent = [
        "Ahmed al-Sharaa",
        "Syrian Observatory for Human Rights",
        "Hay'at Tahrir al-Sham",
        "Alawites",
    ]
    names = {exact_key(n) for i in ITEMS for n in i.names}
    assert not {exact_key(a) for a in absent} & names


def test_a_malformed_snapshot_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "snapshot.jsonl"
    bad.write_text('{"qid": "Q1", "label": "x"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"KG104: .*snapshot.jsonl:1: malformed"):
        load_snapshot(bad)
