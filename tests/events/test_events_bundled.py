"""Issue 3's targets on the bundled article, with the gold file's entities (so that the event
step is judged apart from entity extraction), read back from the RDF graph."""

from __future__ import annotations

import json

from _events_oracle import oracle_extraction

from kg.evaluate import align_entities
from kg.evaluate.events import score_events
from kg.extract.events import add_events
from kg.rdf.mapping import article_graph


def test_bundled_article_meets_the_issue_targets(nlp, article_path, gold_path) -> None:
    x = oracle_extraction(article_path, gold_path)
    add_events(nlp(x.article.body), x)
    graph = article_graph(x, base_iri="https://w3id.org/newskg/id/")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    scores = score_events(graph, gold, x.article, align_entities(graph, gold, x.article))
    failed = [name for name, ok in scores.targets.items() if not ok]
    assert failed == [], scores.to_text()
    assert scores.wrong_roles == [], scores.wrong_roles
    tally = scores.tally()
    assert tally["type"][0] >= 8 and tally["place"][0] >= 7 and tally["perpetrator"][0] >= 7
    # the report renders and serialises
    assert "found" in scores.to_text() and scores.to_dict()["core"]["found"][0] == 9


def test_claims_carry_their_figures(nlp, article_path, gold_path) -> None:
    x = oracle_extraction(article_path, gold_path)
    add_events(nlp(x.article.body), x)
    figures = [c for e in x.events for c in e.casualties if c.reported_by]
    assert figures, "figures with a source"
    claims = {c.key: c for c in x.claims}
    for fig in figures:
        assert fig.claim in claims and claims[fig.claim].claimant == fig.reported_by
        owner = next(e for e in x.events if fig in e.casualties)
        assert fig.claim in owner.claims and owner.key in claims[fig.claim].about


def test_with_the_entity_step_the_targets_hold(article_path, gold_path) -> None:
    """The pipeline as it will be wired: entities, then events, judged through the graph."""
    from kg.extract.extractor import Extractor, add_entities
    from kg.ingest import read_article
    from kg.settings import Settings

    extractor = Extractor(Settings(), steps=[add_entities, add_events])
    x = extractor.extract(read_article(article_path))
    graph = article_graph(x, base_iri="https://w3id.org/newskg/id/")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    scores = score_events(graph, gold, x.article, align_entities(graph, gold, x.article))
    assert [name for name, ok in scores.targets.items() if not ok] == [], scores.to_text()
    assert scores.wrong_roles == []
