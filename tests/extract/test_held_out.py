"""Generalisation: held-out paragraphs about other conflicts (tests/data/README.md).

The floors are the scores measured when the rules were written (see the report of the
entities branch); a drop below them is a regression, not noise (the pipeline is deterministic).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import evaluate_graph
from kg.extract import Extractor
from kg.ingest import read_article
from kg.rdf.mapping import article_graph
from kg.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("sudan-el-fasher", 0.95),
        ("myanmar-rakhine", 0.95),
        ("sahel-mali", 0.85),
        ("drc-goma", 0.80),
        ("yemen-red-sea", 0.95),
        ("haiti-gangs", 0.80),
        ("ukraine-kharkiv", 0.95),
    ],
)
def test_held_out_paragraph(name: str, floor: float) -> None:
    article = read_article(DATA / f"{name}.txt")
    gold = json.loads((DATA / f"{name}.gold.json").read_text())
    settings = Settings()
    graph = article_graph(Extractor(settings).extract(article), base_iri=settings.base_iri)
    section = evaluate_graph(graph, gold, article).section("entities")
    assert section.all.f1 >= floor, section.to_text()
    assert section.nationality == []
    assert section.wrong_offsets == []
