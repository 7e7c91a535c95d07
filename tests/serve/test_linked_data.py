"""Dereferenceable IRIs: HTML for people, RDF for machines, 404 for anything else."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlsplit

import httpx
import pytest
import rdflib

from kg.serve import ServeConfig
from tests.serve.conftest import BASE, loopback_socket, running

NKG = rdflib.Namespace("https://w3id.org/newskg/ontology#")
PERSON = "/id/person/jana-morel"
EVENT = "/id/event/a1/1"


def html(url: str) -> str:
    r = httpx.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_person_page(server: str) -> None:
    page = html(server + PERSON)
    text = text_of(page)
    assert "<h1>Jana Morel</h1>" in page
    assert "nkg:Person" in text and "Also called: Morel" in text
    assert 'href="http://www.wikidata.org/entity/Q4115189"' in page
    # mentions, with the sentence the graph holds and the mention marked in it
    assert "Governor <mark>Jana Morel</mark> said the &lt;b&gt;militia&lt;/b&gt;" in page
    assert "10–20" in text and "Fighting in Northtown" in text and "Talks resume" in text
    # events with roles (participant folded into perpetrator), figures given, claims
    assert re.search(r"arrest in Northtown.*?nkg:Arrest.*?perpetrator\s*<", page, re.S)
    assert "participant" not in text.split("Events")[1].split("Casualty figures it gave")[0]
    assert "Casualty figures it gave" in text and "at least twelve" in text
    assert "“the militia attacked at dawn”" in text


def test_event_page(server: str) -> None:
    page = html(server + EVENT)
    text = text_of(page)
    assert "<h1>attack on Northtown</h1>" in page
    # roles link to their entities' pages, with escaped labels
    assert 'href="/id/armed-group/red-hand"' in page and 'href="/id/place/northtown"' in page
    assert (
        "<script>" not in page
        and "Red Hand &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    )
    # casualty figures with who gives them (one source named, one not)
    figures = text.split("Casualty figures")[1]
    assert re.search(r"12 – Jana Morel “at least twelve”", figures)
    assert re.search(r"– 20 not stated", figures)
    assert "about" in text and "the militia attacked at dawn" in text


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("*/*", "turtle"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_rdf_by_content_negotiation(server: str, accept: str, fmt: str) -> None:
    r = httpx.get(server + PERSON, headers={"Accept": accept})
    assert r.status_code == 200 and "Accept" in r.headers["vary"]
    graph = rdflib.Graph().parse(data=r.content, format=fmt)
    person = rdflib.URIRef(BASE + "person/jana-morel")
    assert (person, rdflib.RDFS.label, rdflib.Literal("Jana Morel")) in graph
    assert (
        person,
        rdflib.OWL.sameAs,
        rdflib.URIRef("http://www.wikidata.org/entity/Q4115189"),
    ) in graph
    mention = rdflib.URIRef(BASE + "mention/a1/10-20")
    assert (
        mention,
        rdflib.URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf"),
        rdflib.Literal("Jana Morel"),
    ) in graph
    assert (rdflib.URIRef(BASE + "event/a2/1"), NKG.perpetrator, person) in graph


def test_format_parameter_links(server: str) -> None:
    r = httpx.get(server + PERSON, params={"format": "jsonld"}, headers={"Accept": "text/html"})
    assert r.headers["content-type"] == "application/ld+json"


def test_unknown_iri_is_404(server: str) -> None:
    for path in ("/id/person/nobody", "/id/", "/nothing/here", "/id/event/a1/99"):
        for accept in ("text/html", "text/turtle"):
            r = httpx.get(server + path, headers={"Accept": accept})
            assert r.status_code == 404, (path, accept)


def test_unacceptable_is_406(server: str) -> None:
    r = httpx.get(server + PERSON, headers={"Accept": "image/png"})
    assert r.status_code == 406


@pytest.mark.parametrize(
    "path",
    [
        "/id/../../../../etc/passwd",
        "/id/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/id/..%2f..%2f..%2fetc%2fpasswd",
        "/id/person/../../../etc/passwd",
        "/../../etc/passwd",
        "/id/..\\..\\etc\\passwd",
        "/id/person/jana-morel/..",
        "/id/%00",
    ],
)
def test_path_traversal_is_404(server: str, path: str) -> None:
    parts = urlsplit(server)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        conn.request("GET", path, headers={"Accept": "text/html"})  # sent as is, not normalised
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
    finally:
        conn.close()
    assert response.status == 404, path
    assert "root:" not in body


def test_base_iri_pointing_at_the_server(serve_store) -> None:
    sock = loopback_socket()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}/kg/"
    store = serve_store(base=base)
    with running(store, ServeConfig(base_iri=base), sock) as url:
        iri = base + "person/jana-morel"
        r = httpx.get(iri, headers={"Accept": "text/turtle"})
        assert r.status_code == 200
        graph = rdflib.Graph().parse(data=r.text, format="turtle")
        assert (rdflib.URIRef(iri), rdflib.RDFS.label, rdflib.Literal("Jana Morel")) in graph
        page = html(iri)
        assert "<h1>Jana Morel</h1>" in page and 'href="/id/event/a2/1"' in page
        assert html(url + "/id/event/a2/1").count("Jana Morel") >= 1
        assert httpx.get(url + "/kg/person/nobody").status_code == 404


def test_query_page_and_examples(server: str) -> None:
    page = html(server + "/")
    examples = re.findall(r'href="/\?example=([^"]+)"', page)
    assert len(examples) >= 5
    for name in examples:
        one = html(f"{server}/?example={name}")
        query = re.search(
            r'<textarea name="query" id="query" spellcheck="false">(.*?)</textarea>', one, re.S
        )
        assert query is not None
        source = (
            query.group(1)
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#34;", '"')
            .replace("&amp;", "&")
        )
        r = httpx.get(
            server + "/sparql",
            params={"query": source},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert r.status_code == 200, (name, r.text)
        assert r.json()["results"]["bindings"], f"example {name} found nothing in the fixture"
    browser = html(server + "/sparql")  # a browser at the endpoint gets the query page
    assert "<textarea" in browser
