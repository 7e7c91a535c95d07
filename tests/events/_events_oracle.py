"""Gold-mention entities: an Extraction whose entities are the gold file's, found by their
mention strings, so that the event step can be measured apart from entity extraction."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.ingest import read_article
from kg.model import Article, Entity, EntityType, Extraction, Mention
from kg.model.iri import slugify


def gold_entities(article: Article, gold: dict) -> dict[str, Entity]:
    body = article.body
    entities: dict[str, Entity] = {}
    for g in gold["entities"]:
        etype = EntityType(g["type"])
        key = f"{etype.value}:{slugify(g['name'])}"
        found: list[Mention] = []
        for text in sorted(set(g["mentions"]), key=len, reverse=True):
            for m in re.finditer(rf"(?<![\w-]){re.escape(text)}(?![\w-])", body):
                mention = Mention(m.start(), m.end(), text, etype.value)
                if not any(o.begin <= mention.begin and mention.end <= o.end for o in found):
                    found.append(mention)
        entities[key] = Entity(key=key, type=etype, label=g["name"], mentions=sorted(found))
    return entities


def oracle_extraction(article_path: Path, gold_path: Path) -> Extraction:
    article = read_article(article_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return Extraction(article=article, entities=gold_entities(article, gold))
