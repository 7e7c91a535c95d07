"""Run store queries off the event loop, with a timeout that answers on time.

pyoxigraph releases the GIL while it evaluates, so queries run in a small fixed pool of
worker threads. When the timeout passes, the waiting request is answered at once (503) and
the query is told to stop: it stops at its next result row. pyoxigraph 0.5 offers no way to
interrupt a single evaluation step (one big aggregate), so such a step finishes in its
worker thread before that worker takes the next query; the pool is fixed, so threads never
pile up, and queued queries that waited past their own deadline are dropped unstarted.
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from kg.errors import KgError
from kg.query.guard import check_outbound
from kg.store import QueryResult, QueryTimeout, Store


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """How the endpoint behaves.

    Args:
        base_iri: the namespace whose IRIs the server dereferences (``/id/...`` maps to it).
        timeout: seconds a query may run before the client gets 503.
        max_results: most rows (or triples) a query may return before the client gets 400.
        write_token: when set, SPARQL Update is allowed with ``Authorization: Bearer <token>``.
        workers: size of the query thread pool.
        allow_remote: URL prefixes that SPARQL ``SERVICE`` and ``LOAD`` may fetch
            (:mod:`kg.query.guard`); empty, the default, allows no remote request.
        cors_origins: origins whose scripts may call the query API (``/sparql``) from a
            browser; ``("*",)`` by default (a public SPARQL endpoint), ``()`` for none.
            Pages and updates are never shared across origins.
        header_timeout: seconds a connection may take to send a complete request head
            (slow clients are dropped; :mod:`kg.serve.server`).
        keep_alive: seconds an idle keep-alive connection is kept.
        max_connections: connections served at once; beyond, uvicorn answers 503.
    """

    base_iri: str = "https://w3id.org/newskg/id/"
    timeout: float = 30.0
    max_results: int = 100_000
    write_token: str | None = None
    workers: int = 4
    allow_remote: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ("*",)
    header_timeout: float = 10.0
    keep_alive: float = 5.0
    max_connections: int = 512


class QueryRunner:
    """Executes queries on a store in a fixed thread pool, with a deadline."""

    def __init__(self, store: Store, config: ServeConfig) -> None:
        self.store = store
        self.config = config
        self._pool = ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="kg-query")
        self._write_lock = threading.Lock()
        self._running: set[threading.Event] = set()

    async def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        max_results: int | None = None,
    ) -> QueryResult:
        """Run a query; raises :class:`QueryTimeout` after ``config.timeout`` seconds, and
        :class:`~kg.query.guard.RemoteRefused` for a SERVICE the operator has not allowed."""
        check_outbound(sparql, allow=self.config.allow_remote)
        timeout = self.config.timeout
        deadline = time.monotonic() + timeout
        cancel = threading.Event()

        def work() -> QueryResult:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or cancel.is_set():
                raise QueryTimeout("KG451", f"query waited past the {timeout} s timeout")
            try:
                return self.store.query(
                    sparql,
                    timeout=remaining,
                    max_results=max_results or self.config.max_results,
                    default_graphs=default_graphs,
                    named_graphs=named_graphs,
                    cancel=cancel,
                )
            except KgError as e:
                failure = type(e)(e.code, e.message)
            # Raised outside the except block, the new error carries no traceback into the
            # store's frames: pyoxigraph's result iterators are thread-bound and must be
            # dropped here, in the worker thread, not on the event loop's thread.
            raise failure

        self._running.add(cancel)
        future = asyncio.get_running_loop().run_in_executor(self._pool, work)
        future.add_done_callback(lambda _: self._running.discard(cancel))
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            cancel.set()
            future.add_done_callback(_consume)
            raise QueryTimeout("KG451", f"query exceeded the {timeout} s timeout") from None

    async def update(self, sparql: str) -> None:
        """Run an update (one at a time); a LOAD the operator has not allowed is refused."""
        check_outbound(sparql, update=True, allow=self.config.allow_remote)

        def work() -> None:
            with self._write_lock:
                self.store.update(sparql)

        await asyncio.get_running_loop().run_in_executor(self._pool, work)

    def close(self) -> None:
        """Stop: queued queries are dropped, running ones told to stop at their next row."""
        for cancel in list(self._running):
            cancel.set()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _consume(future: asyncio.Future) -> None:
    """Retrieve an abandoned query's outcome so that asyncio does not log it."""
    if not future.cancelled():
        future.exception()
