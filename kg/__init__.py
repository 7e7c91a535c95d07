"""newskg: news articles about armed conflict -> a grounded, attributed RDF knowledge graph."""

from __future__ import annotations

from kg.errors import ConfigError, InputError, KgError, ServiceError, StoreError
from kg.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "InputError",
    "KgError",
    "ServiceError",
    "Settings",
    "StoreError",
    "__version__",
]
