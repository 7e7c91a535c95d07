"""All that is extracted from one article."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model.article import Article
from kg.model.claim import Claim
from kg.model.entity import Described, Entity
from kg.model.event import Event
from kg.model.relation import Relation


@dataclass(slots=True)
class Extraction:
    """The model of one article: what the RDF mapping turns into one named graph.

    Args:
        article: the source article.
        entities: resolved entities, keyed by ``Entity.key``.
        described: described role fillers, keyed by ``Described.key``.
        events: events in text order of their first mention.
        claims: reported statements.
        relations: relations between entities.
        model_name: the spaCy pipeline used (name and version), for provenance.
    """

    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    described: dict[str, Described] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    model_name: str = ""
