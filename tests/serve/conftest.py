"""A real server on a free loopback port, over an on-disk store loaded from the fixture."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.serve import ServeConfig
from kg.serve.server import make_server
from kg.store import OxigraphStore, open_store

FIXTURE = Path(__file__).parent / "data" / "fixture.trig"
BASE = "https://w3id.org/newskg/id/"
TOKEN = "test-token-123"


def load_fixture(store: OxigraphStore, *, base: str = BASE) -> None:
    """Load each graph of the fixture through ``replace_graph`` (as ``kg build`` does)."""
    text = FIXTURE.read_text(encoding="utf-8").replace(BASE, base)
    by_graph: dict[str, list[ox.Quad]] = {}
    for quad in ox.parse(text.encode(), format=ox.RdfFormat.TRIG):
        by_graph.setdefault(quad.graph_name.value, []).append(quad)
    for graph, quads in by_graph.items():
        store.replace_graph(graph, ox.serialize(quads, format=ox.RdfFormat.N_QUADS))


def loopback_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def running(
    store: OxigraphStore, config: ServeConfig, sock: socket.socket | None = None
) -> Iterator[str]:
    """Run a server in a thread; yields its base URL and stops it afterwards."""
    sock = sock or loopback_socket()
    port = sock.getsockname()[1]
    server = make_server(store, config, host="127.0.0.1", port=port)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = open_store(tmp_path_factory.mktemp("serve") / "kg-store")
    load_fixture(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def server(fixture_store: OxigraphStore) -> Iterator[str]:
    """The default test server: 5 s timeout, 1000-result cap, updates with TOKEN."""
    config = ServeConfig(base_iri=BASE, timeout=5.0, max_results=1000, write_token=TOKEN)
    with running(fixture_store, config) as url:
        yield url


@pytest.fixture
def serve_store(tmp_path: Path) -> Callable[..., OxigraphStore]:
    """A fresh loaded store per test (for tests that write or need their own server)."""
    opened: list[OxigraphStore] = []

    def make(*, base: str = BASE) -> OxigraphStore:
        store = open_store(tmp_path / f"store{len(opened)}")
        load_fixture(store, base=base)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
