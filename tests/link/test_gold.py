"""End to end on the bundled article, with entities built by hand from the gold annotation
(the extraction is tested elsewhere): every gold QID is found, no owl:sameAs is wrong."""

from __future__ import annotations

from kg.evaluate.links import score_links
from kg.link import link_entities
from kg.settings import Settings
from tests.link.helpers import gold_extraction


def test_every_gold_qid_is_linked_and_nothing_is_wrong() -> None:
    extraction, gold = gold_extraction()
    report = link_entities(extraction, Settings())
    predicted = {k: e.same_as for k, e in extraction.entities.items()}
    scores = score_links(predicted, gold)
    assert sum(1 for q in gold.values() if q) == 11
    assert (scores.right, scores.wrong, scores.missing) == (11, 0, 0), scores.details
    for name, qid in gold.items():
        if qid:
            assert extraction.entities[name].same_as == qid
    # the one link the gold cannot judge is the photo credit "AP": the Associated Press item
    assert {n for n, d in scores.details.items() if d[0] == "spurious"} == {"Associated Press"}
    assert extraction.entities["Associated Press"].same_as == "Q40469"
    assert report.linked == 12


def test_the_traps_of_the_article() -> None:
    extraction, _ = gold_extraction()
    link_entities(extraction, Settings())
    e = extraction.entities
    assert e["Ahmed al-Sharaa"].same_as is None and e["Ahmed al-Sharaa"].close_match == []
    assert e["Syrian Government"].same_as is None
    assert e["Syrian Government"].close_match == ["Q113519305"]
    assert e["Druze"].same_as is None and e["Druze"].close_match == ["Q163943"]
    assert e["SANA"].same_as is None  # Sanaa (Yemen) is a place: no candidate
    for unnamed in ("Syrian government forces", "Assad loyalist insurgents"):
        assert e[unnamed].same_as is None and e[unnamed].link_score is None


def test_even_with_every_gold_entity_named_no_sameas_is_wrong() -> None:
    extraction, gold = gold_extraction()
    for entity in extraction.entities.values():
        entity.named = True
    link_entities(extraction, Settings())
    wrong = {
        k: e.same_as
        for k, e in extraction.entities.items()
        if e.same_as and gold[k] and e.same_as != gold[k]
    }
    assert wrong == {}
    spurious = {k: e.same_as for k, e in extraction.entities.items() if e.same_as and not gold[k]}
    assert spurious == {"Associated Press": "Q40469"}


def test_linked_entities_carry_their_facts() -> None:
    extraction, _ = gold_extraction()
    link_entities(extraction, Settings())
    banias = extraction.entities["Baniyas"].wikidata
    assert banias["qid"] == "Q263922" and banias["located_in"] == "Q232382"
    assert banias["country"] == "Q858" and banias["type"] == "Place"
    assert isinstance(banias["coord"], tuple) and len(banias["coord"]) == 2
    assert extraction.entities["Druze"].wikidata == {}


def test_linking_twice_gives_the_same_result() -> None:
    extraction, _ = gold_extraction()
    link_entities(extraction, Settings())
    first = {k: (e.same_as, e.close_match, e.link_score) for k, e in extraction.entities.items()}
    report = link_entities(extraction, Settings())
    again = {k: (e.same_as, e.close_match, e.link_score) for k, e in extraction.entities.items()}
    assert first == again
    assert [d.key for d in report.decisions] == sorted(d.key for d in report.decisions)
