"""Deterministic IRI minting: the only place that builds instance IRIs.

Layout under the base IRI (default ``https://w3id.org/newskg/id/``):

- ``article/<article-key>``, its named graph ``graph/<article-key>``
- named entities, shared across articles: ``<type>/Q<n>`` when linked to Wikidata, else
  ``<type>/<slug-of-label>`` (``person/jane-doe``)
- entities named only by description, scoped to their article:
  ``<type>/<article-key>/<slug>`` ("government forces" of one article is not of another)
- ``event/<article-key>/<n>``, ``claim/<article-key>/<n>``, ``casualty/<article-key>/<n>/<m>``,
  ``target/<article-key>/<slug>``, ``position/<slug>``
- ``mention/<article-key>/<begin>-<end>``
- ``activity/<article-key>``
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_TYPE_SEGMENT = {
    "Person": "person",
    "Organisation": "organisation",
    "ArmedGroup": "armed-group",
    "Place": "place",
    "Community": "community",
}


def slugify(text: str) -> str:
    """Lower-case ASCII slug: ``"Omar al-Rashid"`` -> ``"omar-al-rashid"``.

    >>> slugify("Jean-Pierre  Mbeki")
    'jean-pierre-mbeki'
    >>> slugify("Ḥayʾat Taḥrīr al-Shām")
    'hayat-tahrir-al-sham'
    >>> slugify("Володимир Зеленський")
    'volodimir-zelenskiy'
    """
    ascii_text = "".join(_ascii(c) for c in text)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"


@lru_cache(maxsize=1 << 14)
def _ascii(char: str) -> str:
    """A character's ASCII: its decomposition without marks ("é" -> "e"); a letter or digit
    of a non-Latin script (Cyrillic, Arabic, Han...) is transliterated by ``anyascii``
    (apostrophes of the transliteration dropped: "Зеленський" -> "Zelenskiy"); anything
    else that has no ASCII decomposition (Latin "ł", "ʾ", symbols) goes, as it always did."""
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    if plain or char.isascii():
        return plain
    if unicodedata.category(char)[0] not in "LN" or unicodedata.category(char) == "Lm":
        return ""
    if unicodedata.name(char, "LATIN").startswith("LATIN"):
        return ""
    return anyascii(char).replace("'", "")


def type_segment(type_name: str) -> str:
    return _TYPE_SEGMENT[type_name]


class Minter:
    """Mints IRIs (as strings) under one base."""

    def __init__(self, base_iri: str) -> None:
        self.base = base_iri

    def article(self, article_key: str) -> str:
        return f"{self.base}article/{article_key}"

    def graph(self, article_key: str) -> str:
        return f"{self.base}graph/{article_key}"

    def activity(self, article_key: str) -> str:
        return f"{self.base}activity/{article_key}"

    def entity(
        self, type_name: str, label: str, *, qid: str | None, named: bool, article_key: str
    ) -> str:
        segment = type_segment(type_name)
        if qid:
            return f"{self.base}{segment}/{qid}"
        if named:
            return f"{self.base}{segment}/{slugify(label)}"
        return f"{self.base}{segment}/{article_key}/{slugify(label)}"

    def described(self, article_key: str, label: str, *, source: bool = False) -> str:
        kind = "source" if source else "target"
        return f"{self.base}{kind}/{article_key}/{slugify(label)}"

    def event(self, article_key: str, n: int) -> str:
        return f"{self.base}event/{article_key}/{n}"

    def claim(self, article_key: str, n: int) -> str:
        return f"{self.base}claim/{article_key}/{n}"

    def casualty(self, article_key: str, event_n: int, m: int) -> str:
        return f"{self.base}casualty/{article_key}/{event_n}/{m}"

    def position(self, label: str) -> str:
        return f"{self.base}position/{slugify(label)}"

    def mention(self, article_key: str, begin: int, end: int) -> str:
        return f"{self.base}mention/{article_key}/{begin}-{end}"
