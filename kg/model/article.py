"""An input article: front matter plus body."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Article:
    """One news article.

    Args:
        body: the text after the front-matter block, unchanged; all offsets point into it.
        path: where it was read from (not part of its identity).
        title: front matter ``title`` (else the first non-empty line of the body).
        published: front matter ``published`` as a date, when known.
        url: front matter ``url``, when known; the article's identity when present.
        language: ISO 639-1 code, default ``en``.
        source: the publisher named in the front matter.
        licence: the article's licence terms, as given in the front matter.
        extra: every other front-matter key, kept as strings.
    """

    body: str
    path: Path | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    language: str = "en"
    source: str | None = None
    licence: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        """Stable key of the article: a hash of its URL, else of its body (16 hex digits)."""
        basis = self.url if self.url else self.body
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    @property
    def content_hash(self) -> str:
        """Hash of everything that influences extraction (body and front matter)."""
        h = hashlib.sha256()
        for part in (self.body, self.title, self.published, self.url, self.language):
            h.update(repr(part).encode("utf-8"))
        return h.hexdigest()
