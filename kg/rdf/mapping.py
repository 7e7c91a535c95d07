"""Model objects -> one rdflib named graph per article, in the terms of CONTRACT.md.

Every entity, event, claim, casualty report and described role filler points to the
mention(s) it came from (``nkg:mention``); the graph describes itself with
``prov:wasDerivedFrom`` (the article) and ``prov:wasGeneratedBy`` (an activity naming the
software and model versions). No timestamps: the same input gives the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote, urlsplit

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.model import (
    CasualtyKind,
    Claim,
    DatePrecision,
    Entity,
    Event,
    Extraction,
    Mention,
    Relation,
    RelationType,
    TimeValue,
)
from kg.model.iri import Minter
from kg.prefixes import PREFIXES
from kg.rdf.vocab import NIF, NKG, WD
from kg.taxonomy import NS as _NKG_NS
from kg.taxonomy import load_taxonomy as TAXONOMY


def _class(name: str) -> URIRef:
    """The nkg class of a local name (the taxonomy's, which may hold classes the closed
    vocabulary of kg.rdf.vocab does not)."""
    return URIRef(_NKG_NS + str(name))


SOFTWARE = "newskg"

# the terms of every mention, looked up once (a namespace attribute is a new URIRef each time)
_MENTION, _ARTICLE = NKG.Mention, NKG.article
_ANCHOR_OF, _BEGIN_INDEX, _END_INDEX = NIF.anchorOf, NIF.beginIndex, NIF.endIndex


def software_version() -> str:
    from kg import __version__

    return f"{SOFTWARE} {__version__}"


class ArticleMapper:
    """Maps one :class:`Extraction` into triples of one named graph."""

    def __init__(self, extraction: Extraction, *, base_iri: str) -> None:
        self.x = extraction
        self.m = Minter(base_iri)
        self.key = extraction.article.key
        # rdflib's context-unaware store: an article graph is one graph, and adding to it
        # takes a fifth of the time the default (quad-indexing) store takes
        self.g = Graph(store="SimpleMemory", identifier=URIRef(self.m.graph(self.key)))
        self.article = URIRef(self.m.article(self.key))
        self._entity_iris = {e.key: self._mint_entity(e) for e in extraction.entities.values()}
        self._described_iris = {
            d.key: URIRef(self.m.described(self.key, d.label, source=d.source))
            for d in extraction.described.values()
        }
        self._claim_iris = {
            c.key: URIRef(self.m.claim(self.key, n)) for n, c in enumerate(extraction.claims, 1)
        }
        self._event_iris = {
            e.key: URIRef(self.m.event(self.key, n)) for n, e in enumerate(extraction.events, 1)
        }
        self._mention_nodes: dict[tuple[int, int, str], URIRef] = {}

    # -- IRIs --------------------------------------------------------------------------
    def _mint_entity(self, e: Entity) -> URIRef:
        return URIRef(
            self.m.entity(e.type.value, e.label, qid=e.same_as, named=e.named, article_key=self.key)
        )

    def entity_iri(self, entity: Entity) -> URIRef:
        return self._entity_iris[entity.key]

    def ref(self, key: str) -> URIRef:
        """IRI of an entity, described filler, event or claim of this extraction by key."""
        for table in (self._entity_iris, self._described_iris, self._event_iris, self._claim_iris):
            if key in table:
                return table[key]
        raise KeyError(f"unknown key {key!r} in extraction of article {self.key}")

    # -- building ----------------------------------------------------------------------
    def graph(self) -> Graph:
        self._article()
        self._provenance()
        for entity in self.x.entities.values():
            self._entity(entity)
        for described in self.x.described.values():
            node = self._described_iris[described.key]
            kind = NKG.DescribedSource if described.source else NKG.DescribedTarget
            self.g.add((node, RDF.type, kind))
            self.g.add((node, RDFS.label, Literal(described.label)))
            self._mentions(node, described.mentions)
        for n, event in enumerate(self.x.events, 1):
            self._event(event, n)
        for claim in self.x.claims:
            self._claim_node(claim)
        for relation in self.x.relations:
            self._relation(relation)
        return self.g

    def _article(self) -> None:
        a = self.x.article
        g, node = self.g, self.article
        g.add((node, RDF.type, NKG.Article))
        if a.title:
            g.add((node, DCTERMS.title, Literal(a.title)))
        if a.published:
            g.add((node, DCTERMS.issued, Literal(a.published.isoformat(), datatype=XSD.date)))
        if a.url:
            g.add((node, DCTERMS.source, _iri_or_literal(a.url)))
        g.add((node, DCTERMS.language, Literal(a.language)))
        if a.source:
            g.add((node, DCTERMS.publisher, Literal(a.source)))
        if a.licence:
            g.add((node, DCTERMS.license, _iri_or_literal(a.licence)))

    def _provenance(self) -> None:
        g = self.g
        graph_iri = URIRef(self.m.graph(self.key))
        activity = URIRef(self.m.activity(self.key))
        g.add((graph_iri, PROV.wasDerivedFrom, self.article))
        g.add((graph_iri, PROV.wasGeneratedBy, activity))
        g.add((activity, RDF.type, PROV.Activity))
        g.add((activity, RDF.type, NKG.ExtractionActivity))
        g.add((activity, RDFS.label, Literal(f"extraction of article {self.key}")))
        g.add((activity, PROV.used, self.article))
        g.add((activity, NKG.softwareVersion, Literal(software_version())))
        if self.x.model_name:
            g.add((activity, NKG.modelVersion, Literal(self.x.model_name)))

    def _mentions(self, node: URIRef, mentions: Iterable[Mention]) -> None:
        for mention in mentions:
            self.g.add((node, NKG.mention, self._mention(mention)))

    def _mention(self, mention: Mention) -> URIRef:
        """The node of a mention, described once (an entity's, event's and claim's mentions
        are often the same spans)."""
        key = (mention.begin, mention.end, mention.text)
        node = self._mention_nodes.get(key)
        if node is not None:
            return node
        node = self._mention_nodes[key] = URIRef(
            self.m.mention(self.key, mention.begin, mention.end)
        )
        add = self.g.add
        add((node, RDF.type, _MENTION))
        add((node, _ANCHOR_OF, Literal(mention.text)))
        add((node, _BEGIN_INDEX, _count_literal(mention.begin)))
        add((node, _END_INDEX, _count_literal(mention.end)))
        add((node, _ARTICLE, self.article))
        return node

    def _entity(self, e: Entity) -> None:
        g, node = self.g, self._entity_iris[e.key]
        for cls in (e.type.value, *TAXONOMY().superclasses(e.type.value)):
            g.add((node, RDF.type, _class(cls)))
        label = str(e.wikidata.get("label") or e.label) if e.same_as else e.label
        g.add((node, RDFS.label, Literal(label)))
        for alt in sorted(e.alt_labels | {e.label}):
            if alt != label:
                g.add((node, SKOS.altLabel, Literal(alt)))
        self._mentions(node, e.mentions)
        if e.same_as:
            g.add((node, OWL.sameAs, WD[e.same_as]))
            if e.link_score is not None:
                g.add(
                    (node, NKG.linkConfidence, Literal(f"{e.link_score:.3f}", datatype=XSD.decimal))
                )
        for qid in sorted(set(e.close_match) - {e.same_as}):
            g.add((node, SKOS.closeMatch, WD[qid]))

    def _event(self, ev: Event, n: int) -> None:
        g, node = self.g, self._event_iris[ev.key]
        g.add((node, RDF.type, NKG.Event))
        for cls in (str(ev.type), *TAXONOMY().superclasses(ev.type)):
            g.add((node, RDF.type, _class(cls)))
        if ev.label:
            g.add((node, RDFS.label, Literal(ev.label)))
        self._mentions(node, ev.mentions)
        for key in ev.perpetrators:
            g.add((node, NKG.perpetrator, self.ref(key)))
            g.add((node, NKG.participant, self.ref(key)))
        for key in ev.targets:
            g.add((node, NKG.target, self.ref(key)))
            g.add((node, NKG.participant, self.ref(key)))
        for key in ev.participants:
            g.add((node, NKG.participant, self.ref(key)))
        if ev.place:
            g.add((node, NKG.place, self.ref(ev.place)))
            if ev.place_precision:
                g.add((node, NKG.placePrecision, Literal(ev.place_precision.value)))
        if ev.time:
            self._time(node, ev.time)
        for key in ev.claims:
            g.add((node, NKG.basedOnClaim, self.ref(key)))
        for m, report in enumerate(ev.casualties, 1):
            cnode = URIRef(self.m.casualty(self.key, n, m))
            g.add((node, NKG.casualtyReport, cnode))
            g.add((cnode, RDF.type, NKG.CasualtyReport))
            low, high = (
                (NKG.deathsMin, NKG.deathsMax)
                if report.kind is CasualtyKind.KILLED
                else (NKG.injuredMin, NKG.injuredMax)
            )
            if report.minimum is not None:
                g.add((cnode, low, _count_literal(report.minimum)))
            if report.maximum is not None:
                g.add((cnode, high, _count_literal(report.maximum)))
            if report.reported_by:
                g.add((cnode, NKG.reportedBy, self.ref(report.reported_by)))
            if report.claim:
                g.add((cnode, NKG.basedOnClaim, self.ref(report.claim)))
            self._mentions(cnode, [report.mention])

    def _time(self, node: URIRef, t: TimeValue) -> None:
        g = self.g
        g.add((node, NKG.datePrecision, Literal(t.precision.value)))
        if t.precision is DatePrecision.SPAN and t.end is not None:
            g.add((node, NKG.startDate, Literal(t.start.isoformat(), datatype=XSD.date)))
            g.add((node, NKG.endDate, Literal(t.end.isoformat(), datatype=XSD.date)))
        elif t.precision is DatePrecision.DAY:
            g.add((node, NKG.date, Literal(t.start.isoformat(), datatype=XSD.date)))
        elif t.precision is DatePrecision.MONTH:
            g.add((node, NKG.date, Literal(t.start.strftime("%Y-%m"), datatype=XSD.gYearMonth)))
        elif t.precision is DatePrecision.YEAR:
            g.add((node, NKG.date, Literal(str(t.start.year), datatype=XSD.gYear)))

    def _claim_node(self, claim: Claim) -> None:
        g, node = self.g, self._claim_iris[claim.key]
        g.add((node, RDF.type, NKG.Claim))
        g.add((node, NKG.claimant, self.ref(claim.claimant)))
        g.add((node, NKG.content, Literal(claim.content)))
        self._mentions(node, [claim.mention])
        for key in claim.about:
            g.add((node, NKG.about, self.ref(key)))
        if claim.via:
            g.add((node, NKG.quotes, self.ref(claim.via)))
        if claim.time:
            self._time(node, claim.time)
        if claim.place:
            g.add((node, NKG.place, self.ref(claim.place)))
            if claim.place_precision:
                g.add((node, NKG.placePrecision, Literal(claim.place_precision.value)))

    def _relation(self, relation: Relation) -> None:
        subject = self.ref(relation.subject)
        if relation.predicate is RelationType.HOLDS_POSITION:
            position = URIRef(self.m.position(relation.object))
            self.g.add((position, RDF.type, NKG.Position))
            self.g.add((position, RDFS.label, Literal(relation.object)))
            self.g.add((subject, NKG.holdsPosition, position))
        else:
            self.g.add((subject, NKG[relation.predicate.value], self.ref(relation.object)))


def article_graph(extraction: Extraction, *, base_iri: str) -> Graph:
    """The named graph of one article (its identifier is the article's graph IRI)."""
    return ArticleMapper(extraction, base_iri=base_iri).graph()


def wikidata_graph(extractions: Iterable[Extraction], *, base_iri: str) -> Graph:
    """The facts about the linked entities of these extractions that come from Wikidata
    (coordinates, parents, Wikidata labels), in their own named graph ``<base>graph/wikidata``
    shared by all articles, described with its provenance; empty when nothing is linked."""
    from kg.gazetteer import snapshot_version
    from kg.rdf.wikidata import enrichment_triples

    minter = Minter(base_iri)
    entities = [e for x in extractions for e in x.entities.values() if e.same_as]

    def iri(e: Entity) -> URIRef:
        return URIRef(
            minter.entity(e.type.value, e.label, qid=e.same_as, named=True, article_key="")
        )

    return enrichment_triples(
        entities,
        entity_iri=iri,
        graph_iri=URIRef(minter.graph("wikidata")),
        activity_iri=URIRef(minter.activity("wikidata")),
        snapshot_version=snapshot_version(),
    )


def to_dataset(graphs: Iterable[Graph]) -> Dataset:
    """Collect named graphs into one dataset (prefixes bound for readable output)."""
    ds = Dataset()
    bind_prefixes(ds)
    for graph in graphs:
        target = ds.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
    return ds


@lru_cache(maxsize=65536)
def _count_literal(n: int) -> Literal:
    """``n`` as an ``xsd:nonNegativeInteger`` (offsets and figures: built once per value)."""
    return Literal(n, datatype=XSD.nonNegativeInteger)


def bind_prefixes(g: Graph | Dataset) -> None:
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, override=True)


