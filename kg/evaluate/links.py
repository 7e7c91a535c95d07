"""Score entity links against gold QIDs, independent of how entities were aligned.

The caller aligns gold entities to graph entities (by name, mentions or offsets) and
passes, for each gold entity name, the QID it was linked to (``owl:sameAs``) or None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, URIRef

from kg.evaluate.align import _union
from kg.model import Article


@dataclass(frozen=True, slots=True)
class LinkScores:
    """Link scores over gold entities.

    Args:
        right: gold QID given and predicted exactly.
        wrong: gold QID given, another QID predicted.
        missing: gold QID given, nothing predicted (or the entity not found).
        spurious: no gold QID, a QID predicted (not necessarily wrong: the gold fills
            QIDs only where verified; listed for a human to check).
        nil_right: no gold QID and nothing predicted.
        details: per gold name, ``(outcome, gold, predicted)``.
    """

    right: int
    wrong: int
    missing: int
    spurious: int
    nil_right: int
    details: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        """Right among the predicted links that the gold can judge (right + wrong)."""
        judged = self.right + self.wrong
        return self.right / judged if judged else 1.0

    @property
    def recall(self) -> float:
        """Right among the gold entities that have a QID."""
        total = self.right + self.wrong + self.missing
        return self.right / total if total else 1.0


def score_links(predicted: dict[str, str | None], gold: dict[str, str | None]) -> LinkScores:
    """Compare predicted QIDs with gold QIDs, per gold entity name.

    Args:
        predicted: gold entity name -> QID linked with ``owl:sameAs`` (None, or absent,
            when not linked or not found).
        gold: gold entity name -> gold QID (None when the gold gives none).

    >>> s = score_links({"A": "Q1", "B": "Q9"}, {"A": "Q1", "B": "Q2", "C": None})
    >>> (s.right, s.wrong, s.missing, s.spurious, s.nil_right)
    (1, 1, 0, 0, 1)
    """
    counts = {"right": 0, "wrong": 0, "missing": 0, "spurious": 0, "nil_right": 0}
    details: dict[str, tuple[str, str | None, str | None]] = {}
    for name in sorted(gold):
        want, got = gold[name], predicted.get(name)
        if want is None:
            outcome = "spurious" if got else "nil_right"
        elif got is None:
            outcome = "missing"
        else:
            outcome = "right" if got == want else "wrong"
        counts[outcome] += 1
        details[name] = (outcome, want, got)
    return LinkScores(**counts, details=details)


# -- the "links" section of ``kg evaluate`` ------------------------------------------------

_SAME_AS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?e ?q WHERE { ?e owl:sameAs ?q . FILTER(STRSTARTS(STR(?q), "http://www.wikidata.org/entity/")) }
"""
_WD = "http://www.wikidata.org/entity/"
_ANY_LINK = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
ASK { ?e owl:sameAs|skos:closeMatch ?q . FILTER(STRSTARTS(STR(?q), "http://www.wikidata.org/entity/")) }
"""


@dataclass(slots=True)
class LinkSection:
    """The link part of an evaluation report."""

    scores: LinkScores
    name: str = "links"

    @property
    def targets(self) -> dict[str, bool]:
        """Issue 4's targets: every gold QID linked to it, no wrong owl:sameAs."""
        return {
            "every gold QID linked": self.scores.missing == 0 and self.scores.wrong == 0,
            "no wrong owl:sameAs": self.scores.wrong == 0,
        }

    def to_dict(self) -> dict[str, Any]:
        s = self.scores
        return {
            "right": s.right,
            "wrong": s.wrong,
            "missing": s.missing,
            "spurious": s.spurious,
            "nil_right": s.nil_right,
            "details": {k: list(v) for k, v in s.details.items() if v[0] != "nil_right"},
            "targets": self.targets,
        }

    def to_text(self) -> str:
        s = self.scores
        lines = [
            f"right {s.right}, wrong {s.wrong}, missing {s.missing} "
            f"(of {s.right + s.wrong + s.missing} gold QIDs); "
            f"linked without a gold QID {s.spurious}"
        ]
        for name, (outcome, want, got) in s.details.items():
            if outcome in ("wrong", "missing", "spurious"):
                lines.append(f"  {outcome}: {name}: gold {want or '-'}, graph {got or '-'}")
        lines += [f"  [{'x' if ok else ' '}] {t}" for t, ok in self.targets.items()]
        return "\n".join(lines)


def predicted_links(graph: Graph, alignment: dict[str, list[URIRef]]) -> dict[str, str | None]:
    """Gold name -> the QID its aligned graph entities are linked to. Where they disagree,
    the first QID that is not shared by all is taken (so a wrong link is never hidden)."""
    union = _union(graph)
    same: dict[str, set[str]] = {}
    for row in union.query(_SAME_AS):
        same.setdefault(str(row.e), set()).add(str(row.q).removeprefix(_WD))  # type: ignore[union-attr]
    out: dict[str, str | None] = {}
    for name, iris in alignment.items():
        qids = sorted({q for iri in iris for q in same.get(str(iri), set())})
        out[name] = qids[0] if len(qids) == 1 else ("|".join(qids) if qids else None)
    return out


def link_section(
    graph: Graph, gold: dict[str, Any], article: Article, alignment: dict[str, list[URIRef]]
) -> LinkSection | None:
    """Section builder for :data:`kg.evaluate.SECTION_BUILDERS`; None for a graph that was
    not linked at all (no ``owl:sameAs`` nor ``skos:closeMatch`` to Wikidata anywhere)."""
    del article
    union = _union(graph)
    if not union.query(_ANY_LINK).askAnswer:
        return None
    golds = {g["name"]: g.get("wikidata") for g in gold.get("entities", [])}
    return LinkSection(score_links(predicted_links(union, alignment), golds))
