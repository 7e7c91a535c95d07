"""The ontology declares every term of the public contract, and the shapes target every class.

The contract is read from docs/CONTRACT.md (a copy of the team's shared contract, so that
this runs on a clean clone); a drift test compares it with the shared original when present.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SH

from kg.rdf.vocab import NKG
from kg.resources import ontology_dir, shape_files

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "docs" / "CONTRACT.md"
SHARED_CONTRACTS = [
    ROOT.parent / "shared" / "CONTRACT.md",
    ROOT.parents[1] / "shared" / "CONTRACT.md",
]
ONTOLOGY_IRI = URIRef("https://w3id.org/newskg/ontology")
ACLED = Namespace("https://w3id.org/newskg/acled#")
DECLARED_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

EXTENSION_TERMS = [
    "CasualtyReport",
    "Position",
    "DescribedTarget",
    "DescribedSource",
    "harmsTarget",
    "ExtractionActivity",
    "injuredMin",
    "injuredMax",
    "datePrecision",
    "placePrecision",
    "basedOnClaim",
    "quotes",
    "softwareVersion",
    "modelVersion",
    "linkConfidence",
    "EventTypeScheme",
]


def _contract_text() -> str:
    return CONTRACT.read_text(encoding="utf-8")


def contract_terms() -> list[str]:
    """Local names of every ``nkg:`` term the contract names, sorted."""
    return sorted(set(re.findall(r"\bnkg:([A-Za-z][A-Za-z0-9]*)", _contract_text())))


def contract_classes() -> list[str]:
    return [t for t in contract_terms() if t[0].isupper()]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    graph = Graph()
    for path in shape_files():
        graph.parse(path, format="turtle")
    return graph


def _english(graph: Graph, term: URIRef, prop: URIRef) -> list[Literal]:
    return [o for o in graph.objects(term, prop) if isinstance(o, Literal) and o.language == "en"]


def test_contract_names_the_expected_vocabulary() -> None:
    terms = contract_terms()
    assert len(terms) >= 40
    for name in ("Person", "ArmedGroup", "Event", "Statement", "mention", "deathsMax", "claimant"):
        assert name in terms


def test_contract_copy_matches_the_shared_original() -> None:
    shared = next((p for p in SHARED_CONTRACTS if p.is_file()), None)
    if shared is None:
        pytest.skip("shared/CONTRACT.md is not beside this checkout")
    copy = _contract_text().split("-->", 1)[1].lstrip("\n")
    assert copy == shared.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", contract_terms() + EXTENSION_TERMS)
def test_term_is_declared_labelled_and_commented(ontology: Graph, name: str) -> None:
    term = NKG[name]
    kinds = set(ontology.objects(term, RDF.type))
    assert kinds & {*DECLARED_KINDS, SKOS.ConceptScheme}, f"nkg:{name} is not declared"
    assert len(_english(ontology, term, RDFS.label)) == 1
    assert _english(ontology, term, RDFS.comment)
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology


@pytest.mark.parametrize("name", contract_classes())
def test_contract_class_is_targeted_by_a_shape(shapes: Graph, name: str) -> None:
    assert (None, SH.targetClass, NKG[name]) in shapes, f"no shape targets nkg:{name}"


@pytest.mark.parametrize(
    "name", ["CasualtyReport", "Position", "DescribedTarget", "ExtractionActivity", "Claim"]
)
def test_extension_class_is_targeted_by_a_shape(shapes: Graph, name: str) -> None:
    assert (None, SH.targetClass, NKG[name]) in shapes


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.modified):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, prop
    assert not list(ontology.objects(None, OWL.imports)), "no owl:imports: nothing is fetched"


def test_contract_prefixes_match(ontology: Graph) -> None:
    text = _contract_text()
    assert "nkg:     https://w3id.org/newskg/ontology#" in text
    assert str(NKG) == "https://w3id.org/newskg/ontology#"


def _ancestors(graph: Graph, term: URIRef, prop: URIRef) -> set[URIRef]:
    return set(graph.transitive_objects(term, prop)) - {term}


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (NKG.ArmedGroup, NKG.Organisation),
        (NKG.Person, URIRef("http://xmlns.com/foaf/0.1/Person")),
        (NKG.Organisation, URIRef("http://www.w3.org/ns/org#Organization")),
        (NKG.Event, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")),
        (NKG.Place, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Place")),
        (NKG.Place, URIRef("http://www.opengis.net/ont/geosparql#Feature")),
        (
            NKG.Mention,
            URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#String"),
        ),
        (NKG.ExtractionActivity, PROV.Activity),
        (NKG.Article, URIRef("https://schema.org/NewsArticle")),
        (NKG.Killing, NKG.Event),
        (NKG.Shelling, NKG.Attack),
    ],
)
def test_class_alignment(ontology: Graph, child: URIRef, parent: URIRef) -> None:
    assert parent in _ancestors(ontology, child, RDFS.subClassOf)


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (NKG.perpetrator, NKG.participant),
        (NKG.target, NKG.participant),
        (NKG.participant, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/hasActor")),
        (NKG.place, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace")),
        (NKG.memberOf, URIRef("http://www.w3.org/ns/org#memberOf")),
        (NKG.basedOnClaim, PROV.wasDerivedFrom),
        (NKG.claimant, PROV.wasAttributedTo),
        (NKG.reportedBy, PROV.wasAttributedTo),
    ],
)
def test_property_alignment(ontology: Graph, child: URIRef, parent: URIRef) -> None:
    assert parent in _ancestors(ontology, child, RDFS.subPropertyOf)


def test_every_contract_event_class_is_an_event_concept_mapped_to_acled(ontology: Graph) -> None:
    acled = Graph().parse(ontology_dir() / "acled.ttl", format="turtle")
    acled_concepts = set(acled.subjects(RDF.type, SKOS.Concept))
    events = [
        n for n in contract_classes() if NKG.Event in _ancestors(ontology, NKG[n], RDFS.subClassOf)
    ]
    assert len(events) == 12
    for name in events:
        term = NKG[name]
        assert (term, SKOS.inScheme, NKG.EventTypeScheme) in ontology
        matches = set(ontology.objects(term, SKOS.closeMatch))
        assert matches <= acled_concepts
        if name != "Statement":  # ACLED has no statement events
            assert matches, f"nkg:{name} has no skos:closeMatch to ACLED"


def test_acled_scheme_has_six_types_and_twenty_five_subtypes() -> None:
    acled = Graph().parse(ontology_dir() / "acled.ttl", format="turtle")
    tops = set(acled.objects(None, SKOS.hasTopConcept))
    subs = set(acled.subjects(SKOS.broader, None))
    assert len(tops) == 6
    assert len(subs) == 25
    labels = {str(acled.value(c, SKOS.prefLabel)) for c in tops | subs}
    assert {"Explosions/Remote violence", "Shelling/artillery/missile attack", "Other"} <= labels
    assert acled.value(URIRef("https://w3id.org/newskg/acled"), DCTERMS.source) is not None
    assert ACLED.ArmedClash in subs


def test_entity_classes_are_pairwise_disjoint(ontology: Graph) -> None:
    lists = [
        ontology.value(node, OWL.members)
        for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    members = [set(ontology.items(head)) for head in lists]
    entity = {NKG.Person, NKG.Organisation, NKG.Place, NKG.Community}
    assert any(entity <= group for group in members)
