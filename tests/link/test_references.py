"""Linking rules found by the robustness sweep over real news (tools/sweep.py): references
that are not names, shortened names, and one score per linked item."""

from __future__ import annotations

from kg.link.linker import link_entities, snapshot_index
from kg.model import Article, Extraction
from kg.settings import Settings

from .helpers import entity, index, item


def test_the_plus_one_word_alias_is_no_name() -> None:
    idx = index(item("Q1", "European Union", "Organisation", "EU", "the Union"))
    assert idx.lookup("Union", "Organisation") == []
    assert [c.item.qid for c in idx.lookup("EU", "Organisation")] == ["Q1"]


def test_a_role_alias_of_a_person_is_no_name() -> None:
    idx = index(item("Q2", "Jane Roe", "Person", "UN Secretary-General", "Roe", "Jayne Roe"))
    assert idx.lookup("UN Secretary-General", "Person") == []
    assert [c.item.qid for c in idx.lookup("Jayne Roe", "Person")] == ["Q2"]


def test_shipped_snapshot_keeps_generic_references_out() -> None:
    idx = snapshot_index()
    for name, etype in (("Union", "Organisation"), ("Alliance", "Organisation")):
        assert all(c.score < 0.80 for c in idx.lookup(name, etype)), name


def _extraction(*entities):  # noqa: ANN002, ANN202
    x = Extraction(Article(body="x"))
    for e in entities:
        x.entities[e.key] = e
    return x


def test_shortened_form_is_at_most_a_close_match() -> None:
    idx = index(item("Q3", "United Nations Security Council", "Organisation", "Security Council"))
    council = entity("Ukrainian Security Council", "Organisation", "Security Council")
    link_entities(_extraction(council), Settings(), index=idx)
    assert council.same_as is None
    assert council.close_match == ["Q3"]


def test_entities_linked_to_one_item_share_one_score() -> None:
    idx = index(item("Q30", "United States", "Place", "US", "America"))
    a, b = entity("United States"), entity("US")
    link_entities(_extraction(a, b), Settings(), index=idx)
    assert a.same_as == b.same_as == "Q30"
    assert a.link_score == b.link_score == 1.0
