"""Name spans trimmed to the name (kg.extract.cleanup): the rule met on real pages."""

from __future__ import annotations

import doctest

import pytest

import kg.extract.cleanup
from kg.extract.cleanup import trim_name

NOUNS = frozenset({"ministry", "council"})


def test_docstring_examples() -> None:
    result = doctest.testmod(kg.extract.cleanup)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('"Mexico City Policy', "Mexico City Policy"),
        ("'Shark Tank'", "Shark Tank"),
        ("NEW YORK/", "NEW YORK"),
        ("-European Union", "European Union"),
        ("Czech Republic,", "Czech Republic"),
        ('proceedings,"?the Samsung Group', "Samsung Group"),
        ("later.- Spicer", "Spicer"),
        ("https://t.co/r53locW5Zf King", "King"),
        (
            "Parliamentary Assembly of the Council of Europe (PACE",
            "Parliamentary Assembly of the Council of Europe",
        ),
        ("Human Rights Watch (HRW)", "Human Rights Watch (HRW)"),
        ("al-Qaeda", "al-Qaeda"),
        ("Abu Mohammed al-Jolani", "Abu Mohammed al-Jolani"),
        ("Sheikh Hikmat al-Hijri", "Sheikh Hikmat al-Hijri"),
        ("U.S.", "U.S."),
        ("Acme Inc.", "Acme Inc."),
        ("the town council", "the town council"),
    ],
)
def test_trimmed(text: str, name: str) -> None:
    span = trim_name(text, institution_nouns=NOUNS)
    assert span is not None
    assert text[span[0] : span[1]] == name


@pytest.mark.parametrize(
    "text",
    ["page25", "garda", 'isn"t', "masi@chinadaily.com.cn", "@CA_DWR", "http://x.org/a", "--"],
)
def test_no_name(text: str) -> None:
    assert trim_name(text, institution_nouns=NOUNS) is None
