"""Events, their roles, places, times and casualty figures, claims and relations, read from
a parsed article with the lexicons of ``data/lexicons/``.

Public entry point: :func:`add_events`, an extraction post-step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from kg.extract.events.assemble import assemble
from kg.extract.events.claims import ClaimReader
from kg.extract.events.coref import Coref, Group
from kg.extract.events.dateline import without_datelines
from kg.extract.events.doc import Ctx
from kg.extract.events.figures import Figure, FigureReader
from kg.extract.events.lexicon import load_lexicon
from kg.extract.events.relations import RelationReader
from kg.extract.events.roles import clash_parties, fill_roles
from kg.extract.events.triggers import Cand, find_triggers
from kg.extract.events.when import TimeFinder
from kg.extract.events.where import PlaceFinder
from kg.model import Claim, Extraction, PlacePrecision

__all__ = ["STAGES", "EventState", "add_events", "prepare"]


@dataclass(slots=True)
class EventState:
    """What the event stages pass on to each other for one article (the slots that
    :data:`STAGES` declare they assign and require)."""

    ctx: Ctx
    claims: ClaimReader | None = None
    cands: list[Cand] = field(default_factory=list)
    places: PlaceFinder | None = None
    times: TimeFinder | None = None
    coref: Coref | None = None
    groups: list[Group] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def prepare(doc: Doc, extraction: Extraction, *, lexicons: Path | None = None) -> EventState:
    """The article's sentence units, entity spans and lexicons (``ctx``); a dateline is
    blanked first (see :mod:`kg.extract.events.dateline`)."""
    doc = without_datelines(doc, extraction.model_name)
    ctx = Ctx.build(doc, extraction, load_lexicon(lexicons))
    # mentions inside a blanked dateline have no tokens left to stand for them
    ctx.spans = [s for s in ctx.spans if ctx.text[s.begin : s.end].strip()]
    return EventState(ctx)


def read_relations(state: EventState) -> None:
    """memberOf, leaderOf, loyalTo, holdsPosition... into ``extraction.relations``."""
    state.ctx.x.relations.extend(RelationReader(state.ctx).read())


def read_claims(state: EventState) -> None:
    """Reported statements with their claimant into ``extraction.claims``."""
    state.claims = ClaimReader(state.ctx)
    state.ctx.x.claims.extend(state.claims.read())


def read_triggers(state: EventState) -> None:
    """Event mentions (trigger words with their class)."""
    state.cands = find_triggers(state.ctx)


def read_roles(state: EventState) -> None:
    """Perpetrators, targets and participants of each event mention."""
    for cand in state.cands:
        fill_roles(state.ctx, cand)
    clash_parties(state.cands)


def group_mentions(state: EventState) -> None:
    """In-document event coreference: the mentions of one happening in one group."""
    state.places, state.times = PlaceFinder(state.ctx), TimeFinder(state.ctx)
    state.coref = Coref(state.ctx, state.places, state.times)
    state.groups = state.coref.group(state.coref.hosts(state.cands))


def read_figures(state: EventState) -> None:
    """Casualty figures with their bounds and source."""
    state.figures = FigureReader(state.ctx).figures()


def date_claims(state: EventState) -> None:
    """When and where each claim was made: a time expression or a locative phrase the parse
    links to its reporting words ("said on Sunday", "In Vienna, X said", "Speaking at X,
    Y offered"), resolved as events' are; a claim that has none continues the claim before
    it when both have the same claimant in the same or the next paragraph ("he added")."""
    assert state.times is not None and state.places is not None
    ctx = state.ctx
    later = ctx.lex.words("time", "sequence_adverbs")
    before: Claim | None = None
    for claim in sorted(ctx.x.claims, key=lambda c: c.mention.begin):
        tok = ctx.token_at(claim.mention.begin)
        if tok is None:
            continue
        if claim.time is None:
            claim.time = state.times.time_for(tok)
        if claim.place is None:
            claim.place = state.places.stated(tok, speech=True)
            claim.place_precision = PlacePrecision.STATED if claim.place else None
        if before is not None and _continues(ctx, before, claim):
            if claim.time is None and not any(c.lower_ in later for c in tok.children):
                claim.time = before.time  # "he added", not "he later added"
            if claim.place is None and before.place is not None:
                claim.place, claim.place_precision = before.place, PlacePrecision.NEARBY
        before = claim


def _continues(ctx: Ctx, before: Claim, claim: Claim) -> bool:
    """``claim`` goes on with the statement of ``before``: same claimant, same or next
    paragraph."""
    a, b = ctx.token_at(before.mention.begin), ctx.token_at(claim.mention.begin)
    if a is None or b is None or before.claimant != claim.claimant:
        return False
    return 0 <= ctx.para_of[b.i] - ctx.para_of[a.i] <= 1


def assemble_events(state: EventState) -> None:
    """One event per group, with its place, time, figures and claims, into
    ``extraction.events``."""
    assert state.claims is not None and state.coref is not None
    assert state.places is not None and state.times is not None
    assemble(
        state.ctx,
        state.groups,
        state.figures,
        state.claims.scopes,
        state.places,
        state.times,
        state.coref,
        unnamed=state.claims.unnamed,
    )


#: The event stages in their default order: (name, function, slots required, slots assigned).
#: ``data/pipeline/config.cfg`` may list them as separate steps (``kg.events.<name>.v1``) so
#: that one can be replaced; a replacement declares the same slots.
STAGES: tuple[tuple[str, Callable[[EventState], None], tuple[str, ...], tuple[str, ...]], ...] = (
    ("relations", read_relations, ("ctx",), ("relations",)),
    ("claims", read_claims, ("ctx",), ("claims",)),
    ("triggers", read_triggers, ("ctx",), ("cands",)),
    ("roles", read_roles, ("ctx", "cands"), ("roles",)),
    ("coref", group_mentions, ("ctx", "cands", "roles"), ("places", "times", "coref", "groups")),
    ("figures", read_figures, ("ctx",), ("figures",)),
    ("claim_dates", date_claims, ("claims", "times", "places"), ("claim_dates",)),
    (
        "assemble",
        assemble_events,
        ("claims", "groups", "figures", "places", "times", "coref"),
        ("events",),
    ),
)


def add_events(doc: Doc, extraction: Extraction, *, lexicons: Path | None = None) -> None:
    """Append the article's events, claims, relations and described role fillers: every
    stage of :data:`STAGES` in order.

    Uses the entities already in ``extraction.entities`` (mapped to tokens by their
    mention offsets) and appends to ``extraction.events``, ``claims``, ``relations`` and
    ``described``.

    Args:
        doc: the parsed article body (offsets match the entities' mentions).
        extraction: the extraction to complete.
        lexicons: a lexicon folder other than ``data/lexicons`` (tests).
    """
    state = prepare(doc, extraction, lexicons=lexicons)
    for _name, stage, _requires, _assigns in STAGES:
        stage(state)
