"""kg evaluate on the bundled article, and its bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, article_path: Path) -> Path:
    out = tmp_path_factory.mktemp("eval") / "graph.trig"
    result = CliRunner().invoke(app, ["build", str(article_path), "--out", str(out)])
    assert result.exit_code in (0, 1), result.stderr
    if not out.exists():
        pytest.skip("the bundled article's graph does not conform to the shapes")
    return out


def test_evaluate_text_and_json_agree(
    runner: CliRunner, built: Path, gold_path: Path, article_path: Path
) -> None:
    args = ["evaluate", str(built), "--gold", str(gold_path), "--article", str(article_path)]
    text = runner.invoke(app, args)
    data = runner.invoke(app, [*args, "--json"])
    assert text.exit_code == data.exit_code
    report = json.loads(data.stdout)
    assert report["article"] == article_path.name
    targets = report["entities"]["targets"]
    assert data.exit_code == (0 if all(targets.values()) else 1)
    assert f"{report['entities']['all']['f1']:.3f}" in text.stdout
    for target, ok in targets.items():
        assert (target in data.stderr) == (not ok)


@pytest.mark.parametrize(
    ("gold", "code", "problem"),
    [
        (None, "KG201", "no such file"),
        ("{not json", "KG223", "not valid JSON"),
        ("[1, 2]", "KG223", "JSON object"),
    ],
)
def test_bad_gold_file(
    runner: CliRunner,
    tmp_path: Path,
    built: Path,
    article_path: Path,
    gold: str | None,
    code: str,
    problem: str,
) -> None:
    path = tmp_path / "gold.json"
    if gold is not None:
        path.write_text(gold, encoding="utf-8")
    args = ["evaluate", str(built), "--gold", str(path), "--article", str(article_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 3
    assert result.stderr.strip().startswith(f"error: {code}: {path}: ")
    assert problem in result.stderr and result.stdout == ""
