"""The SPARQL 1.1 Protocol with real clients (SPARQLWrapper, httpx) against a live server."""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET

import httpx
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

from kg.serve import ServeConfig
from tests.serve.conftest import BASE, TOKEN, running

NKG = "https://w3id.org/newskg/ontology#"
PEOPLE = f"""PREFIX nkg: <{NKG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?p ?name WHERE {{ ?p a nkg:Person ; rdfs:label ?name }} ORDER BY ?name"""
G1, G2 = BASE + "graph/a1", BASE + "graph/a2"


def wrapper(url: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_sparqlwrapper_select_json_union_default_graph(server: str) -> None:
    result = wrapper(server, PEOPLE).queryAndConvert()
    rows = [(b["p"]["value"], b["name"]["value"]) for b in result["results"]["bindings"]]
    assert rows == [(BASE + "person/jana-morel", "Jana Morel")]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_all_result_formats(server: str, method: str) -> None:
    w = wrapper(server, PEOPLE, XML)
    w.setMethod(method)
    doc = w.queryAndConvert()
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == ["Jana Morel"]
    for fmt, sep in ((CSV, ","), (TSV, "\t")):
        w = wrapper(server, PEOPLE, fmt)
        w.setMethod(method)
        text = w.queryAndConvert().decode()
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
        assert len(rows) == 2 and "Jana Morel" in rows[1][1]


def test_sparqlwrapper_ask_and_construct(server: str) -> None:
    ask = wrapper(server, f"ASK {{ ?e a <{NKG}Attack> }}").queryAndConvert()
    assert ask["boolean"] is True
    w = wrapper(server, f"CONSTRUCT {{ ?e a <{NKG}Event> }} WHERE {{ ?e a <{NKG}Event> }}")
    w.setReturnFormat("turtle")
    graph = rdflib.Graph().parse(data=w.queryAndConvert(), format="turtle")
    assert len(graph) == 2


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_by_accept(server: str, accept: str, rdflib_format: str) -> None:
    query = f"CONSTRUCT WHERE {{ ?e a <{NKG}Event> ; <{NKG}place> ?p }}"
    r = httpx.get(server + "/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=r.content, format=rdflib_format)
    assert len(graph) == 4  # two events, each typed and placed (union graph, no duplicates)


def test_post_bodies_and_dataset_parameters(server: str) -> None:
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    direct = httpx.post(
        server + "/sparql",
        content=q.encode(),
        params={"named-graph-uri": G2},
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert direct.status_code == 200 and direct.text.split() == ["g", G2]
    form = httpx.post(
        server + "/sparql",
        data={
            "query": f"SELECT (COUNT(DISTINCT ?e) AS ?n) {{ ?e a <{NKG}Event> }}",
            "default-graph-uri": G1,
        },
        headers={"Accept": "application/sparql-results+json"},
    )
    assert form.status_code == 200
    assert form.json()["results"]["bindings"][0]["n"]["value"] == "1"


def test_service_description(server: str) -> None:
    r = httpx.get(server + "/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    graph = rdflib.Graph().parse(data=r.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef(server + "/sparql")
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Update) in graph  # started with a token


def test_cors(server: str) -> None:
    r = httpx.get(
        server + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://a.example"}
    )
    assert r.headers["access-control-allow-origin"] == "*"
    pre = httpx.options(
        server + "/sparql",
        headers={
            "Origin": "https://a.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 200
    assert "POST" in pre.headers["access-control-allow-methods"]


def test_malformed_query_is_400_with_parser_message(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": "SELEC ?x WHERE { ?x ?y ?z }"})
    assert r.status_code == 400
    assert "KG251" in r.text and "error at 1:" in r.text
    sparql = wrapper(server, "SELECT ?x WHERE { ?x ")
    with pytest.raises(Exception, match="400|QueryBadFormed"):
        sparql.queryAndConvert()


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("SELECT * { ?s ?p ?o } LIMIT 1", "image/png"),
        ("SELECT * { ?s ?p ?o } LIMIT 1", "text/turtle"),  # a graph format for solutions
        (f"CONSTRUCT WHERE {{ ?s a <{NKG}Event> }}", "text/csv"),  # solutions format for a graph
    ],
)
def test_unacceptable_format_is_406(server: str, query: str, accept: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 406
    assert "offered" in r.text


def test_unknown_format_parameter_is_406(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": "ASK {}", "format": "yaml"})
    assert r.status_code == 406


def test_bad_requests(server: str) -> None:
    assert httpx.get(server + "/sparql", params={"update": "CLEAR ALL"}).status_code == 400
    r = httpx.post(server + "/sparql", content=b"x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    r = httpx.post(
        server + "/sparql",
        content=b"\xff\xfe",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert r.status_code == 400 and "UTF-8" in r.text
    r = httpx.get(server + "/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert r.status_code == 400


def test_oversized_body_is_413(server: str) -> None:
    from kg.serve.protocol import MAX_BODY

    big = b"ASK { } #" + b"x" * MAX_BODY
    r = httpx.post(
        server + "/sparql", content=big, headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 413
    assert httpx.get(server + "/sparql", params={"query": "ASK {}"}).status_code == 200


def test_result_cap_is_400(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": "SELECT * { ?a ?b ?c . ?d ?e ?f }"})
    assert r.status_code == 400
    assert "more than 1000 rows" in r.text


INSERT = f"INSERT DATA {{ GRAPH <{BASE}graph/new> {{ <{BASE}person/x> a <{NKG}Person> }} }}"


def test_update_refused_without_token(server: str) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        r = httpx.post(server + "/sparql", data={"update": INSERT}, headers=headers)
        assert r.status_code == 403, headers
    r = httpx.post(
        server + "/update", content=INSERT, headers={"Content-Type": "application/sparql-update"}
    )
    assert r.status_code == 403
    ask = httpx.get(server + "/sparql", params={"query": f"ASK {{ <{BASE}person/x> ?p ?o }}"})
    assert ask.json()["boolean"] is False


def test_update_with_token(serve_store) -> None:
    store = serve_store()
    config = ServeConfig(base_iri=BASE, write_token=TOKEN)
    with running(store, config) as url:
        r = httpx.post(
            url + "/update",
            content=INSERT,
            headers={
                "Content-Type": "application/sparql-update",
                "Authorization": f"Bearer {TOKEN}",
            },
        )
        assert r.status_code == 204
        ask = httpx.get(url + "/sparql", params={"query": f"ASK {{ <{BASE}person/x> ?p ?o }}"})
        assert ask.json()["boolean"] is True
        bad = httpx.post(
            url + "/update",
            data={"update": "INSERT DATA { oops"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert bad.status_code == 400 and "KG258" in bad.text
    read_only = ServeConfig(base_iri=BASE)
    with running(store, read_only) as url:
        r = httpx.post(
            url + "/sparql", data={"update": INSERT}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert r.status_code == 403 and "read-only" in r.text


def test_timeout_is_503_and_server_keeps_serving(serve_store) -> None:
    store = serve_store()
    config = ServeConfig(base_iri=BASE, timeout=0.3, max_results=10**9, workers=2)
    slow = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with running(store, config) as url, httpx.Client(timeout=10) as client:
        for _ in range(3):  # more slow queries than workers
            started = time.monotonic()
            r = client.get(url + "/sparql", params={"query": slow})
            assert r.status_code == 503
            assert "timeout" in r.text
            assert time.monotonic() - started < 2.0
        started = time.monotonic()
        ok = client.get(url + "/sparql", params={"query": PEOPLE})
        assert ok.status_code == 200
        assert ok.json()["results"]["bindings"][0]["name"]["value"] == "Jana Morel"
        assert time.monotonic() - started < 1.0
        r = client.get(url + "/sparql", params={"query": PEOPLE}, headers={"Accept": "text/html"})
        assert r.status_code == 200 and "Jana Morel" in r.text


def test_html_results_escape(server: str) -> None:
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    q = f"SELECT ?l {{ <{BASE}armed-group/red-hand> <{label}> ?l }}"
    r = httpx.get(server + "/sparql", params={"query": q, "format": "html"})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "&lt;script&gt;alert" in r.text
    ET.fromstring("<r>" + r.text.split("<table>")[1].split("</table>")[0] + "</r>")  # well formed
    assert json.loads(httpx.get(server + "/sparql", params={"query": q}).text)


def test_timeout_of_an_aggregate(serve_store) -> None:
    """One aggregation step cannot be interrupted in pyoxigraph 0.5: the client still gets 503
    on time, and other queries are served by the other workers meanwhile."""
    store = serve_store()
    config = ServeConfig(base_iri=BASE, timeout=0.3, workers=2)
    count = (
        "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . VALUES ?x { 1 2 3 4 5 6 7 8 } }"
    )
    with running(store, config) as url, httpx.Client(timeout=10) as client:
        started = time.monotonic()
        r = client.get(url + "/sparql", params={"query": count})
        assert r.status_code == 503 and time.monotonic() - started < 1.5
        started = time.monotonic()
        ok = client.get(url + "/sparql", params={"query": PEOPLE})
        assert ok.status_code == 200 and time.monotonic() - started < 1.0
