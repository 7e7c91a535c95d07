"""50 concurrent clients: no error, no leaked file descriptors or threads."""

from __future__ import annotations

import os
import threading
import time
from collections import Counter

import httpx
import pytest

from kg.serve import ServeConfig
from tests.serve.test_endpoint import PEOPLE

CLIENTS = 50


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _threads() -> tuple[int, int]:
    """(query pool threads, all other threads); the pool starts its workers lazily."""
    names = [t.name for t in threading.enumerate()]
    pool = sum(name.startswith("kg-query") for name in names)
    return pool, len(names) - pool


def _hammer(url: str, seconds: float) -> tuple[Counter[str], int]:
    """Run CLIENTS client threads for ``seconds``; return outcome counts and requests done."""
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    requests = [
        ("/sparql", {"query": PEOPLE}, "application/sparql-results+json"),
        ("/sparql", {"query": "SELECT ?s { ?s a ?t } LIMIT 50"}, "text/csv"),
        ("/id/person/jana-morel", None, "text/turtle"),
        ("/id/event/a1/1", None, "text/html"),
    ]

    def client(n: int) -> None:
        with httpx.Client(base_url=url, timeout=15) as http:
            i = n
            while time.monotonic() < stop:
                path, params, accept = requests[i % len(requests)]
                i += 1
                try:
                    r = http.get(path, params=params, headers={"Accept": accept})
                    ok = r.status_code == 200 and len(r.content) > 50
                    key = "ok" if ok else f"status {r.status_code}"
                except httpx.HTTPError as e:
                    key = f"{type(e).__name__}"
                with lock:
                    outcomes[key] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 30)
    return outcomes, sum(outcomes.values())


def _load(url: str, seconds: float) -> None:
    _hammer(url, 1.0)  # warm up: connection pools, worker threads, caches
    time.sleep(0.5)
    fds, (_, threads) = _open_fds(), _threads()
    outcomes, total = _hammer(url, seconds)
    assert set(outcomes) == {"ok"}, outcomes
    assert total > CLIENTS * 5, f"only {total} requests in {seconds} s"
    # The server closes the clients' keep-alive connections in its own time (slower on a
    # loaded machine): wait for the counts to come back, and fail if they never do.
    deadline = time.monotonic() + 15.0
    while time.monotonic() < deadline:
        pool, others = _threads()
        if others <= threads and _open_fds() <= fds + 3:
            break
        time.sleep(0.2)
    pool, others = _threads()
    assert others <= threads, threading.enumerate()
    assert pool <= ServeConfig().workers
    assert _open_fds() <= fds + 3, f"file descriptors {fds} -> {_open_fds()}"


def test_fifty_clients_ten_seconds(server: str) -> None:
    _load(server, 10.0)


@pytest.mark.slow
def test_fifty_clients_thirty_seconds(server: str) -> None:
    _load(server, 30.0)
