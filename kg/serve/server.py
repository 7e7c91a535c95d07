"""Run the application with uvicorn (the only module that imports it).

Slow and idle clients are dropped: a connection must send a complete request head within
``ServeConfig.header_timeout`` seconds of opening (or of its previous response), an idle
keep-alive connection is closed after ``keep_alive`` seconds, and at most
``max_connections`` are served at once (uvicorn answers 503 beyond). uvicorn times out idle
keep-alive connections only after a response, so a client that trickles one header byte at a
time ("slowloris") was held forever; :class:`GuardedH11Protocol` adds the missing deadline.
"""

from __future__ import annotations

import asyncio
import logging
import resource

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.serve.app import create_app
from kg.serve.runner import ServeConfig
from kg.store import Store

log = logging.getLogger("kg.serve")


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head."""

    header_timeout: float = 10.0
    _head_timer: asyncio.TimerHandle | None = None
    _waiting_for: object = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._waiting_for = self.cycle  # a new request head makes a new cycle
        self._head_timer = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _too_slow(self) -> None:
        self._head_timer = None
        if self.cycle is self._waiting_for and not self.transport.is_closing():
            log.info(
                "kg serve: dropped a client that sent no complete request in %ss",
                self.header_timeout,
            )
            self.transport.close()


def make_server(
    store: Store, config: ServeConfig, *, host: str = "127.0.0.1", port: int = 8000
) -> uvicorn.Server:
    """A uvicorn server for ``store``; call ``.run()`` (blocking) or set ``.should_exit``."""
    app = create_app(store, config)
    protocol = type("GuardedH11", (GuardedH11Protocol,), {"header_timeout": config.header_timeout})
    return uvicorn.Server(
        uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            lifespan="on",
            http=protocol,
            timeout_keep_alive=int(max(1, config.keep_alive)),
            limit_concurrency=config.max_connections,
        )
    )


def raise_file_limit(wanted: int) -> int:
    """Raise this process's open-file soft limit towards ``wanted`` (never above the hard
    limit): with 1,024 descriptors a few hundred slow clients starved everyone else. Returns
    the limit in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            return target
        except (ValueError, OSError):
            return soft
    return soft


def run_server(
    store: Store, config: ServeConfig, *, host: str = "127.0.0.1", port: int = 8000
) -> None:
    """Serve ``store`` until interrupted (Ctrl-C)."""
    raise_file_limit(config.max_connections * 2 + 256)
    make_server(store, config, host=host, port=port).run()
