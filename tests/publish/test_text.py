"""Article text: never by default; full text only under an allow-listed licence, else
excerpts around mentions within the documented length."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.publish import publish
from kg.publish.text import EXCERPT_MAX, excerpts, licence_allows_text
from tests.publish.samples import BASE, BODY_A, BODY_B, extraction_a, extraction_b

KEY_A = extraction_a().article.key
KEY_B = extraction_b().article.key


@pytest.mark.parametrize(
    ("licence", "allowed"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", True),
        ("http://creativecommons.org/licenses/by-sa/3.0/", True),
        ("https://creativecommons.org/publicdomain/zero/1.0/", True),
        ("CC BY 4.0", True),
        ("CC-BY-SA-4.0", True),
        ("cc0", True),
        ("Public Domain", True),
        ("https://creativecommons.org/licenses/by-nc/4.0/", False),
        ("https://creativecommons.org/licenses/by-nd/4.0/", False),
        ("CC BY-NC-SA 4.0", False),
        ("All rights reserved", False),
        ("", False),
        (None, False),
    ],
)
def test_licence_allow_list(licence: str | None, allowed: bool) -> None:
    assert licence_allows_text(licence) is allowed


def test_excerpt_is_the_sentence_and_bounded() -> None:
    body = "First one. " + "word " * 100 + "TARGET here " + "word " * 100 + ". Last one."
    (ex,) = excerpts(body, [(body.index("TARGET"), body.index("TARGET") + 6)])
    assert len(ex.text) == EXCERPT_MAX and "TARGET" in ex.text
    assert body[ex.begin : ex.end] == ex.text
    short = "Alpha beta. Gamma delta said. Epsilon."
    (ex,) = excerpts(short, [(short.index("delta"), short.index("delta") + 5)])
    assert ex.text == "Gamma delta said."
    two = excerpts(short, [(0, 5), (short.index("Epsilon"), len(short))])
    assert [e.text for e in two] == ["Alpha beta.", "Epsilon."]


def test_no_text_by_default(dataset: Dataset, article_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    report = publish(
        dataset, out, version="1", issued=date(2025, 1, 1), base_iri=BASE, articles=[article_dir]
    )
    assert not (out / "text").exists()
    for path in out.rglob("*"):
        if path.is_file() and not path.name.endswith(".gz"):
            assert "condemned the attack" not in path.read_text(encoding="utf-8")
    assert report.notes == []


def test_include_text_full_or_excerpts_by_licence(
    dataset: Dataset, article_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r"
    report = publish(
        dataset,
        out,
        version="1",
        issued=date(2025, 1, 1),
        base_iri=BASE,
        include_text=True,
        articles=[article_dir],
    )
    assert (out / "text" / f"{KEY_A}.txt").read_text(encoding="utf-8") == BODY_A  # CC BY
    assert not (out / "text" / f"{KEY_B}.txt").exists()  # no licence stated
    doc = json.loads((out / "text" / f"{KEY_B}.excerpts.json").read_text(encoding="utf-8"))
    assert doc["licence"] is None and doc["limit"] == EXCERPT_MAX
    texts = [e["text"] for e in doc["excerpts"]]
    assert texts == [
        "A protest took place in Exampleville on Monday.",
        "Police arrested several people, a rights group said.",
    ]
    for e in doc["excerpts"]:
        assert BODY_B[e["begin"] : e["end"]] == e["text"]
    assert f"text/{KEY_A}.txt" in (out / "SHA256SUMS").read_text()
    assert any("excerpts only" in n for n in report.notes)


def test_include_text_without_bodies_publishes_none(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "r"
    report = publish(
        dataset, out, version="1", issued=date(2025, 1, 1), base_iri=BASE, include_text=True
    )
    assert not (out / "text").exists()
    assert len(report.notes) == 2 and all("no article text" in n for n in report.notes)


def test_excerpts_never_exceed_the_limit_nor_the_share() -> None:
    sentence = "Word " * 50 + "end."  # 254 characters
    body = " ".join([sentence] * 40)
    spans = []
    for n in range(40):
        i = n * (len(sentence) + 1)
        spans += [(i, i + 4), (i + 100, i + 104)]
    found = excerpts(body, spans)
    assert found and all(len(e.text) <= EXCERPT_MAX for e in found)
    assert all(a.end <= b.begin for a, b in zip(found, found[1:], strict=False))
    assert sum(len(e.text) for e in found) <= len(body) // 4
    assert found[0].text == sentence
