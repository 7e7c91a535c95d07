"""kg/rdf/vocab.py is generated from ontology/nkg.ttl and must be up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from kg.rdf.vocab import NIF, NKG, WD

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("gen_vocab", ROOT / "tools" / "gen_vocab.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vocab_is_regenerated_from_the_ontology() -> None:
    committed = (ROOT / "kg" / "rdf" / "vocab.py").read_text(encoding="utf-8")
    assert _generator().render(ROOT / "ontology" / "nkg.ttl") == committed, (
        "kg/rdf/vocab.py is stale: run python tools/gen_vocab.py"
    )


def test_every_declared_term_is_in_the_closed_namespace(ontology: Graph) -> None:
    ns = str(NKG)
    declared = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(ns)
    }
    assert len(declared) > 40
    for term in declared:
        assert getattr(NKG, str(term)[len(ns) :]) == term


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = NKG.Persn  # a typo must fail loudly


def test_plain_namespaces_are_exported() -> None:
    assert NIF.anchorOf == URIRef(
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf"
    )
    assert URIRef("http://www.wikidata.org/entity/Q1") == WD.Q1
