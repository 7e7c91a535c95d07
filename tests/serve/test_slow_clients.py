"""Slow and idle clients (issue 17, item 7): a client that trickles its request head is
dropped after ``header_timeout``, and the server keeps answering others meanwhile. Bounded:
loopback only, 40 connections, a few seconds."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest

from kg.serve import ServeConfig
from kg.store import OxigraphStore

from .conftest import BASE, running


def _slow_client(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    return sock


def _closed(sock: socket.socket) -> bool:
    sock.settimeout(0.05)
    try:
        sock.sendall(b"X")  # one more header byte, as a slowloris client sends
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except OSError:  # reset by the server
        return True


def test_trickling_clients_are_dropped_and_others_served(fixture_store: OxigraphStore) -> None:
    config = ServeConfig(base_iri=BASE, timeout=5.0, header_timeout=1.0, keep_alive=1.0)
    with running(fixture_store, config) as url:
        port = int(url.rsplit(":", 1)[1])
        slow = [_slow_client(port) for _ in range(40)]
        try:
            started = time.monotonic()
            r = httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5)
            assert r.status_code == 200
            assert time.monotonic() - started < 1.0
            assert not any(_closed(s) for s in slow[:3])  # still within the deadline
            time.sleep(1.6)
            assert all(_closed(s) for s in slow)
        finally:
            for s in slow:
                s.close()


def test_a_client_that_completes_its_request_in_time_is_answered(
    fixture_store: OxigraphStore,
) -> None:
    config = ServeConfig(base_iri=BASE, timeout=5.0, header_timeout=1.0)
    with running(fixture_store, config) as url:
        port = int(url.rsplit(":", 1)[1])
        sock = _slow_client(port)
        time.sleep(0.3)
        sock.sendall(b"Accept: text/csv\r\nConnection: close\r\n\r\n")
        sock.settimeout(5)
        data = b""
        while chunk := sock.recv(4096):
            data += chunk
        sock.close()
    assert data.startswith(b"HTTP/1.1 200")


def test_write_token_from_a_file(tmp_path: Path) -> None:
    from kg.cli.serve import _token
    from kg.errors import InputError

    path = tmp_path / "token"
    path.write_text("s3cret\n")
    assert _token(None, path) == "s3cret"
    assert _token("cli", None) == "cli"
    path.write_text("\n")
    with pytest.raises(InputError, match="KG268"):
        _token(None, path)
