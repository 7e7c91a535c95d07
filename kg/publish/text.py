"""Article text in a release: full text only where the licence allows it, else excerpts.

News text is under copyright. A release never holds article text unless asked
(``include_text``), and then:

- the full body, for an article whose licence is on the allow-list below (it permits
  verbatim redistribution, including commercial, without a no-derivatives clause);
- otherwise excerpts: for each mention in the article's graph, the sentence holding it,
  cut to at most :data:`EXCERPT_MAX` (300) characters around the mention; excerpts never
  overlap nor exceed that length, and together they stop at :data:`EXCERPT_SHARE` (a quarter)
  of the article body (at least one excerpt's worth), taken in text order.

Allow-list (case-insensitive): Creative Commons CC BY and CC BY-SA (any version, as IRI
``creativecommons.org/licenses/by[-sa]/…`` or as the name "CC BY 4.0", "CC-BY-SA-4.0"),
CC0 (``publicdomain/zero/…`` or "CC0"), the Public Domain Mark (``publicdomain/mark/…``)
and "public domain". NC, ND and anything unknown or missing get excerpts only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

EXCERPT_MAX = 300
EXCERPT_SHARE = 0.25

_ALLOWED_IRI = re.compile(
    r"^https?://(www\.)?creativecommons\.org/(licenses/(by|by-sa)/|publicdomain/(zero|mark)/)",
    re.IGNORECASE,
)
_ALLOWED_NAME = re.compile(
    r"^(cc[\s_-]?by([\s_-]?sa)?([\s_-]?v?\d(\.\d)?)?|cc[\s_-]?0([\s_-]?1\.0)?|public[\s_-]?domain)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|\n\s*\n|\n")


def licence_allows_text(licence: str | None) -> bool:
    """Whether an article under this licence may be republished in full.

    >>> licence_allows_text("https://creativecommons.org/licenses/by/4.0/")
    True
    >>> licence_allows_text("CC BY-NC 4.0"), licence_allows_text(None)
    (False, False)
    """
    if not licence:
        return False
    value = licence.strip()
    return bool(_ALLOWED_IRI.match(value) or _ALLOWED_NAME.match(value))


@dataclass(frozen=True, slots=True)
class Excerpt:
    begin: int
    end: int
    text: str


def sentence_bounds(body: str, begin: int, end: int) -> tuple[int, int]:
    """Character span of the sentence (or line) holding ``body[begin:end]``."""
    start, stop = 0, len(body)
    for m in _SENTENCE_END.finditer(body):
        if m.end() <= begin:
            start = m.end()
        elif m.start() >= end:
            stop = m.start()
            break
    return start, stop


def excerpts(
    body: str,
    spans: Iterable[tuple[int, int]],
    *,
    limit: int = EXCERPT_MAX,
    share: float = EXCERPT_SHARE,
) -> list[Excerpt]:
    """Excerpts around the given mention spans, in text order, never overlapping.

    Each is the sentence holding a mention, cut to at most ``limit`` characters centred on
    the mention; overlapping excerpts are merged while the result stays within ``limit``
    (else the later one starts where the earlier ends). Excerpts are kept in text order
    until they total ``share`` of the body (but at least ``limit`` characters).
    """
    windows: list[tuple[int, int]] = []
    for begin, end in sorted(set(spans)):
        if not (0 <= begin <= end <= len(body)):
            continue
        start, stop = sentence_bounds(body, begin, end)
        if stop - start > limit:
            width = max(limit, end - begin)
            pad = (width - (end - begin)) // 2
            start = max(start, begin - pad)
            stop = min(stop, start + width)
            start = max(0, min(start, stop - width))
        windows.append((start, stop))
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(windows):
        if merged and start < merged[-1][1]:
            first, last = merged[-1]
            if max(last, stop) - first <= limit:
                merged[-1] = (first, max(last, stop))
                continue
            start = last
            if start >= stop:
                continue
        merged.append((start, stop))
    budget = max(limit, int(len(body) * share))
    kept: list[Excerpt] = []
    for start, stop in merged:
        budget -= stop - start
        if budget < 0:
            break
        kept.append(Excerpt(start, stop, body[start:stop]))
    return kept
