"""A real Oxigraph server (from the PyPI package ``oxigraph``) on a free loopback port.

The test is skipped, with the reason, when the ``oxigraph`` binary is absent; with
``KG_REQUIRE_OXIGRAPH=1`` (set it in CI) it fails instead, so the push tests cannot be
skipped silently.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    return shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class OxigraphServer:
    binary: str
    location: Path
    port: int
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "serve",
                "--location",
                str(self.location),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited with {self.process.returncode}")
            try:
                if (
                    httpx.get(self.query_url, params={"query": "ASK {}"}, timeout=1).status_code
                    == 200
                ):
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("oxigraph serve did not answer within 20 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def nquads(self) -> bytes:
        response = httpx.get(self.store_url, headers={"Accept": "application/n-quads"}, timeout=10)
        response.raise_for_status()
        return response.content

    def select(self, query: str) -> set[tuple[str, ...]]:
        response = httpx.post(
            self.query_url,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
            timeout=10,
        )
        response.raise_for_status()
        doc = response.json()
        names = doc["head"]["vars"]
        return {
            tuple(row[n]["value"] if n in row else "" for n in names)
            for row in doc["results"]["bindings"]
        }


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    binary = oxigraph_binary()
    if binary is None:
        if os.environ.get("KG_REQUIRE_OXIGRAPH") == "1":
            pytest.fail("KG_REQUIRE_OXIGRAPH=1 but no oxigraph server binary is installed")
        pytest.skip("no oxigraph server binary: pip install 'oxigraph>=0.5,<0.6' (in newskg[dev])")
    server = OxigraphServer(binary, tmp_path / "oxigraph-db", free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()
