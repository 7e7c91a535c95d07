"""End to end on the bundled article: build -> store -> serve -> SPARQLWrapper and browser."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import rdflib
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.serve import ServeConfig
from kg.settings import Settings
from kg.store import open_store
from tests.conftest import ARTICLE
from tests.serve.conftest import running

NKG = rdflib.Namespace("https://w3id.org/newskg/ontology#")


@pytest.mark.slow
def test_bundled_article_served(tmp_path: Path) -> None:
    from kg.pipeline import build

    settings = Settings.resolve()
    graph = build([ARTICLE], settings).graphs[0]
    expected = {
        (str(s), str(label))
        for s in graph.subjects(rdflib.RDF.type, NKG.Person)
        for label in graph.objects(s, rdflib.RDFS.label)
    }
    assert expected
    with open_store(tmp_path / "kg-store") as store:
        stored = store.replace_graph(
            str(graph.identifier), graph.serialize(format="nt", encoding="utf-8")
        )
        assert stored == len(graph)
        with running(store, ServeConfig(base_iri=settings.base_iri)) as url:
            sparql = SPARQLWrapper(url + "/sparql")
            sparql.setQuery(
                f"SELECT DISTINCT ?e ?l WHERE {{ ?e a <{NKG}Person> ; "
                "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
            )
            sparql.setReturnFormat(JSON)
            rows = sparql.queryAndConvert()["results"]["bindings"]
            assert {(r["e"]["value"], r["l"]["value"]) for r in rows} == expected
            iri, label = sorted(expected)[0]
            path = "/id/" + iri.removeprefix(settings.base_iri)
            page = httpx.get(url + path, headers={"Accept": "text/html"})
            assert page.status_code == 200 and f"<h1>{label}</h1>" in page.text
            turtle = httpx.get(url + path, headers={"Accept": "text/turtle"})
            described = rdflib.Graph().parse(data=turtle.text, format="turtle")
            assert (rdflib.URIRef(iri), rdflib.RDFS.label, rdflib.Literal(label)) in described