def _iri_or_literal(value: str) -> URIRef | Literal:
    parts = urlsplit(value)
    if parts.scheme in {"http", "https"} and parts.netloc and " " not in value:
        return URIRef(iri_escape(value))
    return Literal(value)


#: RFC 3987 ``ucschar`` and ``iprivate``: the non-ASCII code points an IRI may hold as such
_IRI_RANGES = (
    (0xA0, 0xD7FF), (0xE000, 0xF8FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF),
    (0x10000, 0x1FFFD), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD), (0x40000, 0x4FFFD),
    (0x50000, 0x5FFFD), (0x60000, 0x6FFFD), (0x70000, 0x7FFFD), (0x80000, 0x8FFFD),
    (0x90000, 0x9FFFD), (0xA0000, 0xAFFFD), (0xB0000, 0xBFFFD), (0xC0000, 0xCFFFD),
    (0xD0000, 0xDFFFD), (0xE1000, 0xEFFFD), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD),
)  # fmt: skip
#: RFC 3986 ``unreserved``, ``reserved`` and the ``%`` of an escape
_IRI_ASCII = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"
)


def iri_escape(value: str) -> str:
    """``value`` with each character an IRI may not hold percent-encoded (as UTF-8), after
    RFC 3987: a URL copied from a badly decoded feed ("Reichsb\ufffd\ufffdrger") is then
    still a valid IRI, which RDF stores and SHACL engines would refuse otherwise.

    >>> iri_escape("http://x.test/Reichsb\ufffdrger?q=\u00fcber")
    'http://x.test/Reichsb%EF%BF%BDrger?q=\u00fcber'
    """
    return "".join(c if _iri_char(c) else quote(c, safe="") for c in value)


def _iri_char(c: str) -> bool:
    if c in _IRI_ASCII:
        return True
    code = ord(c)
    return code >= 0xA0 and any(lo <= code <= hi for lo, hi in _IRI_RANGES)
