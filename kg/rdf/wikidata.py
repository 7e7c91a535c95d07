"""Enrichment from Wikidata: facts about linked entities, marked as coming from Wikidata.

Layout (the RDF mapping puts these triples in their own named graph, shared by all
articles, so that a fact about Damascus is stored once, however many articles link it)::

    GRAPH <base>graph/wikidata {
      <base>graph/wikidata a prov:Entity ;
          prov:wasDerivedFrom wd:Q3766, wd:Q858 ;          # every item the facts come from
          dcterms:source <https://www.wikidata.org/> ;
          dcterms:license <http://creativecommons.org/publicdomain/zero/1.0/> ;
          owl:versionInfo "newskg offline Wikidata snapshot 2026.11.25.1" .

      # a linked place: coordinates (GeoSPARQL) and parents (P131, P17)
      <base>place/Q3766 geo:hasGeometry <base>place/Q3766/geometry ;
          nkg:locatedIn wd:Q2007044 ,                        # parent not in the article
                        <base>place/Q858 .                   # parent that is an entity of it
      <base>place/Q3766/geometry a geo:Geometry ;
          geo:asWKT "POINT(36.29 33.51)"^^geo:wktLiteral .   # WKT order: longitude latitude

      # every linked item: its Wikidata label, description and P31 classes (where known)
      wd:Q3766 rdfs:label "Damascus"@en ; schema:description "Capital ..."@en ;
          wdt:P31 wd:Q515 .
    }

``nkg:locatedIn`` points at the parent's minted IRI when the parent is itself an entity of
the same call (so it meets the article's own relations, e.g. "Baniyas is located in
Syria"), else at the parent's ``wd:`` IRI (no ungrounded entity is minted). Facts about
the item itself (label, description, P31) stay on the ``wd:`` IRI: the entity's own
``rdfs:label`` is the one preferred name the article graph gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, GEO, PROV, SDO

from kg.model import Entity
from kg.rdf.vocab import NKG, WD

WDT = Namespace("http://www.wikidata.org/prop/direct/")
WIKIDATA = URIRef("https://www.wikidata.org/")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")


def wkt_point(lat: float, lon: float) -> Literal:
    """A GeoSPARQL WKT point (longitude first, CRS84 default)."""
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"coordinates out of range: lat {lat}, lon {lon}")
    return Literal(f"POINT({float(lon)!r} {float(lat)!r})", datatype=GEO.wktLiteral)


def _valid(lat: object, lon: object) -> bool:
    return (
        isinstance(lat, (int, float))
        and isinstance(lon, (int, float))
        and -90.0 <= lat <= 90.0
        and -180.0 <= lon <= 180.0
    )


def geometry_iri(entity_iri: URIRef) -> URIRef:
    return URIRef(f"{entity_iri}/geometry")


def enrichment_triples(
    entities: Iterable[Entity],
    *,
    entity_iri: Callable[[Entity], URIRef],
    graph_iri: URIRef | None = None,
    snapshot_version: str | None = None,
) -> Graph:
    """The Wikidata facts about the linked entities, as a graph of their own.

    Args:
        entities: entities after linking (only those with ``same_as`` and ``wikidata``
            facts contribute).
        entity_iri: the minted IRI of an entity (the mapping's).
        graph_iri: identifier of the returned graph, described with its provenance
            (``prov:wasDerivedFrom`` every item used); none when None.
        snapshot_version: named in ``owl:versionInfo`` of the graph when given.

    Returns:
        A graph (identifier ``graph_iri``) with no blank node: same input, same triples.
    """
    g = Graph(identifier=graph_iri) if graph_iri is not None else Graph()
    linked = sorted(
        (e for e in entities if e.same_as and e.wikidata), key=lambda e: (e.same_as or "", e.key)
    )
    by_qid: dict[str, URIRef] = {}
    for e in linked:
        by_qid.setdefault(str(e.same_as), entity_iri(e))
    for e in linked:
        qid, node, facts = str(e.same_as), entity_iri(e), e.wikidata
        item = WD[qid]
        if facts.get("label"):
            g.add((item, RDFS.label, Literal(str(facts["label"]), lang="en")))
        if facts.get("description"):
            g.add((item, SDO.description, Literal(str(facts["description"]), lang="en")))
        for cls in facts.get("p31") or ():  # type: ignore[union-attr]
            g.add((item, WDT.P31, WD[str(cls)]))
        if facts.get("type") != "Place":
            continue
        coord = facts.get("coord")
        if isinstance(coord, (tuple, list)) and len(coord) == 2 and _valid(*coord):
            geom = geometry_iri(node)
            g.add((node, GEO.hasGeometry, geom))
            g.add((geom, RDF.type, GEO.Geometry))
            g.add((geom, GEO.asWKT, wkt_point(float(coord[0]), float(coord[1]))))
        for key in ("located_in", "country"):
            parent = facts.get(key)
            if parent and parent != qid:
                g.add((node, NKG.locatedIn, by_qid.get(str(parent), WD[str(parent)])))
    if graph_iri is not None and linked:
        g.add((graph_iri, RDF.type, PROV.Entity))
        g.add((graph_iri, DCTERMS.source, WIKIDATA))
        g.add((graph_iri, DCTERMS.license, CC0))
        for qid in sorted(by_qid):
            g.add((graph_iri, PROV.wasDerivedFrom, WD[qid]))
        if snapshot_version:
            g.add((graph_iri, OWL.versionInfo, Literal(snapshot_version)))
    return g
