"""Checks run on the whole dataset before anything is published.

- the SHACL shapes of this version, on the union of all graphs;
- global checks as SPARQL (they need the whole graph, so they cannot run per article):
  at most one ``owl:sameAs`` to a Wikidata item per entity, and no dangling IRI (every IRI
  under the base IRI used as an object is also the subject of some triple).

Problems are returned as values; the caller decides (``kg publish`` exits 1).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.publish.source import Quads

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"

_ONE_SAME_AS = """
SELECT ?entity (COUNT(DISTINCT ?item) AS ?n) WHERE {
  ?entity <http://www.w3.org/2002/07/owl#sameAs> ?item .
  FILTER(isIRI(?item) && STRSTARTS(STR(?item), "%(wd)s"))
} GROUP BY ?entity HAVING (COUNT(DISTINCT ?item) > 1) ORDER BY ?entity
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
    rows = _select(store, _DANGLING % {"base": _escape(base_iri)})
    for row in rows[:limit]:
        problems.append(f"{row['iri'].value}: dangling IRI (used as an object, never described)")
    return problems


def shape_problems(quads: Quads, shapes: Graph | None = None) -> list[str]:
    """Validate the whole dataset with the SHACL shapes (``kg.validate.validate_graph``: the
    union against the shapes, plus each named graph's provenance); one line per violation.

    Args:
        quads: the dataset.
        shapes: the shapes graph; default the shipped ``shapes/*.ttl``.
    """
    from kg.validate import validate_graph

    dataset = Dataset()
    dataset.parse(data=quads.nquads(), format="nquads")
    report = validate_graph(dataset, shapes=shapes)
    return [r.text(dataset) for r in report.violations]


def _select(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    return list(solutions)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
