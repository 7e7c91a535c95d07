from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from kg.extract.areas import find_areas
from kg.resolve import Candidates, resolve_entities
from kg.resolve.lexicon import load_lexicon


def _doc(text: str, places: list[tuple[int, int]] = ()) -> Doc:
    doc = spacy.blank("en")(text)
    doc.set_ents([Span(doc, s, e, label="GPE") for s, e in places])
    return doc


def test_named_area_and_its_references_are_one_place() -> None:
    doc = _doc("Fighters reached the Syrian coast. In the coastal region and on the coast, calm.")
    areas = find_areas(doc, load_lexicon())
    assert [(a.mention.text, a.noun, a.anchored) for a in areas] == [
        ("the Syrian coast", "coast", True),
        ("the coastal region", "coast", False),
        ("the coast", "coast", False),
    ]
    [place] = resolve_entities(Candidates(areas=areas)).values()
    assert place.key == "place:syrian-coast" and place.label == "Syrian coast"
    assert len(place.mentions) == 3


def test_references_without_a_named_area_are_dropped() -> None:
    doc = _doc("They fled to the coast and the north of Gao.", [(10, 11)])
    areas = find_areas(doc, load_lexicon())
    assert [a.mention.text for a in areas] == ["the coast"]  # "the north of X" is about X
    assert resolve_entities(Candidates(areas=areas)) == {}


def test_a_place_name_anchors_an_area() -> None:
    doc = _doc("Shelling hit the Aleppo countryside.", [(3, 4)])
    [area] = find_areas(doc, load_lexicon())
    assert area.mention.text == "the Aleppo countryside" and area.anchored
