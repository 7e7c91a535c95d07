"""The entity metric on a hand-made graph, with known scores."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from kg.evaluate import align_entities, evaluate_graph
from kg.model import Article
from kg.rdf.vocab import NIF, NKG

BODY = "Ali Bo met Syrian rebels in Hama. Bo left. Countless fled."
GOLD = {
    "entities": [
        {"name": "Ali Bo", "type": "Person", "core": True, "mentions": ["Ali Bo", "Bo"]},
        {"name": "Hama", "type": "Place", "core": True, "mentions": ["Hama"]},
        {"name": "rebels", "type": "ArmedGroup", "core": False, "mentions": ["Syrian rebels"]},
    ],
    "not_entities": ["Countless"],
}
BASE = "https://example.org/"


def add_entity(g: Graph, name: str, types: list[str], label: str, spans: list[str]) -> URIRef:
    node = URIRef(BASE + name)
    for t in types:
        g.add((node, RDF.type, NKG[t]))
    g.add((node, RDFS.label, Literal(label)))
    for text in spans:
        begin = BODY.index(text)
        m = URIRef(f"{BASE}m/{begin}")
        g.add((node, NKG.mention, m))
        g.add((m, NIF.anchorOf, Literal(text)))
        g.add((m, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
        g.add((m, NIF.endIndex, Literal(begin + len(text), datatype=XSD.nonNegativeInteger)))
    return node


def test_perfect_graph_scores_one() -> None:
    g = Graph()
    add_entity(g, "p", ["Person"], "Ali Bo", ["Ali Bo", "Bo"])
    add_entity(g, "h", ["Place"], "Hama", ["Hama"])
    add_entity(g, "r", ["ArmedGroup", "Organisation"], "Syrian rebels", ["Syrian rebels"])
    section = evaluate_graph(g, GOLD, Article(body=BODY)).section("entities")
    assert (section.all.precision, section.all.recall, section.all.f1) == (1.0, 1.0, 1.0)
    assert section.nationality == [] and section.wrong_offsets == []


def test_split_wrong_type_not_entity_and_nationality_are_counted() -> None:
    g = Graph()
    add_entity(g, "p1", ["Person"], "Ali Bo", ["Ali Bo"])
    add_entity(g, "p2", ["Person"], "Bo", ["Bo"])  # split: one TP, one FP
    add_entity(g, "h", ["Organisation"], "Hama", ["Hama"])  # wrong type: FP, Hama missed
    add_entity(g, "c", ["Organisation"], "Countless", ["Countless"])  # a gold non-entity
    add_entity(g, "s", ["Community"], "Syrian", ["Syrian"])  # a nationality adjective
    section = evaluate_graph(g, GOLD, Article(body=BODY)).section("entities")
    # TP = 1 (Ali Bo); predicted 5; gold 3
    assert section.all.tp == 1 and section.all.predicted == 5 and section.all.gold == 3
    assert round(section.all.f1, 4) == round(2 * 0.2 * (1 / 3) / (0.2 + 1 / 3), 4)
    assert section.split_core == {"Ali Bo": ["Ali Bo (Person)", "Bo (Person)"]}
    assert section.missed == ["Hama", "rebels"]
    assert section.not_entities == ["Countless (Organisation)"]
    assert section.nationality == ["Syrian (Community)"]
    # core: "rebels" is not core; every graph entity counts (none aligns only with it)
    assert section.core.tp == 1 and section.core.gold == 2 and section.core.predicted == 5
    assert not evaluate_graph(g, GOLD, Article(body=BODY)).ok


def test_wrong_offsets_are_reported() -> None:
    g = Graph()
    node = add_entity(g, "h", ["Place"], "Hama", ["Hama"])
    m = URIRef(BASE + "m/bad")
    g.add((node, NKG.mention, m))
    g.add((m, NIF.anchorOf, Literal("Hama")))
    g.add((m, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
    g.add((m, NIF.endIndex, Literal(4, datatype=XSD.nonNegativeInteger)))
    section = evaluate_graph(g, GOLD, Article(body=BODY)).section("entities")
    assert section.wrong_offsets == ["'Hama' 0-4"]
    assert section.targets["every mention offset exact"] is False


def test_alignment_ignores_case_and_a_leading_the() -> None:
    g = Graph()
    node = add_entity(g, "r", ["ArmedGroup"], "rebels", ["Syrian rebels"])
    gold = {"entities": [{"name": "x", "type": "ArmedGroup", "mentions": ["the SYRIAN rebels"]}]}
    assert align_entities(g, gold, Article(body=BODY)) == {"x": [node]}


def test_report_renders_text_and_json() -> None:
    g = Graph()
    add_entity(g, "h", ["Place"], "Hama", ["Hama"])
    report = evaluate_graph(g, GOLD, Article(body=BODY))
    assert "entities (all)" in report.to_text()
    d = report.to_dict()
    assert d["entities"]["all"]["tp"] == 1 and d["entities"]["all"]["gold"] == 3
    assert '"f1"' in report.to_json()


def test_a_dataset_is_read_as_the_union_of_its_graphs() -> None:
    from rdflib import Dataset

    g = Graph()
    add_entity(g, "p", ["Person"], "Ali Bo", ["Ali Bo", "Bo"])
    ds = Dataset()
    named = ds.graph(URIRef(BASE + "graph/1"))
    for triple in g:
        named.add(triple)
    section = evaluate_graph(ds, GOLD, Article(body=BODY)).section("entities")
    assert section.all.tp == 1 and section.all.predicted == 1
