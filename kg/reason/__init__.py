"""OWL reasoning checks (owlready2 + HermiT only): is the ontology, with the data, consistent?"""

from __future__ import annotations

from kg.reason.hermit import ReasoningReport, check_consistency

__all__ = ["ReasoningReport", "check_consistency"]
