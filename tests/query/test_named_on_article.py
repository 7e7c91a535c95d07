"""The named queries on the bundled article's graph, checked against the graph itself
(so they keep holding as the extraction improves)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, URIRef

from kg import pipeline
from kg.query import run_named
from kg.rdf.vocab import NKG
from kg.settings import Settings


@pytest.fixture(scope="module")
def article_dataset(article_path: Path) -> Dataset:
    result = pipeline.build([article_path], Settings(validate=False, link=False))
    return pipeline.to_dataset([r.graph for r in result.results])


def _select(ds: Dataset, name: str, **params: str) -> list[dict[str, object]]:
    res = run_named(ds, name, params)
    return [{str(k): v for k, v in row.asdict().items()} for row in res]


@pytest.mark.parametrize("cls", ["Person", "Organisation", "ArmedGroup", "Place", "Community"])
def test_entities_of_each_type(article_dataset: Dataset, cls: str) -> None:
    g = article_dataset
    g.default_union = True
    expected = {
        (s, str(g.value(s, RDFS.label)), len(set(g.objects(s, NKG.mention))))
        for s in g.subjects(RDF.type, NKG[cls])
    }
    rows = _select(g, "entities", type=f"nkg:{cls}")
    got = {(r["entity"], str(r["label"]), int(r["mentions"])) for r in rows}  # type: ignore[call-overload]
    assert got == expected
    counts = [int(r["mentions"]) for r in rows]  # type: ignore[call-overload]
    assert counts == sorted(counts, reverse=True)


def test_demo_counts_every_person_and_armed_group(article_dataset: Dataset) -> None:
    g = article_dataset
    g.default_union = True
    expected = sum(1 for cls in (NKG.Person, NKG.ArmedGroup) for _ in g.subjects(RDF.type, cls))
    rows = _select(g, "demo")
    assert len(rows) == expected > 0
    assert all(int(r["mentions"]) >= 1 for r in rows)  # type: ignore[call-overload]


def test_event_claim_and_figure_queries_cover_the_graph(article_dataset: Dataset) -> None:
    g = article_dataset
    g.default_union = True
    events = set(g.subjects(RDF.type, NKG.Event))
    assert {r["event"] for r in _select(g, "events-in-place")} == events
    reports = set(g.objects(None, NKG.casualtyReport))
    assert {r["report"] for r in _select(g, "casualties")} == reports
    claims = set(g.subjects(RDF.type, NKG.Claim))
    assert {r["claim"] for r in _select(g, "claims-by")} == claims
    for row in _select(g, "single-source-figures"):
        assert isinstance(row["source"], URIRef) and row["report"] in reports
