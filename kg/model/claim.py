"""Reported statements and who makes them."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model.event import TimeValue
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
    """

    key: str
    claimant: str
    content: str
    mention: Mention
    about: list[str] = field(default_factory=list)
    via: str | None = None
    time: TimeValue | None = None
