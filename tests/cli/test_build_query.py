"""kg build / query / validate end to end on the bundled article."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from typer.testing import CliRunner

from kg import __version__, pipeline
from kg.cli import app
from kg.rdf.vocab import NIF, NKG

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"newskg {__version__}"


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_build_twice_gives_identical_bytes(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    outs = [tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"]
    for out in outs:
        result = runner.invoke(app, ["build", str(ARTICLES), "--out", str(out)])
        assert result.exit_code == 0, result.stderr
        assert "[1/1]" in result.stderr and result.stdout == ""
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert len(outs[0].read_bytes()) > 10_000


@pytest.mark.slow  # two processes each loading spaCy: 3-10 s
def test_build_is_identical_across_processes(tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.nq"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        subprocess.run(
            [sys.executable, "-m", "kg", "build", str(ARTICLES), "-o", str(out)],
            check=True,
            capture_output=True,
            env=env,
            cwd=ROOT,
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_build_out_dash_writes_trig_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["build", str(ARTICLES), "--out", "-"])
    assert result.exit_code == 0, result.stderr
    ds = Dataset()
    ds.parse(data=result.stdout, format="trig")
    named = sorted(str(g.identifier) for g in ds.graphs() if len(g))
    # the article's graph, and the graph of facts taken from Wikidata about its linked entities
    assert len(named) == 2 and all(n.startswith("https://w3id.org/newskg/id/graph/") for n in named)
    assert named[1] == "https://w3id.org/newskg/id/graph/wikidata"
    assert "wrote 1 of 1 article graph(s)" in result.stderr


def test_base_iri_option(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    result = runner.invoke(
        app,
        ["build", str(ARTICLES), "-o", str(out), "--base-iri", "http://example.org/kg/"],
    )
    assert result.exit_code == 0, result.stderr
    subjects = {line.split(" ", 1)[0] for line in out.read_text(encoding="utf-8").splitlines()}
    # everything minted is under the base; the rest are Wikidata items described by the
    # Wikidata graph
    minted = {s for s in subjects if not s.startswith("<http://www.wikidata.org/entity/Q")}
    assert minted and all(s.startswith("<http://example.org/kg/") for s in minted)
    assert not any(s.startswith("<https://w3id.org/newskg/") for s in subjects)


def test_nonconforming_graph_is_not_written_and_explained(
    runner: CliRunner, tmp_path: Path, monkeypatch
) -> None:
    """A report that does not conform: the graph is not written, each violation is shown
    with its focus node and the sentence of its first mention, exit 1."""
    reported = {}

    def fake_validate(graph, **_options):  # type: ignore[no-untyped-def]
        person = sorted(graph.subjects(RDF.type, NKG.Person))[0]
        reported["focus"] = person
        mentions = sorted(
            graph.objects(person, NKG.mention), key=lambda m: int(graph.value(m, NIF.beginIndex))
        )
        reported["first_mention"] = str(graph.value(mentions[0], NIF.anchorOf))
        result = SimpleNamespace(
            focus_node=person, result_path=RDFS.label, constraint="sh:MaxCount", message="too many"
        )
        return SimpleNamespace(conforms=False, results=[result])

    monkeypatch.setattr(pipeline, "validate", fake_validate)
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(ARTICLES), "--out", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert "graph not written, 1 violation(s)" in result.stderr
    assert f"focus <{reported['focus']}>" in result.stderr and "too many" in result.stderr
    [sentence] = [line for line in result.stderr.splitlines() if "sentence:" in line]
    assert reported["first_mention"] in sentence
    assert "nothing written" in result.stderr


def test_build_validate_then_named_query(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "graph.trig"
    built = runner.invoke(app, ["build", str(ARTICLES), "--out", str(out)])
    assert built.exit_code in (0, 1), built.stderr
    if built.exit_code == 1:
        pytest.skip("the bundled article's graph does not conform to the shapes yet")
    assert "conforms" in built.stderr
    checked = runner.invoke(app, ["validate", str(out)])
    assert checked.exit_code == 0, checked.stdout
    ds = Dataset(default_union=True)
    ds.parse(out, format="trig")
    persons = {str(ds.value(p, RDFS.label)) for p in ds.subjects(RDF.type, NKG.Person)}
    assert persons
    result = runner.invoke(
        app,
        ["query", str(out), "--named", "entities", "--param", "type=nkg:Person", "--format", "csv"],
    )
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["label"] for r in rows} == persons
    assert all(int(r["mentions"]) >= 1 for r in rows)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_query_formats(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    data = ROOT / "tests" / "query" / "data" / "sample.trig"
    result = runner.invoke(app, ["query", str(data), "--named", "demo", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert "government forces" in result.stdout
    if fmt == "tsv":
        assert result.stdout.splitlines()[0] == "?type\t?label\t?mentions"
        assert '"government forces"' in result.stdout


def test_ask_and_construct(runner: CliRunner) -> None:
    data = str(ROOT / "tests" / "query" / "data" / "sample.trig")
    ask = runner.invoke(
        app, ["query", data, "ASK { ?s a <https://w3id.org/newskg/ontology#Claim> }"]
    )
    assert ask.exit_code == 0 and ask.stdout.strip() == "true"
    construct = runner.invoke(
        app,
        [
            "query",
            data,
            "CONSTRUCT { ?e <http://x.test/p> ?l } WHERE { ?e a "
            "<https://w3id.org/newskg/ontology#Shelling> ; "
            "<https://w3id.org/newskg/ontology#place>/<http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        ],
    )
    assert construct.exit_code == 0, construct.stderr
    graph = Graph().parse(data=construct.stdout, format="turtle")
    assert set(graph) == {
        (URIRef("http://x.test/e5"), URIRef("http://x.test/p"), Literal("Townville"))
    }


def test_one_nonconforming_article_among_several(
    runner: CliRunner, tmp_path: Path, monkeypatch, article_path: Path
) -> None:
    """The graph that does not conform is left out, the other is written, exit 1."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = article_path.read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text + "\nOne more sentence.\n", encoding="utf-8")
    verdicts: dict[str, bool] = {}

    def fake_validate(graph, **_options):  # type: ignore[no-untyped-def]
        conforms = bool(verdicts)  # the first article built does not conform
        verdicts[str(graph.identifier)] = conforms
        focus = next(iter(graph.subjects(RDF.type, NKG.Article)))
        results = (
            []
            if conforms
            else [
                SimpleNamespace(focus_node=focus, result_path=None, constraint="C", message="bad")
            ]
        )
        return SimpleNamespace(conforms=conforms, results=results)

    monkeypatch.setattr(pipeline, "validate", fake_validate)
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 1, result.stderr
    assert "a.txt: graph not written" in result.stderr
    ds = Dataset()
    ds.parse(out, format="trig")
    written = {str(g.identifier) for g in ds.graphs() if len(g)} - {
        "https://w3id.org/newskg/id/graph/wikidata"
    }
    assert written == {name for name, ok in verdicts.items() if ok}
    assert len(verdicts) == 2 and len(written) == 1


def test_query_from_file_and_describe(runner: CliRunner, tmp_path: Path) -> None:
    data = str(ROOT / "tests" / "query" / "data" / "sample.trig")
    q = tmp_path / "q.rq"
    q.write_text(
        "SELECT DISTINCT ?l WHERE { <http://x.test/town> <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["query", data, "--file", str(q), "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.split() == ["l", "Townville"]
    result = runner.invoke(app, ["query", data, "--file", str(tmp_path / "missing.rq")])
    assert result.exit_code == 3 and "error: KG233:" in result.stderr
    result = runner.invoke(app, ["query", data, "DESCRIBE <http://x.test/region>"])
    assert result.exit_code == 0, result.stderr
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert (URIRef("http://x.test/region"), RDFS.label, Literal("Coast Region")) in graph


def test_query_list_shows_every_named_query_and_its_parameters(runner: CliRunner) -> None:
    from kg.query import list_named

    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0 and result.stderr == ""
    for nq in list_named():
        assert f"{nq.name}: {nq.title}" in result.stdout
        for p in nq.params:
            assert f"--param {p.name}=<{p.kind}>" in result.stdout
    assert "--param type=<iri> = nkg:Person" in result.stdout
