"""Name normalisation for matching: three keys per name, from strict to loose.

- :func:`exact_key`: case, diacritics, punctuation and a leading "the" removed.
- :func:`variant_key`: also the Arabic article ("al-", "el-", "as-"...), words English
  translates and moves ("Jabhat X" = "X Front"), person titles; tokens sorted.
- :func:`skeleton_key`: the consonant skeleton of the variant tokens, for transliteration
  variants ("Hims" / "Homs", "Kuneitra" / "Quneitra", "Hamah" / "Hama").

The rules live in ``data/wikidata/name_variants.json`` (documented there); no name is
written in this module.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from kg.errors import ConfigError
from kg.resources import data_dir

_APOSTROPHES = "'’‘`ʿʾ´"
_VOWELS = set("aeiouy")


@dataclass(frozen=True, slots=True)
class NameRules:
    """Normalisation rules read from ``name_variants.json``."""

    articles: frozenset[str]
    leading: frozenset[str]
    translated: dict[str, str]
    titles: frozenset[str]
    short_max: int


def rules_path() -> Path:
    return data_dir() / "wikidata" / "name_variants.json"


@cache
def load_rules(path: Path | None = None) -> NameRules:
    """Load the normalisation rules (cached per path)."""
    path = path or rules_path()
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return NameRules(
            articles=frozenset(d["arabic_articles"]),
            leading=frozenset(d["leading_words"]),
            translated=dict(d["translated_words"]),
            titles=frozenset(d["person_titles"]),
            short_max=int(d["short_name_max_len"]),
        )
    except OSError as e:
        raise ConfigError("KG110", f"{path}: cannot read the name rules ({e.strerror})") from e
    except (ValueError, KeyError, TypeError) as e:
        raise ConfigError("KG110", f"{path}: malformed name rules ({e})") from e


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII folding: diacritics and apostrophes removed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in _APOSTROPHES)
    return text.casefold()


def tokens(text: str, rules: NameRules | None = None) -> list[str]:
    """Tokens of the folded name, a leading "the" dropped."""
    rules = rules or load_rules()
    toks = re.findall(r"[a-z0-9]+", fold(text).replace("-", " "))
    while len(toks) > 1 and toks[0] in rules.leading:
        toks = toks[1:]
    return toks


def exact_key(text: str, rules: NameRules | None = None) -> str:
    """``"The Human-Rights Office"`` -> ``"human rights office"``."""
    return " ".join(tokens(text, rules))


def is_acronym(text: str, rules: NameRules | None = None) -> bool:
    """A short all-capitals name ("AP", "ISIS"): matched case-sensitively only."""
    rules = rules or load_rules()
    letters = [c for c in text if c.isalpha()]
    return 0 < len(letters) <= rules.short_max and all(c.isupper() for c in letters)


def content_tokens(text: str, *, person: bool = False, rules: NameRules | None = None) -> list[str]:
    """Tokens without Arabic articles, translated words mapped, titles dropped for persons."""
    rules = rules or load_rules()
    # hyphen-attached article: "al-Bab", "as-Salam", "ash-Sham"
    folded = _hyphened_article(rules.articles).sub(" ", fold(text))
    toks = tokens(folded, rules)
    out: list[str] = []
    for i, tok in enumerate(toks):
        last = i == len(toks) - 1
        if not last and (tok in {"al", "el"} or (i == 0 and tok in rules.articles)):
            continue
        if person and tok in rules.titles and not last:
            continue
        out.append(rules.translated.get(tok, tok))
    return out or toks


@lru_cache(maxsize=16)
def _hyphened_article(articles: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(sorted(articles, key=len, reverse=True)) + r")-(?=[a-z])")


def variant_key(text: str, *, person: bool = False, rules: NameRules | None = None) -> str:
    """Order-free key without articles and titles: ``"Jaysh al Islam"`` -> ``"army islam"``."""
    return " ".join(sorted(content_tokens(text, person=person, rules=rules)))


def _skeleton(token: str) -> str:
    token = token.replace("q", "k").replace("ph", "f")
    if len(token) > 2 and token.endswith("h") and token[-2] in _VOWELS:
        token = token[:-1]  # Hamah / Hama
    out: list[str] = []
    for c in token:
        if c in _VOWELS or c.isdigit():
            continue
        if out and out[-1] == c:
            continue  # Hassakeh / Hasakeh
        out.append(c)
    return "".join(out)


def skeleton_key(text: str, *, person: bool = False, rules: NameRules | None = None) -> str:
    """Consonant skeleton of the variant tokens (``""`` when too short to be telling)."""
    parts = sorted(_skeleton(t) for t in content_tokens(text, person=person, rules=rules))
    key = " ".join(p for p in parts if p)
    return key if len(key.replace(" ", "")) >= 3 else ""
