"""From grouped mentions to model Events: roles, place, time, casualty reports and the
claims they come from."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.events.claims import Scope
from kg.extract.events.coref import Coref, Group
from kg.extract.events.doc import Ctx
from kg.extract.events.figures import Figure
from kg.extract.events.roles import agent
from kg.extract.events.triggers import Cand
from kg.extract.events.when import TimeFinder
from kg.extract.events.where import PlaceFinder
from kg.model import (
    CasualtyReport,
    EntityType,
    Event,
    EventType,
    Mention,
    PlacePrecision,
    TimeValue,
)
from kg.taxonomy import load_taxonomy


def assemble(
    ctx: Ctx,
    groups: list[Group],
    figures: list[Figure],
    scopes: list[Scope],
    places: PlaceFinder,
    times: TimeFinder,
    coref: Coref,
    *,
    unnamed: Sequence[tuple[int, int]] = (),
) -> None:
    base = len(ctx.x.events)
    events: list[Event] = []
    for n, group in enumerate(groups, base + 1):
        event = _event(ctx, group, f"event:{n}", places, times, coref)
        for c in group.cands:
            c.event = event
        events.append(event)
    _responsibility(ctx, groups)
    for group in groups:
        owner = group.cands[0].event
        assert owner is not None
        event = owner
        for key in _union(c.perpetrators for c in group.body) or _union(
            c.perpetrators for c in group.cands
        ):
            if key not in event.perpetrators:
                event.perpetrators.append(key)
        for key in _union(c.participants for c in group.cands):
            if key not in event.participants:
                event.participants.append(key)
        if not event.perpetrators and event.type is EventType.PROTEST:
            crowd = next((k for k in event.participants if k in ctx.x.described), None)
            protesters = crowd or _protesters(ctx, group)
            if protesters is not None:
                event.perpetrators.append(protesters)
        for key in _union(c.targets for c in group.cands):
            if key not in event.targets and key not in event.perpetrators:
                event.targets.append(key)
    _same_sentence_agents(ctx, groups)
    _sole_perpetrator(ctx, groups)
    _figures(ctx, groups, figures)
    _claims(ctx, events, scopes, unnamed)
    events.extend(_per_place(ctx, groups, places, base + len(events)))
    ctx.x.events.extend(events)


def _per_place(ctx: Ctx, groups: list[Group], places: PlaceFinder, last: int) -> list[Event]:
    """One event per place for an event stated at several coordinated places ("explosions
    were heard in Kyiv, Kharkiv and Odesa", "the fall of both Herat and Kandahar"): ACLED
    codes one event per location (ACLED Codebook 2023, "one event per day per location").
    The copies share the event's mentions, roles and time; its casualty figures and claims
    stay with the first."""
    out: list[Event] = []
    for group in groups:
        event = group.cands[0].event
        if event is None or event.place is None:
            continue
        if event.place_precision is not PlacePrecision.STATED:
            continue
        # the mention whose own sentence states the event's place, and the places
        # coordinated with it there
        source = next(
            (
                c
                for c in sorted(group.body, key=lambda c: c.start)
                if not c.placeless and places.stated(c.tok) == event.place
            ),
            None,
        )
        if source is None:
            continue
        first = next((c for c in group.body if c.kind != "scene"), group.body[0])
        for key in places.coordinated(source.tok, event.place):
            copy = Event(
                key=f"event:{last + len(out) + 1}",
                type=event.type,
                mentions=list(event.mentions),
                perpetrators=list(event.perpetrators),
                targets=list(event.targets),
                participants=list(event.participants),
                place=key,
                place_precision=PlacePrecision.STATED,
                time=event.time,
            )
            copy.label = _label(ctx, copy, first.mention.text)
            out.append(copy)
    return out


def _same_sentence_agents(ctx: Ctx, groups: list[Group]) -> None:
    """An event of a class that names no agent takes the perpetrators of the other event of
    that class its sentence tells of ("the capture of X follows the recent fall of Y": the
    one who took X took Y), when exactly one such event has them."""
    by_unit: dict[int, list[Group]] = {}
    for group in groups:
        for unit in {ctx.unit_of[c.tok.i] for c in group.body}:
            by_unit.setdefault(unit, []).append(group)
    for group in groups:
        event = group.cands[0].event
        if event is None or event.perpetrators or event.type is EventType.STATEMENT:
            continue
        units = {ctx.unit_of[c.tok.i] for c in group.body}
        donors = {
            id(g): g
            for u in units
            for g in by_unit.get(u, ())
            if g is not group
            and g.type is group.type
            and g.cands[0].event is not None
            and g.cands[0].event.perpetrators
        }
        if len(donors) == 1:
            (donor,) = donors.values()
            assert donor.cands[0].event is not None
            event.perpetrators.extend(donor.cands[0].event.perpetrators)


def _sole_perpetrator(ctx: Ctx, groups: list[Group]) -> None:
    """When every harmful event of the article that names its perpetrator names the same
    one, and the article names no other armed group, the harmful events that name none are
    that perpetrator's too (a report on one attacker's attacks: "The second attack was in
    Linwood Mosque" after "Tarrant attacked..."). Harmful: the classes the ontology marks
    ``nkg:harmsTarget``."""
    taxonomy = load_taxonomy()
    harmful = [
        g.cands[0].event
        for g in groups
        if g.cands[0].event is not None
        and not g.body[0].headline
        and taxonomy.harms_target(str(g.type))
    ]
    named = {tuple(e.perpetrators) for e in harmful if e.perpetrators}
    if len(named) != 1:
        return
    (sole,) = named
    armed = {k for k, e in ctx.x.entities.items() if e.type is EntityType.ARMED_GROUP}
    if armed - set(sole):
        return  # another armed group of the article could have done them
    for event in harmful:
        if not event.perpetrators:
            event.perpetrators.extend(sole)


def _protesters(ctx: Ctx, group: Group) -> str | None:
    """A protest whose actor is named only as the people protesting: the first such noun
    ("protesters", "demonstrators") of its sentences, else of their paragraphs, as a
    described actor (ACLED codes an unnamed protest actor as "Protesters")."""
    nouns = ctx.lex.words("context", "protest_actor_nouns")
    units = {ctx.unit_of[c.tok.i] for c in group.body}
    paras = {ctx.para_of[c.tok.i] for c in group.body}
    for scope in (
        lambda t: ctx.unit_of[t.i] in units,
        lambda t: ctx.para_of[t.i] in paras,
    ):
        for tok in ctx.doc:
            if tok.pos_ == "NOUN" and tok.lower_ in nouns and scope(tok):
                return ctx.described(tok)
    return None


def _union(lists) -> list[str]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    for values in lists:
        for v in values:
            if v not in out:
                out.append(v)
    return out


def _event(
    ctx: Ctx, group: Group, key: str, places: PlaceFinder, times: TimeFinder, coref: Coref
) -> Event:
    mentions = sorted({c.mention for c in group.cands})
    body = sorted(group.body, key=lambda c: c.start)
    event = Event(key=key, type=group.type, mentions=mentions)
    scene = next((c.scene_place for c in body if c.scene_place), None)
    if scene:
        event.place, event.place_precision = scene, PlacePrecision.STATED
    else:
        located = str(group.type) in {str(t) for t in ctx.lex.places.get("located_types", ())}
        tokens = [c.tok for c in body if not c.placeless]
        event.place, event.place_precision = places.resolve(tokens, located=located)
    event.time = _time(ctx, body, places, times, coref, others=group.cands)
    first = next((c for c in body if c.kind != "scene"), body[0])
    event.label = _label(ctx, event, first.mention.text)
    return event


def _time(
    ctx: Ctx,
    body: list[Cand],
    places: PlaceFinder,
    times: TimeFinder,
    coref: Coref,
    *,
    others: Sequence[Cand] = (),
) -> TimeValue | None:
    """A stated time of the event's own sentences first (of its trigger words, then of the
    other mentions of its group: "firing missiles yesterday"), then an anaphoric one, then
    the time of the sentence an anaphoric place word ("the town") points back to, then the
    narrative's time (:meth:`TimeFinder.narrative`)."""
    rest = [c for c in others if c not in body]
    found = [
        coref.time_of.get(id(c)) or times.time_for(c.tok, alone=coref.alone(c))
        for c in (*body, *rest)
    ]
    stated = [
        t
        for t in found
        if t is not None and (t.mention is None or t.mention.label != "ANAPHORIC_TIME")
    ]
    if stated:
        return stated[0]
    anaphoric = [t for t in found if t is not None]
    if anaphoric:
        return anaphoric[0]
    for c in body:
        unit = ctx.unit_of[c.tok.i]
        if places.anaphoric(unit):
            ref = places.anaphoric_unit(unit)
            if ref is not None:
                return times.unit_time(ref)
    return times.narrative(body[0].tok)


