"""Persistence: one named graph per article in an on-disk Oxigraph store.

The default store is the folder ``./kg-store`` in the working directory, overridden by
``--store DIR`` or the ``KG_STORE`` environment variable (:func:`resolve_store_path`).
"""

from __future__ import annotations

from pathlib import Path

from kg.store.base import (
    DEFAULT_STORE_DIR,
    STORE_ENV,
    QueryTimeout,
    ResultTooLarge,
    Store,
    resolve_store_path,
)
from kg.store.lookup import find_graph
from kg.store.oxigraph import OxigraphStore, iri_problem, memory_store, open_store
from kg.store.results import MEDIA_TYPES, QueryResult, Term
from kg.store.shared import refresh_shared_graph

__all__ = [
    "DEFAULT_STORE_DIR",
    "MEDIA_TYPES",
    "STORE_ENV",
    "OxigraphStore",
    "QueryResult",
    "QueryTimeout",
    "ResultTooLarge",
    "Store",
    "Term",
    "find_graph",
    "iri_problem",
    "memory_store",
    "open_store",
    "query_store",
    "refresh_shared_graph",
    "resolve_store_path",
]


def query_store(path: Path | str, sparql: str, fmt: str | None = None) -> bytes:
    """Run one query on the store at ``path`` (opened read-only) and serialise the result.

    Args:
        path: the store folder.
        sparql: the query.
        fmt: ``json``/``xml``/``csv``/``tsv`` for SELECT and ASK, ``turtle``/``ntriples``/
            ``rdfxml``/``jsonld`` for CONSTRUCT and DESCRIBE; ``None`` for JSON or Turtle.

    Raises:
        InputError: malformed query (KG251) or a format that does not suit it (KG252).
        StoreError: the store cannot be opened (KG5xx).
    """
    store = open_store(path, read_only=True)
    return store.query(sparql).serialize(fmt)
