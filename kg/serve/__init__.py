"""HTTP SPARQL endpoint and linked-data pages over the store (``kg serve``)."""

from __future__ import annotations

from kg.serve.app import create_app
from kg.serve.runner import ServeConfig
from kg.serve.server import run_server

__all__ = ["ServeConfig", "create_app", "run_server"]
