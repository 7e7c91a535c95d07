"""Queries whose answers must not change when a dump is loaded elsewhere."""

from __future__ import annotations

import pyoxigraph as ox

PREFIXES = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

QUERIES = {
    "triples per graph": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "organisations": "SELECT DISTINCT ?e ?label WHERE { GRAPH ?g { ?e a nkg:Organisation ; rdfs:label ?label } }",
    "casualties": "SELECT ?ev ?type ?min ?src WHERE { GRAPH ?g { ?ev a ?type ; nkg:casualtyReport ?c . ?c nkg:deathsMin ?min ; nkg:reportedBy ?src } }",
    "mentions": "SELECT ?g ?m ?b ?e ?text WHERE { GRAPH ?g { ?m nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?text } }",
    "provenance": "SELECT ?g ?a WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?a } }",
}


def answers(store: ox.Store, query: str) -> set[tuple[str, ...]]:
    solutions = store.query(PREFIXES + query)
    names = [v.value for v in solutions.variables]
    return {tuple(_value(row[n]) for n in names) for row in solutions}


def _value(term: object) -> str:
    return "" if term is None else term.value  # type: ignore[attr-defined]
