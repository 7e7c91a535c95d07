"""Text -> mentions -> model objects. The only package that imports spaCy.

Public entry point: :class:`Extractor`.
"""

from __future__ import annotations

from kg.extract.extractor import Extractor

__all__ = ["Extractor"]
