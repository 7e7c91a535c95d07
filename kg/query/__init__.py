"""SPARQL over a dataset: ad-hoc queries and the named queries of ``queries/*.rq``."""

from __future__ import annotations

from kg.query.named import NamedQuery, Param, bindings, list_named, load_named, parse_params
from kg.query.run import (
    RESULT_FORMATS,
    Table,
    prepare,
    run,
    run_named,
    serialize_result,
    to_table,
    union_view,
)

__all__ = [
    "RESULT_FORMATS",
    "NamedQuery",
    "Param",
    "Table",
    "bindings",
    "list_named",
    "load_named",
    "parse_params",
    "prepare",
    "run",
    "run_named",
    "serialize_result",
    "to_table",
    "union_view",
]