def _responsibility(ctx: Ctx, groups: list[Group]) -> None:
    """ "X were responsible (for E)": X is the perpetrator of E, else of the events of the
    paragraph that have none."""
    words = ctx.lex.words("context", "responsibility_adjectives")
    for tok in ctx.doc:
        if tok.lower_ not in words or tok.dep_ not in {"acomp", "attr", "prep", "advmod"}:
            continue
        verb = tok.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        who = agent(ctx, subj)
        if who is None:
            who = ctx.described(subj)
        para = ctx.para_of[tok.i]
        for group in groups:
            if not load_taxonomy().harms_target(
                group.type
            ):  # responsible for abuses, not for a capture
                continue
            body = group.body
            if any(ctx.para_of[c.tok.i] == para for c in body) and not any(
                c.perpetrators for c in body
            ):
                body[0].perpetrators.append(who)


def _figures(ctx: Ctx, groups: list[Group], figures: list[Figure]) -> None:
    owner: dict[int, Group] = {}
    for g in groups:
        for c in g.cands:
            owner[c.tok.i] = g
    for fig in figures:
        group = owner.get(fig.verb.i) if fig.verb is not None else None
        unit = ctx.unit_of[fig.count.i]
        para = ctx.para_of[fig.count.i]
        if group is None:
            same_unit = [
                (abs(c.tok.i - fig.count.i), g)
                for g in groups
                for c in g.cands
                if ctx.unit_of[c.tok.i] == unit
            ]
            if same_unit:
                group = min(same_unit, key=lambda x: x[0])[1]
        if group is None:
            before = [
                (c.start, g)
                for g in groups
                for c in g.cands
                if ctx.para_of[c.tok.i] == para and c.start < fig.count.i
            ]
            if before:
                group = max(before, key=lambda x: x[0])[1]
        if group is None:
            continue
        event = group.cands[0].event
        assert isinstance(event, Event)
        headline = ctx.in_headline(fig.count)
        if headline and any(not ctx.in_headline(_tok(ctx, r.mention)) for r in event.casualties):
            continue
        event.casualties.append(CasualtyReport(fig.kind, fig.minimum, fig.maximum, fig.mention))
    for g in groups:
        event = g.cands[0].event
        assert isinstance(event, Event)
        body = [r for r in event.casualties if not ctx.in_headline(_tok(ctx, r.mention))]
        if body:
            event.casualties = body


