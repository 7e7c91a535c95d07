"""Candidate generation and scoring: pure functions, no I/O.

Every threshold and weight of the linker is in :data:`THRESHOLDS` (one documented place).

A candidate's score, in [0, 1]::

    score = clamp(name * type_factor + context)

- ``name``: how the entity's best name matches one of the item's names: the item's label
  exactly (``label``), an alias exactly (``alias``), the same after the Arabic article,
  translated words and titles are set aside (``variant``: "Jaysh al Islam" = "Islam
  Army"; a person's given name and surname agree: "Recep Tayyip Erdogan" = "Recep
  Erdogan"), or only the consonant skeleton agrees (``skeleton``: "Hims" = "Homs").
  Skeleton candidates are considered only when nothing matches better; alone (0.70) they
  reach ``skos:closeMatch``, and ``owl:sameAs`` only with the support of the context.
- ``type_factor``: 1 for the same type; ``compatible_type`` for an armed group and an
  organisation item (or the reverse); incompatible types are no candidates at all.
- ``context``: a place whose admin parent or country is among the article's confidently
  linked entities (or their parents) gains ``context_bonus``; a place of another country
  than those of the article loses ``context_penalty``; a person or organisation of one of
  the article's countries gains ``context_bonus_weak``.

Person names of one token ("Erdogan", "Putin") never match a person item whose name has a
given name too (the surname trap); and a person item whose given name differs from the
entity's full name is no candidate at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.gazetteer import GazetteerItem
from kg.link.names import (
    NameRules,
    content_tokens,
    exact_key,
    is_acronym,
    load_rules,
    skeleton_key,
    tokens,
    variant_key,
)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """All weights and thresholds of the linker.

    Args:
        same_as: lowest score for ``owl:sameAs``.
        close_match: lowest score for ``skos:closeMatch``; below it, nothing (NIL).
        margin: a best candidate within this of the runner-up is ambiguous: no
            ``owl:sameAs``, both become ``skos:closeMatch``.
        label, alias, variant, skeleton: name-match scores.
        compatible_type: factor for an armed group / organisation cross-match.
        context_bonus: a place whose parent or country is in the article's context.
        context_penalty: a place of a country foreign to the article's context.
        context_bonus_weak: a person or organisation of a country in the context.
        max_close: how many ``skos:closeMatch`` candidates to keep.
        shortened: the highest name score of a candidate found only through a shortened
            form of the entity's name ("Security Council" of "Ukrainian Security
            Council"): such a candidate may be a ``skos:closeMatch``, never an
            ``owl:sameAs`` (the full name is the more specific one).
    """

    same_as: float = 0.80
    close_match: float = 0.50
    margin: float = 0.10
    label: float = 1.00
    alias: float = 0.95
    variant: float = 0.88
    skeleton: float = 0.70
    compatible_type: float = 0.90
    context_bonus: float = 0.12
    context_penalty: float = 0.10
    context_bonus_weak: float = 0.05
    max_close: int = 3
    shortened: float = 0.75


THRESHOLDS = Thresholds()

# entity type -> item types it may link to, with the factor (1.0 same, else compatible)
_COMPATIBLE: dict[str, tuple[str, ...]] = {
    "Person": ("Person",),
    "Organisation": ("Organisation", "ArmedGroup"),
    "ArmedGroup": ("ArmedGroup", "Organisation"),
    "Place": ("Place",),
    "Community": ("Community",),
}

LEVELS = ("label", "alias", "variant", "skeleton")


def type_factor(entity_type: str, item_type: str, t: Thresholds = THRESHOLDS) -> float:
    """1.0 for the same type, ``t.compatible_type`` for a compatible one, 0.0 otherwise."""
    if entity_type == item_type:
        return 1.0
    return t.compatible_type if item_type in _COMPATIBLE.get(entity_type, ()) else 0.0


@dataclass(frozen=True, slots=True)
class Candidate:
    """One item considered for one entity, with how it was found and scored."""

    item: GazetteerItem
    level: str
    name: float
    type_factor: float
    context: float = 0.0

    @property
    def raw(self) -> float:
        """The unclamped score: ranks candidates and measures the margin between them."""
        return round(self.name * self.type_factor + self.context, 4)

    @property
    def score(self) -> float:
        """The score in [0, 1]."""
        return max(0.0, min(1.0, self.raw))


class CandidateIndex:
    """Items indexed by their normalised names (built once per snapshot)."""

    def __init__(self, items: Iterable[GazetteerItem], *, rules: NameRules | None = None) -> None:
        self.rules = rules or load_rules()
        self.items: dict[str, GazetteerItem] = {}
        self._keys: dict[str, dict[str, set[str]]] = {lv: defaultdict(set) for lv in LEVELS}
        self._acronyms: dict[str, set[str]] = defaultdict(set)
        # (first, last) content token of persons' names -> their QIDs, in item order; built
        # on the first lookup that needs it, dropped when an item is added
        self._person_ends: dict[tuple[str, str], list[str]] | None = None
        for item in items:
            self.add(item)

    def add(self, item: GazetteerItem) -> None:
        """Index one item (a later item with the same QID replaces the earlier one)."""
        self.items[item.qid] = item
        self._person_ends = None
        person = item.type == "Person"
        for n, name in enumerate(item.names):
            if n and _reference_alias(name, item, self.rules):
                continue
            if is_acronym(name, self.rules):
                self._acronyms[_letters(name).upper()].add(item.qid)
                continue
            if (
                person
                and len(content_tokens(name, person=True, rules=self.rules)) < 2
                and (len(content_tokens(item.label, person=True, rules=self.rules)) >= 2)
            ):
                continue  # a surname alone is no name of a person with a given name
            self._keys["label" if n == 0 else "alias"][exact_key(name, self.rules)].add(item.qid)
            self._keys["variant"][variant_key(name, person=person, rules=self.rules)].add(item.qid)
            skel = skeleton_key(name, person=person, rules=self.rules)
            if skel:
                self._keys["skeleton"][skel].add(item.qid)

    def lookup(self, name: str, entity_type: str, t: Thresholds = THRESHOLDS) -> list[Candidate]:
        """Candidates for one name of an entity of ``entity_type`` (type filter applied)."""
        r, person = self.rules, entity_type == "Person"
        found: dict[str, Candidate] = {}

        def offer(qid: str, level: str, score: float) -> None:
            item = self.items[qid]
            factor = type_factor(entity_type, item.type, t)
            if factor == 0.0 or (person and _person_conflict(name, item, r)):
                return
            old = found.get(qid)
            if old is None or score > old.name:
                found[qid] = Candidate(item, level, score, factor)

        letters = _letters(name)
        if len(letters) >= 3 or is_acronym(name, r):
            # short all-capital names: two letters match case-sensitively only ("AP", not "Ap")
            for qid in self._acronyms.get(letters.upper(), ()):
                if len(letters) >= 3 or letters.isupper():
                    offer(qid, "alias", t.alias)
        if person and len(content_tokens(name, person=True, rules=r)) < 2:
            # surname trap: a one-token name links only a mononymous person item
            for qid in self._keys["label"].get(exact_key(name, r), ()):
                if len(content_tokens(self.items[qid].label, person=True, rules=r)) < 2:
                    offer(qid, "label", t.label)
            return sorted(found.values(), key=_order)
        for qid in self._keys["label"].get(exact_key(name, r), ()):
            offer(qid, "label", t.label)
        for qid in self._keys["alias"].get(exact_key(name, r), ()):
            offer(qid, "alias", t.alias)
        for qid in self._keys["variant"].get(variant_key(name, person=person, rules=r), ()):
            offer(qid, "variant", t.variant)
        if person:
            for qid in self._given_and_surname(name):
                offer(qid, "variant", t.variant)
        if not found:
            skel = skeleton_key(name, person=person, rules=r)
            for qid in self._keys["skeleton"].get(skel, ()) if skel else ():
                offer(qid, "skeleton", t.skeleton)
        return sorted(found.values(), key=_order)

    def _given_and_surname(self, name: str) -> list[str]:
        """Persons with a name (not a reference alias) of two tokens or more that begins
        and ends like ``name`` ("Bashar al-Assad" for "Bashar Hafez al-Assad")."""
        toks = content_tokens(name, person=True, rules=self.rules)
        if not toks:
            return []
        if self._person_ends is None:
            self._person_ends = self._index_person_ends()
        return self._person_ends.get((toks[0], toks[-1]), [])

    def _index_person_ends(self) -> dict[tuple[str, str], list[str]]:
        index: dict[tuple[str, str], list[str]] = {}
        for qid, item in self.items.items():
            if item.type != "Person":
                continue
            ends = set()
            for k, n in enumerate(item.names):
                if k and _reference_alias(n, item, self.rules):
                    continue
                it = content_tokens(n, person=True, rules=self.rules)
                if len(it) >= 2 and (it[0], it[-1]) not in ends:
                    ends.add((it[0], it[-1]))
                    index.setdefault((it[0], it[-1]), []).append(qid)
        return index


def _reference_alias(name: str, item: GazetteerItem, rules: NameRules) -> bool:
    """An alias that is a reference, not a name: "the" and one word ("the Union", "the
    Alliance" are any union or alliance in running text), or a role of a person that shares
    no word with the person's name ("UN Secretary-General": whoever holds the office)."""
    words = name.split()
    if len(words) == 2 and words[0].casefold() == "the":
        return True
    if item.type != "Person":
        return False
    toks = tokens(name, rules)
    if not set(toks) & rules.titles:
        return False
    label = set(content_tokens(item.label, person=True, rules=rules))
    return not set(content_tokens(name, person=True, rules=rules)) & label


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _person_conflict(name: str, item: GazetteerItem, rules: NameRules) -> bool:
    """True when a multi-token person name has the item's surname but another given name
    ("Jane al-Smith" against "John al-Smith")."""
    toks = content_tokens(name, person=True, rules=rules)
    if len(toks) < 2:
        return False
    for n in item.names:
        it = content_tokens(n, person=True, rules=rules)
        if len(it) >= 2 and it[-1] == toks[-1] and it[0] == toks[0]:
            return False
    label = content_tokens(item.label, person=True, rules=rules)
    return len(label) >= 2 and label[-1] == toks[-1] and label[0] != toks[0]


def _order(c: Candidate) -> tuple[float, int, str]:
    return (-c.raw, int(c.item.qid[1:]) if c.item.qid[1:].isdigit() else 0, c.item.qid)


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the article is confidently linked to.

    Args:
        qids: linked items and their admin parents and countries.
        countries: countries of the linked places (and linked countries themselves).
    """

    qids: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()


def with_context(c: Candidate, ctx: Context, t: Thresholds = THRESHOLDS) -> Candidate:
    """The candidate rescored with the article's context."""
    item = c.item
    bonus = 0.0
    if item.type == "Place":
        parents = {q for q in (item.located_in, item.country) if q and q != item.qid}
        if parents & ctx.qids:
            bonus += t.context_bonus
        elif (
            ctx.countries
            and item.country
            and item.country != item.qid
            and (item.country not in ctx.countries)
        ):
            bonus -= t.context_penalty
    elif item.country and item.country in ctx.countries:
        bonus += t.context_bonus_weak
    return Candidate(item, c.level, c.name, c.type_factor, bonus)


@dataclass(frozen=True, slots=True)
class Choice:
    """The linker's decision for one entity."""

    same_as: str | None
    close_match: tuple[str, ...]
    score: float | None
    candidates: tuple[Candidate, ...] = field(default=())
    reason: str = ""


def choose(
    cands: list[Candidate], *, capped: frozenset[str] = frozenset(), t: Thresholds = THRESHOLDS
) -> Choice:
    """Pick ``owl:sameAs`` and ``skos:closeMatch`` from scored candidates.

    Args:
        cands: candidates of one entity, any order.
        capped: QIDs the link policy allows only as ``skos:closeMatch``.
        t: thresholds.
    """
    ranked = sorted(cands, key=_order)
    kept = [c for c in ranked if c.score >= t.close_match]
    if not kept:
        return Choice(None, (), None, tuple(ranked), "nil: no candidate above close_match")
    top = kept[0]
    close = tuple(c.item.qid for c in kept[: t.max_close])
    if top.score < t.same_as:
        return Choice(None, close, top.score, tuple(ranked), f"close: {top.level} match")
    if len(kept) > 1 and round(top.raw - kept[1].raw, 4) < t.margin:
        return Choice(None, close, top.score, tuple(ranked), "close: ambiguous")
    if top.item.qid in capped:
        return Choice(None, close, top.score, tuple(ranked), "close: link policy")
    return Choice(top.item.qid, (), top.score, tuple(ranked), f"same_as: {top.level} match")
