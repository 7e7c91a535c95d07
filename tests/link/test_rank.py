"""Candidate generation and scoring on hand-built items (QIDs above Q9000000000 are
fictitious test items; the others are the snapshot's)."""

from __future__ import annotations

import pytest

from kg.link.linker import rank_entities
from kg.link.rank import THRESHOLDS, Candidate, choose, type_factor
from tests.link.helpers import entity, index, item

SYRIA = item("Q858", "Syria", "Place", country="Q858", coord=(35.0, 38.0))
LATAKIA_GOV = item("Q233236", "Latakia Governorate", "Place", located_in="Q858", country="Q858")
TARTUS_GOV = item("Q232382", "Tartus Governorate", "Place", located_in="Q858", country="Q858")
LATAKIA = item(
    "Q200030", "Latakia", "Place", located_in="Q233236", country="Q858", coord=(35.5, 35.8)
)
TARTUS = item(
    "Q174916", "Tartus", "Place", located_in="Q232382", country="Q858", coord=(34.9, 35.9)
)
ELSEWHERE = item("Q9000000001", "Elsewhere", "Place", country="Q9000000001", coord=(1.0, 1.0))
FAKE_TARTUS = item(
    "Q9000000002",
    "Tartus",
    "Place",
    located_in="Q9000000001",
    country="Q9000000001",
    coord=(1.0, 1.1),
)
FAROUK = item("Q713715", "Farouk al-Sharaa", "Person", "al-Sharaa")
BASHAR = item("Q44329", "Bashar al-Assad", "Person", "Assad", "Bashar Assad", country="Q858")


def test_type_compatibility_table() -> None:
    assert type_factor("Person", "Person") == 1.0
    assert type_factor("Person", "Place") == 0.0
    assert type_factor("ArmedGroup", "Organisation") == THRESHOLDS.compatible_type
    assert type_factor("Organisation", "ArmedGroup") == THRESHOLDS.compatible_type
    assert type_factor("Community", "Organisation") == 0.0


def test_a_person_never_links_a_place() -> None:
    ix = index(item("Q2471", "Sanaa", "Place", "Sana"), item("Q9000000003", "Jordan", "Place"))
    assert ix.lookup("Sana", "Person") == []
    assert ix.lookup("Jordan", "Person") == []
    assert [c.item.qid for c in ix.lookup("Sana", "Place")] == ["Q2471"]


def test_an_organisation_mention_never_links_a_city_of_the_same_name() -> None:
    ix = index(item("Q2471", "Sanaa", "Place", "Sana"))
    assert ix.lookup("Sana", "Organisation") == []


def test_armed_group_links_an_organisation_item_at_a_lower_score() -> None:
    ix = index(item("Q41053", "Hezbollah", "ArmedGroup", "Hizbullah"))
    (as_org,) = ix.lookup("Hizbullah", "Organisation")
    (as_group,) = ix.lookup("Hizbullah", "ArmedGroup")
    assert as_org.score < as_group.score
    assert as_org.score >= THRESHOLDS.same_as


@pytest.mark.parametrize(
    ("mention", "level"),
    [("Baniyas", "label"), ("Banias", "skeleton"), ("Bāniyās", "label"), ("the Baniyas", "label")],
)
def test_transliteration_variants_find_the_item(mention: str, level: str) -> None:
    ix = index(item("Q263922", "Baniyas", "Place", country="Q858"))
    (c,) = ix.lookup(mention, "Place")
    assert (c.item.qid, c.level) == ("Q263922", level)


def test_skeleton_is_only_a_fallback_when_nothing_matches_better() -> None:
    ix = index(item("Q822", "Lebanon", "Place"), item("Q222", "Albania", "Place"))
    assert [c.item.qid for c in ix.lookup("Lebanon", "Place")] == ["Q822"]


def test_skeleton_alone_is_a_close_match_and_context_makes_it_same_as() -> None:
    sweida = item("Q311099", "As-Suwayda", "Place", located_in="Q236797", country="Q858")
    ix = index(sweida, SYRIA)
    alone = rank_entities([entity("Sweida")], ix)["place:sweida"]
    assert alone.same_as is None and alone.close_match == ("Q311099",)
    with_syria = rank_entities([entity("Sweida"), entity("Syria")], ix)["place:sweida"]
    assert with_syria.same_as == "Q311099"
    assert with_syria.score > alone.score


def test_context_picks_the_city_among_its_neighbours() -> None:
    ix = index(SYRIA, LATAKIA_GOV, TARTUS_GOV, LATAKIA, TARTUS, ELSEWHERE, FAKE_TARTUS)
    lone = rank_entities([entity("Tartus")], ix)["place:tartus"]
    assert lone.same_as is None  # two places of that name, nothing to tell them apart
    assert set(lone.close_match) == {"Q174916", "Q9000000002"}
    near = rank_entities([entity("Tartus"), entity("Latakia"), entity("Syria")], ix)
    assert near["place:tartus"].same_as == "Q174916"
    far = rank_entities([entity("Tartus"), entity("Elsewhere")], ix)
    assert far["place:tartus"].same_as == "Q9000000002"


