"""Checks run on the whole dataset before anything is published.

- the SHACL shapes of this version, on the union of all graphs;
- global checks as SPARQL (they need the whole graph, so they cannot run per article):
  at most one ``owl:sameAs`` to a Wikidata item per entity, every named graph described
  with ``prov:wasDerivedFrom`` and ``prov:wasGeneratedBy``, and no dangling IRI (every IRI
  under the base IRI used as an object is also the subject of some triple).

Problems are returned as values; the caller decides (``kg publish`` exits 1).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from kg.publish.dumps import PREFIXES
from kg.publish.source import Quads

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"

_ONE_SAME_AS = """
SELECT ?entity (COUNT(DISTINCT ?item) AS ?n) WHERE {
  ?entity <http://www.w3.org/2002/07/owl#sameAs> ?item .
  FILTER(isIRI(?item) && STRSTARTS(STR(?item), "%(wd)s"))
} GROUP BY ?entity HAVING (COUNT(DISTINCT ?item) > 1) ORDER BY ?entity
"""

_UNDESCRIBED_GRAPH = """
SELECT DISTINCT ?g ?missing WHERE {
  GRAPH ?g { ?s ?p ?o }
  VALUES ?missing { <http://www.w3.org/ns/prov#wasDerivedFrom> <http://www.w3.org/ns/prov#wasGeneratedBy> }
  FILTER NOT EXISTS { ?g ?missing ?x }
} ORDER BY ?g ?missing
"""

_DANGLING = """
SELECT DISTINCT ?iri WHERE {
  ?s ?p ?iri .
  FILTER(isIRI(?iri) && STRSTARTS(STR(?iri), "%(base)s"))
  FILTER NOT EXISTS { ?iri ?p2 ?o2 }
} ORDER BY ?iri
"""


def global_problems(quads: Quads, *, base_iri: str, limit: int = 20) -> list[str]:
    """Run the global SPARQL checks; one line per problem (at most ``limit`` per check)."""
    store = ox.Store()
    store.extend(quads.quads)
    problems: list[str] = []
    rows = _select(store, _ONE_SAME_AS % {"wd": WIKIDATA_ENTITY})
    for row in rows[:limit]:
        problems.append(
            f"{row['entity'].value}: {row['n'].value} owl:sameAs links to Wikidata (at most one)"
        )
    rows = _select(store, _UNDESCRIBED_GRAPH)
    for row in rows[:limit]:
        term = row["missing"].value.rsplit("#", 1)[-1]
        problems.append(f"{row['g'].value}: named graph not described with prov:{term}")
    rows = _select(store, _DANGLING % {"base": _escape(base_iri)})
    for row in rows[:limit]:
        problems.append(f"{row['iri'].value}: dangling IRI (used as an object, never described)")
    return problems


def shape_problems(quads: Quads, shapes: Graph | None = None) -> list[str]:
    """Validate the union of all graphs with the SHACL shapes (``kg.validate``); one line
    per violation. (Each graph's provenance is checked by :func:`global_problems`, as one
    SPARQL query rather than one per graph.)

    Args:
        quads: the dataset.
        shapes: the shapes graph; default the shipped ``shapes/*.ttl``.
    """
    from kg.publish.dumps import rdflib_term
    from kg.validate import validate_graph

    union = Graph()
    for t in quads.triples():
        union.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    for prefix, namespace in PREFIXES.items():
        union.bind(prefix, namespace, override=True)
    report = validate_graph(union, shapes=shapes)
    return [r.text(union) for r in report.violations]


def _select(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    return list(solutions)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
