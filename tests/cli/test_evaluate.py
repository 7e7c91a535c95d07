"""kg evaluate: the real report on the bundled article, and one-line errors for bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app


@pytest.fixture(scope="module")
def built_graph(tmp_path_factory: pytest.TempPathFactory, article_path: Path) -> Path:
    out = tmp_path_factory.mktemp("eval") / "g.trig"
    result = CliRunner().invoke(app, ["build", str(article_path), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def test_evaluate_text_and_json(
    runner: CliRunner, built_graph: Path, article_path: Path, gold_path: Path
) -> None:
    args = ["evaluate", str(built_graph), "--gold", str(gold_path), "--article", str(article_path)]
    text = runner.invoke(app, args)
    assert text.exit_code == 0, text.stderr
    assert "== entities ==" in text.stdout
    as_json = runner.invoke(app, [*args, "--json"])
    assert as_json.exit_code == 0, as_json.stderr
    report = json.loads(as_json.stdout)
    assert report["entities"]["all"]["f1"] >= 0.90


@pytest.mark.parametrize(
    ("content", "code"),
    [(None, "KG201"), (b"{not json", "KG240"), (b"[1, 2]", "KG240"), (b"\xff\xfe", "KG240")],
)
def test_bad_gold_is_one_line(
    runner: CliRunner,
    tmp_path: Path,
    built_graph: Path,
    article_path: Path,
    content: bytes | None,
    code: str,
) -> None:
    gold = tmp_path / "gold.json"
    if content is not None:
        gold.write_bytes(content)
    result = runner.invoke(
        app, ["evaluate", str(built_graph), "--gold", str(gold), "--article", str(article_path)]
    )
    assert result.exit_code == 3
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {code}: {gold}")


def test_missing_graph_is_one_line(
    runner: CliRunner, tmp_path: Path, article_path: Path, gold_path: Path
) -> None:
    missing = tmp_path / "nope.trig"
    result = runner.invoke(
        app, ["evaluate", str(missing), "--gold", str(gold_path), "--article", str(article_path)]
    )
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(missing) in result.stderr
