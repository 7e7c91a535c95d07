"""No request leaves the endpoint unless its operator allows it (issue 17, item 1): SPARQL
``SERVICE`` and ``LOAD`` name URLs the engine would fetch; a canary HTTP server on the loopback
records whether it was reached."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import httpx
import pytest

from kg.errors import InputError
from kg.query.guard import check_outbound
from kg.serve import ServeConfig
from kg.store import OxigraphStore

from .conftest import BASE, TOKEN, running

_SPARQL_JSON = (
    b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"canary"}}]}}'
)


@pytest.fixture
def canary() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that answers any SPARQL request and records its paths."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            hits.append(self.path)
            length = int(self.headers.get("content-length") or 0)
            self.rfile.read(length)
            self.send_response(200)
            self.send_header("content-type", "application/sparql-results+json")
            self.send_header("content-length", str(len(_SPARQL_JSON)))
            self.end_headers()
            self.wfile.write(_SPARQL_JSON)

        do_GET = do_POST = _answer

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/internal", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _service_query(url: str) -> str:
    return f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?s ?p ?x }} }}"


def test_service_to_the_loopback_is_refused_and_never_sent(
    fixture_store: OxigraphStore, canary: tuple[str, list[str]]
) -> None:
    url, hits = canary
    config = ServeConfig(base_iri=BASE, timeout=5.0, max_results=1000, write_token=TOKEN)
    with running(fixture_store, config) as server:
        r = httpx.get(f"{server}/sparql", params={"query": _service_query(url)}, timeout=10)
        assert r.status_code == 403, r.text
        assert "KG267" in r.text and url in r.text
        update = f"LOAD <{url}> INTO GRAPH <urn:x:g>"
        r = httpx.post(
            f"{server}/sparql",
            data={"update": update},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=10,
        )
        assert r.status_code == 403, r.text
    assert hits == []


def test_an_allowed_prefix_is_fetched(
    fixture_store: OxigraphStore, canary: tuple[str, list[str]]
) -> None:
    url, hits = canary
    config = ServeConfig(
        base_iri=BASE, timeout=5.0, max_results=1000, allow_remote=(url.rsplit("/", 1)[0],)
    )
    with running(fixture_store, config) as server:
        r = httpx.get(
            f"{server}/sparql",
            params={"query": _service_query(url)},
            headers={"Accept": "application/sparql-results+json"},
            timeout=10,
        )
    assert r.status_code == 200, r.text
    assert hits, "the allowed SERVICE was not sent"
    assert "canary" in r.text


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?service <http://example.org/load> ?o }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }",
        'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1/> and LOAD" }',
    ],
)
def test_the_words_elsewhere_are_not_refused(query: str) -> None:
    check_outbound(query)


@pytest.mark.parametrize(
    ("text", "update"),
    [
        ("SELECT * WHERE { SERVICE SILENT ?endpoint { ?s ?p ?o } }", False),
        ("select * where { optional { service <http://10.0.0.1/> { ?s ?p ?o } } }", False),
        ("LOAD SILENT <file:///etc/passwd>", True),
    ],
)
def test_outbound_requests_are_refused(text: str, update: bool) -> None:
    with pytest.raises(InputError) as info:
        check_outbound(text, update=update)
    assert info.value.code == "KG267"
