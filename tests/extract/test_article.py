"""The bundled article with the trained model: issue 2's entity targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import evaluate_graph
from kg.extract import Extractor
from kg.ingest import read_article
from kg.model import EntityType, Extraction
from kg.rdf.mapping import article_graph
from kg.settings import Settings


@pytest.fixture(scope="module")
def extraction(article_path: Path) -> Extraction:
    return Extractor(Settings()).extract(read_article(article_path))


def test_targets_on_the_bundled_article(extraction: Extraction, gold_path: Path) -> None:
    settings = Settings()
    graph = article_graph(extraction, base_iri=settings.base_iri)
    report = evaluate_graph(graph, json.loads(gold_path.read_text()), extraction.article)
    entities = report.section("entities")
    assert entities.all.f1 >= 0.90, entities.to_text()
    assert entities.core.f1 >= 0.90, entities.to_text()
    assert entities.split_core == {}
    assert entities.nationality == []
    assert entities.wrong_offsets == [] and entities.mentions > 50
    assert report.ok


def test_every_mention_points_into_the_body(extraction: Extraction) -> None:
    body = extraction.article.body
    for entity in extraction.entities.values():
        for m in entity.mentions:
            assert body[m.begin : m.end] == m.text


def test_preferred_labels_are_the_fullest_names(extraction: Extraction) -> None:
    persons = {e.label for e in extraction.entities.values() if e.type is EntityType.PERSON}
    assert len(persons) == 7
    assert all(len(label.split()) >= 2 for label in persons)


def test_extraction_is_deterministic(extraction: Extraction) -> None:
    again = Extractor(Settings()).extract(extraction.article)
    assert list(again.entities) == list(extraction.entities)
    assert [e.mentions for e in again.entities.values()] == [
        e.mentions for e in extraction.entities.values()
    ]


def test_post_steps_run_in_order(article_path: Path) -> None:
    seen: list[str] = []
    extractor = Extractor(Settings())
    extractor.steps.append(lambda doc, x: seen.append(f"{len(doc) > 0}:{len(x.entities) > 0}"))
    extractor.extract(read_article(article_path))
    assert seen == ["True:True"]
