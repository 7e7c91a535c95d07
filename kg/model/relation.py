"""Relations the text states between entities."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kg.model.mention import Mention


class RelationType(StrEnum):
    """The contract's relation properties (local names of ``nkg:`` properties)."""

    MEMBER_OF = "memberOf"
    LEADER_OF = "leaderOf"
    LOYAL_TO = "loyalTo"
    LOCATED_IN = "locatedIn"
    HOLDS_POSITION = "holdsPosition"


@dataclass(frozen=True, slots=True)
class Relation:
    """``subject predicate object``; for ``HOLDS_POSITION`` the object is a position label
    (e.g. "President of Syria"), otherwise an entity key."""

    subject: str
    predicate: RelationType
    object: str
    mention: Mention | None = None
