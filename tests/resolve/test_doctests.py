"""The docstring examples of kg.resolve are tests too."""

from __future__ import annotations

import doctest

import pytest

import kg.resolve
import kg.resolve.lookup
import kg.resolve.names


@pytest.mark.parametrize("module", [kg.resolve, kg.resolve.lookup, kg.resolve.names])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
