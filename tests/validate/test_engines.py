"""pyshacl-turbo (the engine of ``kg build``'s per-article check) against pySHACL (the
reference) on real article graphs: the bundled article and the held-out ones, as built, and
each broken in ways the shapes must catch. Both engines must give the same verdict and the
same violations (focus node, path, constraint component, severity).

The shape fixtures themselves run under both engines in ``tests/shapes/test_shapes.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL, XSD

from kg import pipeline
from kg.extract import Extractor
from kg.ingest import read_article
from kg.settings import Settings
from kg.validate import ValidationReport, validate_graph

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted(
    [
        ROOT / "data" / "articles" / "syria-coast-2025-03.txt",
        *(ROOT / "tests" / "data").glob("*.txt"),
        *(ROOT / "tests" / "data" / "heldout").glob("*.txt"),
    ]
)
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
NKG = "https://w3id.org/newskg/ontology#"


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    settings = Settings.resolve(validate=False)
    extractor = Extractor(settings)
    out = {}
    for path in ARTICLES:
        result = pipeline.build_article(read_article(path), path, extractor, settings)
        out[path.stem] = result.graph
    return out


def _violations(report: ValidationReport) -> set[tuple[str, ...]]:
    return {
        (str(r.focus_node), str(r.result_path), str(r.constraint), str(r.severity))
        for r in report.results
    }


def _copy(graph: Graph) -> Graph:
    out = Graph(identifier=graph.identifier)
    for triple in graph:
        out.add(triple)
    return out


def _drop_labels(graph: Graph) -> Graph:
    out = _copy(graph)
    out.remove((None, RDFS.label, None))
    return out


def _swap_offsets(graph: Graph) -> Graph:
    """Every mention's begin and end exchanged: begin is no longer less than end."""
    out = _copy(graph)
    begin, end = URIRef(NIF + "beginIndex"), URIRef(NIF + "endIndex")
    for mention, b in list(graph.subject_objects(begin)):
        e = graph.value(mention, end)
        out.set((mention, begin, e))
        out.set((mention, end, b))
    return out


def _bad_links(graph: Graph) -> Graph:
    """A second Wikidata identity, a malformed one, and an out-of-range confidence on every
    linked entity."""
    out = _copy(graph)
    for entity in set(graph.subjects(OWL.sameAs, None)):
        out.add((entity, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1")))
        out.add((entity, OWL.sameAs, URIRef("http://www.wikidata.org/entity/X7")))
        out.set((entity, URIRef(NKG + "linkConfidence"), Literal("1.5", datatype=XSD.decimal)))
    return out


BREAKS: dict[str, Callable[[Graph], Graph]] = {
    "as built": _copy,
    "labels dropped": _drop_labels,
    "offsets swapped": _swap_offsets,
    "bad links": _bad_links,
}


def test_there_are_articles_to_compare() -> None:
    assert len(ARTICLES) >= 8


@pytest.mark.parametrize("name", list(BREAKS))
def test_engines_agree_on_real_graphs(graphs: dict[str, Graph], name: str) -> None:
    for stem, graph in graphs.items():
        data = BREAKS[name](graph)
        reference = validate_graph(data, engine="pyshacl")
        turbo = validate_graph(data, engine="turbo")
        # as kg build runs it: the engine reading the graph's N-Triples text
        text = validate_graph(data, engine="turbo", ntriples=data.serialize(format="nt"))
        if name == "as built":
            assert reference.conforms, f"{stem}: {reference.text(data)}"
        else:
            assert not reference.conforms, f"{stem}: {name} went unnoticed"
        assert turbo.conforms == reference.conforms, stem
        assert _violations(turbo) == _violations(reference), stem
        assert text.conforms == reference.conforms, stem
        assert _violations(text) == _violations(reference), stem


def test_the_engine_reads_ntriples_text_itself() -> None:
    """The text input kg build relies on is there (its fallback, the graph, would hide it)."""
    from kg.validate.shacl import _turbo_text

    assert _turbo_text("<urn:a> <urn:b> <urn:c> .\n") is not None


def test_unknown_engine_is_refused(graphs: dict[str, Graph]) -> None:
    with pytest.raises(ValueError, match="unknown SHACL engine"):
        validate_graph(next(iter(graphs.values())), engine="nope")
