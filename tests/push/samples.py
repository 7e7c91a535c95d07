"""Push samples: the publish samples plus small extra article graphs, as an Oxigraph store
holds them (literals reduced to their primitive types)."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from kg.model import Article, Entity, EntityType, Event, EventType, Extraction, Mention
from kg.rdf.mapping import article_graph, to_dataset
from tests.publish.samples import BASE, extraction_a, extraction_b


def extra_extraction(n: int) -> Extraction:
    body = f"A protest number {n} took place in Exampleville."
    article = Article(
        body=body,
        title=f"Extra article {n}",
        published=date(2025, 4, n),
        url=f"https://news.example/extra/{n}",
    )
    x = Extraction(article=article, model_name="test-model-1.0")
    i = body.index("Exampleville")
    x.entities["p"] = Entity(
        "p",
        EntityType.PLACE,
        "Exampleville",
        mentions=[Mention(i, i + 12, "Exampleville")],
        same_as="Q1",
    )
    j = body.index("protest")
    x.events.append(
        Event("e1", EventType.PROTEST, mentions=[Mention(j, j + 7, "protest")], place="p")
    )
    return x


def extra_graph_iri(n: int) -> str:
    return f"{BASE}graph/{extra_extraction(n).article.key}"


def store_nquads(extra_graphs: int = 3) -> bytes:
    """The two sample articles plus ``extra_graphs`` small ones, read back from a store."""
    extractions = [extraction_a(), extraction_b()] + [
        extra_extraction(n) for n in range(1, extra_graphs + 1)
    ]
    dataset = to_dataset(article_graph(x, base_iri=BASE) for x in extractions)
    store = ox.Store()
    store.load(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    return store.dump(format=ox.RdfFormat.N_QUADS)
