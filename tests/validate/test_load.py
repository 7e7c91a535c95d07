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


# -- untrusted files (issue 17, item 1): nothing expands, nothing is fetched


def _laughs(levels: int) -> str:
    entities = ['<!ENTITY a0 "ha">'] + [
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, levels + 1)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
        + "\n".join(entities)
        + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:ex="http://example.org/">\n'
        f'<rdf:Description rdf:about="http://example.org/s"><ex:p>&a{levels};</ex:p>'
        "</rdf:Description>\n</rdf:RDF>\n"
    )


def test_rdfxml_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "laughs.rdf"
    path.write_text(_laughs(9))  # 3 GB once expanded
    with pytest.raises(InputError) as info:
        load_rdf(path)
    assert info.value.code == "KG213" and "entities" in info.value.message


def test_rdfxml_external_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/s">'
        "<ex:p>&x;</ex:p></rdf:Description></rdf:RDF>\n"
    )
    with pytest.raises(InputError) as info:
        load_rdf(path)
    assert info.value.code == "KG213"


@pytest.mark.parametrize(
    "context",
    [
        '"http://127.0.0.1:9/context.jsonld"',
        '["http://127.0.0.1:9/a.jsonld", {"ex": "http://example.org/"}]',
        '{"ex": "http://example.org/", "p": {"@id": "ex:p", "@context": "http://127.0.0.1:9/c"}}',
        '{"@import": "http://127.0.0.1:9/c", "ex": "http://example.org/"}',
    ],
)
def test_jsonld_remote_context_is_refused_not_fetched(tmp_path: Path, context: str) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(f'{{"@context": {context}, "@id": "http://example.org/s", "ex:p": "x"}}')
    with pytest.raises(InputError) as info:
        load_rdf(path)
    assert info.value.code == "KG213" and "not fetched" in info.value.message


def test_jsonld_inline_context_loads(tmp_path: Path) -> None:
    path = tmp_path / "inline.jsonld"
    path.write_text('{"@context": {"ex": "http://example.org/"}, "@id": "ex:s", "ex:p": "x"}')
    assert len(load_rdf(path)) == 1
