"""SHACL validation of newskg graphs (pySHACL, the reference; pyshacl-turbo for the per-article
check of ``kg build``: see :mod:`kg.validate.shacl`).

``validate_graph(graph)`` returns a :class:`ValidationReport` value; raising is opt-in
(``report.raise_for_violations()``). ``load_rdf(path)`` reads the file given to
``kg validate``.
"""

from __future__ import annotations

from kg.validate.checks import GLOBAL_CHECKS, GlobalCheck, run_global_checks
from kg.validate.load import load_rdf, rdf_format
from kg.validate.report import ValidationReport, ValidationResult
from kg.validate.shacl import (
    graph_provenance_results,
    load_shapes,
    restrict,
    union,
    validate_graph,
)

__all__ = [
    "GLOBAL_CHECKS",
    "GlobalCheck",
    "ValidationReport",
    "ValidationResult",
    "graph_provenance_results",
    "load_rdf",
    "load_shapes",
    "rdf_format",
    "restrict",
    "run_global_checks",
    "union",
    "validate_graph",
]
