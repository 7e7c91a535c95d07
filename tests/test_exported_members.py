"""The public API is exactly what kg.__all__ lists, and every name resolves (httpx's habit)."""

from __future__ import annotations

import subprocess
import sys
import types

import kg


def test_all_names_resolve() -> None:
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name


def test_all_is_the_public_surface() -> None:
    """Every public non-module attribute of ``kg`` is listed in ``__all__`` (submodules
    appear as attributes once imported; they are not API)."""
    public = {
        n
        for n in dir(kg)
        if not n.startswith("_") and not isinstance(getattr(kg, n), types.ModuleType)
    } - {"annotations", "TYPE_CHECKING", "Any"}
    assert public <= set(kg.__all__)


def test_import_kg_does_not_load_heavy_libraries() -> None:
    code = "import sys, kg; print(' '.join(m for m in ('spacy', 'pyshacl', 'pyoxigraph') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
