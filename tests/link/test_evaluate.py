from __future__ import annotations

from kg.evaluate.links import score_links


def test_right_wrong_missing_spurious_nil() -> None:
    gold = {"A": "Q1", "B": "Q2", "C": "Q3", "D": None, "E": None}
    predicted = {"A": "Q1", "B": "Q9", "D": "Q4", "Z": "Q5"}
    s = score_links(predicted, gold)
    assert (s.right, s.wrong, s.missing, s.spurious, s.nil_right) == (1, 1, 1, 1, 1)
    assert s.details["B"] == ("wrong", "Q2", "Q9")
    assert s.details["C"] == ("missing", "Q3", None)
    assert "Z" not in s.details  # only gold entities are scored
    assert s.precision == 0.5 and s.recall == 1 / 3


def test_empty_is_perfect_not_a_division_by_zero() -> None:
    s = score_links({}, {})
    assert (s.precision, s.recall) == (1.0, 1.0)


def test_links_section_of_the_evaluation_on_the_gold_entities() -> None:
    import json

    from kg.evaluate import evaluate_graph
    from kg.link import link_entities
    from kg.rdf.mapping import article_graph, to_dataset
    from kg.settings import Settings
    from tests.link.helpers import GOLD, gold_extraction

    extraction, _ = gold_extraction()
    link_entities(extraction, Settings())
    ds = to_dataset([article_graph(extraction, base_iri="https://w3id.org/newskg/id/")])
    report = evaluate_graph(ds, json.loads(GOLD.read_text()), extraction.article)
    links = report.section("links")
    assert links.to_dict()["right"] == 11 and links.to_dict()["wrong"] == 0
    assert links.to_dict()["missing"] == 0
    assert all(links.targets.values())
    assert "right 11, wrong 0, missing 0" in links.to_text()


def test_disagreeing_aligned_entities_count_as_wrong() -> None:
    from rdflib import OWL, Graph, URIRef

    from kg.evaluate.links import predicted_links

    g = Graph()
    a, b = URIRef("urn:x:a"), URIRef("urn:x:b")
    g.add((a, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1")))
    g.add((b, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q2")))
    predicted = predicted_links(g, {"X": [a, b], "Y": [a], "Z": []})
    assert predicted == {"X": "Q1|Q2", "Y": "Q1", "Z": None}
    assert score_links(predicted, {"X": "Q1", "Y": "Q1", "Z": None}).wrong == 1


def test_an_unlinked_graph_gets_no_links_section() -> None:
    import json

    from kg.evaluate import evaluate_graph
    from kg.rdf.mapping import article_graph
    from tests.link.helpers import GOLD, gold_extraction

    extraction, _ = gold_extraction()  # not linked
    graph = article_graph(extraction, base_iri="https://w3id.org/newskg/id/")
    report = evaluate_graph(graph, json.loads(GOLD.read_text()), extraction.article)
    assert "links" not in [s.name for s in report.sections]
    assert [s.name for s in report.sections][0] == "entities"
