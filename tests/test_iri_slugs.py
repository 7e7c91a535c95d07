"""Slugs of labels: ASCII Latin names as they always were, other scripts transliterated."""

from __future__ import annotations

import pytest

from kg.model.iri import slugify


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Omar al-Rashid", "omar-al-rashid"),
        ("Jean-Pierre  Mbeki", "jean-pierre-mbeki"),
        ("Ḥayʾat Taḥrīr al-Shām", "hayat-tahrir-al-sham"),
        ("Gardaí", "gardai"),
        ("Ciudad Juárez", "ciudad-juarez"),
        ("", "x"),
    ],
)
def test_latin_names_keep_their_slugs(label: str, slug: str) -> None:
    assert slugify(label) == slug


def test_names_in_other_scripts_get_their_own_slugs() -> None:
    slugs = {slugify(n) for n in ("Володимир Зеленський", "محمد علي", "习近平", "Ηλίας")}
    assert "x" not in slugs and len(slugs) == 4
    assert slugify("Володимир Зеленський") == "volodimir-zelenskiy"
    assert all(s.isascii() for s in slugs)
