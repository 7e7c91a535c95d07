"""Event coreference: which trigger mentions tell of the same happening (the rule is
documented in data/lexicons/README.md, "Event coreference")."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field

from kg.extract.events.doc import Ctx
from kg.extract.events.triggers import Cand
from kg.extract.events.when import TimeFinder
from kg.extract.events.where import PlaceFinder
from kg.model import DatePrecision, EntityType, EventClass, EventType, TimeValue
from kg.taxonomy import load_taxonomy


def _attack_like() -> frozenset[str]:
    """Attacks and every subclass of it (the ontology's hierarchy)."""
    return load_taxonomy().subclasses(EventType.ATTACK)


@dataclass(slots=True, eq=False)
class Group:
    cands: list[Cand] = field(default_factory=list)

    @property
    def body(self) -> list[Cand]:
        return [c for c in self.cands if not c.headline and c.host is None] or self.cands

    @property
    def type(self) -> EventClass:
        return self.body[0].type

    @property
    def last(self) -> Cand:
        return max(self.cands, key=lambda c: c.start)


class Coref:
    def __init__(self, ctx: Ctx, places: PlaceFinder, times: TimeFinder) -> None:
        self.ctx = ctx
        self.places = places
        self.times = times
        self.distinct = ctx.lex.words("context", "distinct_markers")
        self.scene = ctx.lex.words("places", "scene_nouns")
        cas = ctx.lex.casualties
        self.casualty_verbs = {w.lower() for w in cas["killed"]["verbs"]} | {
            w.lower() for w in cas["injured"]["verbs"]
        }
        self.place_of: dict[int, str | None] = {}
        self.units: dict[int, list[Cand]] = {}
        self.time_of: dict[int, TimeValue | None] = {}

    # -- per-mention facts ------------------------------------------------------------
    def _place(self, c: Cand) -> str | None:
        if id(c) not in self.place_of:
            self.place_of[id(c)] = c.scene_place or self.places.stated(
                c.tok, own=c.type is EventType.STATEMENT
            )
        return self.place_of[id(c)]

    def _time(self, c: Cand) -> TimeValue | None:
        if id(c) not in self.time_of:
            self.time_of[id(c)] = self.times.time_for(c.tok, alone=self.alone(c))
        return self.time_of[id(c)]

    def alone(self, c: Cand) -> bool:
        """``c`` is the only trigger of its sentence unit that is not hosted by another."""
        unit = self.ctx.unit_of[c.tok.i]
        return [o for o in self.units.get(unit, []) if o.host is None] == [c]

    def _is_distinct(self, c: Cand) -> bool:
        return any(ch.dep_ == "amod" and ch.lower_ in self.distinct for ch in c.tok.children)

    # -- hosts and scenes ---------------------------------------------------------------
    def hosts(self, cands: list[Cand]) -> list[Cand]:
        by_tok = {c.tok.i: c for c in cands}
        collectives = self.ctx.lex.words("context", "collective_nouns")
        for c in cands:
            if c.kind == "verb" and c.lemma in self.casualty_verbs:
                for prep in c.tok.children:
                    if prep.dep_ == "prep" and prep.lower_ == "in":
                        for pobj in prep.children:
                            target = by_tok.get(pobj.i)
                            if target is None and pobj.lemma_.lower() in collectives:
                                inner = [
                                    g
                                    for ch in pobj.children
                                    if ch.lower_ == "of"
                                    for g in ch.children
                                ]
                                target = next((by_tok[g.i] for g in inner if g.i in by_tok), None)
                            if target is not None:
                                _set_host(c, target)
                    if prep.dep_ == "advcl" and any(
                        m.dep_ in {"mark", "advmod"} and m.lower_ in {"when", "as", "after"}
                        for m in prep.children
                    ):
                        target = by_tok.get(prep.i)  # "12 were killed when rebels shelled X"
                        if target is not None:
                            _set_host(c, target)
            if c.host is None and c.kind in {"noun", "phrase", "weapon"} and c.tok.dep_ == "conj":
                # "air strikes and gunfire killed 85": one reported happening
                first = by_tok.get(c.tok.head.i)
                if first is not None and c.tok.head.dep_ in {"nsubj", "nsubjpass"}:
                    _set_host(c, first)
            if c.host is None and c.kind == "verb" and c.lemma not in self.casualty_verbs:
                # "A car bomb exploded at X": the verb tells of its subject's event
                target = self._subject_event(c, by_tok)
                if target is not None and target.type is c.type:
                    _set_host(c, target)
            if c.host is None and c.kind == "verb" and c.lemma in self.casualty_verbs:
                # "Fighting in X has killed N", "an air strike on Y killed N": the subject
                # is the event the casualties belong to
                target = self._subject_event(c, by_tok)
                if target is not None:
                    _set_host(c, target)
            if c.host is None and c.kind == "verb" and c.lemma in self.casualty_verbs:
                head = c.tok.head
                if (
                    c.tok.dep_ in {"advcl", "xcomp", "conj"}
                    and c.tok.tag_ == "VBG"
                    and head.i != c.tok.i
                ):
                    target = by_tok.get(head.i)
                    if target is None:  # "A drone strike hit X, killing N"; "carried out a strike"
                        for dep in ("nsubj", "dobj"):
                            arg = next((s for s in head.children if s.dep_ == dep), None)
                            if target is None and arg is not None:
                                target = by_tok.get(arg.i)
                    if target is not None:
                        _set_host(c, target)
            if c.host is None and c.kind == "verb" and c.lemma in self.casualty_verbs:
                target = self._preceding_event(c, cands)
                if target is not None:
                    _set_host(c, target)
            if c.kind == "weapon":
                unit = self.ctx.unit_of[c.tok.i]
                others = [
                    o
                    for o in cands
                    if o is not c
                    and o.kind != "weapon"
                    and o.type in _attack_like()
                    and not (o.kind == "verb" and o.lemma in self.casualty_verbs)
                    and self.ctx.unit_of[o.tok.i] == unit
                ]
                if others:
                    _set_host(c, min(others, key=lambda o: abs(o.tok.i - c.tok.i)))
                elif any(ch.dep_ == "nummod" for ch in c.tok.children):
                    # "Russia fired 309 drones and eight missiles": the counted weapons of
                    # the article's lead attack, not an attack of their own
                    lead = next(
                        (
                            o
                            for o in cands
                            if o.start < c.start
                            and not o.headline
                            and o.kind != "weapon"
                            and o.type in _attack_like()
                            and o.type is not EventType.KILLING
                        ),
                        None,
                    )
                    if lead is not None:
                        _set_host(c, lead)
        out = list(cands)
        for c in cands:
            sub = self._scene(c)
            if sub is not None:
                out.append(sub)
                self.place_of[id(c)] = None  # the sub-event's place, not the parent's
                c.placeless = True
        out.sort(key=lambda c: (c.start, c.kind == "scene"))
        return out

    def _scene(self, c: Cand) -> Cand | None:
        """ "one of the scenes of E was X": a new event of E's type at X."""
        tok = c.tok
        if tok.dep_ != "pobj" or tok.head.lower_ != "of":
            return None
        scene = tok.head.head
        if (
            scene.lemma_.lower() not in self.scene
            or scene.dep_ != "pobj"
            or scene.head.head.lower_ != "one"
        ):
            return None
        place = self.places.stated(scene)
        if place is None:
            return None
        anchor = max(scene.head.head.head.right_edge.i, scene.i)
        sub = Cand(
            tok=scene,
            start=anchor,
            end=anchor + 1,
            type=c.type,
            kind="scene",
            mention=self.ctx.mention(scene.i, scene.i + 1, "TRIGGER"),
            scene_place=place,
        )
        return sub

    def _subject_event(self, c: Cand, by_tok: dict[int, Cand]) -> Cand | None:
        """The trigger that is the subject of casualty verb ``c`` (or heads its subject
        phrase: "air strikes and gunfire killed", "RSF shelling of the camp killed")."""
        subj = next((s for s in c.tok.children if s.dep_ == "nsubj"), None)
        if subj is None:
            return None
        appos = [t for t in subj.children if t.dep_ == "appos"]  # "In X, an air strike ..."
        compounds = [t for t in subj.subtree if t.dep_ == "compound"]
        for tok in [subj, *subj.conjuncts, *appos, *compounds]:
            target = by_tok.get(tok.i)
            if target is not None and target is not c:
                return target
        return None

    def _preceding_event(self, c: Cand, cands: list[Cand]) -> Cand | None:
        """A casualty verb the parser left without its event ("RSF shelling of X killed N"
        read as "X killed"; "an assault that aid groups said killed N"): the nearest attack
        trigger before it in its sentence, when no group is its own subject and no other
        casualty verb or trigger lies between."""
        subj = next((s for s in c.tok.children if s.dep_ == "nsubj"), None)
        found = self.ctx.entity_of(subj) if subj is not None and subj.pos_ != "PRON" else None
        if found is not None and found.type is not EntityType.PLACE:
            return None
        unit = self.ctx.unit_of[c.tok.i]
        before = [
            o
            for o in cands
            if o is not c
            and o.start < c.start
            and self.ctx.unit_of[o.tok.i] == unit
            and not (o.kind == "verb" and o.lemma in self.casualty_verbs)
        ]
        if not before:
            return None
        last = max(before, key=lambda o: o.start)
        if last.type not in _attack_like() or c.start - last.end > 12:
            return None
        return last

    # -- grouping -------------------------------------------------------------------------
    def group(self, cands: list[Cand]) -> list[Group]:
        for c in cands:
            self.units.setdefault(self.ctx.unit_of[c.tok.i], []).append(c)
        groups: list[Group] = []
        headline: list[Cand] = []
        for c in cands:
            if c.host is not None:
                continue
            if c.headline:
                headline.append(c)
                continue
            target = None if self._is_distinct(c) else self._antecedent(c, groups)
            if target is None:
                groups.append(Group([c]))
            else:
                target.cands.append(c)
        for c in headline:
            # the title tells of the lead: an attack-like title mention ("Israel strikes X",
            # "drone and missile attack on X") joins the body's first attack-like event
            if c.type in _attack_like():
                target = next((g for g in groups if g.type in _attack_like()), None)
            else:
                target = next((g for g in groups if g.type is c.type), None)
            if target is None:
                groups.append(Group([c]))
            else:
                target.cands.append(c)
        for c in cands:
            if c.host is not None:
                host = _root(c)
                owner = next((g for g in groups if host in g.cands), None)
                if owner is not None:
                    owner.cands.append(c)
        groups.sort(key=lambda g: min(c.start for c in g.cands))
        return groups

    def _antecedent(self, c: Cand, groups: list[Group]) -> Group | None:
        same = [g for g in groups if g.type is c.type and not g.body[0].headline]
        generic = (self.ctx.lex.context.get("generic_anaphors") or {}).get(c.lemma)
        if not same and generic and c.anaphor:
            kinds = {load_taxonomy().event_class(t) for t in generic}
            near = [g for g in groups if g.type in kinds and not g.body[0].headline]
            return max(near, key=lambda g: g.last.start) if near else None
        if not same:
            return None
        if c.anaphor in {"demonstrative", "possessive", "predicate"} or c.collective:
            if c.plural or c.collective:
                return same[0]
            return max(same, key=lambda g: g.last.start)
        if c.anaphor == "definite":
            lemma = [g for g in same if any(o.lemma == c.lemma for o in g.cands)]
            if lemma:
                return max(lemma, key=lambda g: g.last.start)
            fits = [g for g in same if self._compatible(c, g)]
            if fits:
                return max(fits, key=lambda g: g.last.start)
        shared = [
            g for g in same if set(c.perpetrators) & {p for o in g.cands for p in o.perpetrators}
        ]
        shared = [g for g in shared if self._compatible(c, g, strict_place=True)]
        if shared:
            return max(shared, key=lambda g: g.last.start)
        place, time = self._place(c), self._time(c)
        if place is None and time is None:
            para = self.ctx.para_of[c.tok.i]
            recent = max(same, key=lambda g: g.last.start)
            if self.ctx.para_of[recent.last.tok.i] >= para - 1:
                return recent
        if place is not None:
            fits = [
                g
                for g in same
                if place in {self._place(o) for o in g.cands} and self._compatible(c, g)
            ]
            if fits:
                return max(fits, key=lambda g: g.last.start)
        return None

    def _compatible(self, c: Cand, g: Group, *, strict_place: bool = False) -> bool:
        """No conflicting place or time (``strict_place``: a mention with a place of its own
        joins only an event stated at that same place)."""
        place, time = self._place(c), self._time(c)
        places = {p for p in (self._place(o) for o in g.body) if p}
        if place and places and place not in places:
            return False
        if strict_place and place and not places:
            return False
        times = [t for t in (self._time(o) for o in g.body) if t]
        return not (time and times and not any(_overlap(time, t) for t in times))


def _overlap(a: TimeValue, b: TimeValue) -> bool:
    def bounds(t: TimeValue):  # type: ignore[no-untyped-def]
        if t.precision is DatePrecision.SPAN and t.end:
            return t.start, t.end
        if t.precision is DatePrecision.DAY:
            return t.start, t.start
        if (
            t.precision is DatePrecision.MONTH
        ):  # the month's real last day ("in March" holds 30 March)
            last = calendar.monthrange(t.start.year, t.start.month)[1]
            return t.start, t.start.replace(day=last)
        return t.start, t.start.replace(month=12, day=31)

    a0, a1 = bounds(a)
    b0, b1 = bounds(b)
    return a0 <= b1 and b0 <= a1


def _root(c: Cand) -> Cand:
    """The last host of ``c``'s chain of hosts ("killed in the attack" -> the attack)."""
    seen = {id(c)}
    host = c.host if c.host is not None else c
    while host.host is not None and id(host.host) not in seen:
        seen.add(id(host))
        host = host.host
    return host


def _set_host(c: Cand, target: Cand) -> None:
    """Make ``target`` the host of ``c`` unless that would close a cycle (two casualty verbs
    each "hosting" the other: "killing two and wounding five")."""
    node: Cand | None = target
    seen: set[int] = set()
    while node is not None and id(node) not in seen:
        if node is c:
            return
        seen.add(id(node))
        node = node.host
    c.host = target
