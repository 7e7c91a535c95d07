"""load_rdf: every usual format by suffix, and one clear InputError line for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.errors import EXIT_INPUT, InputError
from kg.validate import load_rdf

S = URIRef("https://w3id.org/newskg/id/person/x")
G = URIRef("https://w3id.org/newskg/id/graph/a1")


def _dataset() -> Dataset:
    ds = Dataset()
    ds.graph(G).add((S, RDFS.label, Literal("X")))
    return ds


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld"])
def test_quad_formats_keep_named_graphs(tmp_path: Path, suffix: str) -> None:
    fmt = {".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}[suffix]
    path = tmp_path / f"graph{suffix}"
    path.write_text(_dataset().serialize(format=fmt), encoding="utf-8")
    ds = load_rdf(path)
    assert (S, RDFS.label, Literal("X"), ds.graph(G)) in ds


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".rdf", ".owl"])
def test_triple_formats_load(tmp_path: Path, suffix: str) -> None:
    fmt = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml"}[suffix]
    graph = Graph()
    graph.add((S, RDFS.label, Literal("X")))
    path = tmp_path / f"graph{suffix}"
    path.write_text(graph.serialize(format=fmt), encoding="utf-8")
    ds = load_rdf(path)
    assert (S, RDFS.label, Literal("X")) in set(ds.triples((None, None, None)))


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_rdf(path)
    error = info.value
    assert "\n" not in str(error)
    assert str(path) in error.message
    assert error.exit_code == EXIT_INPUT
    return error


def test_malformed_turtle(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("<a> <b> .\n", encoding="utf-8")
    error = _error(path)
    assert error.code == "KG213"
    assert "malformed turtle" in error.message


def test_malformed_trig(tmp_path: Path) -> None:
    path = tmp_path / "bad.trig"
    path.write_text("<g> { <a> <b> <c> \n", encoding="utf-8")
    assert _error(path).code == "KG213"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    error = _error(path)
    assert error.code == "KG212"
    assert "binary" in error.message


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.nt"
    path.write_bytes('<a:b> <a:c> "caf\u00e9" .\n'.encode("latin-1"))
    assert _error(path).code == "KG212"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    path.write_text("  \n", encoding="utf-8")
    error = _error(path)
    assert error.code == "KG211"
    assert "empty" in error.message


def test_missing_file(tmp_path: Path) -> None:
    error = _error(tmp_path / "nowhere.ttl")
    assert error.code == "KG201"
    assert "no such file" in error.message


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "graphs.ttl"
    folder.mkdir()
    assert _error(folder).code == "KG201"


def test_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "graph.csv"
    path.write_text("a,b\n", encoding="utf-8")
    error = _error(path)
    assert error.code == "KG210"
    assert "'.csv'" in error.message
