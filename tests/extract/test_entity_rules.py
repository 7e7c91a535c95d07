"""General entity rules on invented news sentences, with the trained model: named sites and
divisions are places, a nationality's plural alone is a community, war names are no entity."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.ingest import parse_article
from kg.model import EntityType, Extraction
from kg.settings import Settings

TEXT = """---
title: "Test"
published: 2023-05-04
language: en
---
Gunmen attacked the Green Valley Mosque in the Lorvan region on Tuesday, police said.
Witnesses said the gunmen fled towards the Tamsin river after the attack.
The Estonians living in the town were evacuated by the army.
Officials compared the attack to the worst days of the Great Northern War.
"""


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return Extractor(Settings()).extract(parse_article(TEXT))


def _types(extraction: Extraction) -> dict[str, EntityType]:
    return {e.label: e.type for e in extraction.entities.values()}


def test_a_named_site_is_a_place(extraction: Extraction) -> None:
    assert _types(extraction).get("Green Valley Mosque") is EntityType.PLACE


def test_a_division_noun_after_a_name_makes_one_place(extraction: Extraction) -> None:
    types = _types(extraction)
    assert types.get("Lorvan region") is EntityType.PLACE
    assert "Lorvan" not in types
    assert types.get("Tamsin river") is EntityType.PLACE


def test_a_nationality_plural_alone_is_a_community(extraction: Extraction) -> None:
    assert _types(extraction).get("Estonians") is EntityType.COMMUNITY


def test_a_war_is_no_entity(extraction: Extraction) -> None:
    labels = " ".join(_types(extraction))
    assert "War" not in labels


MORE = """---
title: "Test 2"
published: 2023-05-04
language: en
---
The attack happened in Varnstad, Norway, late on Monday.
Deputy Minister of Defense Lena Korhaven said troops were sent to the Solm and Tarvik regions.
A spokesperson for the Estonian Foreign Ministry Kaja Lindqvist said the talks would go on.
"""


@pytest.fixture(scope="module")
def more() -> Extraction:
    return Extractor(Settings()).extract(parse_article(MORE))


def test_a_town_with_its_country_after_a_comma_is_a_place(more: Extraction) -> None:
    assert _types(more).get("Varnstad") is EntityType.PLACE


def test_names_before_a_plural_division_noun_are_places(more: Extraction) -> None:
    types = _types(more)
    assert types.get("Solm") is EntityType.PLACE
    assert types.get("Tarvik") is EntityType.PLACE
