"""The event scorer on small hand-made graphs: what counts as found, split, right, extra."""

from __future__ import annotations

from datetime import date

from kg.evaluate import align_entities
from kg.evaluate.events import score_events
from kg.model import (
    Article,
    CasualtyKind,
    CasualtyReport,
    DatePrecision,
    Entity,
    EntityType,
    Event,
    EventType,
    Extraction,
    Mention,
    TimeValue,
)
from kg.rdf.mapping import article_graph

BODY = "Rebels attacked Goma on Monday. The attack killed at least 7 people, Amnesty said."
GOLD = {
    "entities": [
        {"name": "Rebels", "type": "ArmedGroup", "mentions": ["Rebels"]},
        {"name": "Goma", "type": "Place", "mentions": ["Goma"]},
        {"name": "Amnesty", "type": "Organisation", "mentions": ["Amnesty"]},
    ],
    "events": [
        {
            "id": "goma-attack",
            "type": "Attack",
            "core": True,
            "trigger": "attacked",
            "date": "2024-05-06",
            "place": "Goma",
            "perpetrators": ["Rebels"],
            "deaths": {"min": 7, "max": None},
            "source": "Amnesty",
            "evidence": "Rebels attacked Goma on Monday.",
        }
    ],
    "claims": [],
    "relations": [],
}


def _m(text: str, nth: int = 0) -> Mention:
    at = -1
    for _ in range(nth + 1):
        at = BODY.index(text, at + 1)
    return Mention(at, at + len(text), text)


def _extraction(*events: Event) -> Extraction:
    article = Article(body=BODY, published=date(2024, 5, 11))
    entities = {
        "g:rebels": Entity("g:rebels", EntityType.ARMED_GROUP, "Rebels", mentions=[_m("Rebels")]),
        "p:goma": Entity("p:goma", EntityType.PLACE, "Goma", mentions=[_m("Goma")]),
        "o:amnesty": Entity(
            "o:amnesty", EntityType.ORGANISATION, "Amnesty", mentions=[_m("Amnesty")]
        ),
    }
    return Extraction(article=article, entities=entities, events=list(events))


def _score(x: Extraction):  # type: ignore[no-untyped-def]
    graph = article_graph(x, base_iri="https://example.org/id/")
    return score_events(graph, GOLD, x.article, align_entities(graph, GOLD, x.article))


def test_right_event_scores_every_criterion() -> None:
    figure = CasualtyReport(CasualtyKind.KILLED, 7, None, _m("at least 7"), reported_by="o:amnesty")
    ev = Event(
        "e1",
        EventType.ATTACK,
        [_m("attacked"), _m("attack")],
        perpetrators=["g:rebels"],
        place="p:goma",
        time=TimeValue(DatePrecision.DAY, date(2024, 5, 6)),
        casualties=[figure],
    )
    scores = _score(_extraction(ev))
    (r,) = scores.events
    assert (r.found, r.split, r.type, r.place, r.perpetrator, r.date, r.figure) == (
        True,
        False,
        True,
        True,
        True,
        True,
        True,
    )
    assert scores.extra_events == [] and scores.wrong_roles == []


def test_split_wrong_type_and_unsourced_figure_are_caught() -> None:
    figure = CasualtyReport(CasualtyKind.KILLED, 7, None, _m("at least 7"))
    one = Event(
        "e1", EventType.KILLING, [_m("attacked")], perpetrators=["o:amnesty"], casualties=[figure]
    )
    two = Event("e2", EventType.ATTACK, [_m("attacked")], place="p:goma")
    scores = _score(_extraction(one, two))
    (r,) = scores.events
    assert r.found and r.split
    assert r.figure is False and r.perpetrator is False and r.date is False
    assert any("perpetrator" in role for role in scores.wrong_roles)
    assert not scores.targets["no core event split"]
