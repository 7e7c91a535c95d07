"""The on-disk store: atomic graph replacement, removal, queries, errors."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from kg.errors import InputError, StoreError
from kg.store import (
    QueryTimeout,
    ResultTooLarge,
    open_store,
    query_store,
    resolve_store_path,
)

G1 = "https://w3id.org/newskg/id/graph/a1"
G2 = "https://w3id.org/newskg/id/graph/a2"
NKG = "https://w3id.org/newskg/ontology#"


def nquads(n: int, *, tag: str, graph: str | None = None) -> bytes:
    g = f" <{graph}>" if graph else ""
    lines = [f'<https://ex.org/e/{i}> <{NKG}note> "{tag} {i}"{g} .' for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def store(tmp_path: Path):
    s = open_store(tmp_path / "kg-store")
    yield s
    s.close()


def test_replace_graph_replaces_not_appends(store) -> None:
    assert store.replace_graph(G1, nquads(5, tag="v1")) == 5
    assert store.replace_graph(G1, nquads(3, tag="v2", graph=G1)) == 3
    rows = store.query(f"SELECT ?o {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} ORDER BY ?o").rows
    assert [r[0].value for r in rows] == ["v2 0", "v2 1", "v2 2"]
    assert store.graphs() == [G1]


def test_quads_in_another_graph_are_refused(store) -> None:
    with pytest.raises(InputError, match="another graph"):
        store.replace_graph(G1, nquads(2, tag="x", graph=G2))
    assert store.graphs() == []


def test_malformed_nquads_are_an_input_error(store) -> None:
    with pytest.raises(InputError, match="KG256"):
        store.replace_graph(G1, b"<a> <b> .\n")


def test_add_new_graphs_gives_the_store_one_transaction_per_graph_would(tmp_path: Path) -> None:
    G3 = "https://w3id.org/newskg/id/graph/a3"
    with open_store(tmp_path / "one") as one:
        one.replace_graph(G1, nquads(2, tag="old", graph=G1))
        for g, tag in ((G1, "a"), (G2, "b"), (G3, "c")):
            one.replace_graph(g, nquads(3, tag=tag, graph=g))
        expected = one.dump()
    with open_store(tmp_path / "bulk") as bulk:
        bulk.replace_graph(G1, nquads(2, tag="old", graph=G1))
        graphs = [(g, nquads(3, tag=t, graph=g)) for g, t in ((G1, "a"), (G2, "b"), (G3, "c"))]
        bulk.add_new_graphs(graphs)  # G1 exists: replaced, not appended to
        assert bulk.graphs() == sorted([G1, G2, G3])
        assert bulk.dump() == expected


def test_add_new_graphs_refuses_quads_in_another_graph(store) -> None:
    with pytest.raises(InputError, match="another graph"):
        store.add_new_graphs([(G1, nquads(2, tag="x", graph=G2))])
    assert store.graphs() == []


def test_a_failed_bulk_load_leaves_none_of_its_graphs(store) -> None:
    class HalfWrites:
        """The store, but its bulk load writes the first graph, then fails."""

        def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
            self.inner = inner

        def bulk_load(self, data: bytes, fmt) -> None:  # type: ignore[no-untyped-def]
            first = data.split(b"\n")[0] + b"\n"
            self.inner.load(first, format=fmt)
            raise OSError("No space left on device")

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(self.inner, name)

    store.replace_graph(G1, nquads(2, tag="kept", graph=G1))
    real = store._store
    store._store = HalfWrites(real)
    G3 = "https://w3id.org/newskg/id/graph/a3"
    try:
        with pytest.raises(StoreError, match="KG507.*No space left"):
            store.add_new_graphs(
                [(G2, nquads(2, tag="b", graph=G2)), (G3, nquads(1, tag="c", graph=G3))]
            )
    finally:
        store._store = real
    assert store.graphs() == [G1]
    assert store.triple_count() == 2


def test_remove_graph(store) -> None:
    store.replace_graph(G1, nquads(2, tag="a"))
    store.replace_graph(G2, nquads(2, tag="b"))
    assert store.remove_graph(G1) is True
    assert store.remove_graph(G1) is False
    assert store.graphs() == [G2]
    assert store.triple_count() == 2


def test_union_default_graph_and_formats(store) -> None:
    store.replace_graph(G1, nquads(2, tag="a"))
    store.replace_graph(G2, nquads(2, tag="a"))  # same facts in two graphs
    q = "SELECT DISTINCT ?s ?o { ?s ?p ?o } ORDER BY ?s"
    result = store.query(q)
    assert len(result.rows) == 2
    assert store.query(q, default_graph_union=False).rows == []
    data = json.loads(result.serialize("json"))
    assert data["head"]["vars"] == ["s", "o"]
    assert data["results"]["bindings"][0]["o"]["value"] == "a 0"
    assert result.serialize("csv").startswith(b"s,o\r\n")
    assert result.serialize("tsv").startswith(b"?s\t?o\n")
    assert b"<sparql" in result.serialize("xml")
    graph = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert len(graph.triples) == 2  # duplicates across graphs removed
    assert b"nkg:note" in graph.serialize("turtle")
    assert graph.serialize("ntriples").count(b"\n") == 2
    assert json.loads(graph.serialize("jsonld"))[0]["@id"].startswith("https://ex.org/e/")
    assert b"rdf:RDF" in graph.serialize("rdfxml")
    assert store.query("ASK { ?s ?p 'a 1' }").serialize("json") == b'{"head":{},"boolean":true}'
    with pytest.raises(InputError, match="KG252"):
        graph.serialize("csv")


def test_explicit_default_and_named_graphs(store) -> None:
    store.replace_graph(G1, nquads(1, tag="a"))
    store.replace_graph(G2, nquads(1, tag="b"))
    only = store.query("SELECT ?o { ?s ?p ?o }", default_graphs=[G2])
    assert [r[0].value for r in only.rows] == ["b 0"]
    named = store.query("SELECT ?g { GRAPH ?g { ?s ?p ?o } }", named_graphs=[G1])
    assert [r[0].value for r in named.rows] == [G1]


def test_malformed_query_carries_parser_message(store) -> None:
    with pytest.raises(InputError, match=r"KG251: malformed SPARQL query: error at 1:\d+"):
        store.query("SELEC ?x WHERE { ?x ?y ?z }")


def test_cap_and_timeout(store) -> None:
    store.replace_graph(G1, nquads(60, tag="t"))
    with pytest.raises(ResultTooLarge, match="more than 10 rows"):
        store.query("SELECT * { ?s ?p ?o }", max_results=10)
    with pytest.raises(QueryTimeout, match="timeout"):
        store.query("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=0.05)


def test_dump_is_sorted_and_stable(store) -> None:
    store.replace_graph(G2, nquads(3, tag="b"))
    store.replace_graph(G1, nquads(3, tag="a"))
    dump = store.dump()
    lines = dump.decode().splitlines()
    assert lines == sorted(lines) and len(lines) == 6
    assert store.dump() == dump
    assert store.dump("ntriples").count(b"\n") == 6


def test_bulk_load_and_query_store(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with open_store(path) as s:
        s.bulk_load(nquads(4, tag="bulk", graph=G1), "nquads")
        assert s.triple_count() == 4
    out = query_store(path, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "csv")
    assert out == b"n\r\n4\r\n"


def test_store_errors_are_one_line(tmp_path: Path, store) -> None:
    with pytest.raises(StoreError, match="KG501: .* locked by another process"):
        open_store(store.path)
    with pytest.raises(StoreError, match="KG502: no store at"):
        open_store(tmp_path / "missing", read_only=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(tmp_path / "file")
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "CURRENT").write_text("junk\n")
    with pytest.raises(StoreError, match="KG504: .* corrupt"):
        open_store(corrupt)


def test_store_under_a_file_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match=r"KG50\d: cannot open store .*file/sub"):
        open_store(tmp_path / "file" / "sub")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_unwritable_store(tmp_path: Path) -> None:
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StoreError, match="KG50"):
            open_store(locked / "kg-store")
    finally:
        locked.chmod(stat.S_IRWXU)


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "s"
    open_store(path).close()
    ro = open_store(path, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.replace_graph(G1, nquads(1, tag="x"))


def test_store_path_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_STORE", raising=False)
    assert resolve_store_path(None) == Path("kg-store")
    monkeypatch.setenv("KG_STORE", "/data/s")
    assert resolve_store_path(None) == Path("/data/s")
    assert resolve_store_path("x") == Path("x")
