"""The newskg vocabulary for Python code, and the other namespaces the graph uses.

GENERATED from ontology/nkg.ttl (owl:versionInfo 0.1.0) by tools/gen_vocab.py: never edit
by hand; edit the ontology and run ``python tools/gen_vocab.py``. ``NKG`` is closed: a term
that the ontology does not declare raises AttributeError.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY = URIRef("https://w3id.org/newskg/ontology")
ONTOLOGY_VERSION = "0.1.0"


class NKG(DefinedNamespace):
    """newskg ontology: https://w3id.org/newskg/ontology#"""

    _fail = True

    # -- Classes -------------------------------------------------------------------------
    # Abduction: People are seized and taken away by force, or made to disappear.
    Abduction: URIRef
    # Airstrike: An attack from the air, by aircraft, helicopters or drones.
    Airstrike: URIRef
    # Armed group: State armed or security forces, or a non-state armed group, whether the text
    # names it or only describes it ("insurgents loyal to Bashar al-Assad"). Always also typed
    # nkg:Organisation.
    ArmedGroup: URIRef
    # Arrest: People are detained by a state or de-facto authority.
    Arrest: URIRef
    # Article: A news article, described with dcterms:title, dcterms:issued, dcterms:source and
    # dcterms:language.
    Article: URIRef
    # Attack: An act of violence by a perpetrator against a target: an ambush, a raid, an
    # assault.
    Attack: URIRef
    # Bombing: An attack with an explosive device: an IED, a car bomb, a suicide bomb, a
    # landmine.
    Bombing: URIRef
    # Capture: An armed side takes or regains control of a place, a base or territory.
    Capture: URIRef
    # Casualty report: One casualty figure as one source gives it: a range of deaths
    # (nkg:deathsMin, nkg:deathsMax) and/or of injured (nkg:injuredMin, nkg:injuredMax), with
    # who gave it (nkg:reportedBy).
    CasualtyReport: URIRef
    # Claim: A reported statement: what a claimant (a person or an organisation) says, as the
    # article reports it.
    Claim: URIRef
    # Clash: Armed fighting between two or more organised armed sides.
    Clash: URIRef
    # Community: An ethnic, religious or national group of people, such as the Druze.
    Community: URIRef
    # Described source: A source of a claim or a figure that the text only describes and that is
    # none of the entity classes ("security officials", "a hospital spokesperson",
    # "prosecutors", "the charges"): a node with an rdfs:label (the text's words) and its
    # nkg:mention, scoped to its article.
    DescribedSource: URIRef
    # Described target: A role filler that the text only describes and that is none of the
    # entity classes ("a civilian home", "numerous businesses"): a node with an rdfs:label and
    # its nkg:mention.
    DescribedTarget: URIRef
    # Event: Something that happened, as an article reports it. Every event is also typed with
    # at least one more specific event class.
    Event: URIRef
    # Extraction activity: One run of newskg over one article, which generated that article's
    # named graph.
    ExtractionActivity: URIRef
    # Killing: An attack that kills people: a massacre, an execution, a murder.
    Killing: URIRef
    # Linking activity: Linking entities to Wikidata, which generated the named graph of facts
    # taken from Wikidata about the linked entities (coordinates, parents, Wikidata labels).
    LinkingActivity: URIRef
    # Looting: Property is stolen, plundered or wilfully destroyed.
    Looting: URIRef
    # Mention: A span of an article's body that refers to an entity, an event, a claim or a
    # figure: its exact text (nif:anchorOf) and its offsets (nif:beginIndex, nif:endIndex) in
    # Unicode code points into the article body (the file's text after its front matter).
    Mention: URIRef
    # Organisation: A government, agency, NGO, news agency, company or party.
    Organisation: URIRef
    # Person: A named human being mentioned in an article.
    Person: URIRef
    # Place: A country, region, city, village, or a named area such as a coast or a valley.
    Place: URIRef
    # Position: An office or post a person holds, named by its rdfs:label ("President of
    # Syria").
    Position: URIRef
    # Protest: A public demonstration, peaceful or not.
    Protest: URIRef
    # Shelling: An attack by artillery, mortar, rocket or missile fire.
    Shelling: URIRef
    # Statement: A speech, announcement or declaration made as an event in its own right.
    Statement: URIRef

    # -- Object properties ---------------------------------------------------------------
    # about: An event or entity that a claim is about, where the text makes that clear.
    about: URIRef
    # article: The article whose body a mention is a span of.
    article: URIRef
    # based on claim: Links an event or a casualty report to the claim it comes from.
    basedOnClaim: URIRef
    # casualty report: Links an event to one casualty figure reported for it.
    casualtyReport: URIRef
    # claimant: The entity that makes a claim: a person, an organisation, a community, a place
    # that speaks for its government ("Iran denied the accusation"), or a source the text only
    # describes (nkg:DescribedSource).
    claimant: URIRef
    # holds position: A person holds a position (an office or post), named by the position's
    # rdfs:label.
    holdsPosition: URIRef
    # leader of: A person leads an organisation or an armed group.
    leaderOf: URIRef
    # located in: A place (or an organisation's seat) lies in a larger place.
    locatedIn: URIRef
    # loyal to: A person or group is loyal to, or fights for, a person or an organisation.
    loyalTo: URIRef
    # member of: A person or group belongs to, or works for, an organisation.
    memberOf: URIRef
    # mention: Links an entity, event, claim, casualty report or described target to a mention
    # of it in an article.
    mention: URIRef
    # participant: An entity or described target that takes part in an event, in any role.
    participant: URIRef
    # perpetrator: The agent who did it: who attacked, fired, arrested or looted.
    perpetrator: URIRef
    # place: Where an event happened (or a claim was made: "In Vienna, X said").
    place: URIRef
    # quotes: The entity a claimant quotes for a claim ("quoting a security source").
    quotes: URIRef
    # reported by: The entity that gave a casualty figure, where the text says.
    reportedBy: URIRef
    # target: The victims of an event, or what was attacked.
    target: URIRef

    # -- Datatype properties -------------------------------------------------------------
    # content: What is claimed, as a short literal.
    content: URIRef
    # date: When an event happened (or a claim was made), where one day (xsd:date), one month
    # (xsd:gYearMonth) or one year (xsd:gYear) is known. Relative dates are resolved against the
    # article's publication date.
    date: URIRef
    # date precision: How precisely an event's (or a claim's) time is known (after ACLED's
    # time_precision and Wikidata's time precision): "day" (nkg:date is an xsd:date), "month"
    # (xsd:gYearMonth), "year" (xsd:gYear) or "span" (nkg:startDate and nkg:endDate).
    datePrecision: URIRef
    # deaths maximum: The highest number of deaths the wording allows ("nearly twenty" is 20).
    deathsMax: URIRef
    # deaths minimum: The lowest number of deaths the wording allows ("at least 180" is 180;
    # vague words such as "dozens" get a documented conservative minimum).
    deathsMin: URIRef
    # end date: The last day (xsd:date) of an event that spans several days.
    endDate: URIRef
    # injured maximum: The highest number of injured the wording allows.
    injuredMax: URIRef
    # injured minimum: The lowest number of injured the wording allows; injured are never
    # counted as deaths.
    injuredMin: URIRef
    # link confidence: The score (0 to 1) of an entity's link to Wikidata (its owl:sameAs or
    # best skos:closeMatch).
    linkConfidence: URIRef
    # model version: The name and version of the NLP model used by an extraction activity.
    modelVersion: URIRef
    # place precision: How an event's nkg:place was found (after ACLED's geo_precision):
    # "stated" (a locative phrase of the event's own sentence), "nearby" (the surrounding text)
    # or "focus" (the article's focus place, a fallback); for a claim, "stated" or "nearby" (the
    # same speaker's claim before it).
    placePrecision: URIRef
    # software version: The version of newskg that ran an activity (an extraction or the linking
    # to Wikidata).
    softwareVersion: URIRef
    # start date: The first day (xsd:date) of an event that spans several days.
    startDate: URIRef

    # -- Other terms ---------------------------------------------------------------------
    # newskg event types: The event classes of newskg as a SKOS concept scheme, mapped to
    # ACLED's event types.
    EventTypeScheme: URIRef
    # harms a target: true on an event class whose events are one-sided harm done by a
    # perpetrator to a target (attacks and their subclasses, abductions, looting), as against
    # fighting between sides, captures, arrests, protests and statements; subclasses inherit it.
    # newskg attributes responsibility ("X were responsible for the abuses") only to events of
    # such classes.
    harmsTarget: URIRef

    _NS = Namespace("https://w3id.org/newskg/ontology#")


ACLED = Namespace("https://w3id.org/newskg/acled#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

__all__ = [
    "ACLED",
    "GAF",
    "GEO",
    "NIF",
    "NKG",
    "ONTOLOGY",
    "ONTOLOGY_VERSION",
    "SCHEMA",
    "SEM",
    "WD",
    "WDT",
]
