"""A published N-Quads dump loaded into a real Oxigraph server: the same graphs, the same
SPARQL answers as the store it was published from."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import httpx
import pyoxigraph as ox
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.publish import publish
from tests.publish.roundtrip import PREFIXES, QUERIES, answers
from tests.push.conftest import OxigraphServer
from tests.push.samples import store_nquads


def _rdflib(nquads: bytes) -> Dataset:
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    return ds


def test_dump_loaded_into_the_server(oxigraph_server: OxigraphServer, tmp_path: Path) -> None:
    data = store_nquads()
    out = tmp_path / "release"
    assert publish(
        data,
        out,
        version="1",
        issued=date(2025, 1, 1),
        chunk_size=60,
        base_iri="https://example.org/id/",
    ).ok
    parts = sorted(out.glob("dumps/data-*.nq.gz"))
    assert len(parts) > 1
    for part in parts:  # as docs/publish.md shows with curl: POST each part to the store
        httpx.post(
            oxigraph_server.store_url,
            content=gzip.decompress(part.read_bytes()),
            headers={"Content-Type": "application/n-quads"},
            timeout=30,
        ).raise_for_status()
    a, b = _rdflib(data), _rdflib(oxigraph_server.nquads())
    names = {g.identifier for g in a.graphs() if len(g)}
    assert names == {g.identifier for g in b.graphs() if len(g)} and len(names) == 5
    for name in names:
        assert isomorphic(a.graph(name), b.graph(name))
    original = ox.Store()
    original.load(data, format=ox.RdfFormat.N_QUADS)
    for label, query in QUERIES.items():
        expected = answers(original, query)
        assert expected, label
        assert oxigraph_server.select(PREFIXES + query) == expected, label
