"""Held-out conflict reports (tests/events/data): the rules on texts of other conflicts."""

from __future__ import annotations

import pytest
from _events_heldout import score

NAMES = [
    "mali-bourem",
    "myanmar-sagaing",
    "nigeria-kuriga",
    "somalia-mogadishu",
    "sudan-darfur",
    "ukraine-kharkiv",
]


@pytest.mark.parametrize("name", NAMES)
def test_every_expected_event_found_once_with_its_type_and_figures(nlp, name: str) -> None:
    held = score(nlp, name)
    assert held.right["found"] == held.total, held.misses
    assert held.right["type"] == held.total, held.misses
    assert held.right["figures"] == held.total, held.misses
    assert held.extra_events == []


def test_places_perpetrators_dates_across_the_held_out_set(nlp) -> None:
    results = [score(nlp, name) for name in NAMES]
    total = sum(h.total for h in results)
    for criterion in ("place", "perpetrators", "date"):
        right = sum(h.right[criterion] for h in results)
        # at most one miss per criterion over the 19 events (see the report for which)
        assert right >= total - 1, (criterion, [h.misses for h in results])
