"""Deterministic files of a release: gzip-compressed sorted dumps and per-article JSON-LD.

- N-Quads keeps the named graphs; N-Triples and Turtle hold the union of all graphs
  (distinct triples). Lines are sorted, so Turtle groups each subject's triples.
- Each format is cut into numbered parts of at most ``chunk_size`` statements
  (``data-00001.nq.gz``, ``data-00002.nq.gz``, ...); every part is a complete document.
- gzip is written with header timestamp 0 and no file name, so the bytes depend only on the
  content.
- JSON-LD: one file per named graph, compacted with the published context
  (:data:`CONTEXT`, also written as ``context.jsonld``) which each file carries inline so it
  parses offline; nodes sorted by ``@id`` and values sorted, keys sorted.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.prefixes import PREFIXES

CONTEXT: dict[str, str] = dict(sorted(PREFIXES.items()))
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True, slots=True)
class DumpFormat:
    suffix: str
    media_type: str
    label: str


NQUADS = DumpFormat("nq", "application/n-quads", "N-Quads (named graphs kept)")
NTRIPLES = DumpFormat("nt", "application/n-triples", "N-Triples (union of all graphs)")
TURTLE = DumpFormat("ttl", "text/turtle", "Turtle (union of all graphs)")


def write_gzip(path: Path, data: bytes) -> None:
    """Write ``data`` gzip-compressed with a fixed header (mtime 0, no file name)."""
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(data)


def _parts(items: Sequence[object], size: int) -> list[Sequence[object]]:
    if not items:
        return [items]
    return [items[i : i + size] for i in range(0, len(items), size)]


def write_dumps(
    quads: Sequence[ox.Quad],
    triples: Sequence[ox.Triple],
    folder: Path,
    *,
    chunk_size: int,
    prefixes: dict[str, str],
) -> dict[DumpFormat, list[Path]]:
    """Write the N-Quads, N-Triples and Turtle dumps into ``folder``; files per format."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[DumpFormat, list[Path]] = {}
    for fmt, items in ((NQUADS, quads), (NTRIPLES, triples), (TURTLE, triples)):
        paths = []
        for n, part in enumerate(_parts(items, chunk_size), 1):
            path = folder / f"data-{n:05d}.{fmt.suffix}.gz"
            write_gzip(path, _serialize(fmt, part, prefixes))
            paths.append(path)
        written[fmt] = paths
    return written


def _serialize(fmt: DumpFormat, part: Iterable[object], prefixes: dict[str, str]) -> bytes:
    if fmt is NQUADS:
        return "".join(f"{q} .\n" for q in part).encode("utf-8")
    if fmt is NTRIPLES:
        return "".join(f"{t} .\n" for t in part).encode("utf-8")
    triples = [t for t in part if isinstance(t, ox.Triple)]
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""


def graph_jsonld(graph_iri: str, triples: Iterable[ox.Triple]) -> bytes:
    """One named graph as compacted, canonically ordered JSON-LD."""
    g = Graph()
    for t in triples:
        g.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    doc = json.loads(g.serialize(format="json-ld", context=CONTEXT, auto_compact=False))
    if isinstance(doc, dict):
        nodes = doc.get("@graph", [{k: v for k, v in doc.items() if k != "@context"}])
    else:
        nodes = doc
    ordered = sorted((_sort_values(n) for n in nodes), key=lambda n: str(n.get("@id", "")))
    out = {"@context": CONTEXT, "@id": graph_iri, "@graph": ordered}
    return (json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def rdflib_term(term: object) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # a simple literal, as rdflib's parsers give it
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported RDF term {term!r}")


def _sort_values(node: dict) -> dict:
    result = {}
    for key, value in node.items():
        if isinstance(value, list) and len(value) > 1:
            value = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        result[key] = value
    return result


def context_document() -> bytes:
    """The published ``context.jsonld``."""
    return (json.dumps({"@context": CONTEXT}, indent=1, sort_keys=True) + "\n").encode("utf-8")
