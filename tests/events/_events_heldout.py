"""Scoring the held-out articles of tests/events/data against their expected events."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.events import add_events
from kg.ingest import read_article
from kg.model import DatePrecision, Entity, EntityType, Event, Extraction, Mention

DATA = Path(__file__).parent / "data"
CRITERIA = ("found", "type", "place", "perpetrators", "date", "figures")


@dataclass
class Held:
    name: str
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CRITERIA, 0))
    total: int = 0
    misses: list[str] = field(default_factory=list)
    extra_events: list[str] = field(default_factory=list)


def _entities(article_body: str, spec: list[dict]) -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    for e in spec:
        key = f"{e['type']}:{e['label']}"
        mentions: list[Mention] = []
        for text in e["mentions"]:
            for m in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", article_body):
                if not any(o.begin <= m.start() < o.end for o in mentions):
                    mentions.append(Mention(m.start(), m.end(), text))
        out[key] = Entity(key, EntityType(e["type"]), e["label"], mentions=sorted(mentions))
    return out


def _date(event: Event) -> str | None:
    t = event.time
    if t is None:
        return None
    if t.precision is DatePrecision.SPAN and t.end:
        return f"{t.start.isoformat()}/{t.end.isoformat()}"
    if t.precision is DatePrecision.MONTH:
        return t.start.strftime("%Y-%m")
    return t.start.isoformat()


def score(nlp, name: str) -> Held:  # type: ignore[no-untyped-def]
    article = read_article(DATA / f"{name}.txt")
    spec = json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))
    x = Extraction(article=article, entities=_entities(article.body, spec["entities"]))
    add_events(nlp(article.body), x)
    label = {k: e.label for k, e in x.entities.items()}
    held = Held(name)
    used: set[str] = set()
    for want in spec["events"]:
        held.total += 1
        hits = [e for e in x.events if any(m.text == want["trigger"] for m in e.mentions)]
        if len(hits) != 1:
            held.misses.append(f"{want['trigger']}: {len(hits)} events")
            continue
        (ev,) = hits
        used.add(ev.key)
        got = {
            "found": True,
            "type": ev.type.value == want["type"],
            "place": (label.get(ev.place) if ev.place else None) == want["place"],
            "perpetrators": sorted(label.get(k, k) for k in ev.perpetrators)
            == sorted(want["perpetrators"]),
            "date": _date(ev) == want["date"],
            "figures": sorted(
                (c.kind.value, c.minimum, c.maximum, label.get(c.reported_by or ""))
                for c in ev.casualties
            )
            == sorted((f["kind"], f["min"], f["max"], f["source"]) for f in want["figures"]),
        }
        for k, ok in got.items():
            held.right[k] += ok
            if not ok:
                held.misses.append(f"{want['trigger']}: {k}")
    held.extra_events = [
        f"{e.type.value} {[m.text for m in e.mentions]}" for e in x.events if e.key not in used
    ]
    return held
