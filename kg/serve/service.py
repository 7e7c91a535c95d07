"""The SPARQL 1.1 Service Description of the endpoint, serialised by pyoxigraph."""

from __future__ import annotations

import pyoxigraph as ox

from kg.store.results import GRAPH_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def service_description(endpoint: str, fmt: str, *, updates: bool) -> bytes:
    """Describe the endpoint at ``endpoint`` in the RDF format ``fmt`` (a graph format name).

    Args:
        endpoint: the endpoint's absolute URL (it is also the service's IRI).
        fmt: ``turtle``, ``ntriples``, ``rdfxml`` or ``jsonld``.
        updates: whether SPARQL Update is enabled (a write token was set).
    """
    service = ox.NamedNode(endpoint)
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, sd("Graph")),
    ]
    if updates:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    triples += [
        ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + name))
        for name in RESULT_FORMATS
    ]
    prefixes = {"sd": SD, "formats": FORMATS}
    out = ox.serialize(
        triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes if fmt == "turtle" else None
    )
    assert out is not None  # no output file given: pyoxigraph returns the bytes
    return out
