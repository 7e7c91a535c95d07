"""General rules met in wire copy (tests/data/heldout): datelines, credit lines,
institutions named with common nouns, place cues, "known as", acronyms after an organisation
noun, hyphenated group modifiers."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.extractor import add_entities
from kg.ingest import parse_article
from kg.model import Entity
from kg.settings import Settings


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(), steps=[add_entities])


def entities(extractor: Extractor, body: str) -> dict[str, Entity]:
    x = extractor.extract(parse_article("---\npublished: 2025-01-01\n---\n" + body))
    return {e.label: e for e in x.entities.values()}


def test_dateline_place_and_agency(extractor: Extractor) -> None:
    got = entities(extractor, "KHARTOUM (AFP) - Fighting resumed in the capital on Monday.\n")
    assert got["KHARTOUM"].type.value == "Place"
    assert got["AFP"].type.value == "Organisation"


def test_credit_line_people_are_no_entities(extractor: Extractor) -> None:
    body = (
        "By Jane Doe and John Roe\n\nRebels attacked the town of Kadugli on Monday.\n\n"
        "Additional reporting by Ann Poe in Nairobi; Editing by Tom Coe\n"
    )
    got = entities(extractor, body)
    assert not {"Jane Doe", "John Roe", "Ann Poe", "Tom Coe"} & set(got)
    assert "Nairobi" in got


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Israel struck the Syrian defence ministry on Wednesday.", "Syrian defence ministry"),
        ("The interior ministry announced a curfew.", "interior ministry"),
        ("The Syrian presidency said forces would deploy.", "Syrian presidency"),
    ],
)
def test_institution_named_with_common_nouns(extractor: Extractor, text: str, label: str) -> None:
    got = entities(extractor, text + "\n")
    assert got[label].type.value == "Organisation"


def test_place_cues(extractor: Extractor) -> None:
    got = entities(
        extractor,
        "Militants shelled the Zamzam displacement camp near El Fasher on Sunday.\n",
    )
    assert got["Zamzam"].type.value == "Place"
    assert got["El Fasher"].type.value == "Place"


def test_known_as_is_another_name(extractor: Extractor) -> None:
    got = entities(
        extractor,
        "RSF leader Mohamed Hamdan Dagalo, known as Hemedti, did not respond.\n",
    )
    person = got["Mohamed Hamdan Dagalo"]
    assert person.type.value == "Person" and "Hemedti" in person.alt_labels
    assert "Hemedti" not in got


def test_acronym_after_an_organisation_noun(extractor: Extractor) -> None:
    got = entities(extractor, "A spokesman told the state news agency SANA that talks began.\n")
    assert got["SANA"].type.value == "Organisation"


def test_apposition_one_of_the_armed_groups(extractor: Extractor) -> None:
    got = entities(
        extractor,
        "The Men of Dignity movement, one of the largest Druze armed groups, accepted the deal.\n",
    )
    assert got["Men of Dignity"].type.value == "ArmedGroup"


def test_hyphenated_group_modifier(extractor: Extractor) -> None:
    got = entities(extractor, "The RSF said it had taken the camp from army-allied militias.\n")
    assert "army-allied militias" in got
