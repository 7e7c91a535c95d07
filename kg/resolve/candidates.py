"""What extraction hands to resolution: plain records of mentions with the evidence about
them, free of spaCy objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kg.model import EntityType, Mention


class Source(StrEnum):
    """Where a name mention comes from, strongest first."""

    GAZETTEER = "gazetteer"  # a name of an item of the Wikidata snapshot
    PATTERN = "pattern"  # a community name of data/patterns
    NER = "ner"  # the statistical model


@dataclass(slots=True)
class NameMention:
    """A proper-name mention.

    Args:
        mention: the span (without a leading determiner).
        type: the type its source gives.
        source: gazetteer, pattern or NER.
        qid: the snapshot item, when the name is an unambiguous snapshot name.
        canonical: a canonical label (a community's preferred name), when known.
        descriptor_type: the type a descriptor noun gives ("the village of X" -> Place).
        apposition: a descriptive phrase ending in the name ("the news agency X"), kept as
            another mention of the same entity.
        roles: roles of the titles written right before it ("President X" -> president).
        former: written with a word such as "former" or "ousted" right before it.
        alias_of: begin offset of the name it abbreviates, for an acronym in parentheses
            right after a name ("the Group for ... (JNIM)").
        affiliation: begin offset of an organisation name written right after this person's
            name with "from", "of" or "at" ("X from the Y Observatory").
    """

    mention: Mention
    type: EntityType
    source: Source
    qid: str | None = None
    canonical: str | None = None
    descriptor_type: EntityType | None = None
    apposition: Mention | None = None
    roles: tuple[str, ...] = ()
    former: bool = False
    alias_of: int | None = None
    affiliation: int | None = None


@dataclass(slots=True)
class Description:
    """A group the text names only by description ("troops loyal to President X").

    Args:
        mention: the whole description.
        family: the head noun's family: state, insurgent, militia, partisan, government.
        cues: side cues among its words: former, state, opposed.
        relation: how the complement attaches: loyal, opposed, origin (None without one).
        connector: the connector's words ("loyal to", "of", "from").
        anchor: the complement's span ("President X"), None without one.
        country: the country a nationality adjective or place modifier gives.
        community: the community a modifier names ("Kurdish fighters" -> Kurds).
        place: char span of a place name among its modifiers ("Khartoum military").
    """

    mention: Mention
    family: str
    cues: frozenset[str] = frozenset()
    relation: str | None = None
    anchor: Mention | None = None
    connector: str | None = None
    country: str | None = None
    place: Mention | None = None
    community: str | None = None


@dataclass(slots=True)
class RoleMention:
    """A definite title noun phrase ("the president", "the head of state")."""

    mention: Mention
    role: str


@dataclass(slots=True)
class PossessiveMention:
    """ "his organization", "her group": the organisation of the person last named before."""

    mention: Mention


@dataclass(slots=True)
class AreaMention:
    """A named area ("the Libyan coast": ``anchored``) or a reference to one ("the coast",
    "the coastal region"), by its geographic noun."""

    mention: Mention
    noun: str
    anchored: bool


@dataclass(slots=True)
class Candidates:
    """All evidence one article gives to resolution."""

    names: list[NameMention] = field(default_factory=list)
    descriptions: list[Description] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)
    areas: list[AreaMention] = field(default_factory=list)
    possessives: list[PossessiveMention] = field(default_factory=list)
