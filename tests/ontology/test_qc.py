"""SPARQL QC "violation" queries (after CCO and the ODK): each must return no row against the
ontology and the shapes, and each must find the defect it is written for in a broken copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.resources import ontology_dir, shape_files

QC = sorted((Path(__file__).resolve().parent / "qc").glob("*-violation.rq"))

BROKEN = """
@prefix nkg:  <https://w3id.org/newskg/ontology#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh:   <http://www.w3.org/ns/shacl#> .
@prefix ex:   <http://example.org/> .

nkg:Broken a owl:Class ; rdfs:label "Broken"@en, "Kaputt"@en ; rdfs:subClassOf ex:Undeclared .
nkg:brokenLink a owl:ObjectProperty ; rdfs:label "broken link"@en .
nkg:Raid a owl:Class ; rdfs:subClassOf nkg:Attack .
ex:Shape a sh:NodeShape ; sh:targetClass nkg:Brokn .
"""


@pytest.fixture(scope="module")
def checked() -> Graph:
    graph = Graph()
    for path in [ontology_dir() / "nkg.ttl", ontology_dir() / "acled.ttl", *shape_files()]:
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def broken(checked: Graph) -> Graph:
    graph = Graph()
    graph += checked
    return graph.parse(data=BROKEN, format="turtle")


def test_there_are_qc_queries() -> None:
    assert len(QC) >= 6


@pytest.mark.parametrize("query", QC, ids=[q.stem for q in QC])
def test_no_violation(checked: Graph, query: Path) -> None:
    rows = list(checked.query(query.read_text(encoding="utf-8")))
    assert rows == [], f"{query.name}: {rows}"


@pytest.mark.parametrize("query", QC, ids=[q.stem for q in QC])
def test_query_finds_its_defect(broken: Graph, query: Path) -> None:
    assert list(broken.query(query.read_text(encoding="utf-8"))), f"{query.name} found nothing"
