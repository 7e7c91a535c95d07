"""The RDF mapping of hand-built model objects, checked by SPARQL in the contract's terms."""

from __future__ import annotations

from datetime import date

from rdflib import Literal, URIRef

from kg.model import (
    Article,
    CasualtyKind,
    CasualtyReport,
    Claim,
    DatePrecision,
    Described,
    Entity,
    EntityType,
    Event,
    EventType,
    Extraction,
    Mention,
    Relation,
    RelationType,
    TimeValue,
)
from kg.rdf.mapping import article_graph

BASE = "https://example.org/id/"
PREFIXES = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def m(body: str, text: str, start: int = 0) -> Mention:
    i = body.index(text, start)
    return Mention(i, i + len(text), text)


def sample() -> Extraction:
    body = "Rebels attacked the town of Exampleville on Friday. Officials said 12 people died."
    article = Article(
        body=body, title="T", published=date(2025, 3, 8), url="https://news.example/a"
    )
    x = Extraction(article=article, model_name="test-model-1.0")
    x.entities["g"] = Entity(
        "g", EntityType.ARMED_GROUP, "Rebels", mentions=[m(body, "Rebels")], named=False
    )
    x.entities["p"] = Entity(
        "p",
        EntityType.PLACE,
        "Exampleville",
        mentions=[m(body, "Exampleville")],
        same_as="Q1",
        close_match=["Q2"],
    )
    x.entities["o"] = Entity(
        "o", EntityType.ORGANISATION, "Officials", mentions=[m(body, "Officials")]
    )
    x.described["t"] = Described("t", "the town", [m(body, "the town")])
    claim = Claim("c1", "o", "12 people died", m(body, "said"))
    x.claims.append(claim)
    x.events.append(
        Event(
            "e1",
            EventType.ATTACK,
            mentions=[m(body, "attacked")],
            perpetrators=["g"],
            targets=["t"],
            place="p",
            time=TimeValue(DatePrecision.DAY, date(2025, 3, 7)),
            casualties=[
                CasualtyReport(CasualtyKind.KILLED, 12, 12, m(body, "12 people"), "o", "c1")
            ],
        )
    )
    x.relations.append(Relation("p", RelationType.HOLDS_POSITION, "Town of Examples"))
    return x


def test_entities_typed_with_superclasses_and_grounded() -> None:
    g = article_graph(sample(), base_iri=BASE)
    rows = set(
        g.query(
            PREFIXES
            + """SELECT ?label ?b ?e ?text WHERE {
                ?x a nkg:Organisation ; rdfs:label ?label ; nkg:mention ?m .
                ?m nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?text ; nkg:article ?a .
                ?a a nkg:Article . }"""
        )
    )
    labels = {str(r[0]) for r in rows}
    assert labels == {"Rebels", "Officials"}  # the armed group is an organisation too
    body = sample().article.body
    for _, b, e, text in rows:
        assert body[int(b) : int(e)] == str(text)


def test_event_roles_time_casualties_and_claim() -> None:
    g = article_graph(sample(), base_iri=BASE)
    (row,) = g.query(
        PREFIXES
        + """SELECT ?perp ?target ?place ?date ?min ?src ?claim WHERE {
            ?e a nkg:Event, nkg:Attack ; nkg:perpetrator ?perp ; nkg:target ?target ;
               nkg:participant ?perp, ?target ; nkg:place ?place ; nkg:date ?date ;
               nkg:casualtyReport ?c .
            ?c nkg:deathsMin ?min ; nkg:reportedBy ?src ; nkg:basedOnClaim ?claim .
            ?claim a nkg:Claim ; nkg:claimant ?src ; nkg:content ?content . }"""
    )
    assert str(row.perp) == BASE + f"armed-group/{sample().article.key}/rebels"
    assert str(row.place) == BASE + "place/Q1"
    assert row.date == Literal(date(2025, 3, 7))
    assert int(row.min) == 12
    assert str(row.src) == BASE + "organisation/officials"


def test_links_and_provenance() -> None:
    x = sample()
    g = article_graph(x, base_iri=BASE)
    place = URIRef(BASE + "place/Q1")
    same = list(g.query(PREFIXES + "SELECT ?q WHERE { ?p owl:sameAs ?q }"))
    assert [str(r[0]) for r in same] == ["http://www.wikidata.org/entity/Q1"]
    assert (
        place,
        URIRef("http://www.w3.org/2004/02/skos/core#closeMatch"),
        URIRef("http://www.wikidata.org/entity/Q2"),
    ) in g
    (prov,) = g.query(
        PREFIXES
        + "SELECT ?a ?model WHERE { ?g prov:wasDerivedFrom ?a ; prov:wasGeneratedBy ?act . ?act nkg:modelVersion ?model }"
    )
    assert str(prov.model) == "test-model-1.0"
    assert str(g.identifier) == BASE + f"graph/{x.article.key}"


def test_same_input_same_triples() -> None:
    a = article_graph(sample(), base_iri=BASE)
    b = article_graph(sample(), base_iri=BASE)
    assert sorted(a) == sorted(b)


def test_killing_is_also_an_attack_without_reasoning() -> None:
    x = sample()
    x.events[0].type = EventType.KILLING
    g = article_graph(x, base_iri=BASE)
    types = set(g.query(PREFIXES + "SELECT ?t WHERE { ?e a nkg:Event ; a ?t }"))
    assert {str(t[0]).rsplit("#", 1)[1] for t in types} == {"Event", "Killing", "Attack"}


def test_wikidata_facts_in_their_own_described_graph() -> None:
    from kg.rdf.mapping import wikidata_graph

    x = sample()
    place = x.entities["p"]
    place.wikidata = {
        "label": "Exampleville",
        "type": "Place",
        "coord": (35.5, 36.25),
        "country": "Q9",
    }
    g = wikidata_graph([x], base_iri=BASE)
    assert str(g.identifier) == BASE + "graph/wikidata"
    (row,) = g.query(
        PREFIXES
        + """PREFIX geo: <http://www.opengis.net/ont/geosparql#>
        SELECT ?wkt ?parent ?act WHERE {
            ?p geo:hasGeometry/geo:asWKT ?wkt .
            <http://www.wikidata.org/entity/Q1> <http://www.wikidata.org/prop/direct/P17> ?parent .
            ?g prov:wasGeneratedBy ?act ; prov:wasDerivedFrom ?item . ?act a nkg:LinkingActivity }"""
    )
    assert str(row.wkt) == "POINT(36.25 35.5)"  # WKT: longitude first
    assert str(row.parent) == "http://www.wikidata.org/entity/Q9"
    # the parent is not a place of the article: no nkg:locatedIn to an ungrounded node
    assert not list(g.query(PREFIXES + "SELECT ?x WHERE { ?p nkg:locatedIn ?x }"))
    unlinked = sample()
    unlinked.entities["p"].same_as = None
    assert len(wikidata_graph([unlinked], base_iri=BASE)) == 0
