"""Sentence boundaries by token, computed once per Doc (spaCy's ``Span.sent`` walks every
sentence of the document on each call, which made long articles quadratic)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc

T = TypeVar("T")


def _per_doc(doc: Doc, key: str, make: Callable[[Doc], list[T]]) -> list[T]:
    """A table of one value per token, made once per Doc and kept in its ``user_data``
    (made again if the Doc no longer has as many tokens)."""
    table = doc.user_data.get(key)
    if table is None or len(table) != len(doc):
        table = doc.user_data[key] = make(doc)
    return table


def sentence_starts(doc: Doc) -> list[int]:
    """Index of the first token of each token's sentence (cached in ``doc.user_data``)."""
    return _per_doc(doc, "kg.sentence_starts", _sentence_starts)


def _sentence_starts(doc: Doc) -> list[int]:
    starts = [0] * len(doc)
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            starts[i] = sent.start
    return starts


def sentence_start(doc: Doc, i: int) -> int:
    """Index of the first token of the sentence of token ``i``."""
    return sentence_starts(doc)[i]


_TEXT_KEY = "kg.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy joins every token's text on each access),
    or the text the Doc was parsed from, when :func:`parsed_from` recorded it."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def parsed_from(doc: Doc, text: str) -> Doc:
    """Record that ``doc`` is the parse of ``text`` (which spaCy's tokenizer keeps whole:
    ``doc.text == text``), so that :func:`doc_text` need not join its tokens again."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def _strings(doc: Doc, attr: int) -> list[str]:
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array(attr).tolist()]


def lowers(doc: Doc) -> list[str]:
    """``token.lower_`` of every token, computed once per Doc: the scans of every step
    look at these strings first and make a spaCy ``Token`` only for the few that qualify."""
    return _per_doc(doc, "kg.lowers", lambda d: _strings(d, LOWER))


def orths(doc: Doc) -> list[str]:
    """``token.text`` of every token, computed once per Doc."""
    return _per_doc(doc, "kg.orths", lambda d: _strings(d, ORTH))


def casefolds(doc: Doc) -> list[str]:
    """``token.text.casefold()`` of every token, computed once per Doc (titles are matched
    casefolded: "ß" is "ss" there, where ``lower_`` keeps it)."""
    return _per_doc(doc, "kg.casefolds", lambda d: [text.casefold() for text in orths(d)])


def lemmas(doc: Doc) -> list[str]:
    """``token.lemma_.lower()`` of every token, computed once per Doc (after the
    lemmatizer: do not call it from a component that runs before it)."""
    return _per_doc(doc, "kg.lemmas", lambda d: [s.lower() for s in _strings(d, LEMMA)])
