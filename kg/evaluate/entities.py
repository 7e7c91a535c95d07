"""Typed entity scores of a graph against a gold annotation.

Definitions (all over the contract entities of the graph, read by :mod:`kg.evaluate.align`):

- A graph entity *aligns* with a gold entity when one of its mention texts equals one of the
  gold entity's mention strings, compared by :func:`kg.evaluate.align.normalise`
  (case-insensitive, whitespace collapsed, a leading "the" ignored).
- It *matches* the gold entity when it aligns and its most specific class equals the gold
  type.
- True positives ``TP`` = the size of a maximum one-to-one matching between graph entities
  and gold entities over the "matches" pairs: each gold entity counts at most once and each
  graph entity at most once. A gold entity split over two graph entities gives one TP and one
  false positive; two gold entities merged into one graph entity give one TP.
- Precision = TP / number of graph entities; recall = TP / number of gold entities;
  F1 = their harmonic mean (0 when both are 0). Graph entities all of whose mentions are gold
  "not_entities" count as false positives (and are listed).
- Core scores: gold entities restricted to ``core: true``; graph entities restricted to those
  that do not align only with non-core gold entities.
- Split entities: gold entities aligned (any type) with more than one graph entity.
- Nationality adjectives: graph entities one of whose mentions is a nationality adjective or
  its plural (``data/patterns/nationalities.tsv``).
- Offsets: a mention is exact when its anchorOf equals ``article.body[begin:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from kg.evaluate.align import GraphEntity, align, gold_texts, normalise
from kg.model import Article
from kg.resolve.lexicon import load_lexicon


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 with their counts."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class EntitySection:
    """The entity part of an evaluation report."""

    all: Scores
    core: Scores
    split: dict[str, list[str]] = field(default_factory=dict)  # gold name -> graph labels
    split_core: dict[str, list[str]] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)  # gold names without a match
    false_positives: list[str] = field(default_factory=list)  # "label (Type)"
    not_entities: list[str] = field(default_factory=list)
    nationality: list[str] = field(default_factory=list)
    mentions: int = 0
    wrong_offsets: list[str] = field(default_factory=list)

    name = "entities"

    @property
    def targets(self) -> dict[str, bool]:
        """Issue 2's targets: F1 >= 0.90, no core split, no nationality entity, exact offsets."""
        return {
            "typed entity F1 >= 0.90": self.all.f1 >= 0.90,
            "no split core entity": not self.split_core,
            "no nationality adjective as entity": not self.nationality,
            "every mention offset exact": not self.wrong_offsets,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "all": self.all.to_dict(),
            "core": self.core.to_dict(),
            "split": self.split,
            "split_core": self.split_core,
            "missed": self.missed,
            "false_positives": self.false_positives,
            "not_entities": self.not_entities,
            "nationality_adjectives": self.nationality,
            "mentions": self.mentions,
            "wrong_offsets": self.wrong_offsets,
            "targets": self.targets,
        }

    def to_text(self) -> str:
        rows = [
            ("", "P", "R", "F1", "TP", "pred", "gold"),
            *(
                (
                    name,
                    f"{s.precision:.3f}",
                    f"{s.recall:.3f}",
                    f"{s.f1:.3f}",
                    str(s.tp),
                    str(s.predicted),
                    str(s.gold),
                )
                for name, s in (("entities (all)", self.all), ("entities (core)", self.core))
            ),
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]

        def listing(title: str, items: list[str]) -> str:
            return f"{title} ({len(items)}): " + ("; ".join(items) if items else "none")

        lines += [
            listing("split entities", [f"{k} -> {v}" for k, v in self.split.items()]),
            listing("split core entities", list(self.split_core)),
            listing("missed gold entities", self.missed),
            listing("graph entities matching no gold entity", self.false_positives),
            listing("gold non-entities as entities", self.not_entities),
            listing("nationality adjectives as entities", self.nationality),
            f"mention offsets: {self.mentions - len(self.wrong_offsets)}/{self.mentions} exact",
        ]
        lines += [f"target {'met' if ok else 'NOT met'}: {t}" for t, ok in self.targets.items()]
        return "\n".join(lines)


def _matching(edges: dict[URIRef, list[str]]) -> int:
    """Size of a maximum bipartite matching (Kuhn's augmenting paths, deterministic)."""
    owner: dict[str, URIRef] = {}

    def augment(p: URIRef, seen: set[str]) -> bool:
        for g in edges[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    return sum(augment(p, set()) for p in sorted(edges))


def score_entities(
    entities: dict[URIRef, GraphEntity], gold: dict[str, Any], article: Article
) -> EntitySection:
    """Score the graph's entities against ``gold`` (see the module docstring)."""
    gold_entities = gold.get("entities", [])
    by_name = {g["name"]: g for g in gold_entities}
    aligned = align(entities, gold)
    aligned_to: dict[URIRef, list[str]] = {iri: [] for iri in entities}
    for name, iris in aligned.items():
        for iri in iris:
            aligned_to[iri].append(name)
    matches = {
        iri: [n for n in names if by_name[n]["type"] == entities[iri].type]
        for iri, names in aligned_to.items()
    }
    tp = _matching(matches)
    core_names = {g["name"] for g in gold_entities if g.get("core")}
    core_pred = [iri for iri, names in aligned_to.items() if not names or set(names) & core_names]
    core_tp = _matching({iri: [n for n in matches[iri] if n in core_names] for iri in core_pred})

    def describe(iri: URIRef) -> str:
        e = entities[iri]
        return f"{e.label or iri} ({e.type})"

    split = {n: [describe(i) for i in iris] for n, iris in aligned.items() if len(iris) > 1}
    not_entity_texts = {normalise(t) for t in gold.get("not_entities", [])}
    lexicon = load_lexicon()
    nationality_words = {normalise(w) for w in lexicon.nationalities}
    matched_gold = {n for names in matches.values() for n in names}
    wrong = [
        f"{m.anchor!r} {m.begin}-{m.end}"
        for e in entities.values()
        for m in e.mentions
        if article.body[m.begin : m.end] != m.anchor
    ]
    return EntitySection(
        all=Scores(tp, len(entities), len(gold_entities)),
        core=Scores(core_tp, len(core_pred), len(core_names)),
        split=split,
        split_core={n: v for n, v in split.items() if n in core_names},
        missed=[g["name"] for g in gold_entities if g["name"] not in matched_gold],
        false_positives=[describe(iri) for iri, names in matches.items() if not names],
        not_entities=[
            describe(iri) for iri, e in entities.items() if e.texts and e.texts <= not_entity_texts
        ],
        nationality=[describe(iri) for iri, e in entities.items() if e.texts & nationality_words],
        mentions=sum(len(e.mentions) for e in entities.values()),
        wrong_offsets=wrong,
    )


__all__ = ["EntitySection", "Scores", "gold_texts", "score_entities"]
