"""Refusing articles that are not in English: the pipeline and the patterns are English."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from kg.errors import InputError
from kg.model import Article

_WORD = re.compile(r"[^\W\d_]+")
#: In English prose about a third to a half of the words are stop words of spaCy's list; in
#: French, Spanish or German text, under a tenth (measured in tests/extract/test_language.py).
MIN_STOP_RATIO = 0.2
MIN_WORDS = 30


def stop_word_ratio(text: str) -> float:
    """Share of the words of ``text`` that are English stop words (0.0 for no words)."""
    return _ratio(_WORD.findall(text))


def _ratio(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(w.casefold() in STOP_WORDS for w in words) / len(words)


def check_english(article: Article) -> None:
    """Raise unless the article is in English.

    Raises:
        InputError: KG208, when the front matter names another language, or when a text of at
            least ``MIN_WORDS`` words has fewer than ``MIN_STOP_RATIO`` English stop words.
    """
    where = str(article.path) if article.path else f"article {article.key}"
    language = (article.language or "en").casefold()
    if language.split("-")[0] not in ("en", "eng", "english"):
        raise InputError(
            "KG208", f"{where}: language {article.language!r} is not supported (only English)"
        )
    words = _WORD.findall(article.body)
    if len(words) >= MIN_WORDS and (ratio := _ratio(words)) < MIN_STOP_RATIO:
        raise InputError(
            "KG208",
            f"{where}: the text does not look like English ({ratio:.0%} English stop words); "
            "only English articles are supported",
        )
