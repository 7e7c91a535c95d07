"""Shared fixtures and the opt-in flags --slow and --network."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ARTICLE = DATA / "articles" / "syria-coast-2025-03.txt"
GOLD = DATA / "articles" / "syria-coast-2025-03.gold.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="run slow tests")
    parser.addoption("--network", action="store_true", help="run tests that use the live network")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for marker, flag in (("slow", "--slow"), ("network", "--network")):
        if config.getoption(flag):
            continue
        skip = pytest.mark.skip(reason=f"needs {flag}")
        for item in items:
            if marker in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def article_path() -> Path:
    return ARTICLE


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return GOLD
