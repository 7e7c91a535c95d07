"""The named queries answer an analyst's questions on the bundled article as its gold
annotation says they should (the expectations come from data/articles/*.gold.json, not from
the extraction's own output)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from kg import pipeline
from kg.query import run_named
from kg.settings import Settings


@pytest.fixture(scope="module")
def graph(article_path: Path) -> Dataset:
    result = pipeline.build([article_path], Settings(validate=False))
    ds = result.dataset()
    ds.default_union = True
    return ds


def rows(ds: Dataset, name: str, **params: str) -> list[dict[str, str]]:
    return [
        {str(k): str(v) for k, v in row.asdict().items()} for row in run_named(ds, name, params)
    ]


def test_casualty_figures_with_their_sources(graph: Dataset) -> None:
    got = {
        (r.get("deathsMin"), r.get("deathsMax"), r.get("sourceLabel"))
        for r in rows(graph, "casualties")
    }
    # gold: coastal-massacres min 180 by SOHR; mukhtariyah-executions max 20 by Reuters
    assert ("180", None, "Syrian Observatory for Human Rights") in got
    assert (None, "20", "Reuters") in got


def test_figures_given_by_one_source_are_listed_once(graph: Dataset) -> None:
    got = rows(graph, "single-source-figures")
    assert len(got) == len({r["report"] for r in got})
    assert {r["sourceLabel"] for r in got} >= {"Syrian Observatory for Human Rights", "Reuters"}


def test_events_in_a_town_on_a_day(graph: Dataset) -> None:
    got = rows(
        graph, "events-in-place", place="Banias", **{"from": "2025-03-07", "to": "2025-03-07"}
    )
    # gold: banias-looting and mortar-shelling on 7 March, banias-fighting 6-7 March
    assert {"Looting", "Shelling", "Clash"} <= {r["type"] for r in got}
    assert all(r["eventPlace"] in {"Baniyas", "Banias"} for r in got)
    assert len(got) == len({r["event"] for r in got})  # one row per event: its most specific type


def test_events_in_a_country_include_its_towns(graph: Dataset) -> None:
    in_syria = {r["event"] for r in rows(graph, "events-in-place", place="Syria")}
    in_banias = {r["event"] for r in rows(graph, "events-in-place", place="Banias")}
    assert in_banias and in_banias <= in_syria


def test_what_an_actor_did(graph: Dataset) -> None:
    got = {(r["role"], r["type"]) for r in rows(graph, "actor", actor="government forces")}
    # gold: government forces looted in Banias and shelled Alawite villages
    assert {("perpetrator", "Looting"), ("perpetrator", "Shelling")} <= got


def test_claims_by_a_source(graph: Dataset) -> None:
    got = rows(graph, "claims-by", source="Syrian Observatory for Human Rights")
    assert any("180" in r["content"] for r in got)
    assert rows(graph, "claims-by", source="No Such Source") == []
