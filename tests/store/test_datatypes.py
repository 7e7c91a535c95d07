"""RDF read back from the store carries the contract's datatypes again (Oxigraph keeps only
primitive XSD types: xsd:nonNegativeInteger comes back as xsd:integer)."""

from __future__ import annotations

from pathlib import Path

from kg.store import open_store
from kg.store.datatypes import contract_datatypes

NNI = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
G = "https://example.org/id/graph/a"
DATA = f"""<https://example.org/id/mention/a/0-4> <{NIF}beginIndex> "0"^^<{NNI}> .
<https://example.org/id/mention/a/0-4> <{NIF}endIndex> "4"^^<{NNI}> .
<https://example.org/id/mention/a/0-4> <https://example.org/p> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .
""".encode()


def test_shapes_declare_the_offsets_and_figures() -> None:
    declared = contract_datatypes()
    for prop in (
        NIF + "beginIndex",
        NIF + "endIndex",
        "https://w3id.org/newskg/ontology#deathsMin",
    ):
        assert declared[prop] == NNI


def test_construct_from_the_store_restores_derived_types(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.replace_graph(G, DATA)
    select = store.query(f"SELECT ?b WHERE {{ ?m <{NIF}beginIndex> ?b }}")
    assert select.rows[0][0].datatype == "http://www.w3.org/2001/XMLSchema#integer"  # the trap
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    types = {p.value: o.datatype for _, p, o in graph.triples}
    assert types[NIF + "beginIndex"] == NNI and types[NIF + "endIndex"] == NNI
    # an undeclared property keeps what it had
    assert types["https://example.org/p"] == "http://www.w3.org/2001/XMLSchema#integer"
    store.close()
