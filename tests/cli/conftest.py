"""Helpers for the command-line tests: a CliRunner whose stdout and stderr stay apart."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
