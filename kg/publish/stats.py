"""Counts of a dataset, as VoID reports them.

- ``triples``: distinct triples of the union of all graphs (the N-Triples dump's lines);
- ``entities``: distinct IRIs under the base IRI (``void:uriSpace``) that are the subject of
  a triple;
- class partitions: per class, the distinct subjects typed with it (``void:entities``);
- property partitions: per property, the distinct triples using it (``void:triples``);
- per named graph (one per article): its triples and entities, and the article it was
  derived from (``prov:wasDerivedFrom``) with that article's title, source URL, licence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.publish.source import Quads

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
DCTERMS = "http://purl.org/dc/terms/"


@dataclass(slots=True)
class ArticleInfo:
    """What a graph's source article says about itself (terms as IRIs or literal text)."""

    iri: str
    title: str | None = None
    source: ox.NamedNode | ox.Literal | None = None
    licence: ox.NamedNode | ox.Literal | None = None
    publisher: str | None = None


@dataclass(slots=True)
class GraphStats:
    iri: str
    triples: int
    entities: int
    article: ArticleInfo | None


@dataclass(slots=True)
class Stats:
    triples: int
    quads: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    classes: dict[str, int] = field(default_factory=dict)
    properties: dict[str, int] = field(default_factory=dict)
    graphs: list[GraphStats] = field(default_factory=list)


def _is_entity(term: object, base_iri: str) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(base_iri)


def compute_stats(quads: Quads, *, base_iri: str) -> Stats:
    """Count the dataset's triples, entities, partitions and per-graph figures."""
    triples = quads.triples()
    classes: dict[str, set[str]] = defaultdict(set)
    properties: Counter[str] = Counter()
    subjects: set[str] = set()
    objects: set[str] = set()
    for t in triples:
        subjects.add(str(t.subject))
        objects.add(str(t.object))
        properties[t.predicate.value] += 1
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            classes[t.object.value].add(str(t.subject))
    entities = {_value(t.subject) for t in triples if _is_entity(t.subject, base_iri)}
    graphs = []
    for name, members in sorted(quads.by_graph().items()):
        if not name:
            continue
        ents = {_value(q.subject) for q in members if _is_entity(q.subject, base_iri)}
        graphs.append(GraphStats(name, len(members), len(ents), _article(name, members)))
    return Stats(
        triples=len(triples),
        quads=len(quads.lines),
        entities=len(entities),
        distinct_subjects=len(subjects),
        distinct_objects=len(objects),
        classes={c: len(s) for c, s in sorted(classes.items())},
        properties=dict(sorted(properties.items())),
        graphs=graphs,
    )


def _article(graph_iri: str, members: list[ox.Quad]) -> ArticleInfo | None:
    article = next(
        (
            _value(q.object)
            for q in members
            if _value(q.subject) == graph_iri
            and q.predicate.value == DERIVED_FROM
            and isinstance(q.object, ox.NamedNode)
        ),
        None,
    )
    if article is None:
        return None
    info = ArticleInfo(article)
    for q in members:
        if _value(q.subject) != article or not q.predicate.value.startswith(DCTERMS):
            continue
        term = q.predicate.value.removeprefix(DCTERMS)
        if term == "title":
            info.title = _value(q.object)
        elif term == "source" and isinstance(q.object, ox.NamedNode | ox.Literal):
            info.source = q.object
        elif term == "license" and isinstance(q.object, ox.NamedNode | ox.Literal):
            info.licence = q.object
        elif term == "publisher":
            info.publisher = _value(q.object)
    return info


def _value(term: object) -> str:
    """The IRI, blank node id or lexical form of a term (an RDF-star triple as N-Triples)."""
    return str(getattr(term, "value", term))


def article_key(graph_iri: str) -> str:
    """The last path segment of a graph IRI (``<base>graph/<key>`` -> ``<key>``)."""
    tail = graph_iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in tail) or "graph"
