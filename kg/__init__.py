"""newskg: news articles about armed conflict -> a grounded, attributed RDF knowledge graph.

The public API (everything else is internal and may change)::

    >>> from kg import Settings, build
    >>> Settings().base_iri
    'https://w3id.org/newskg/id/'

``build(paths, settings)`` reads articles and returns every article's named graph with its
validation report; ``evaluate_graph``, ``validate_graph``, ``open_store`` and ``publish``
are the library faces of ``kg evaluate``, ``kg validate``, the store and ``kg publish``.
Heavy modules (spaCy, pySHACL, Oxigraph) load on first use, not on ``import kg``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError, InputError, KgError, ServiceError, StoreError
from kg.settings import Settings

if TYPE_CHECKING:
    from kg.evaluate import evaluate_graph
    from kg.extract import Extractor
    from kg.pipeline import BuildResult, build
    from kg.publish import publish
    from kg.store import open_store
    from kg.validate import validate_graph

__version__ = "0.1.0"

_LAZY = {
    "BuildResult": "kg.pipeline",
    "Extractor": "kg.extract",
    "build": "kg.pipeline",
    "evaluate_graph": "kg.evaluate",
    "open_store": "kg.store",
    "publish": "kg.publish",
    "validate_graph": "kg.validate",
}

__all__ = [
    "BuildResult",
    "ConfigError",
    "Extractor",
    "InputError",
    "KgError",
    "ServiceError",
    "Settings",
    "StoreError",
    "__version__",
    "build",
    "evaluate_graph",
    "open_store",
    "publish",
    "validate_graph",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
