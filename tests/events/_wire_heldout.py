"""Building and scoring the team-written wire-style held-out articles of
``tests/events/data/heldout`` through the real pipeline (entity step, linking offline, mapping,
SHACL validation) and ``kg.evaluate``: the event side as users see it in the graph."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.evaluate import evaluate_graph
from kg.evaluate.events import EventScores
from kg.pipeline import build
from kg.settings import Settings

HELDOUT = Path(__file__).parent / "data" / "heldout"
CRITERIA = (
    "found",
    "not split",
    "type",
    "place",
    "perpetrator",
    "date",
    "figures",
    "claims",
    "claims about",
)


@dataclass(slots=True)
class WireScores:
    """Per-criterion ``(right, out of)`` summed over the articles (all gold items, core or
    not), with each article's event section and whether its graph conforms."""

    totals: dict[str, list[int]] = field(default_factory=lambda: {c: [0, 0] for c in CRITERIA})
    sections: dict[str, EventScores] = field(default_factory=dict)
    conforms: dict[str, bool] = field(default_factory=dict)

    def false_positives(self) -> list[str]:
        out = []
        for name, s in sorted(self.sections.items()):
            for kind, items in (
                ("event", s.extra_events),
                ("role", s.wrong_roles),
                ("figure", s.extra_figures),
            ):
                out += [f"{name}: {kind} {item}" for item in items]
        return out


def score_heldout(names: list[str] | None = None) -> WireScores:
    """Build every held-out article (or ``names``) and score it against its gold file."""
    paths = sorted(HELDOUT.glob("*.txt"))
    if names is not None:
        paths = [p for p in paths if p.stem in names]
    result = build(paths, Settings())
    scores = WireScores()
    for r in result.results:
        name = r.path.stem
        scores.conforms[name] = r.conforms
        gold = json.loads((HELDOUT / f"{name}.gold.json").read_text(encoding="utf-8"))
        report = evaluate_graph(r.graph, gold, r.article)
        section = report.section("events")
        assert isinstance(section, EventScores)
        scores.sections[name] = section
        for key, (right, total) in section.tally(core=False).items():
            if key in scores.totals:
                scores.totals[key][0] += right
                scores.totals[key][1] += total
    return scores


if __name__ == "__main__":
    import sys

    s = score_heldout(sys.argv[1:] or None)
    for name, section in sorted(s.sections.items()):
        print(f"\n######## {name} (conforms: {s.conforms[name]})")
        print(section.to_text())
    print("\nTOTAL", {k: f"{a}/{b}" for k, (a, b) in s.totals.items()})
    print("conforms", s.conforms)
