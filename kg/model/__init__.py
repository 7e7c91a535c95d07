"""Plain typed dataclasses: what extraction produces and the RDF mapping consumes.

Nothing here imports spaCy, rdflib or httpx (see DESIGN.md, "Model first").
"""

from __future__ import annotations

from kg.model.article import Article
from kg.model.claim import Claim
from kg.model.entity import Described, Entity, EntityType
from kg.model.event import (
    CasualtyKind,
    CasualtyReport,
    DatePrecision,
    Event,
    EventClass,
    EventType,
    PlacePrecision,
    TimeValue,
)
from kg.model.extraction import Extraction
from kg.model.mention import Mention
from kg.model.relation import Relation, RelationType

__all__ = [
    "Article",
    "CasualtyKind",
    "CasualtyReport",
    "Claim",
    "DatePrecision",
    "Described",
    "Entity",
    "EntityType",
    "Event",
    "EventClass",
    "EventType",
    "Extraction",
    "Mention",
    "PlacePrecision",
    "Relation",
    "RelationType",
    "TimeValue",
]
