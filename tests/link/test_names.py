from __future__ import annotations

import pytest

from kg.link.names import exact_key, is_acronym, skeleton_key, variant_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Syria", "syria"),
        ("the Syrian Government", "Syrian government"),
        ("Syrian-Government", "Syrian Government"),
        ("Ḥalab", "Halab"),
        ("Türkiye", "Turkiye"),
        ("Hay'at", "Hayat"),
        ("Jabhat al Nusra", "Jabhat al-Nusra"),
    ],
)
def test_exact_key_folds_case_diacritics_punctuation_and_the(a: str, b: str) -> None:
    assert exact_key(a) == exact_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jabhat al Nusra", "al-Nusra Front"),
        ("As-Suwayda", "Suwayda"),
        ("Al Mukhtareyah", "Mukhtareyah"),
        ("el-Bab", "al-Bab"),
        ("Ar Raqqah", "Raqqah"),
    ],
)
def test_variant_key_sets_aside_article_and_translated_words(a: str, b: str) -> None:
    assert exact_key(a) != exact_key(b)
    assert variant_key(a) == variant_key(b)


def test_variant_key_drops_titles_of_persons_only() -> None:
    assert variant_key("President Ahmed Sharaa", person=True) == variant_key(
        "Ahmed al-Sharaa", person=True
    )
    assert variant_key("President Ahmed Sharaa") != variant_key("Ahmed al-Sharaa")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Banias", "Baniyas"),
        ("Sweida", "As-Suwayda"),
        ("Lattakia", "Latakia"),
        ("Jableh", "Jablah"),
        ("Tartous", "Tartus"),
        ("Al Mukhtareyah", "Al-Mukhtariyah"),
        ("Kuneitra", "Quneitra"),
    ],
)
def test_skeleton_key_joins_transliteration_variants(a: str, b: str) -> None:
    assert variant_key(a) != variant_key(b)
    assert skeleton_key(a) and skeleton_key(a) == skeleton_key(b)


def test_skeleton_key_refuses_names_too_short_to_tell() -> None:
    assert skeleton_key("Ur") == ""
    assert skeleton_key("Homs") != skeleton_key("Hama")


def test_acronyms() -> None:
    assert is_acronym("AP") and is_acronym("U.S.") and is_acronym("ISIS")
    assert not is_acronym("Sana") and not is_acronym("Reuters")
