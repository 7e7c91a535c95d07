"""Institutions named with common nouns: "the defence ministry", "Lebanon's Health
Ministry", "the Syrian presidency" (an organisation each; ``data/patterns/ministries.txt``).
The NER misses them or keeps only a word of them ("Defence")."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from kg.extract.sentences import lowers
from kg.resolve.lexicon import Lexicon, patterns_dir


@cache
def _rules() -> tuple[frozenset[str], frozenset[str]]:
    """(portfolio words before "ministry", heads named after a nationality adjective)."""
    portfolios: set[str] = set()
    heads: set[str] = set()
    for line in (patterns_dir() / "ministries.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, word = line.split()
        (portfolios if kind == "ministry" else heads).add(word)
    return frozenset(portfolios), frozenset(heads)


def find_institutions(doc: Doc, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Character spans of "[nationality] <portfolio> ministry" and "<nationality> <head>"."""
    portfolios, heads = _rules()
    found = []
    lower = lowers(doc)
    for i in range(1, len(doc)):
        if lower[i] != "ministry" and lower[i] not in heads:
            continue  # neither branch below can match: no Token made
        tok, before = doc[i], doc[i - 1]
        start = None
        if tok.lower_ == "ministry" and before.lower_ in portfolios:
            start = before.i
            if start > 0 and doc[start - 1].text in lexicon.nationalities:
                start -= 1
        elif tok.lower_ in heads and before.text in lexicon.nationalities:
            start = before.i
        if start is not None:
            found.append((doc[start].idx, tok.idx + len(tok.text)))
    return found
