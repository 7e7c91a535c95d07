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
from typing import Any

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


def declared(requires: tuple[str, ...], assigns: tuple[str, ...]) -> Callable[[Any], Any]:
    """Mark a step with the slots it needs filled by earlier steps and those it fills (as
    spaCy components declare ``requires`` and ``assigns``); :func:`load_steps` checks the
    configured order against them."""

    def mark(step: Any) -> Any:
        step.requires, step.assigns = requires, assigns
        return step

    return mark


@kg_steps("kg.entities.v1")
def make_entities() -> PostStep:
    """Resolve the Doc's entity mentions into one entity per real-world thing."""
    from kg.extract.extractor import add_entities

    def entities(doc: Doc, extraction: Extraction) -> None:
        add_entities(doc, extraction)

    return declared((), ("entities",))(entities)


@kg_steps("kg.events.v1")
def make_events() -> PostStep:
    """Events, their roles, places, times and figures, claims and relations: every event
    stage at once (the stages are also registered one by one, ``kg.events.<stage>.v1``)."""
    from kg.extract.events import add_events

    def events(doc: Doc, extraction: Extraction) -> None:
        add_events(doc, extraction)

    return declared(("entities",), ("relations", "claims", "events"))(events)


if not Doc.has_extension("kg_events"):
    #: the event stages' shared state for one article (kg.extract.events.EventState)
    Doc.set_extension("kg_events", default=None)


@kg_steps("kg.events.prepare.v1")
def make_events_prepare() -> PostStep:
    """Sentence units, entity spans and lexicons for the event stages (``ctx``)."""
    from kg.extract.events import prepare

    def events_prepare(doc: Doc, extraction: Extraction) -> None:
        doc._.kg_events = prepare(doc, extraction)

    return declared(("entities",), ("ctx",))(events_prepare)


def _register_stages() -> None:
    from kg.extract.events import STAGES

    for name, stage, requires, assigns in STAGES:

        def make(stage: Any = stage, requires: tuple = requires, assigns: tuple = assigns) -> Any:
            def step(doc: Doc, extraction: Extraction) -> None:
                state = doc._.kg_events
                if state is None or state.ctx.x is not extraction:
                    raise ConfigError(
                        "KG108", "an event stage ran before kg.events.prepare.v1 for this article"
                    )
                stage(state)
                if "events" in assigns:  # the last stage: the state is not needed any more
                    doc._.kg_events = None

            step.__name__ = f"events_{stage.__name__}"
            return declared(requires, assigns)(step)

        make.__doc__ = stage.__doc__
        kg_steps(f"kg.events.{name}.v1", func=make)


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
    """The configured stages, resolved through the ``kg_steps`` registry, in order, their
    declared ``requires`` checked against what earlier stages ``assign``.

    Raises:
        ConfigError: KG108, a stage names a function nobody registered, or needs a slot no
            earlier stage fills.
    """
    _register_stages()
    config = load_config(path)
    steps = []
    filled: set[str] = set()
    for name in config["pipeline"]["steps"]:
        try:
            resolved = registry.resolve(Config({"step": config["steps"][name]}))
        except Exception as e:  # catalogue.RegistryError and thinc's validation errors
            raise ConfigError("KG108", f"pipeline step {name!r}: {e}") from e
        step = resolved["step"]
        missing = [slot for slot in getattr(step, "requires", ()) if slot not in filled]
        if missing:
            raise ConfigError(
                "KG108",
                f"pipeline step {name!r} requires {', '.join(missing)}, which no earlier "
                "step assigns",
            )
        filled.update(getattr(step, "assigns", ()))
        steps.append(step)
    return steps


__all__ = ["PostStep", "config_file", "kg_steps", "load_config", "load_steps"]
