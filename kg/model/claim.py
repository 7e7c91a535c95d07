"""Reported statements and who makes them."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model.event import PlacePrecision, TimeValue
from kg.model.mention import Mention


@dataclass(slots=True)
class Claim:
    """A reported statement.

    Args:
        key: local key, unique within one extraction.
        claimant: key of the entity that makes the claim.
        content: a short literal: what is claimed.
        mention: the reporting words ("said", "according to").
        about: keys of events or entities the claim is about.
        via: key of an entity the claimant quotes ("quoting a security source").
        time: when the claim was made, where the text says ("said on Sunday").
        place: key of the place where the claim was made ("In Vienna, X said").
        place_precision: how ``place`` was found: ``stated`` in the claim's sentence, or
            ``nearby`` from the same speaker's claim before ("he added").
    """

    key: str
    claimant: str
    content: str
    mention: Mention
    about: list[str] = field(default_factory=list)
    via: str | None = None
    time: TimeValue | None = None
    place: str | None = None
    place_precision: PlacePrecision | None = None
