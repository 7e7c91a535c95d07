"""HermiT (through owlready2) finds the ontology consistent, alone and with an article graph,
and finds deliberately contradictory data inconsistent. Each HermiT run takes about 0.5-1 s."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf.vocab import NKG
from kg.reason import ReasoningReport, check_consistency
from kg.resources import ontology_dir, ontology_file

SHAPES_TESTS = Path(__file__).resolve().parents[1] / "shapes"
ID = "https://w3id.org/newskg/id/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


@pytest.fixture(scope="module")
def article() -> Graph:
    """A hand-made article graph: five kinds of entities, mentions, a shelling with roles,
    place, date and two casualty reports, a protest, two claims, provenance."""
    graph = Graph().parse(SHAPES_TESTS / "base.ttl", format="turtle")
    return graph.parse(SHAPES_TESTS / "valid" / "article-graph.ttl", format="turtle")


def test_ontology_alone_is_consistent(ontology: Graph) -> None:
    report = check_consistency(ontology)
    assert report.consistent, report.message
    assert report.inconsistent_classes == []
    assert report.ok
    assert report.triples == len(ontology)


def test_ontology_with_article_graph_is_consistent(ontology: Graph, article: Graph) -> None:
    report = check_consistency(ontology, article)
    assert report.ok, report.message
    assert report.triples == len(ontology + article)


def test_person_that_is_a_place_is_inconsistent(ontology: Graph, article: Graph) -> None:
    bad = Graph()
    bad.add((URIRef(f"{ID}person/x"), RDF.type, NKG.Person))
    bad.add((URIRef(f"{ID}person/x"), RDF.type, NKG.Place))
    report = check_consistency(ontology, article, bad)
    assert report == ReasoningReport(
        consistent=False, message=report.message, triples=len(ontology + article + bad)
    )
    assert report.message.startswith("inconsistent")
    assert not report.ok


def test_statement_that_is_an_attack_is_inconsistent(ontology: Graph) -> None:
    bad = Graph()
    event = URIRef(f"{ID}event/a1/1")
    for cls in (NKG.Event, NKG.Statement, NKG.Attack):
        bad.add((event, RDF.type, cls))
    assert not check_consistency(ontology, bad).consistent


def test_two_minimum_death_counts_are_inconsistent(ontology: Graph) -> None:
    bad = Graph()
    report = URIRef(f"{ID}casualty/a1/1/1")
    bad.add((report, RDF.type, NKG.CasualtyReport))
    for n in (12, 20):
        bad.add((report, NKG.deathsMin, Literal(n, datatype=XSD.nonNegativeInteger)))
    assert not check_consistency(ontology, bad).consistent


def test_ontology_with_acled_scheme_is_consistent(ontology: Graph) -> None:
    acled = Graph().parse(ontology_dir() / "acled.ttl", format="turtle")
    assert check_consistency(ontology, acled).ok


def test_ontology_with_the_bundled_article_build_is_consistent(
    ontology: Graph, article_path: Path
) -> None:
    """The real output: the bundled article's graph and its Wikidata graph, as built."""
    from kg import pipeline
    from kg.settings import Settings

    result = pipeline.build([article_path], Settings())
    union = Graph()
    for quad in result.dataset().quads():
        union.add(quad[:3])
    assert result.counts()["events"] > 0 and len(union) > 500
    report = check_consistency(ontology, union)
    assert report.consistent, report.message
