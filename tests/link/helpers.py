"""Helpers of the linker tests: hand-built items and entities, the gold entities of the
bundled article."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.gazetteer import GazetteerItem
from kg.ingest import read_article
from kg.link.rank import CandidateIndex
from kg.model import Entity, EntityType, Extraction, Mention

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "data" / "articles" / "syria-coast-2025-03.txt"
GOLD = ROOT / "data" / "articles" / "syria-coast-2025-03.gold.json"
RECORDED = Path(__file__).resolve().parent / "recorded"


def entity(label: str, etype: str = "Place", *alts: str, named: bool = True) -> Entity:
    return Entity(
        key=f"{etype.lower()}:{label.lower()}",
        type=EntityType(etype),
        label=label,
        alt_labels=set(alts),
        named=named,
    )


def item(qid: str, label: str, etype: str = "Place", *aliases: str, **kw: object) -> GazetteerItem:
    return GazetteerItem(qid=qid, label=label, type=etype, aliases=aliases, **kw)  # type: ignore[arg-type]


def index(*items: GazetteerItem) -> CandidateIndex:
    return CandidateIndex(items)


def gold_extraction() -> tuple[Extraction, dict[str, str | None]]:
    """Entities built by hand from the gold annotation: label = gold name, alt labels = its
    mentions, mentions found in the body. Named unless the gold name is a description
    (a word of more than three letters in lower case: "Syrian government forces")."""
    article = read_article(ARTICLE)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    entities: dict[str, Entity] = {}
    qids: dict[str, str | None] = {}
    for g in gold["entities"]:
        mentions = []
        for text in g["mentions"]:
            at = article.body.find(text)
            if at >= 0:
                mentions.append(Mention(at, at + len(text), text))
        words = [w for w in re.findall(r"[A-Za-z]+", g["name"]) if len(w) > 3]
        e = Entity(
            key=g["name"],
            type=EntityType(g["type"]),
            label=g["name"],
            alt_labels=set(g["mentions"]) - {g["name"]},
            mentions=sorted(mentions),
            named=all(w[0].isupper() for w in words),
        )
        entities[e.key] = e
        qids[e.key] = g["wikidata"]
    return Extraction(article=article, entities=entities), qids
