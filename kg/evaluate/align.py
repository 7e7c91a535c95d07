"""Reading entities from a graph by the contract's terms only, and aligning gold entities to
them, so that the evaluation judges the graph as its users see it.

A gold entity (``name``, ``type``, ``core``, ``mentions``: surface strings without offsets)
is aligned to every graph entity one of whose mention texts (``nif:anchorOf``) equals one of
its mention strings after :func:`normalise` (case-folded, whitespace collapsed, a leading
"the" dropped, typographic apostrophes made plain).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, URIRef
from rdflib.graph import ConjunctiveGraph, Dataset

from kg.prefixes import PREFIXES

NKG = PREFIXES["nkg"]
ENTITY_CLASSES = ("ArmedGroup", "Person", "Community", "Place", "Organisation")  # specific first

_ENTITIES = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?type ?label ?alt WHERE {
  VALUES ?type { nkg:Person nkg:Organisation nkg:ArmedGroup nkg:Place nkg:Community }
  ?e a ?type .
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e skos:altLabel ?alt }
}
"""
_MENTIONS = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?e ?m ?anchor ?begin ?end WHERE {
  VALUES ?type { nkg:Person nkg:Organisation nkg:ArmedGroup nkg:Place nkg:Community }
  ?e a ?type ; nkg:mention ?m .
  ?m nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end .
}
"""
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Mention text for comparison: ``" The  Rebels"`` -> ``"rebels"``."""
    text = _SPACE.sub(" ", text.replace("\u2019", "'").strip()).casefold()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class GraphMention:
    anchor: str
    begin: int
    end: int


@dataclass(slots=True)
class GraphEntity:
    """An entity as the graph shows it."""

    iri: URIRef
    type: str  # most specific contract class (local name)
    label: str = ""
    alt_labels: set[str] = field(default_factory=set)
    mentions: list[GraphMention] = field(default_factory=list)

    @property
    def texts(self) -> set[str]:
        return {normalise(m.anchor) for m in self.mentions}


def _union(graph: Graph) -> Graph:
    if isinstance(graph, ConjunctiveGraph | Dataset):
        union = Graph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return graph


def graph_entities(graph: Graph) -> dict[URIRef, GraphEntity]:
    """Every contract entity of ``graph`` (a graph or a dataset: its union is read)."""
    g = _union(graph)
    types: dict[URIRef, set[str]] = {}
    found: dict[URIRef, GraphEntity] = {}
    for row in g.query(_ENTITIES):
        e, etype, label, alt = row  # type: ignore[misc]
        iri = URIRef(str(e))
        types.setdefault(iri, set()).add(str(etype).removeprefix(NKG))
        entity = found.setdefault(iri, GraphEntity(iri=iri, type=""))
        if label is not None:
            entity.label = str(label)
        if alt is not None:
            entity.alt_labels.add(str(alt))
    for iri, entity in found.items():
        entity.type = next(c for c in ENTITY_CLASSES if c in types[iri])
    for row in g.query(_MENTIONS):
        e, _m, anchor, begin, end = row  # type: ignore[misc]
        found[URIRef(str(e))].mentions.append(GraphMention(str(anchor), int(begin), int(end)))
    for entity in found.values():
        entity.mentions = sorted(set(entity.mentions), key=lambda m: (m.begin, m.end, m.anchor))
    return dict(sorted(found.items()))


def gold_texts(gold_entity: dict[str, Any]) -> set[str]:
    """The gold entity's mention strings, normalised (its ``name`` is not a mention)."""
    return {normalise(m) for m in gold_entity.get("mentions", [])}


def align(entities: dict[URIRef, GraphEntity], gold: dict[str, Any]) -> dict[str, list[URIRef]]:
    """Gold entity name -> IRIs of the graph entities aligned to it (any type), sorted."""
    result: dict[str, list[URIRef]] = {}
    for g in gold.get("entities", []):
        texts = gold_texts(g)
        result[g["name"]] = sorted(iri for iri, e in entities.items() if e.texts & texts)
    return result