def _tok(ctx: Ctx, mention: Mention):  # type: ignore[no-untyped-def]
    return ctx.token_at(mention.begin)


def _claims(
    ctx: Ctx, events: list[Event], scopes: list[Scope], unnamed: Sequence[tuple[int, int]]
) -> None:
    def scope_of(m: Mention) -> Scope | None:
        inside = [s for s in scopes if s.begin <= m.begin and m.end <= s.end]
        if not inside:
            return None
        best = min(inside, key=lambda s: s.end - s.begin)
        # "X said they took the camp after an assault that aid groups said killed N": the
        # figure is the unnamed source's, not X's
        if any(
            b <= m.begin
            and m.end <= e
            and best.begin <= b
            and e <= best.end
            and e - b < best.end - best.begin
            for b, e in unnamed
        ):
            return None
        return best

    for event in events:
        for m in event.mentions:
            scope = scope_of(m)
            if scope is None:
                continue
            if scope.claim.key not in event.claims:
                event.claims.append(scope.claim.key)
            if event.key not in scope.claim.about:
                scope.claim.about.append(event.key)
        for report in event.casualties:
            scope = scope_of(report.mention)
            if scope is not None:
                report.claim = scope.claim.key
                report.reported_by = scope.claim.claimant
                if scope.claim.key not in event.claims:
                    event.claims.append(scope.claim.key)
                if event.key not in scope.claim.about:
                    scope.claim.about.append(event.key)


def _label(ctx: Ctx, event: Event, trigger: str) -> str:
    """A readable label: "Looting (looting) in Kidal, 2024-05-02"."""
    label = f"{event.type} ({trigger})"
    place = ctx.x.entities.get(event.place) if event.place else None
    if place is not None:
        label += f" in {place.label}"
    t = event.time
    if t is not None:
        when = t.start.isoformat()
        if t.precision.value == "span" and t.end:
            when = f"{when}/{t.end.isoformat()}"
        elif t.precision.value == "month":
            when = t.start.strftime("%Y-%m")
        elif t.precision.value == "year":
            when = str(t.start.year)
        label += f", {when}"
    return label
