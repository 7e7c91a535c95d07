from __future__ import annotations

from kg.evaluate.links import score_links


def test_right_wrong_missing_spurious_nil() -> None:
    gold = {"A": "Q1", "B": "Q2", "C": "Q3", "D": None, "E": None}
    predicted = {"A": "Q1", "B": "Q9", "D": "Q4", "Z": "Q5"}
    s = score_links(predicted, gold)
    assert (s.right, s.wrong, s.missing, s.spurious, s.nil_right) == (1, 1, 1, 1, 1)
    assert s.details["B"] == ("wrong", "Q2", "Q9")
    assert s.details["C"] == ("missing", "Q3", None)
    assert "Z" not in s.details  # only gold entities are scored
    assert s.precision == 0.5 and s.recall == 1 / 3


def test_empty_is_perfect_not_a_division_by_zero() -> None:
    s = score_links({}, {})
    assert (s.precision, s.recall) == (1.0, 1.0)
