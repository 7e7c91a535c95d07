"""The shared Wikidata graph of a store: merged from every build, pruned on removal.

Facts taken from Wikidata about linked entities live in one named graph shared by all
articles (``<base>graph/wikidata``, see :mod:`kg.rdf.wikidata`). A build brings each
article's contribution; :func:`refresh_shared_graph` merges it into the stored graph and
prunes what no article supports any more, so the graph is a function of the article graphs
in the store (and of the facts linking found), whatever the order they were built or
removed in:

- facts (the union of old and new) are kept when their subject is a Wikidata item that some
  article graph still links (``owl:sameAs``), a linked entity of some article graph, or the
  geometry node (``<entity>/geometry``) of such an entity;
- ``nkg:locatedIn`` between two entities is kept only while one article graph links both
  (the same rule the mapping applies to one article);
- the graph's description (its ``prov:`` provenance and that of its activity) is the newest
  build's, with ``prov:wasDerivedFrom`` listing exactly the items still linked;
- with nothing left, the graph is removed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import cast

import pyoxigraph as ox

from kg.errors import InputError
from kg.store.oxigraph import OxigraphStore, _named_node

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
PROV = "http://www.w3.org/ns/prov#"
LOCATED_IN = "https://w3id.org/newskg/ontology#locatedIn"
WD = "http://www.wikidata.org/entity/"
GEOMETRY_SUFFIX = "/geometry"

_LINKS = f"SELECT ?g ?e ?q WHERE {{ GRAPH ?g {{ ?e <{OWL_SAME_AS}> ?q }} }}"


def _parse(data: bytes, graph: ox.NamedNode) -> set[ox.Triple]:
    try:
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    except SyntaxError as e:
        raise InputError("KG256", f"N-Quads for graph <{graph.value}> are malformed: {e}") from e
    return {q.triple for q in quads}


def _provenance(triples: set[ox.Triple], graph: ox.NamedNode) -> set[ox.Triple]:
    activities = {
        t.object
        for t in triples
        if t.subject == graph and t.predicate.value == PROV + "wasGeneratedBy"
    }
    return {t for t in triples if t.subject == graph or t.subject in activities}


def refresh_shared_graph(store: OxigraphStore, graph_iri: str, contributions: bytes = b"") -> int:
    """Merge ``contributions`` (N-Quads in ``graph_iri``) into the shared graph and prune it
    to what the article graphs still link; replace it in one transaction.

    Returns:
        The number of triples now in the shared graph (0: it was removed).
    """
    graph = _named_node(graph_iri)
    inner = store._store
    old = {q.triple for q in inner.quads_for_pattern(None, None, None, graph)}
    new = _parse(contributions, graph) if contributions else set()
    new_prov = _provenance(new, graph)
    old_prov = _provenance(old, graph)
    facts = (old - old_prov) | (new - new_prov)
    derived = {
        t.object
        for t in old_prov | new_prov
        if t.subject == graph and t.predicate.value == PROV + "wasDerivedFrom"
    }
    description = {
        t
        for t in (new_prov if new_prov else old_prov)
        if not (t.subject == graph and t.predicate.value == PROV + "wasDerivedFrom")
    }

    per_graph: dict[ox.NamedNode, set[object]] = defaultdict(set)
    items: set[object] = set()
    entities: set[object] = set()
    for row in cast(ox.QuerySolutions, inner.query(_LINKS)):
        g, e, q = row["g"], row["e"], row["q"]
        if g == graph or not isinstance(q, ox.NamedNode) or not q.value.startswith(WD):
            continue
        per_graph[g].add(e)
        items.add(q)
        entities.add(e)
    together = {(a, b) for members in per_graph.values() for a in members for b in members}

    kept = set()
    for t in facts:
        s = t.subject
        if t.predicate.value == LOCATED_IN:
            if (s, t.object) in together:
                kept.add(t)
        elif s in items or s in entities:
            kept.add(t)
        elif isinstance(s, ox.NamedNode) and s.value.endswith(GEOMETRY_SUFFIX):
            owner = ox.NamedNode(s.value[: -len(GEOMETRY_SUFFIX)])
            if owner in entities:
                kept.add(t)
    if not kept:
        store.remove_graph(graph_iri)
        return 0
    derived_from = ox.NamedNode(PROV + "wasDerivedFrom")
    kept |= description
    kept |= {ox.Triple(graph, derived_from, q) for q in derived if q in items}
    body = ox.serialize(sorted(kept, key=str), format=ox.RdfFormat.N_TRIPLES) or b""
    return store.replace_graph(graph_iri, body)
