"""Events, their time and place, and casualty reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kg.model.mention import Mention


class EventType(StrEnum):
    """The contract's event classes (local names of ``nkg:`` classes). Their hierarchy, ACLED
    matches and which harm a target are the ontology's (:mod:`kg.taxonomy`)."""

    ATTACK = "Attack"
    KILLING = "Killing"
    CLASH = "Clash"
    SHELLING = "Shelling"
    AIRSTRIKE = "Airstrike"
    BOMBING = "Bombing"
    LOOTING = "Looting"
    CAPTURE = "Capture"
    ABDUCTION = "Abduction"
    ARREST = "Arrest"
    PROTEST = "Protest"
    STATEMENT = "Statement"


#: an event class's local name: the :class:`EventType` member for the contract's classes, the
#: plain name for a class the ontology adds (see :mod:`kg.taxonomy`)
EventClass = str


class DatePrecision(StrEnum):
    """How precisely the time of an event is known (after ACLED's time_precision)."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    SPAN = "span"


class PlacePrecision(StrEnum):
    """How the place of an event was found (after ACLED's geo_precision)."""

    STATED = "stated"  # a locative phrase of the event's own sentence
    NEARBY = "nearby"  # from the surrounding text
    FOCUS = "focus"  # the article's focus place, a fallback


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A resolved time: one day, a month, a year, or a span of days.

    For ``SPAN``, ``start`` and ``end`` are set; otherwise ``start`` holds the day (or the
    first day of the month/year) and ``end`` is None.
    """

    precision: DatePrecision
    start: date
    end: date | None = None
    mention: Mention | None = None


class CasualtyKind(StrEnum):
    KILLED = "killed"
    INJURED = "injured"


@dataclass(slots=True)
class CasualtyReport:
    """A casualty figure as a source gives it.

    Args:
        kind: killed or injured, never mixed.
        minimum: lowest count the wording allows ("at least 180" -> 180).
        maximum: highest count the wording allows ("nearly twenty" -> 20).
        reported_by: key of the entity that gave the figure, where the text says.
        claim: key of the claim the figure comes from, where there is one.
        mention: the words of the figure.
    """

    kind: CasualtyKind
    minimum: int | None
    maximum: int | None
    mention: Mention
    reported_by: str | None = None
    claim: str | None = None


@dataclass(slots=True)
class Event:
    """Something that happened, with its participants, place, time and casualties.

    Role fields hold keys of entities (or of described role fillers) of the same extraction.
    """

    key: str
    type: EventClass
    mentions: list[Mention] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    place_precision: PlacePrecision | None = None
    time: TimeValue | None = None
    casualties: list[CasualtyReport] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    label: str | None = None
