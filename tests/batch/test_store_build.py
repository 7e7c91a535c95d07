"""kg build into a store, kg query on it, kg remove: the store wiring of issue 5."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
WIKIDATA = "https://w3id.org/newskg/id/graph/wikidata"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _graphs(store: Path) -> list[str]:
    with open_store(store, read_only=True) as s:
        return s.graphs()


def test_build_without_out_writes_the_default_store(
    runner: CliRunner, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_STORE", raising=False)
    result = runner.invoke(app, ["build", str(ARTICLES)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    graphs = _graphs(tmp_path / "kg-store")
    assert WIKIDATA in graphs and len(graphs) == 2
    assert "to store kg-store" in result.stderr and "summary: 1 article(s)" in result.stderr


def test_build_with_out_leaves_no_store_unless_asked(
    runner: CliRunner, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build", str(ARTICLES), "--out", "g.nq"])
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "kg-store").exists() and (tmp_path / "g.nq").stat().st_size > 1000
    result = runner.invoke(app, ["build", str(ARTICLES), "--out", "h.nq", "--store", "st"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "g.nq").read_bytes() == (tmp_path / "h.nq").read_bytes()
    assert len(_graphs(tmp_path / "st")) == 2


def test_store_and_file_give_the_same_named_query_answers(
    runner: CliRunner, tmp_path: Path
) -> None:
    from kg.query import list_named

    out, store = tmp_path / "g.trig", tmp_path / "st"
    built = runner.invoke(app, ["build", str(ARTICLES), "-o", str(out), "--store", str(store)])
    assert built.exit_code == 0, built.stderr
    answered = 0
    for nq in list_named():
        answers = []
        for target in (out, store):
            r = runner.invoke(app, ["query", str(target), "--named", nq.name, "--format", "json"])
            assert r.exit_code == 0, r.stderr
            rows = json.loads(r.stdout)["results"]["bindings"]
            answers.append(sorted(json.dumps(row, sort_keys=True) for row in rows))
        assert answers[0] == answers[1], nq.name
        answered += bool(answers[0])
    assert answered >= 3  # most named queries have answers on the bundled article


def test_rebuild_is_skipped_then_forced_and_remove_prunes_wikidata(
    runner: CliRunner, tmp_path: Path
) -> None:
    store = tmp_path / "st"
    first = runner.invoke(app, ["build", str(ARTICLES), "--store", str(store)])
    assert first.exit_code == 0, first.stderr
    with open_store(store, read_only=True) as s:
        before = s.dump()
    again = runner.invoke(app, ["build", str(ARTICLES), "--store", str(store)])
    assert again.exit_code == 0 and "1 unchanged" in again.stderr and "0 written" in again.stderr
    forced = runner.invoke(app, ["build", str(ARTICLES), "--store", str(store), "--rebuild"])
    assert forced.exit_code == 0 and "1 written" in forced.stderr
    with open_store(store, read_only=True) as s:
        assert s.dump() == before
    manifest = json.loads((store / "newskg-manifest.json").read_text())
    [graph] = [g for g in manifest["graphs"]]
    removed = runner.invoke(app, ["remove", graph, "--store", str(store)])
    assert removed.exit_code == 0, removed.stderr
    assert _graphs(store) == []  # no article links a Wikidata item any more
    assert json.loads((store / "newskg-manifest.json").read_text())["graphs"] == {}


def test_build_reads_json_lines_on_stdin(runner: CliRunner, tmp_path: Path) -> None:
    from kg.ingest import read_article

    a = read_article(next(ARTICLES.glob("*.txt")))
    record = {"text": a.body, "title": a.title, "url": a.url, "language": a.language}
    record |= {"source": a.source, "licence": a.licence, **dict(a.extra)}
    if a.published:
        record["published"] = a.published.isoformat()
    line = json.dumps({k: v for k, v in record.items() if v is not None})
    bad = json.dumps({"text": "  "})
    out = tmp_path / "g.nq"
    result = runner.invoke(app, ["build", "-", "--out", str(out)], input=f"{line}\n{bad}\n")
    assert result.exit_code == 3, result.stderr  # one article skipped
    assert "<stdin>:2" in result.stderr and "KG206" in result.stderr
    assert "summary: 2 article(s): 1 written" in result.stderr
    built = runner.invoke(app, ["build", str(ARTICLES), "--out", str(tmp_path / "f.nq")])
    assert built.exit_code == 0
    # same identity and offsets as the file: the same quads
    assert out.read_bytes() == (tmp_path / "f.nq").read_bytes()
