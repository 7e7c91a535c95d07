"""Name normalisation for in-document resolution: determiners, titles, the Arabic article
"al-", possessives and diacritics do not make two names different.

>>> from kg.resolve.names import name_key
>>> name_key("President Khalid al-Rashid's", titles={("president",)})
('khalid', 'rashid')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from functools import lru_cache

# Particles that are optional in transliterated Arabic names ("al-Rashid" = "Rashid").
_PARTICLES = frozenset({"al", "el", "ad", "ar", "ash", "az"})
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPLIT = re.compile(r"[\s\-‐–]+")


def fold(text: str) -> str:
    """Case-fold and strip diacritics: ``"Erdoğan"`` -> ``"erdogan"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def words(text: str) -> list[str]:
    return [w for w in _SPLIT.split(strip_possessive(text.strip())) if w]


def leading_title(tokens: Sequence[str], titles: Collection[tuple[str, ...]]) -> int:
    """Number of leading tokens that form a title (longest match), 0 if none."""
    by_length = _by_length(titles) if isinstance(titles, frozenset) else _index(titles)
    for n, group in by_length:  # longest first
        if len(tokens) > n and tuple(t.casefold() for t in tokens[:n]) in group:
            return n
    return 0


def _index(titles: Collection[tuple[str, ...]]) -> tuple[tuple[int, frozenset], ...]:
    """``titles`` grouped by their number of words, longest first."""
    lengths = sorted({len(t) for t in titles if t}, reverse=True)
    return tuple((n, frozenset(t for t in titles if len(t) == n)) for n in lengths)


@lru_cache(maxsize=16)
def _by_length(titles: frozenset[tuple[str, ...]]) -> tuple[tuple[int, frozenset], ...]:
    return _index(titles)


def display_name(text: str, *, titles: Collection[tuple[str, ...]] = ()) -> str:
    """The name as written, without a leading determiner, titles or a possessive:
    ``"the President Khalid Rashid's"`` -> ``"Khalid Rashid"`` (spacing kept)."""
    text = strip_possessive(text.strip())
    parts = text.split(" ")
    while len(parts) > 1 and parts[0].casefold() in _DETERMINERS:
        parts = parts[1:]
    while (n := leading_title(parts, titles)) and len(parts) > n:
        parts = parts[n:]
    return " ".join(parts)


def name_key(text: str, *, titles: Collection[tuple[str, ...]] = ()) -> tuple[str, ...]:
    """Normalised tokens of a name: folded, without determiner, titles, possessive or Arabic
    article. Never empty for a non-empty name (a lone particle is kept). Cached when
    ``titles`` is a frozenset (resolution compares every name with every other)."""
    if isinstance(titles, frozenset):
        return _cached_name_key(text, titles)
    return _name_key(text, titles)


@lru_cache(maxsize=65536)
def _cached_name_key(text: str, titles: frozenset[tuple[str, ...]]) -> tuple[str, ...]:
    return _name_key(text, titles)


def _name_key(text: str, titles: Collection[tuple[str, ...]]) -> tuple[str, ...]:
    tokens = words(display_name(text, titles=titles))
    folded = [fold(t) for t in tokens]
    kept = tuple(t for t in folded if t not in _PARTICLES)
    return kept or tuple(folded)


def is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    """True when every token of ``short`` occurs in ``long`` in the same order."""
    it = iter(long)
    return all(any(tok == other for other in it) for tok in short)


def is_contiguous(short: Sequence[str], long: Sequence[str]) -> bool:
    n = len(short)
    return any(tuple(long[i : i + n]) == tuple(short) for i in range(len(long) - n + 1))


def initials(tokens: Sequence[str]) -> str:
    """Initials of the capitalised words: ``Human Rights Watch`` -> ``HRW``."""
    return "".join(t[0] for t in tokens if t[:1].isupper())
