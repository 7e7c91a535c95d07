"""The stages run on a parsed Doc, as a spaCy registry (``kg_steps``) named by the pipeline
configuration (``data/pipeline/config.cfg``, ``[steps]``).

A stage is a function ``(doc, extraction) -> None`` that reads the Doc (its entities, spans
and extension attributes) and completes the article's :class:`~kg.model.Extraction`. The
configuration names each stage by its registered name, so a better implementation (a
trained component, say) replaces one stage by registering itself under a new name and being
named in the configuration, without touching the others::

    from kg.extract.steps import kg_steps

    @kg_steps("my.events.v1")
    def make_my_events():
        def step(doc, extraction): ...
        return step
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Config

from kg.errors import ConfigError
from kg.model import Extraction
from kg.resources import data_dir

PostStep = Callable[[Doc, Extraction], None]

if not hasattr(registry, "kg_steps"):
    registry.create("kg_steps", entry_points=True)
#: the registry of stages (``registry.kg_steps`` made by ``registry.create`` above)
kg_steps = registry.kg_steps  # type: ignore[attr-defined]


@kg_steps("kg.entities.v1")
def make_entities() -> PostStep:
    """Resolve the Doc's entity mentions into one entity per real-world thing."""
    from kg.extract.extractor import add_entities

    return add_entities


@kg_steps("kg.events.v1")
def make_events() -> PostStep:
    """Events, their roles, places, times and figures, claims and relations."""
    from kg.extract.events import add_events

    return add_events


def config_file() -> Path:
    """The pipeline configuration of the data folder in use."""
    return data_dir() / "pipeline" / "config.cfg"


@cache
def load_config(path: Path | None = None) -> Config:
    """The pipeline configuration at ``path`` (default :func:`config_file`).

    Raises:
        ConfigError: KG108, it cannot be read or lacks ``[pipeline]`` components and steps.
    """
    source = path or config_file()
    try:
        config = Config().from_disk(source, interpolate=False)
    except Exception as e:  # thinc raises OSError, ConfigValidationError and parser errors
        raise ConfigError("KG108", f"{source}: cannot read the pipeline configuration ({e})") from e
    pipeline = config.get("pipeline", {})
    for key in ("components", "steps"):
        if not isinstance(pipeline.get(key), list):
            raise ConfigError("KG108", f"{source}: [pipeline] needs a list '{key}'")
    for name in pipeline["steps"]:
        if name not in config.get("steps", {}):
            raise ConfigError("KG108", f"{source}: step {name!r} has no [steps.{name}] section")
    for name in pipeline["components"]:
        if "factory" not in config.get("components", {}).get(name, {}):
            raise ConfigError(
                "KG108", f"{source}: component {name!r} has no [components.{name}] factory"
            )
    return config


def load_steps(path: Path | None = None) -> list[PostStep]:
    """The configured stages, resolved through the ``kg_steps`` registry, in order.

    Raises:
        ConfigError: KG108, a stage names a function nobody registered.
    """
    config = load_config(path)
    steps = []
    for name in config["pipeline"]["steps"]:
        try:
            resolved = registry.resolve(Config({"step": config["steps"][name]}))
        except Exception as e:  # catalogue.RegistryError and thinc's validation errors
            raise ConfigError("KG108", f"pipeline step {name!r}: {e}") from e
        steps.append(resolved["step"])
    return steps


__all__ = ["PostStep", "config_file", "kg_steps", "load_config", "load_steps"]
