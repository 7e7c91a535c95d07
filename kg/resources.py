"""The only code that locates the shipped data: ontology/, shapes/, data/, queries/.

In an installed wheel they live in ``kg/_share/``; in a source checkout (or an editable
install) they sit at the top of the repository, beside the ``kg`` package.
``$KG_SHARE_DIR`` names another folder holding the four: the knowledge newskg works from
(the ontology's classes, the lexicons and patterns, the gazetteer, the shapes) is data, so a
user can extend it, for example with a new event class, without touching the code.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from kg.errors import ConfigError

_SHARED = ("ontology", "shapes", "data", "queries")


@cache
def share_root() -> Path:
    """The folder holding ontology/, shapes/, data/ and queries/."""
    override = os.environ.get("KG_SHARE_DIR")
    if override:
        root = Path(override)
        missing = [name for name in _SHARED if not (root / name).is_dir()]
        if missing:
            raise ConfigError(
                "KG102", f"$KG_SHARE_DIR={override}: no {', '.join(missing)} folder in it"
            )
        return root
    package = Path(__file__).resolve().parent
    for root in (package / "_share", package.parent):
        if all((root / name).is_dir() for name in _SHARED):
            return root
    raise ConfigError(
        "KG102", f"cannot find the shipped data ({', '.join(_SHARED)}) near {package}"
    )


def ontology_dir() -> Path:
    return share_root() / "ontology"


def ontology_file() -> Path:
    """The newskg ontology in Turtle."""
    return ontology_dir() / "nkg.ttl"


def shapes_dir() -> Path:
    return share_root() / "shapes"


def shape_files() -> list[Path]:
    """Every SHACL shapes file, sorted."""
    return sorted(shapes_dir().glob("*.ttl"))


def data_dir() -> Path:
    return share_root() / "data"


def queries_dir() -> Path:
    return share_root() / "queries"
