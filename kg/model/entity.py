"""Entities: the persons, organisations, armed groups, places and communities of an article."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kg.model.mention import Mention


class EntityType(StrEnum):
    """The contract's entity classes (local names of ``nkg:`` classes); their hierarchy is
    the ontology's (:mod:`kg.taxonomy`)."""

    PERSON = "Person"
    ORGANISATION = "Organisation"
    ARMED_GROUP = "ArmedGroup"
    PLACE = "Place"
    COMMUNITY = "Community"


@dataclass(slots=True)
class Entity:
    """One real-world thing of an article, with every mention that refers to it.

    Args:
        key: local key, unique within one extraction (e.g. ``person:jane-doe``).
        type: the most specific contract class.
        label: the preferred name (``rdfs:label``).
        alt_labels: every other name used for it (``skos:altLabel``).
        mentions: where the text refers to it, in text order.
        named: False for entities the text names only by description
            ("government forces"); their IRIs are scoped to the article.
        same_as: Wikidata QID of a confident link (``owl:sameAs``).
        close_match: QIDs of weaker candidates (``skos:closeMatch``).
        link_score: score of the chosen link, when linked.
        wikidata: facts about the linked item (coordinates, parents) for enrichment.
    """

    key: str
    type: EntityType
    label: str
    alt_labels: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    named: bool = True
    same_as: str | None = None
    close_match: list[str] = field(default_factory=list)
    link_score: float | None = None
    wikidata: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class Described:
    """A role filler the text only describes and that is not a contract entity
    ("a civilian home", "numerous businesses"), or a source of a claim or figure known only by
    description ("security officials"; ``source=True``): a labelled node, grounded in its
    mention."""

    key: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    source: bool = False
