"""Evaluation of an article graph against a gold annotation (issue 2, item 8).

:func:`evaluate_graph` reads the graph by the contract's terms only and returns an
:class:`EvaluationReport` of sections. Each section is built by a function of
:data:`SECTION_BUILDERS` (``(graph, gold, article, alignment) -> Section | None``); the entity
section is the first, and other modules (events, links) append theirs. The alignment of gold
entities to graph entities, :func:`align_entities`, is shared by every section.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rdflib import Graph, URIRef

from kg.errors import InputError
from kg.evaluate.align import align, graph_entities
from kg.evaluate.entities import EntitySection, Scores, score_entities
from kg.model import Article


class Section(Protocol):
    """One part of a report."""

    name: str

    @property
    def targets(self) -> dict[str, bool]: ...

    def to_dict(self) -> dict[str, Any]: ...

    def to_text(self) -> str: ...


SectionBuilder = Callable[
    [Graph, dict[str, Any], Article, dict[str, list[URIRef]]], "Section | None"
]


def align_entities(graph: Graph, gold: dict[str, Any], article: Article) -> dict[str, list[URIRef]]:
    """Gold entity name -> IRIs of the graph entities aligned with it (any type), sorted.

    ``article`` is accepted for symmetry with the other evaluation functions."""
    del article
    return align(graph_entities(graph), gold)


def entity_section(
    graph: Graph, gold: dict[str, Any], article: Article, alignment: dict[str, list[URIRef]]
) -> EntitySection:
    del alignment
    return score_entities(graph_entities(graph), gold, article)


#: Builders run by :func:`evaluate_graph`, in order.
SECTION_BUILDERS: list[SectionBuilder] = [entity_section]


@dataclass(slots=True)
class EvaluationReport:
    """The sections of one evaluation, in order."""

    article: str
    sections: list[Section] = field(default_factory=list)

    def section(self, name: str) -> Section:
        return next(s for s in self.sections if s.name == name)

    @property
    def targets(self) -> dict[str, bool]:
        return {f"{s.name}: {t}": ok for s in self.sections for t, ok in s.targets.items()}

    @property
    def ok(self) -> bool:
        """True when every target of every section is met."""
        return all(self.targets.values())

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, **{s.name: s.to_dict() for s in self.sections}}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False)

    def to_text(self) -> str:
        parts = [f"evaluation of {self.article}"]
        parts += [f"\n== {s.name} ==\n{s.to_text()}" for s in self.sections]
        return "\n".join(parts)


def evaluate_graph(graph: Graph, gold: dict[str, Any], article: Article) -> EvaluationReport:
    """Evaluate ``graph`` (a graph or dataset) against ``gold`` (the parsed gold JSON) for
    ``article`` (whose body the mention offsets point into)."""
    alignment = align_entities(graph, gold, article)
    name = str(article.path.name) if article.path else gold.get("article", article.key)
    report = EvaluationReport(article=name)
    for build in SECTION_BUILDERS:
        section = build(graph, gold, article, alignment)
        if section is not None:
            report.sections.append(section)
    return report


__all__ = [
    "EntitySection",
    "EvaluationReport",
    "SECTION_BUILDERS",
    "Scores",
    "Section",
    "align_entities",
    "evaluate_graph",
    "evaluate_files",
    "load_gold",
]


def load_gold(path: Path) -> dict[str, Any]:
    """Read a gold annotation file (the format of ``data/articles/*.gold.json``).

    Raises:
        InputError: the file is missing, not UTF-8 JSON, or not a gold annotation.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise InputError("KG201", f"{path}: no such file or directory") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError("KG240", f"{path}: cannot read the gold file ({e})") from e
    try:
        gold = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError("KG240", f"{path}: not JSON (line {e.lineno}: {e.msg})") from e
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        raise InputError("KG240", f"{path}: not a gold annotation (no 'entities' list)")
    return gold


def evaluate_files(graph_path: Path, gold_path: Path, article_path: Path) -> EvaluationReport:
    """Evaluate the RDF file ``graph_path`` against ``gold_path`` for ``article_path``."""
    from kg.ingest import read_article
    from kg.validate import load_rdf

    gold = load_gold(gold_path)
    article = read_article(article_path)
    return evaluate_graph(load_rdf(graph_path), gold, article)


# Sections of other modules, appended after the entity section (they import this module's
# Section protocol, hence at the end): events, claims and relations (issue 3), links (issue 4).
from kg.evaluate.events import event_section  # noqa: E402
from kg.evaluate.links import link_section  # noqa: E402

SECTION_BUILDERS.extend([event_section, link_section])
