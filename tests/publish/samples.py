"""Samples: two small hand-made articles mapped to graphs, and their article files.

Article A is under CC BY 4.0 (full text may be republished), article B states no licence
(excerpts only). Both mention the same linked place, so the union of the graphs holds fewer
triples than the quads.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rdflib import Dataset

from kg.model import (
    Article,
    CasualtyKind,
    CasualtyReport,
    Claim,
    DatePrecision,
    Described,
    Entity,
    EntityType,
    Event,
    EventType,
    Extraction,
    Mention,
    TimeValue,
)
from kg.rdf.mapping import article_graph, to_dataset

BASE = "https://example.org/id/"
BODY_A = (
    "Rebels attacked the town of Exampleville on Friday. Officials said 12 people died.\n"
    "The governor of Exampleville condemned the attack."
)
BODY_B = (
    "A protest took place in Exampleville on Monday.\n"
    "Police arrested several people, a rights group said."
)


def _m(body: str, text: str, start: int = 0) -> Mention:
    i = body.index(text, start)
    return Mention(i, i + len(text), text)


def extraction_a() -> Extraction:
    body = BODY_A
    article = Article(
        body=body,
        title="Rebels attack Exampleville",
        published=date(2025, 3, 8),
        url="https://news.example/a",
        source="Example News",
        licence="https://creativecommons.org/licenses/by/4.0/",
    )
    x = Extraction(article=article, model_name="test-model-1.0")
    x.entities["g"] = Entity(
        "g", EntityType.ARMED_GROUP, "Rebels", mentions=[_m(body, "Rebels")], named=False
    )
    x.entities["p"] = Entity(
        "p",
        EntityType.PLACE,
        "Exampleville",
        mentions=[_m(body, "Exampleville"), _m(body, "Exampleville", 60)],
        same_as="Q1",
    )
    x.entities["o"] = Entity(
        "o", EntityType.ORGANISATION, "Officials", mentions=[_m(body, "Officials")]
    )
    x.described["t"] = Described("t", "the town", [_m(body, "the town")])
    x.claims.append(Claim("c1", "o", "12 people died", _m(body, "said")))
    x.events.append(
        Event(
            "e1",
            EventType.ATTACK,
            mentions=[_m(body, "attacked")],
            perpetrators=["g"],
            targets=["t"],
            place="p",
            time=TimeValue(DatePrecision.DAY, date(2025, 3, 7)),
            casualties=[
                CasualtyReport(CasualtyKind.KILLED, 12, 12, _m(body, "12 people"), "o", "c1")
            ],
        )
    )
    return x


def extraction_b() -> Extraction:
    body = BODY_B
    article = Article(body=body, title="Protest in Exampleville", published=date(2025, 3, 10))
    x = Extraction(article=article, model_name="test-model-1.0")
    x.entities["p"] = Entity(
        "p", EntityType.PLACE, "Exampleville", mentions=[_m(body, "Exampleville")], same_as="Q1"
    )
    x.entities["police"] = Entity(
        "police", EntityType.ARMED_GROUP, "Police", mentions=[_m(body, "Police")], named=False
    )
    x.events.append(Event("e1", EventType.PROTEST, mentions=[_m(body, "protest")], place="p"))
    x.events.append(
        Event("e2", EventType.ARREST, mentions=[_m(body, "arrested")], perpetrators=["police"])
    )
    return x


def sample_dataset() -> Dataset:
    return to_dataset(article_graph(x, base_iri=BASE) for x in (extraction_a(), extraction_b()))


def write_article(folder: Path, name: str, x: Extraction) -> Path:
    a = x.article
    meta = [f'title: "{a.title}"', f"published: {a.published.isoformat()}"]
    if a.url:
        meta.append(f"url: {a.url}")
    if a.licence:
        meta.append(f"licence: {a.licence}")
    path = folder / name
    path.write_text("---\n" + "\n".join(meta) + "\n---\n" + a.body, encoding="utf-8")
    return path
