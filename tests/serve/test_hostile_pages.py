"""Pages and CORS against a hostile store or site (issue 17, item 7): IRIs of other schemes
than http(s) are never links, every response carries a Content-Security-Policy, and only the
query API is shared across origins."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.serve import ServeConfig
from kg.store import open_store

from .conftest import BASE, TOKEN, running

EVIL = "javascript:alert(document.cookie)"
NQUADS = f"""\
<{BASE}person/mallory> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#Person> <{BASE}graph/x> .
<{BASE}person/mallory> <http://www.w3.org/2000/01/rdf-schema#label> "Mallory" <{BASE}graph/x> .
<{BASE}person/mallory> <http://www.w3.org/2002/07/owl#sameAs> <{EVIL}> <{BASE}graph/x> .
<{BASE}person/mallory> <http://xmlns.com/foaf/0.1/homepage> <data:text/html,hi> <{BASE}graph/x> .
<{BASE}person/mallory> <http://xmlns.com/foaf/0.1/page> <https://example.org/ok> <{BASE}graph/x> .
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = open_store(Path(tmp_path_factory.mktemp("hostile")) / "kg-store")
    store.replace_graph(f"{BASE}graph/x", NQUADS.encode())
    config = ServeConfig(base_iri=BASE, timeout=5.0, write_token=TOKEN)
    with running(store, config) as url:
        yield url
    store.close()


def test_other_schemes_are_never_links(hostile: str) -> None:
    page = httpx.get(hostile + "/id/person/mallory", headers={"Accept": "text/html"}).text
    assert "Mallory" in page
    assert 'href="javascript:' not in page.lower() and 'href="data:text' not in page.lower()
    assert 'href="https://example.org/ok"' in page  # http(s) IRIs stay links
    query = f"SELECT ?o WHERE {{ <{BASE}person/mallory> ?p ?o }}"
    results = httpx.get(
        hostile + "/sparql", params={"query": query}, headers={"Accept": "text/html"}
    ).text
    assert 'href="javascript:' not in results.lower()
    assert 'href="https://example.org/ok"' in results


@pytest.mark.parametrize("path", ["/", "/id/person/mallory", "/sparql?query=ASK%7B%7D", "/nope"])
def test_every_response_has_a_content_security_policy(hostile: str, path: str) -> None:
    r = httpx.get(hostile + path, headers={"Accept": "text/html"})
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src" not in csp  # no script is allowed at all (default-src 'none')
    assert r.headers["x-content-type-options"] == "nosniff"


def test_cors_only_for_the_query_api(hostile: str) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    api = httpx.get(hostile + "/sparql", params={"query": "ASK {}"}, headers=origin)
    assert api.headers.get("access-control-allow-origin") == "*"
    page = httpx.get(hostile + "/id/person/mallory", headers=origin)
    assert "access-control-allow-origin" not in page.headers
    # a cross-origin update with a token: the preflight does not allow the Authorization header
    pre = httpx.options(
        hostile + "/sparql",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert "authorization" not in pre.headers.get("access-control-allow-headers", "").lower()
    pre = httpx.options(
        hostile + "/update",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in pre.headers


def test_cors_can_be_turned_off(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kg-store")
    store.replace_graph(f"{BASE}graph/x", NQUADS.encode())
    with running(store, ServeConfig(base_iri=BASE, cors_origins=())) as url:
        r = httpx.get(
            url + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://a.example"}
        )
    store.close()
    assert r.status_code == 200
    assert "access-control-allow-origin" not in r.headers
