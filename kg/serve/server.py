"""Run the application with uvicorn (the only module that imports it)."""

from __future__ import annotations

import uvicorn

from kg.serve.app import create_app
from kg.serve.runner import ServeConfig
from kg.store import Store


def make_server(
    store: Store, config: ServeConfig, *, host: str = "127.0.0.1", port: int = 8000
) -> uvicorn.Server:
    """A uvicorn server for ``store``; call ``.run()`` (blocking) or set ``.should_exit``."""
    app = create_app(store, config)
    return uvicorn.Server(
        uvicorn.Config(
            app, host=host, port=port, log_level="warning", access_log=False, lifespan="on"
        )
    )


def run_server(
    store: Store, config: ServeConfig, *, host: str = "127.0.0.1", port: int = 8000
) -> None:
    """Serve ``store`` until interrupted (Ctrl-C)."""
    make_server(store, config, host=host, port=port).run()
