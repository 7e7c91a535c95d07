"""Checks before writing: a failing shape or global check writes nothing (CLI exit 1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rdflib import OWL, Dataset, Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.publish import publish
from kg.publish.checks import global_problems
from kg.publish.source import load_quads
from tests.publish.samples import BASE

WD = "http://www.wikidata.org/entity/"
PLACE = URIRef(BASE + "place/Q1")


def _first_graph(dataset: Dataset):
    return next(g for g in dataset.graphs() if len(g))


def test_clean_data_has_no_problem(dataset: Dataset) -> None:
    assert global_problems(load_quads(dataset), base_iri=BASE) == []


def test_two_wikidata_links_for_one_entity(dataset: Dataset, tmp_path: Path) -> None:
    # the second link sits in the other graph: only a whole-graph check can see it
    graphs = [g for g in dataset.graphs() if len(g)]
    graphs[-1].add((PLACE, OWL.sameAs, URIRef(WD + "Q99")))
    problems = global_problems(load_quads(dataset), base_iri=BASE)
    assert problems == [f"{PLACE}: 2 owl:sameAs links to Wikidata (at most one)"]
    out = tmp_path / "release"
    report = publish(dataset, out, version="1", issued=date(2025, 1, 1), base_iri=BASE)
    assert not report.ok and problems[0] in report.problems
    # the shipped shapes say it too, on the union of the graphs
    assert any(p.startswith(f"Violation: <{PLACE}> owl:sameAs") for p in report.problems)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temp folder left behind either


def test_dangling_iri(dataset: Dataset) -> None:
    ghost = URIRef(BASE + "person/nobody")
    _first_graph(dataset).add((PLACE, URIRef("https://w3id.org/newskg/ontology#locatedIn"), ghost))
    # an IRI outside the base IRI is not ours to describe
    _first_graph(dataset).add((PLACE, OWL.sameAs, URIRef("https://elsewhere.example/x")))
    problems = global_problems(load_quads(dataset), base_iri=BASE)
    assert problems == [f"{ghost}: dangling IRI (used as an object, never described)"]


def test_shape_violation_writes_nothing_and_cli_exits_1(dataset: Dataset, tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix nkg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:test:PlaceShape> a sh:NodeShape ; sh:targetClass nkg:Place ;
  sh:property [ sh:path rdfs:comment ; sh:minCount 1 ] .
"""
    )
    out = tmp_path / "release"
    report = publish(
        dataset, out, version="1", issued=date(2025, 1, 1), base_iri=BASE, shapes=[shapes]
    )
    assert not report.ok
    assert len(report.problems) == 1 and str(PLACE) in report.problems[0]
    assert not out.exists()
    # the default shapes of this version accept the sample data
    ok = publish(dataset, out, version="1", issued=date(2025, 1, 1), base_iri=BASE)
    assert ok.ok


def test_cli_check_failure_exit_1(dataset: Dataset, tmp_path: Path) -> None:
    _first_graph(dataset).add((PLACE, OWL.sameAs, URIRef(WD + "Q98")))
    _first_graph(dataset).add((PLACE, OWL.sameAs, URIRef(WD + "Q99")))
    source = tmp_path / "data.nq"
    source.write_bytes(dataset.serialize(format="nquads", encoding="utf-8"))
    out = tmp_path / "release"
    result = CliRunner().invoke(
        app, ["publish", "--store", str(source), "--out", str(out), "--base-iri", BASE]
    )
    assert result.exit_code == 1, result.output
    assert "owl:sameAs" in result.stderr and "nothing written" in result.stderr
    assert not out.exists()


def test_literal_objects_are_not_dangling(dataset: Dataset) -> None:
    _first_graph(dataset).add((PLACE, URIRef("urn:x:note"), Literal(BASE + "person/x")))
    assert global_problems(load_quads(dataset), base_iri=BASE) == []


def test_undescribed_graph(dataset: Dataset) -> None:
    stray = dataset.graph(URIRef(BASE + "graph/stray"))
    stray.add((PLACE, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal("x")))
    problems = global_problems(load_quads(dataset), base_iri=BASE)
    assert problems == [
        f"{BASE}graph/stray: named graph not described with prov:wasDerivedFrom",
        f"{BASE}graph/stray: named graph not described with prov:wasGeneratedBy",
    ]
