"""validate_graph returns a report value; raising is opt-in; datasets are checked as a union."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDFS, SH

from kg.errors import EXIT_NONCONFORMANT, NonConformantError
from kg.rdf.vocab import NKG
from kg.validate import ValidationReport, load_shapes, run_global_checks, validate_graph

SHAPES_TESTS = Path(__file__).resolve().parents[1] / "shapes"
PERSON = URIRef("https://w3id.org/newskg/id/person/x")
GRAPH = URIRef("https://w3id.org/newskg/id/graph/a1")


@pytest.fixture(scope="module")
def article() -> Graph:
    graph = Graph().parse(SHAPES_TESTS / "base.ttl", format="turtle")
    return graph.parse(SHAPES_TESTS / "valid" / "article-graph.ttl", format="turtle")


def _unlabelled_person() -> Graph:
    graph = Graph()
    graph.add((PERSON, RDF.type, NKG.Person))
    return graph


def test_conforming_graph(article: Graph) -> None:
    report = validate_graph(article)
    assert report.conforms
    assert report.results == []
    assert report.text().startswith("Conforms")
    report.raise_for_violations()  # no exception


def test_results_carry_focus_path_component_and_shape() -> None:
    report = validate_graph(_unlabelled_person())
    assert not report.conforms
    by_path = {r.result_path: r for r in report.results}
    label = by_path[RDFS.label]
    assert label.focus_node == PERSON
    assert label.constraint == SH.MinCountConstraintComponent
    assert label.severity == SH.Violation
    assert "exactly one rdfs:label" in label.message
    assert label.source_shape is not None
    assert NKG.mention in by_path


def test_text_names_each_violation() -> None:
    graph = _unlabelled_person()
    graph.bind("person", "https://w3id.org/newskg/id/person/")
    text = validate_graph(graph).text(graph)
    assert text.splitlines()[0] == "Does not conform: 2 violation(s), 2 result(s)."
    assert "person:x rdfs:label: MinCountConstraintComponent" in text


def test_raise_for_violations_is_opt_in() -> None:
    report = validate_graph(_unlabelled_person())
    with pytest.raises(NonConformantError) as info:
        report.raise_for_violations()
    assert info.value.exit_code == EXIT_NONCONFORMANT
    assert info.value.code == "KG301"
    assert "(and 1 more)" in info.value.message


def test_results_are_sorted_and_stable() -> None:
    first = validate_graph(_unlabelled_person())
    second = validate_graph(_unlabelled_person())
    assert first == second
    assert [r.result_path for r in first.results] == sorted(
        (r.result_path for r in first.results), key=str
    )


def test_focus_restricts_validation(article: Graph) -> None:
    graph = Graph()
    graph += article
    graph += _unlabelled_person()
    assert not validate_graph(graph).conforms
    others = set(graph.subjects(RDF.type, NKG.Organisation))
    assert validate_graph(graph, focus=others).conforms
    assert not validate_graph(graph, focus={PERSON}).conforms


def test_custom_shapes_graph() -> None:
    shapes = load_shapes([Path("shapes/article.ttl").resolve()])
    report = validate_graph(_unlabelled_person(), shapes=shapes)
    assert report == ValidationReport(conforms=True, results=[])


def test_dataset_is_validated_as_union_with_graph_provenance(article: Graph) -> None:
    ds = Dataset()
    target = ds.graph(GRAPH)
    for triple in article:
        target.add(triple)
    assert validate_graph(ds).conforms

    ds.graph(GRAPH).remove((GRAPH, PROV.wasGeneratedBy, None))
    report = validate_graph(ds)
    assert not report.conforms
    missing = [r for r in report.results if r.focus_node == GRAPH]
    assert [r.result_path for r in missing] == [PROV.wasGeneratedBy]
    assert missing[0].constraint == SH.SPARQLConstraintComponent


def test_dataset_union_sees_facts_across_graphs(article: Graph) -> None:
    ds = Dataset()
    other = URIRef("https://w3id.org/newskg/id/graph/a2")
    for triple in article:
        ds.graph(GRAPH).add(triple)
    # A second graph may mention a label-less person whose label sits in the first graph.
    ds.graph(GRAPH).add((PERSON, RDF.type, NKG.Person))
    ds.graph(GRAPH).add((PERSON, RDFS.label, Literal("X")))
    mention = next(article.subjects(RDF.type, NKG.Mention))
    ds.graph(other).add((PERSON, NKG.mention, mention))
    report = validate_graph(ds)
    assert {r.focus_node for r in report.results} == {other}  # only the undescribed graph
    assert {r.result_path for r in report.results} == {PROV.wasDerivedFrom, PROV.wasGeneratedBy}


def test_global_checks_find_two_links_and_a_shared_link() -> None:
    wd = "http://www.wikidata.org/entity/"
    a, b = (
        URIRef("https://w3id.org/newskg/id/person/a"),
        URIRef("https://w3id.org/newskg/id/person/b"),
    )
    graph = Graph()
    graph.add((a, OWL.sameAs, URIRef(f"{wd}Q1")))
    graph.add((a, OWL.sameAs, URIRef(f"{wd}Q2")))
    graph.add((b, OWL.sameAs, URIRef(f"{wd}Q2")))
    results = run_global_checks(graph)
    by_check = {str(r.source_shape).rsplit("#", 1)[1]: r for r in results}
    assert set(by_check) == {"OneWikidataLink", "SharedWikidataLink"}
    assert by_check["OneWikidataLink"].focus_node == a
    assert "2 owl:sameAs" in by_check["OneWikidataLink"].message
    assert by_check["SharedWikidataLink"].severity == SH.Warning
    assert by_check["SharedWikidataLink"].value == URIRef(f"{wd}Q2")


def test_global_checks_are_silent_on_a_clean_graph(article: Graph) -> None:
    assert run_global_checks(article) == []


def test_dataset_reports_a_shared_link_as_a_warning(article: Graph) -> None:
    ds = Dataset()
    for triple in article:
        ds.graph(GRAPH).add(triple)
    place = next(article.subjects(OWL.sameAs, None))
    person = next(article.subjects(RDF.type, NKG.Person))
    ds.graph(GRAPH).add((person, OWL.sameAs, article.value(place, OWL.sameAs)))
    report = validate_graph(ds)
    assert report.conforms
    assert [r.severity for r in report.results] == [SH.Warning]