def test_context_without_syria_named_still_works_through_the_parents() -> None:
    ix = index(SYRIA, LATAKIA_GOV, TARTUS_GOV, LATAKIA, TARTUS, ELSEWHERE, FAKE_TARTUS)
    near = rank_entities([entity("Tartus"), entity("Latakia")], ix)
    assert near["place:tartus"].same_as == "Q174916"


@pytest.mark.parametrize(
    "name", ["Sharaa", "al-Sharaa", "Ahmed al-Sharaa", "President Ahmed Sharaa", "Ahmed Sharaa"]
)
def test_surname_trap(name: str) -> None:
    ix = index(FAROUK, BASHAR)
    assert ix.lookup(name, "Person") == []


def test_the_trap_holds_for_an_entity_with_all_its_names() -> None:
    ix = index(FAROUK, BASHAR)
    e = entity("Ahmed al-Sharaa", "Person", "Sharaa", "Ahmed Sharaa", "President Ahmed Sharaa")
    choice = rank_entities([e], ix)[e.key]
    assert (choice.same_as, choice.close_match, choice.score) == (None, (), None)


def test_a_surname_alone_does_not_link_even_when_it_is_an_alias() -> None:
    ix = index(BASHAR)
    assert ix.lookup("Assad", "Person") == []
    assert [c.item.qid for c in ix.lookup("Bashar al-Assad", "Person")] == ["Q44329"]
    assert [c.item.qid for c in ix.lookup("President Bashar al-Assad", "Person")] == ["Q44329"]
    assert [c.item.qid for c in ix.lookup("Bashar Hafez al-Assad", "Person")] == ["Q44329"]


def test_the_full_name_of_the_other_person_still_links_him() -> None:
    ix = index(FAROUK, BASHAR)
    (c,) = ix.lookup("Farouk al-Sharaa", "Person")
    assert c.item.qid == "Q713715" and c.score == 1.0


def _cand(qid: str, name: float) -> Candidate:
    return Candidate(item(qid, qid, "Place"), "alias", name, 1.0)


def test_thresholds_same_as_close_nil() -> None:
    t = THRESHOLDS
    assert choose([_cand("Q1", t.same_as)]).same_as == "Q1"
    below = choose([_cand("Q1", t.same_as - 0.01)])
    assert below.same_as is None and below.close_match == ("Q1",)
    nil = choose([_cand("Q1", t.close_match - 0.01)])
    assert (nil.same_as, nil.close_match, nil.score) == (None, (), None)
    assert choose([]).same_as is None


def test_an_ambiguous_best_candidate_is_only_a_close_match() -> None:
    both = choose([_cand("Q1", 1.0), _cand("Q2", 1.0 - THRESHOLDS.margin / 2)])
    assert both.same_as is None and both.close_match == ("Q1", "Q2")
    clear = choose([_cand("Q1", 1.0), _cand("Q2", 1.0 - THRESHOLDS.margin * 2)])
    assert clear.same_as == "Q1" and clear.close_match == ()


def test_link_policy_caps_at_close_match() -> None:
    capped = choose([_cand("Q163943", 1.0)], capped=frozenset({"Q163943"}))
    assert capped.same_as is None and capped.close_match == ("Q163943",)


def test_scores_are_in_the_unit_interval() -> None:
    ix = index(SYRIA, LATAKIA_GOV, LATAKIA, TARTUS_GOV, TARTUS)
    choices = rank_entities([entity("Latakia"), entity("Syria"), entity("Tartus")], ix)
    for choice in choices.values():
        assert choice.score is not None and 0.0 <= choice.score <= 1.0
        for c in choice.candidates:
            assert 0.0 <= c.score <= 1.0


def test_acronyms_match_case_sensitively_when_short() -> None:
    ix = index(item("Q40469", "Associated Press", "Organisation", "AP"))
    assert [c.item.qid for c in ix.lookup("AP", "Organisation")] == ["Q40469"]
    assert ix.lookup("Ap", "Organisation") == []


def test_unnamed_entities_are_never_linked() -> None:
    ix = index(item("Q9000000004", "Government forces", "ArmedGroup"))
    e = entity("government forces", "ArmedGroup", named=False)
    assert rank_entities([e], ix) == {}


def test_ranking_is_deterministic_whatever_the_order() -> None:
    ix = index(SYRIA, LATAKIA_GOV, TARTUS_GOV, LATAKIA, TARTUS, ELSEWHERE, FAKE_TARTUS)
    ents = [entity("Tartus"), entity("Latakia"), entity("Syria"), entity("Elsewhere")]
    first = rank_entities(ents, ix)
    again = rank_entities(list(reversed(ents)), ix)
    assert first == again


def test_a_transliterated_person_name_is_only_a_close_match() -> None:
    ahmed = item("Q990000001", "Ahmed al-Sharaa", "Person", country="Q858")
    ix = index(ahmed, FAROUK, SYRIA)
    e = entity("Ahmad al-Shara", "Person")
    choice = rank_entities([e, entity("Syria")], ix)[e.key]
    assert choice.same_as is None and choice.close_match == ("Q990000001",)
    assert "Q713715" not in {c.item.qid for c in choice.candidates}
