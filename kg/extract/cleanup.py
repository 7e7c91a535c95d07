"""Trimming name spans to the name: real pages give the NER spans with quotes, dashes and
broken punctuation glued to them (``people,"?said Slothower``, ``Asia-Pacific region.-``,
``NEW YORK/``), web addresses and handles, and lower-case words before the name.

The rule (general, no list of names): a name is cut at the last punctuation break inside it
(a sentence mark followed by a quote or dash, a double quote, a question mark) keeping the
last part that holds a capital letter; web addresses, e-mail addresses and handles are no
words of a name; lower-case words before the first capitalised word go (except name
particles: "al-", "bin", "de" ...); quotes, dashes, slashes and sentence marks at either end
go (a full stop stays after an abbreviation: "D.C.", "Inc."); an unbalanced parenthesis
ends the name. What is left must hold a capital letter, unless it is an institution written
in lower case ("the justice ministry": ``data/patterns/institution_nouns.txt``), and must
not be one word with an English prefix ("pro-EU", "anti-Kurdish": adjectives).
"""

from __future__ import annotations

import re
from functools import lru_cache

_BREAK = re.compile(r"[.,;:!?]+[\"“”‘’\-–—?]+|[\"“”]+\??|\?[\"“”]?")
_WEB = re.compile(r"@|://|^www\.|\.(?:com|org|net|gov|cn|uk)\b|^pic\.|\w/\w", re.IGNORECASE)
_AFFIXED = re.compile(r"^(?:pro|anti|ex|non|post|pre|trans|inter|intra|neo|mid)-\S+$")
_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "abu", "de", "del", "der", "van", "von", "da", "di",
     "du", "dos", "la", "le", "ben", "ul", "ad", "ar", "as", "ash", "az", "an", "at"}
)  # fmt: skip
_EDGE_LEAD = "\"'“”‘’-–—/\\,;:.!?*#_|)]} "
_EDGE_TAIL = "\"'“”‘’-–—/\\,;:!?*#_|([{ "


def _has_capital(text: str) -> bool:
    return any(c.isupper() for c in text)


def _strip_period(text: str) -> str:
    """Drop a final full stop unless the last word is an abbreviation ("D.C.", "Inc.")."""
    if not text.endswith("."):
        return text
    last = text.split()[-1] if text.split() else ""
    core = last[:-1]
    if "." in core or (core[:1].isupper() and len(core) <= 3 and core.isalpha()):
        return text
    return text[:-1]


@lru_cache(maxsize=1 << 16)  # a pure function of its arguments, asked again for every name
def trim_name(
    text: str, *, institution_nouns: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """Character offsets (begin, end) of the name inside ``text``, or None when nothing of
    it is a name.

    >>> t = 'people,"?said Slothower'
    >>> b, e = trim_name(t); t[b:e]
    'Slothower'
    >>> t = "Asia-Pacific region.-"
    >>> b, e = trim_name(t); t[b:e]
    'Asia-Pacific region'
    >>> t = "Washington, D.C."
    >>> b, e = trim_name(t); t[b:e]
    'Washington, D.C.'
    >>> t = "Nasser\\n\\nAdditional"
    >>> b, e = trim_name(t); t[b:e]
    'Nasser'
    >>> trim_name("page25"), trim_name("@CA_DWR"), trim_name("pro-EU")
    (None, None, None)
    >>> t = "justice ministry"
    >>> trim_name(t, institution_nouns=frozenset({"ministry"}))
    (0, 16)
    """
    begin, end = 0, len(text)
    # 0. a name never crosses a line break: the first line with a capital letter
    if "\n" in text:
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        capital = [ln for ln in lines if _has_capital(text[ln[0] : ln[1]])]
        if not capital:
            return None
        b0, e0 = capital[0]
        inner = trim_name(text[b0:e0], institution_nouns=institution_nouns)
        return None if inner is None else (b0 + inner[0], b0 + inner[1])
    # 1. the last part between punctuation breaks that holds a capital letter
    parts, last = [], 0
    for m in _BREAK.finditer(text):
        parts.append((last, m.start()))
        last = m.end()
    parts.append((last, len(text)))
    if len(parts) > 1:
        capital = [p for p in parts if _has_capital(text[p[0] : p[1]])]
        begin, end = capital[-1] if capital else max(parts, key=lambda p: p[1] - p[0])
    # 2. an unbalanced parenthesis ends the name; a lone closing one starts it
    inside = text[begin:end]
    if inside.count("(") > inside.count(")"):
        end = begin + inside.rindex("(")
    elif inside.count(")") > inside.count("("):
        begin = begin + inside.index(")") + 1
    # 3. web addresses and handles at the edges go; inside, the span is no name
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[begin:end])]
    words = [(begin + b, begin + e) for b, e in words]
    while words and _WEB.search(text[words[0][0] : words[0][1]]):
        words.pop(0)
    while words and _WEB.search(text[words[-1][0] : words[-1][1]]):
        words.pop()
    if not words or any(_WEB.search(text[b:e]) for b, e in words):
        return None
    # 4. lower-case words before the name (particles excepted)
    while len(words) > 1 and any(_has_capital(text[b:e]) for b, e in words):
        word = text[words[0][0] : words[0][1]]
        if _has_capital(word) or word.casefold().rstrip("-") in _PARTICLES:
            break
        words.pop(0)
    begin, end = words[0][0], words[-1][1]
    # 5. punctuation at the edges
    while begin < end and text[begin] in _EDGE_LEAD:
        begin += 1
    while begin < end and text[end - 1] in _EDGE_TAIL:
        end -= 1
    kept = _strip_period(text[begin:end])
    end = begin + len(kept)
    while begin < end and text[end - 1] in _EDGE_TAIL:
        end -= 1
    name = text[begin:end]
    if not any(c.isalnum() for c in name):
        return None
    if not _has_capital(name) and (
        len(name.split()) < 2 or name.split()[-1].casefold() not in institution_nouns
    ):
        return None
    if _AFFIXED.match(name):
        return None  # "pro-EU", "anti-war", "ex-Navy": an adjective, not a name
    return begin, end
