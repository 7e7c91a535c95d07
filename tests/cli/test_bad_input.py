"""Bad input (issue 2, item 9): one clear line on stderr naming the file and the problem,
the documented exit code, no traceback, no partial or clobbered output file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _one_error_line(result, code: str, *needles: str) -> str:  # type: ignore[no-untyped-def]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    line = errors[0]
    assert re.match(rf"error: {code}\d*: \S", line), line
    for needle in needles:
        assert needle in line, line
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    return line


def _article(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


BAD_ARTICLES = [
    ("empty.txt", "", "KG206", "empty article"),
    ("only-front.md", "---\ntitle: x\n---\n", "KG206", "empty article"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "KG203", "binary file"),
    ("latin1.txt", "Caf\xe9 bombed".encode("latin-1"), "KG204", "not UTF-8"),
    ("unclosed.md", "---\ntitle: x\nBody", "KG205", "never closed"),
    ("badyaml.md", "---\ntitle: [x\n---\nBody text.", "KG205", "malformed front matter"),
    ("baddate.md", "---\npublished: next tuesday\n---\nBody.", "KG207", "not an ISO date"),
    ("french.md", "---\nlanguage: fr\n---\nLes forces ont attaqué.", "KG208", "'fr'"),
    # issue 17: out-of-range dates, YAML aliases and over-long articles were KG299 or worse
    ("far.md", "---\npublished: 9999-12-31\n---\nThe army shelled Homs.", "KG207", "1800-2200"),
    ("early.md", "---\npublished: 0001-01-01\n---\nThe army shelled Homs.", "KG207", "1800-2200"),
    ("laughs.md", "---\na: &a [x, x]\nb: [*a, *a]\n---\nThe army shelled Homs.", "KG205", "alias"),
    ("long.txt", "The army shelled the town on Monday. " * 28_000, "KG216", "1,000,000"),
]


@pytest.mark.parametrize(
    ("name", "content", "code", "problem"), BAD_ARTICLES, ids=[a[0] for a in BAD_ARTICLES]
)
def test_bad_article_exits_3_and_writes_nothing(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes | str, code: str, problem: str
) -> None:
    path = _article(tmp_path, name, content)
    out = tmp_path / "graph.trig"
    result = runner.invoke(app, ["build", str(path), "--out", str(out)])
    assert result.exit_code == 3
    _one_error_line(result, code, name, problem)
    # one message per bad article: the problem is said once, not three times (issue 17)
    assert result.stderr.count(problem) == 1, result.stderr
    assert result.stdout == ""
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temp file left


def test_bad_article_leaves_an_existing_output_untouched(runner: CliRunner, tmp_path: Path) -> None:
    path = _article(tmp_path, "empty.txt", "")
    out = _article(tmp_path, "graph.nq", "previous content\n")
    result = runner.invoke(app, ["build", str(path), "--out", str(out)])
    assert result.exit_code == 3
    assert out.read_text(encoding="utf-8") == "previous content\n"


def test_messages_print_paths_as_they_are(runner: CliRunner, tmp_path: Path) -> None:
    # rich turns ":name:" into an emoji unless told not to: "news.jsonl:100: ..." had its
    # line number printed as a "hundred points" symbol
    path = _article(tmp_path, "x:100:fire:.txt", "")
    result = runner.invoke(app, ["build", str(path), "--out", str(tmp_path / "g.trig")])
    assert result.exit_code == 3
    _one_error_line(result, "KG206", "x:100:fire:.txt")


def test_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path / "nope.txt")])
    assert result.exit_code == 3
    _one_error_line(result, "KG201", "nope.txt", "no such file")
    assert result.stdout == ""


def test_directory_without_articles(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path)])
    assert result.exit_code == 3
    _one_error_line(result, "KG202", str(tmp_path), "holds no article")


@pytest.mark.parametrize("target", ["graph.xml", "graph"])
def test_unknown_out_suffix_fails_before_any_work(
    runner: CliRunner, tmp_path: Path, article_path: Path, target: str
) -> None:
    out = tmp_path / target
    result = runner.invoke(app, ["build", str(article_path), "--out", str(out)])
    assert result.exit_code == 3
    _one_error_line(result, "KG220", target, "unknown output format")
    assert "[1/1]" not in result.stderr  # no article was processed
    assert not out.exists()


def test_unwritable_out_folder(runner: CliRunner, tmp_path: Path, article_path: Path) -> None:
    out = tmp_path / "no" / "such" / "dir" / "graph.trig"
    result = runner.invoke(app, ["build", str(article_path), "--out", str(out)])
    assert result.exit_code == 3
    _one_error_line(result, "KG221", "graph.trig", "does not exist")
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            result = runner.invoke(app, ["build", str(article_path), "-o", str(locked / "g.nt")])
            assert result.exit_code == 3
            _one_error_line(result, "KG221", "not writable")
        finally:
            locked.chmod(0o700)


def test_bad_base_iri_is_a_config_error(runner: CliRunner, article_path: Path) -> None:
    result = runner.invoke(app, ["build", str(article_path), "--base-iri", "not-an-iri"])
    assert result.exit_code == 3
    _one_error_line(result, "KG101", "not-an-iri")


def test_unknown_shacl_engine_is_a_config_error(
    runner: CliRunner, article_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_SHACL_ENGINE", "jena")
    result = runner.invoke(app, ["build", str(article_path)])
    assert result.exit_code == 3
    _one_error_line(result, "KG101", "jena")


def test_unknown_model_is_a_config_error(runner: CliRunner, article_path: Path) -> None:
    result = runner.invoke(app, ["build", str(article_path), "--model", "xx_no_such_model"])
    assert result.exit_code == 3
    _one_error_line(result, "KG105", "xx_no_such_model")


def test_sparql_syntax_error(runner: CliRunner, tmp_path: Path) -> None:
    data = _article(tmp_path, "g.ttl", "<http://x.test/a> <http://x.test/b> 1 .\n")
    result = runner.invoke(app, ["query", str(data), "SELECT ?x WHERE { ?x ?p }"])
    assert result.exit_code == 3
    _one_error_line(result, "KG230", "SPARQL syntax error at line 1")
    assert result.stdout == ""


def test_unknown_named_query_and_bad_parameter(runner: CliRunner, tmp_path: Path) -> None:
    data = _article(tmp_path, "g.ttl", "<http://x.test/a> <http://x.test/b> 1 .\n")
    result = runner.invoke(app, ["query", str(data), "--named", "nope"])
    assert result.exit_code == 3
    _one_error_line(result, "KG231", "'nope'")
    result = runner.invoke(
        app, ["query", str(data), "--named", "events-in-place", "--param", "from=yesterday"]
    )
    assert result.exit_code == 3
    _one_error_line(result, "KG232", "from='yesterday'", "not a date")


@pytest.mark.parametrize(
    "args",
    [
        ["query"],
        ["query", "g.ttl"],
        ["query", "g.ttl", "SELECT * {}", "--named", "demo"],
        ["query", "g.ttl", "SELECT * {}", "--format", "yaml"],
        ["build"],
        ["build", "x.txt", "--bogus"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["validate", "query"])
@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("broken.ttl", "<http://x.test/a> <http://x.test/b> .\n", "malformed"),
        ("broken.trig", "<http://x.test/g> { <http://x.test/a> ", "malformed"),
        ("empty.nq", "", "empty"),
        ("binary.nt", "\x00\x01", "binary"),
        ("data.rdfx", "<a> <b> <c> .", "suffix"),
        ("missing.ttl", None, "missing.ttl"),
    ],
)
def test_malformed_rdf(
    runner: CliRunner, tmp_path: Path, command: str, name: str, content: str | None, problem: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    args = [command, str(path)] + (["SELECT * { ?s ?p ?o }"] if command == "query" else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 3
    line = _one_error_line(result, "KG2", name)
    assert problem in line
    assert result.stdout == ""


def test_python_m_kg_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    binary = _article(tmp_path, "binary.txt", b"\x00\x01")
    out = tmp_path / "out.trig"
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(binary), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 3
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines()[-1] == (
        f"error: KG203: {binary}: binary file, not a text article"
    )
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_multi_article_build_skips_a_bad_file_and_writes_the_rest(
    runner: CliRunner, tmp_path: Path, article_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(article_path, folder / "a.txt")
    _article(folder, "b.txt", b"\x00")
    out = tmp_path / "g.nt"
    result = runner.invoke(app, ["build", str(folder), "--out", str(out)], env={"KG_VALIDATE": "0"})
    assert result.exit_code == 3
    assert "b.txt: skipped: KG203" in result.stderr
    assert out.exists() and out.stat().st_size > 1000


def test_service_failure_exits_4_and_writes_nothing(
    runner: CliRunner, tmp_path: Path, article_path: Path, monkeypatch
) -> None:
    from kg import pipeline
    from kg.errors import ServiceError

    def failing_link(extraction, settings):  # type: ignore[no-untyped-def]
        raise ServiceError("KG401", "Wikidata API: HTTP 503 after 3 attempts")

    monkeypatch.setattr(pipeline, "link", failing_link)
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(article_path), "--online", "--out", str(out)])
    assert result.exit_code == 4
    _one_error_line(result, "KG401", "HTTP 503")
    assert not out.exists()
