"""``void.ttl``: the dataset description (VoID + DCAT) of a release.

The dataset IRI is ``<base>dataset/<version>`` (``dcterms:isVersionOf <base>dataset``);
partitions, subsets and distributions get IRIs under it, so the file has no blank node
and serialises the same way every time. Download URLs are relative to ``void.ttl`` (so
they resolve wherever the release folder is served) unless ``download_url`` is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, VOID

from kg.publish.dumps import PREFIXES
from kg.publish.stats import Stats, article_key

DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")  # DCAT 3; rdflib knows DCAT 2
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
IANA = "http://www.iana.org/assignments/media-types/"
_PLACEHOLDER = "http://release.invalid/"
CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True, slots=True)
class DescribedFile:
    """A file of the release, for ``dcat:distribution`` / ``void:dataDump``."""

    relpath: str
    media_type: str
    byte_size: int
    title: str
    dump: bool = True
    graph: str | None = None


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    base_iri: str
    version: str
    issued: date
    licence: str = CC_BY_4
    title: str = "newskg: a knowledge graph of armed-conflict news"
    description: str = (
        "Entities, events, casualty reports and claims extracted from news articles about "
        "armed conflict, each grounded in the mentions it came from and attributed to its "
        "source; one named graph per article."
    )
    sparql_endpoint: str | None = None
    download_url: str | None = None


def dataset_iri(info: ReleaseInfo) -> str:
    return f"{info.base_iri}dataset/{info.version}"


def void_turtle(stats: Stats, files: list[DescribedFile], info: ReleaseInfo) -> bytes:
    """Serialise the VoID/DCAT description of a release as Turtle."""
    g = Graph()
    for prefix, ns in (
        ("void", VOID),
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("owl", OWL),
        ("prov", PROV),
        ("sd", SD),
        ("xsd", XSD),
        ("nkg", Namespace(PREFIXES["nkg"])),
        ("nif", Namespace(PREFIXES["nif"])),
    ):
        g.bind(prefix, ns, override=True)
    ds = URIRef(dataset_iri(info))
    where = info.download_url or _PLACEHOLDER
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal(info.title, lang="en")))
    g.add((ds, DCTERMS.description, Literal(info.description, lang="en")))
    g.add((ds, DCTERMS.isVersionOf, URIRef(f"{info.base_iri}dataset")))
    g.add((ds, OWL.versionInfo, Literal(info.version)))
    g.add((ds, DCAT_VERSION, Literal(info.version)))
    g.add((ds, DCTERMS.issued, Literal(info.issued.isoformat(), datatype=XSD.date)))
    g.add((ds, DCTERMS.license, URIRef(info.licence)))
    g.add((ds, VOID.uriSpace, Literal(info.base_iri)))
    if info.sparql_endpoint:
        g.add((ds, VOID.sparqlEndpoint, URIRef(info.sparql_endpoint)))
    for name, value in (
        (VOID.triples, stats.triples),
        (VOID.entities, stats.entities),
        (VOID.distinctSubjects, stats.distinct_subjects),
        (VOID.distinctObjects, stats.distinct_objects),
        (VOID.classes, len(stats.classes)),
        (VOID.properties, len(stats.properties)),
    ):
        g.add((ds, name, _count(value)))
    for vocabulary in _vocabularies(stats):
        g.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    for n, (cls, count) in enumerate(sorted(stats.classes.items()), 1):
        node = URIRef(f"{ds}/class/{n:04d}")
        g.add((ds, VOID.classPartition, node))
        g.add((node, VOID["class"], URIRef(cls)))
        g.add((node, VOID.entities, _count(count)))
    for n, (prop, count) in enumerate(sorted(stats.properties.items()), 1):
        node = URIRef(f"{ds}/property/{n:04d}")
        g.add((ds, VOID.propertyPartition, node))
        g.add((node, VOID.property, URIRef(prop)))
        g.add((node, VOID.triples, _count(count)))
    by_graph = {f.graph: f for f in files if f.graph}
    for gs in stats.graphs:
        sub = URIRef(f"{ds}/graph/{article_key(gs.iri)}")
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, SD.name, URIRef(gs.iri)))
        g.add((sub, VOID.triples, _count(gs.triples)))
        g.add((sub, VOID.entities, _count(gs.entities)))
        if gs.iri in by_graph:
            g.add((sub, VOID.dataDump, URIRef(where + by_graph[gs.iri].relpath)))
        a = gs.article
        if a is None:
            continue
        g.add((sub, PROV.wasDerivedFrom, URIRef(a.iri)))
        if a.title:
            g.add((sub, DCTERMS.title, Literal(a.title)))
        if a.source is not None:
            g.add((sub, DCTERMS.source, _term(a.source)))
        if a.publisher:
            g.add((sub, DCTERMS.publisher, Literal(a.publisher)))
        if a.licence is not None:
            g.add((sub, DCTERMS.license, _term(a.licence)))
        else:
            g.add(
                (
                    sub,
                    DCTERMS.rights,
                    Literal(
                        "The source article states no licence: its text is not republished here.",
                        lang="en",
                    ),
                )
            )
    for f in files:
        if f.graph:
            continue
        url = URIRef(where + f.relpath)
        dist = URIRef(f"{ds}/distribution/{f.relpath}")
        if f.dump:
            g.add((ds, VOID.dataDump, url))
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f.title, lang="en")))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(IANA + f.media_type)))
        if f.relpath.endswith(".gz"):
            g.add((dist, DCAT.compressFormat, URIRef(IANA + "application/gzip")))
        g.add((dist, DCAT.byteSize, _count(f.byte_size)))
        g.add((dist, DCTERMS.license, URIRef(info.licence)))
    text = g.serialize(format="turtle", base=None if info.download_url else _PLACEHOLDER)
    if not info.download_url:
        text = (
            "\n".join(
                line for line in text.splitlines() if not line.startswith(f"@base <{_PLACEHOLDER}>")
            )
            + "\n"
        )
        text = text.replace(f"<{_PLACEHOLDER}", "<")
    return text.encode("utf-8")


def _count(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _term(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    return URIRef(term.value) if isinstance(term, ox.NamedNode) else Literal(term.value)


def _vocabularies(stats: Stats) -> list[str]:
    used = set(stats.properties) | set(stats.classes)
    return sorted(ns for ns in PREFIXES.values() if any(i.startswith(ns) for i in used))


def describe(
    path: Path,
    root: Path,
    media_type: str,
    title: str,
    *,
    dump: bool = True,
    graph: str | None = None,
) -> DescribedFile:
    return DescribedFile(
        path.relative_to(root).as_posix(), media_type, path.stat().st_size, title, dump, graph
    )
