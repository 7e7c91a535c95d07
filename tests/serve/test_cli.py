"""``kg serve`` and ``kg remove`` as commands: a real process, a real client, clean errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from SPARQLWrapper import JSON, SPARQLWrapper
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store, query_store
from tests.serve.conftest import BASE, load_fixture, loopback_socket

ROOT = Path(__file__).resolve().parents[2]


def _store(path: Path) -> Path:
    with open_store(path) as store:
        load_fixture(store)
    return path


def test_kg_serve_process(tmp_path: Path) -> None:
    store = _store(tmp_path / "kg-store")
    sock = loopback_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KG_STORE": str(store)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--port", str(port), "--timeout", "5"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(url + "/sparql", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline, "kg serve did not start"
                time.sleep(0.1)
        sparql = SPARQLWrapper(url + "/sparql")
        sparql.setQuery(
            "SELECT DISTINCT ?e WHERE { ?e a <https://w3id.org/newskg/ontology#Person> }"
        )
        sparql.setReturnFormat(JSON)
        rows = sparql.queryAndConvert()["results"]["bindings"]
        assert [r["e"]["value"] for r in rows] == [BASE + "person/jana-morel"]
        turtle = httpx.get(url + "/id/person/jana-morel", headers={"Accept": "text/turtle"})
        assert turtle.status_code == 200 and "Jana Morel" in turtle.text
        # readers may open the store beside the server (read-only, no lock) ...
        csv = query_store(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { } }", "csv")
        assert csv == b"n\r\n2\r\n"
        # ... but the running server holds the store: a writer gets one clear line
        result = CliRunner().invoke(app, ["remove", BASE + "graph/a1", "--store", str(store)])
        assert result.exit_code == 3
        assert "KG501" in result.output and "locked by another process" in result.output
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_kg_serve_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 3
    assert "KG502" in result.output and "Traceback" not in result.output


def test_kg_remove(tmp_path: Path) -> None:
    store = _store(tmp_path / "kg-store")
    runner = CliRunner()
    # by article IRI (found through prov:wasDerivedFrom), then by graph IRI
    result = runner.invoke(app, ["remove", BASE + "article/a1", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert f"removed <{BASE}graph/a1>" in result.output
    result = runner.invoke(app, ["remove", BASE + "graph/a2", "--store", str(store)])
    assert result.exit_code == 0, result.output
    with open_store(store) as s:
        assert s.graphs() == [] and s.triple_count() == 0
    again = runner.invoke(app, ["remove", BASE + "graph/a2", "--store", str(store)])
    assert again.exit_code == 3 and "no such article graph" in again.output
    bad = runner.invoke(app, ["remove", "not a key!", "--store", str(store)])
    assert bad.exit_code == 3 and "KG264" in bad.output


def test_kg_remove_by_article_file(tmp_path: Path) -> None:
    from kg.ingest import read_article
    from kg.model.iri import Minter

    article = tmp_path / "a.txt"
    article.write_text("---\ntitle: T\nurl: https://news.example/x\n---\nSome body text.\n")
    graph = Minter(BASE).graph(read_article(article).key)
    path = tmp_path / "kg-store"
    with open_store(path) as s:
        s.replace_graph(
            graph, f'<{BASE}article/x> <http://purl.org/dc/terms/title> "T" .\n'.encode()
        )
    result = CliRunner().invoke(app, ["remove", str(article), "--store", str(path)])
    assert result.exit_code == 0, result.output
    with open_store(path) as s:
        assert s.graphs() == []
