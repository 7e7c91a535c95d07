"""Enrichment triples from the linked facts (GeoSPARQL geometry, nkg:locatedIn, labels)."""

from __future__ import annotations

import re

from rdflib import RDFS, BNode, Literal, URIRef
from rdflib.namespace import GEO, PROV

from kg.gazetteer import snapshot_version
from kg.link import link_entities
from kg.rdf.mapping import ArticleMapper
from kg.rdf.vocab import NKG, WD
from kg.rdf.wikidata import WDT, enrichment_triples, wkt_point
from kg.settings import Settings
from tests.link.helpers import gold_extraction

BASE = "https://w3id.org/newskg/id/"
GRAPH = URIRef(f"{BASE}graph/wikidata")
WKT = re.compile(r"POINT\((-?\d+(\.\d+)?(e-?\d+)?) (-?\d+(\.\d+)?(e-?\d+)?)\)")


def build():  # type: ignore[no-untyped-def]
    extraction, _ = gold_extraction()
    link_entities(extraction, Settings())
    mapper = ArticleMapper(extraction, base_iri=BASE)
    g = enrichment_triples(
        extraction.entities.values(),
        entity_iri=mapper.entity_iri,
        graph_iri=GRAPH,
        snapshot_version=snapshot_version(),
    )
    return extraction, g


def test_linked_places_get_a_wkt_point_and_their_parents() -> None:
    _, g = build()
    banias = URIRef(f"{BASE}place/Q263922")
    (geom,) = g.objects(banias, GEO.hasGeometry)
    (wkt,) = g.objects(geom, GEO.asWKT)
    assert wkt.datatype == GEO.wktLiteral
    m = WKT.fullmatch(str(wkt))
    assert m is not None
    lon, lat = float(m.group(1)), float(m.group(4))
    assert 35.0 < lon < 37.0 and 34.0 < lat < 36.0  # on the Syrian coast, longitude first
    # nkg:locatedIn joins the article's own places only (Syria is one, Tartus Governorate is
    # not); Wikidata's P131 and P17 stay on the wd: item
    assert set(g.objects(banias, NKG.locatedIn)) == {URIRef(f"{BASE}place/Q858")}
    assert (WD.Q263922, WDT.P131, WD.Q232382) in g
    assert (WD.Q263922, WDT.P17, WD.Q858) in g


def test_countries_are_not_located_in_themselves() -> None:
    _, g = build()
    assert list(g.objects(URIRef(f"{BASE}place/Q858"), NKG.locatedIn)) == []


def test_item_facts_are_on_the_wikidata_iri_and_marked() -> None:
    _, g = build()
    assert (WD.Q3766, RDFS.label, Literal("Damascus", lang="en")) in g
    assert (URIRef(f"{BASE}place/Q3766"), RDFS.label, None) not in g
    derived = set(g.objects(GRAPH, PROV.wasDerivedFrom))
    assert WD.Q858 in derived and WD.Q44329 in derived
    assert WD.Q163943 not in derived  # a close match is not enrichment


def test_non_places_get_no_geometry() -> None:
    _, g = build()
    assert list(g.objects(URIRef(f"{BASE}person/Q44329"), GEO.hasGeometry)) == []
    assert (WD.Q44329, RDFS.label, Literal("Bashar al-Assad", lang="en")) in g


def test_no_blank_nodes_and_same_output_twice() -> None:
    _, g1 = build()
    _, g2 = build()
    assert not any(isinstance(t, BNode) for triple in g1 for t in triple)
    assert sorted(g1.serialize(format="nt").splitlines()) == sorted(
        g2.serialize(format="nt").splitlines()
    )


def test_wkt_point_rejects_impossible_coordinates() -> None:
    assert str(wkt_point(33.5, 36.3)) == "POINT(36.3 33.5)"
    assert str(wkt_point(0.00001, -0.0)) == "POINT(0 0.00001)"  # no exponent, no "-0"
    import pytest

    with pytest.raises(ValueError):
        wkt_point(95.0, 10.0)
