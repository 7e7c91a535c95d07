"""The store protocol: one named graph per article, SPARQL over their union.

Implementations: :mod:`kg.store.oxigraph` (on disk, the default). The protocol names what
``kg build``, ``kg query``, ``kg serve`` and ``kg remove`` need and nothing more.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol, runtime_checkable

from kg.errors import InputError, ServiceError
from kg.store.results import QueryResult, Term

#: The store folder used when neither ``--store`` nor ``KG_STORE`` names one: ``./kg-store``
#: in the current working directory.
DEFAULT_STORE_DIR = "kg-store"
STORE_ENV = "KG_STORE"


class QueryTimeout(ServiceError):
    """A query ran past its time limit (KG451)."""


class ResultTooLarge(InputError):
    """A query returned more rows or triples than the configured cap (KG254)."""


def resolve_store_path(option: Path | str | None = None) -> Path:
    """The store folder: the explicit option, else ``$KG_STORE``, else ``./kg-store``."""
    if option:
        return Path(option)
    env = os.environ.get(STORE_ENV)
    return Path(env) if env else Path(DEFAULT_STORE_DIR)


@runtime_checkable
class Store(Protocol):
    """A persistent RDF dataset holding one named graph per article."""

    path: Path | None
    read_only: bool

    def replace_graph(self, graph_iri: str, nquads: bytes) -> int:
        """Replace one named graph by the given N-Quads in one transaction.

        Quads without a graph name, or naming ``graph_iri``, go into ``graph_iri``; any other
        graph name is an error. Either the whole new graph is stored or the old one stays,
        even if the process is killed mid-way.

        Returns:
            The number of distinct quads now in the graph.
        """
        ...

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove one named graph; ``False`` if there was no such graph."""
        ...

    def flush(self) -> None:
        """Write what the store buffers in memory to disk, and free that memory."""
        ...

    def graphs(self) -> list[str]:
        """The named graphs' IRIs, sorted."""
        ...

    def query(
        self,
        sparql: str,
        *,
        default_graph_union: bool = True,
        timeout: float | None = None,
        max_results: int | None = None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        cancel: threading.Event | None = None,
        substitutions: dict[str, Term] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query.

        Args:
            sparql: the query text.
            default_graph_union: use the union of all graphs as the default graph.
            timeout: seconds before :class:`QueryTimeout`; checked while results are read.
            max_results: more rows (or triples) than this raises :class:`ResultTooLarge`.
            default_graphs: explicit default graph IRIs (the protocol's ``default-graph-uri``).
            named_graphs: restrict ``GRAPH`` to these IRIs (``named-graph-uri``).
            cancel: set by a caller that gave up waiting; the query stops at the next row.
            substitutions: values for variables, bound before evaluation (never spliced
                into the text).

        Raises:
            InputError: KG251 the query is malformed (the parser's message).
        """
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update in one transaction."""
        ...

    def bulk_load(self, data: Path | bytes, fmt: str) -> None:
        """Load a large file fast (not transactional: for initial imports)."""
        ...

    def triple_count(self) -> int:
        """The number of quads in the store (a fact in two graphs counts twice)."""
        ...

    def dump(self, fmt: str = "nquads") -> bytes:
        """Every quad, serialised and sorted line by line (``nquads``) or the union of the
        graphs without duplicates (``ntriples``)."""
        ...

    def close(self) -> None:
        """Flush and release the store."""
        ...
