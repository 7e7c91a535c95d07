"""Score entity links against gold QIDs, independent of how entities were aligned.

The caller aligns gold entities to graph entities (by name, mentions or offsets) and
passes, for each gold entity name, the QID it was linked to (``owl:sameAs``) or None.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
