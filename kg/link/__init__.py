"""Entities -> Wikidata items: ``owl:sameAs`` for confident links, ``skos:closeMatch`` for
weaker candidates, nothing below (see :mod:`kg.link.rank` for the thresholds)."""

from __future__ import annotations

from kg.link.linker import Decision, LinkReport, link_entities
from kg.link.rank import THRESHOLDS, Thresholds

__all__ = ["THRESHOLDS", "Decision", "LinkReport", "Thresholds", "link_entities"]
