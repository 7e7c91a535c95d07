"""kg evaluate: the command's wiring (with a stand-in scorer) and, once kg.evaluate has
landed, the real report on the bundled article."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake_evaluate(monkeypatch) -> list[tuple]:
    calls: list[tuple] = []

    def evaluate_graph(graph, gold, article):  # type: ignore[no-untyped-def]
        calls.append((graph, gold, article))
        if not Path(gold).exists():
            raise InputError("KG201", f"{gold}: no such file or directory")
        return SimpleNamespace(to_text=lambda: "typed F1 0.50\n", to_dict=lambda: {"f1": 0.5})

    module = ModuleType("kg.evaluate")
    module.evaluate_graph = evaluate_graph  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kg.evaluate", module)
    return calls


def test_evaluate_prints_text_or_json(
    runner: CliRunner, tmp_path: Path, fake_evaluate: list, article_path: Path, gold_path: Path
) -> None:
    graph = tmp_path / "g.trig"
    args = ["evaluate", str(graph), "--gold", str(gold_path), "--article", str(article_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and result.stdout == "typed F1 0.50\n"
    assert fake_evaluate == [(graph, gold_path, article_path)]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == {"f1": 0.5}


def test_evaluate_error_is_one_line(
    runner: CliRunner, tmp_path: Path, fake_evaluate: list, article_path: Path
) -> None:
    missing = tmp_path / "nope.json"
    result = runner.invoke(
        app, ["evaluate", "g.trig", "--gold", str(missing), "--article", str(article_path)]
    )
    assert result.exit_code == 3
    assert result.stderr.strip() == f"error: KG201: {missing}: no such file or directory"


def _has_evaluate_graph() -> bool:
    if importlib.util.find_spec("kg.evaluate") is None:
        return False
    return hasattr(importlib.import_module("kg.evaluate"), "evaluate_graph")


@pytest.mark.skipif(not _has_evaluate_graph(), reason="kg.evaluate.evaluate_graph not merged yet")
def test_evaluate_bundled_article(
    runner: CliRunner, tmp_path: Path, article_path: Path, gold_path: Path
) -> None:
    out = tmp_path / "g.trig"
    built = runner.invoke(app, ["build", str(article_path), "--out", str(out)])
    if built.exit_code != 0:
        pytest.skip("the bundled article's graph does not build cleanly yet")
    result = runner.invoke(
        app,
        ["evaluate", str(out), "--gold", str(gold_path), "--article", str(article_path), "--json"],
    )
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(result.stdout), dict)
