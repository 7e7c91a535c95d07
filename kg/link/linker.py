"""Link the entities of one extraction to Wikidata items (offline snapshot first)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg.errors import ServiceError
from kg.gazetteer import GazetteerItem, load_snapshot
from kg.link.names import tokens
from kg.link.policy import close_only
from kg.link.rank import (
    THRESHOLDS,
    Candidate,
    CandidateIndex,
    Choice,
    Context,
    choose,
    with_context,
)
from kg.model import Entity, Extraction
from kg.settings import Settings

if TYPE_CHECKING:
    from kg.link.client import WikidataClient


@dataclass(frozen=True, slots=True)
class Decision:
    """What the linker decided for one entity (for the report)."""

    key: str
    label: str
    same_as: str | None
    close_match: tuple[str, ...]
    score: float | None
    reason: str
    candidates: tuple[tuple[str, float], ...] = ()


@dataclass(slots=True)
class LinkReport:
    """Counts and decisions of one linking run."""

    linked: int = 0
    close: int = 0
    nil: int = 0
    skipped: int = 0
    decisions: list[Decision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_INDEX: list[tuple[tuple[GazetteerItem, ...], CandidateIndex]] = []


def snapshot_index() -> CandidateIndex:
    """The index over the shipped snapshot (rebuilt only when the snapshot is reloaded)."""
    items = load_snapshot()
    if not _INDEX or _INDEX[0][0] is not items:
        _INDEX[:] = [(items, CandidateIndex(items))]
    return _INDEX[0][1]


def facts(item: GazetteerItem) -> dict[str, object]:
    """The facts about a linked item the enrichment needs."""
    d: dict[str, object] = {"qid": item.qid, "label": item.label, "type": item.type}
    if item.description:
        d["description"] = item.description
    if item.coord:
        d["coord"] = item.coord
    if item.located_in:
        d["located_in"] = item.located_in
    if item.country:
        d["country"] = item.country
    if item.p31:
        d["p31"] = list(item.p31)
    return d


def _shortened(name: str, label: str) -> bool:
    """``name`` is a shorter form of ``label``: its words are some of the label's, in order
    ("Security Council" of "Ukrainian Security Council")."""
    short, full = tokens(name), tokens(label)
    it = iter(full)
    return len(short) < len(full) and all(any(w == f for f in it) for w in short)


def _candidates(entity: Entity, index: CandidateIndex) -> list[Candidate]:
    best: dict[str, Candidate] = {}
    for name in sorted({entity.label, *entity.alt_labels}):
        cands = index.lookup(name, entity.type.value)
        if name != entity.label and _shortened(name, entity.label):
            cap = THRESHOLDS.shortened
            cands = [replace(c, name=min(c.name, cap)) for c in cands]
        for c in cands:
            old = best.get(c.item.qid)
            if old is None or c.score > old.score:
                best[c.item.qid] = c
    return list(best.values())


def _context(confident: dict[str, GazetteerItem], exclude: str, index: CandidateIndex) -> Context:
    qids: set[str] = set()
    countries: set[str] = set()
    for key, item in confident.items():
        if key == exclude:
            continue
        qids.add(item.qid)
        chain, seen = [item], set()
        while chain:
            it = chain.pop()
            for parent in (it.located_in, it.country):
                if parent and parent not in seen:
                    seen.add(parent)
                    qids.add(parent)
                    if parent in index.items:
                        chain.append(index.items[parent])
        if item.type == "Place" and item.country:
            countries.add(item.country)
    return Context(frozenset(qids), frozenset(countries))


def rank_entities(
    entities: Iterable[Entity], index: CandidateIndex, *, capped: frozenset[str] = frozenset()
) -> dict[str, Choice]:
    """Decide every named entity in two passes: names and types, then with context."""
    named = sorted((e for e in entities if e.named), key=lambda e: e.key)
    first = {e.key: _candidates(e, index) for e in named}
    confident: dict[str, GazetteerItem] = {}
    for key, cands in first.items():
        choice = choose(cands, capped=capped)
        if choice.same_as:
            confident[key] = index.items[choice.same_as]
    out: dict[str, Choice] = {}
    for e in named:
        ctx = _context(confident, e.key, index)
        out[e.key] = choose([with_context(c, ctx) for c in first[e.key]], capped=capped)
    return out


def link_entities(
    extraction: Extraction,
    settings: Settings,
    *,
    client: WikidataClient | None = None,
    fallback: bool = False,
    index: CandidateIndex | None = None,
) -> LinkReport:
    """Link every named entity of ``extraction`` in place and report the decisions.

    Sets ``same_as``, ``close_match``, ``link_score`` and ``wikidata`` (facts for the
    enrichment) on each entity; entities with ``named=False`` are never linked.

    Args:
        extraction: the model of one article; its entities are changed in place.
        settings: ``settings.online`` asks Wikidata (through ``client``) for entities the
            snapshot cannot link confidently.
        client: the Wikidata client for online mode (one is made when online and None).
        fallback: when online and Wikidata fails, keep the snapshot's links and add a
            warning instead of raising.
        index: candidate index (default: the shipped snapshot).

    Raises:
        ServiceError: online, Wikidata failed, and ``fallback`` is False.
    """
    index = index or snapshot_index()
    entities = list(extraction.entities.values())
    capped = close_only()
    report = LinkReport()
    if settings.online:
        own = client is None
        if client is None:
            from kg.link.client import WikidataClient

            client = WikidataClient()
        try:
            index = _extend_online(entities, index, client, capped)
        except ServiceError as err:
            if not fallback:
                raise
            report.warnings.append(f"{err.code}: {err.message}; fell back to the offline snapshot")
        finally:
            if own:
                client.close()
    choices = _one_score_per_item(rank_entities(entities, index, capped=capped))
    for e in sorted(entities, key=lambda x: x.key):
        e.same_as, e.close_match, e.link_score, e.wikidata = None, [], None, {}
        choice = choices.get(e.key)
        if choice is None:
            report.skipped += 1
            continue
        e.same_as = choice.same_as
        e.close_match = list(choice.close_match)
        e.link_score = choice.score
        if choice.same_as:
            e.wikidata = facts(index.items[choice.same_as])
            report.linked += 1
        elif choice.close_match:
            report.close += 1
        else:
            report.nil += 1
        report.decisions.append(
            Decision(
                e.key,
                e.label,
                choice.same_as,
                choice.close_match,
                choice.score,
                choice.reason,
                tuple((c.item.qid, c.score) for c in choice.candidates),
            )
        )
    return report


def _one_score_per_item(choices: dict[str, Choice]) -> dict[str, Choice]:
    """Entities linked to one item ("US" and "United States") are one node of the graph
    (``<type>/Q<n>``): they get the best score among them, so the node has one
    ``nkg:linkConfidence``."""
    best: dict[str, float] = {}
    for c in choices.values():
        if c.same_as and c.score is not None:
            best[c.same_as] = max(best.get(c.same_as, 0.0), c.score)
    return {
        k: replace(c, score=best[c.same_as]) if c.same_as in best else c for k, c in choices.items()
    }


def _extend_online(
    entities: list[Entity], index: CandidateIndex, client: WikidataClient, capped: frozenset[str]
) -> CandidateIndex:
    """A copy of ``index`` with the items Wikidata proposes for entities the snapshot
    cannot link confidently."""
    from kg.link.online import items_for

    offline = rank_entities(entities, index, capped=capped)
    todo = [
        e
        for e in sorted(entities, key=lambda x: x.key)
        if e.named
        and offline[e.key].same_as is None
        and (offline[e.key].score or 0.0) < THRESHOLDS.same_as
    ]
    if not todo:
        return index
    extended = CandidateIndex(index.items.values(), rules=index.rules)
    for item in items_for([e.label for e in todo], client):
        if item.qid not in index.items:
            extended.add(item)
    return extended
