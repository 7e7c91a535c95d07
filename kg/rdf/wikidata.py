"""Enrichment from Wikidata: facts about linked entities, marked as coming from Wikidata.

Layout (the RDF mapping puts these triples in their own named graph, shared by all
articles, so that a fact about a city is stored once, however many articles link it)::

    GRAPH <base>graph/wikidata {
      <base>graph/wikidata a prov:Entity ;
          prov:wasDerivedFrom wd:Q64, wd:Q183 ;            # every item the facts come from
          prov:wasGeneratedBy <base>activity/wikidata ;
          dcterms:source <https://www.wikidata.org/> ;
          dcterms:license <http://creativecommons.org/publicdomain/zero/1.0/> ;
          owl:versionInfo "newskg offline Wikidata snapshot 2026.11.25.1" .
      <base>activity/wikidata a prov:Activity ; prov:used <https://www.wikidata.org/> ;
          rdfs:label "Wikidata enrichment of linked entities" ;
          nkg:softwareVersion "newskg 0.1.0" .

      # a linked place: its coordinates (GeoSPARQL) on the entity's own IRI
      <base>place/Q64 geo:hasGeometry <base>place/Q64/geometry ;
          nkg:locatedIn <base>place/Q183 .                  # P17/P131 parent that is a place
                                                              # of the same article
      <base>place/Q64/geometry a geo:Geometry ;
          geo:asWKT "POINT(13.3951309 52.5173885)"^^geo:wktLiteral .   # longitude latitude

      # every linked item: Wikidata's own facts on the wd: IRI
      wd:Q64 rdfs:label "Berlin"@en ; schema:description "Capital of Germany"@en ;
          wdt:P131 wd:Q183 ; wdt:P17 wd:Q183 ;              # admin parent, country
          wdt:P31 wd:Q515 .                                 # classes, where known (online)
    }

``nkg:locatedIn`` (the contract's relation between entities, whose shapes want an
``nkg:Place`` object grounded in a mention) joins a linked place to its P131/P17 parent only
when that parent is itself a place of the same article, through the parent's minted IRI;
every parent, in the article or not, is kept as Wikidata states it (``wdt:P131``,
``wdt:P17`` on the ``wd:`` item), so ``?place owl:sameAs/wdt:P131 ?region`` reaches it and
no ungrounded entity is minted. Facts about the item itself (label, description, P31) stay
on the ``wd:`` IRI: the entity's own ``rdfs:label`` is the one preferred name the article
graph gives it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, GEO, PROV, SDO

from kg.model import Entity, EntityType
from kg.model.iri import Minter
from kg.rdf.vocab import NKG, WD

WDT = Namespace("http://www.wikidata.org/prop/direct/")
WIKIDATA = URIRef("https://www.wikidata.org/")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")


def wkt_point(lat: float, lon: float) -> Literal:
    """A GeoSPARQL WKT point (longitude first, CRS84 default)."""
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"coordinates out of range: lat {lat}, lon {lon}")
    return Literal(f"POINT({_decimal(lon)} {_decimal(lat)})", datatype=GEO.wktLiteral)


def _decimal(x: float) -> str:
    """Plain decimal notation (no exponent: the WKT grammar has none), up to 1e-7 degrees."""
    text = f"{float(x):.7f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _point(coord: object) -> tuple[float, float] | None:
    """``(lat, lon)`` when ``coord`` is a valid WGS84 pair, else None."""
    if isinstance(coord, (tuple, list)) and len(coord) == 2 and _valid(*coord):
        return float(coord[0]), float(coord[1])
    return None


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
    activity_iri: URIRef | None = None,
    snapshot_version: str | None = None,
) -> Graph:
    """The Wikidata facts about the linked entities, as a graph of their own.

    Args:
        entities: entities after linking (only those with ``same_as`` and ``wikidata``
            facts contribute).
        entity_iri: the minted IRI of an entity (the mapping's).
        graph_iri: identifier of the returned graph, described with its provenance
            (``prov:wasDerivedFrom`` every item used); none when None.
        activity_iri: the activity that generated the graph (``prov:wasGeneratedBy``),
            described with the software version; none when None.
        snapshot_version: the snapshot the facts come from, named in ``prov:used``'s label.

    Returns:
        A graph (identifier ``graph_iri``) with no blank node: same input, same triples.
    """
    g = Graph(store="SimpleMemory", identifier=graph_iri)  # one graph: no quad index
    linked = sorted(
        (e for e in entities if e.same_as and e.wikidata), key=lambda e: (e.same_as or "", e.key)
    )
    by_qid: dict[str, URIRef] = {}
    for e in linked:
        if e.type.value == "Place":
            by_qid.setdefault(str(e.same_as), entity_iri(e))
    for e in linked:
        qid, node, facts = str(e.same_as), entity_iri(e), e.wikidata
        item = WD[qid]
        if facts.get("label"):
            g.add((item, RDFS.label, Literal(str(facts["label"]), lang="en")))
        if facts.get("description"):
            g.add((item, SDO.description, Literal(str(facts["description"]), lang="en")))
        classes = facts.get("p31")
        for cls in classes if isinstance(classes, (list, tuple)) else ():
            g.add((item, WDT.P31, WD[str(cls)]))
        for key, prop in (("located_in", WDT.P131), ("country", WDT.P17)):
            parent = facts.get(key)
            if parent and parent != qid:
                g.add((item, prop, WD[str(parent)]))
                # between the article's own places only: nkg:locatedIn joins grounded entities
                if e.type.value == "Place" and str(parent) in by_qid:
                    g.add((node, NKG.locatedIn, by_qid[str(parent)]))
        point = _point(facts.get("coord"))
        if e.type.value == "Place" and point is not None:
            geom = geometry_iri(node)
            g.add((node, GEO.hasGeometry, geom))
            g.add((geom, RDF.type, GEO.Geometry))
            g.add((geom, GEO.asWKT, wkt_point(*point)))
    if graph_iri is not None and linked:
        g.add((graph_iri, RDF.type, PROV.Entity))
        g.add((graph_iri, DCTERMS.source, WIKIDATA))
        g.add((graph_iri, DCTERMS.license, CC0))
        for qid in sorted({str(e.same_as) for e in linked}):
            g.add((graph_iri, PROV.wasDerivedFrom, WD[qid]))
        if activity_iri is not None:
            from kg import __version__

            g.add((graph_iri, PROV.wasGeneratedBy, activity_iri))
            g.add((activity_iri, RDF.type, PROV.Activity))
            g.add((activity_iri, RDF.type, NKG.LinkingActivity))
            g.add((activity_iri, RDFS.label, Literal("Wikidata enrichment of linked entities")))
            g.add((activity_iri, NKG.softwareVersion, Literal(f"newskg {__version__}")))
            g.add((activity_iri, PROV.used, WIKIDATA))
        if snapshot_version:
            g.add((graph_iri, OWL.versionInfo, Literal(snapshot_version)))
    return g


# -- re-linking an existing graph (``kg link GRAPH``) ---------------------------------------

_TYPES = ("ArmedGroup", "Person", "Organisation", "Place", "Community")  # most specific first
_SEGMENTS = "person|organisation|armed-group|place|community"


def entities_in(ds: Dataset) -> dict[URIRef, list[Entity]]:
    """Entities per graph, read back by the contract's terms; ``Entity.key`` is the IRI."""
    out: dict[URIRef, list[Entity]] = {}
    for g in sorted(ds.graphs(), key=lambda x: str(x.identifier)):
        found: list[Entity] = []
        subjects = {
            s for t in _TYPES for s in g.subjects(RDF.type, NKG[t]) if isinstance(s, URIRef)
        }
        for node in sorted(subjects):
            types = {str(o) for o in g.objects(node, RDF.type)}
            etype = next(t for t in _TYPES if str(NKG[t]) in types)
            labels = sorted(str(o) for o in g.objects(node, RDFS.label))
            if not labels:
                continue
            alts = {str(o) for o in g.objects(node, SKOS.altLabel)}
            named = re.search(rf"/({_SEGMENTS})/[0-9a-f]{{16}}/[^/]+$", str(node)) is None
            found.append(
                Entity(
                    key=str(node),
                    type=EntityType(etype),
                    label=labels[0],
                    alt_labels=alts | set(labels[1:]),
                    named=named,
                )
            )
        if found:
            out[URIRef(str(g.identifier))] = found
    return out


def _minted(old: str, e: Entity, base_iri: str) -> str:
    """The IRI the contract gives the entity after (re-)linking, when ``old`` is minted."""
    if not old.startswith(base_iri) or not e.named:
        return old
    local = re.fullmatch(rf"({_SEGMENTS})/([^/]+)", old[len(base_iri) :])
    if local is None:
        return old
    if not e.same_as and re.fullmatch(r"Q[1-9][0-9]*", local.group(2)) is None:
        return old  # not linked before, not linked now: the IRI stays
    return Minter(base_iri).entity(e.type.value, e.label, qid=e.same_as, named=True, article_key="")


def _drop_old_enrichment(g: Graph) -> None:
    for s, _, o in list(g.triples((None, GEO.hasGeometry, None))):
        g.remove((s, GEO.hasGeometry, o))
        g.remove((o, None, None))
    for s, _, o in list(g.triples((None, NKG.locatedIn, None))):
        if str(o).startswith(str(WD)):
            g.remove((s, NKG.locatedIn, o))
    for s in {s for s in g.subjects() if str(s).startswith(str(WD))}:
        g.remove((s, None, None))


def apply_links(
    ds: Dataset,
    groups: dict[URIRef, list[Entity]],
    *,
    base_iri: str,
    snapshot_version: str | None = None,
) -> int:
    """Write the entities' new links into ``ds`` (in place); return how many were renamed.

    In each graph: ``owl:sameAs``/``skos:closeMatch`` to ``wd:`` and ``nkg:linkConfidence``
    are replaced; an entity whose minted IRI depends on its link is renamed (in that graph);
    the enrichment is rebuilt (in ``<base>graph/wikidata`` for datasets, in the one graph
    otherwise, where nkg:locatedIn to minted parents cannot be told from the article's own
    and is kept).
    """
    iris: dict[int, URIRef] = {}  # id(entity) -> its IRI after re-linking
    renamed = 0
    for graph_id, entities in groups.items():
        g = ds.graph(graph_id)
        # renamed in its own graph only: the same IRI in two articles may now link apart
        renames = {
            URIRef(e.key): URIRef(_minted(e.key, e, base_iri))
            for e in entities
            if _minted(e.key, e, base_iri) != e.key
        }
        renamed += len(renames)
        for s, p, o in list(g):
            if s in renames or o in renames:
                g.remove((s, p, o))
                new_s = renames.get(s, s) if isinstance(s, URIRef) else s
                new_o = renames.get(o, o) if isinstance(o, URIRef) else o
                g.add((new_s, p, new_o))
        for e in entities:
            node = iris[id(e)] = renames.get(URIRef(e.key), URIRef(e.key))
            _replace_links(g, node, e)
    wikidata_graph = URIRef(f"{base_iri}graph/wikidata")
    quads = any(str(g.identifier) != str(DATASET_DEFAULT_GRAPH_ID) for g in ds.graphs())
    if quads:
        ds.remove_graph(ds.graph(wikidata_graph))
        target = ds.graph(wikidata_graph)
    else:
        target = ds.default_context
        _drop_old_enrichment(target)
        target.remove((wikidata_graph, None, None))
        target.remove((URIRef(f"{base_iri}activity/wikidata"), None, None))
    everything = [e for entities in groups.values() for e in entities]
    extra = enrichment_triples(
        everything,
        entity_iri=lambda e: iris[id(e)],
        graph_iri=wikidata_graph,
        activity_iri=URIRef(f"{base_iri}activity/wikidata"),
        snapshot_version=snapshot_version,
    )
    for triple in extra:
        target.add(triple)
    return renamed


def _replace_links(g: Graph, node: URIRef, e: Entity) -> None:
    for p in (OWL.sameAs, SKOS.closeMatch):
        for o in list(g.objects(node, p)):
            if str(o).startswith(str(WD)):
                g.remove((node, p, o))
    g.remove((node, NKG.linkConfidence, None))
    if e.same_as:
        g.add((node, OWL.sameAs, WD[e.same_as]))
        if e.link_score is not None:
            confidence = Literal(f"{e.link_score:.3f}", datatype=XSD.decimal)
            g.add((node, NKG.linkConfidence, confidence))
    for qid in sorted(set(e.close_match) - {e.same_as or ""}):
        g.add((node, SKOS.closeMatch, WD[qid]))
