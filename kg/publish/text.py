"""Article text in a release: full text only where the licence allows it, else excerpts.

News text is under copyright. A release never holds article text unless asked
(``include_text``), and then:

- the full body, for an article whose licence is on the allow-list below (it permits
  verbatim redistribution, including commercial, without a no-derivatives clause);
- otherwise excerpts: for each mention in the article's graph, the sentence holding it,
  cut to at most :data:`EXCERPT_MAX` characters around the mention; overlapping excerpts
  are merged (a merged excerpt may be longer only where two mentions' sentences overlap).

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
    body: str, spans: Iterable[tuple[int, int]], *, limit: int = EXCERPT_MAX
) -> list[Excerpt]:
    """Excerpts around the given mention spans, sorted and merged where they overlap."""
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
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return [Excerpt(s, e, body[s:e]) for s, e in merged]
