"""Sentence boundaries by token, computed once per Doc (spaCy's ``Span.sent`` walks every
sentence of the document on each call, which made long articles quadratic)."""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc

_KEY = "kg.sentence_starts"


def sentence_starts(doc: Doc) -> list[int]:
    """Index of the first token of each token's sentence (cached in ``doc.user_data``)."""
    starts = doc.user_data.get(_KEY)
    if starts is None or len(starts) != len(doc):
        starts = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                starts[i] = sent.start
        doc.user_data[_KEY] = starts
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


_LOWER_KEY = "kg.lowers"
_LEMMA_KEY = "kg.lemmas"
_FOLD_KEY = "kg.casefolds"
_ORTH_KEY = "kg.orths"


def lowers(doc: Doc) -> list[str]:
    """``token.lower_`` of every token, computed once per Doc: the scans of every step
    look at these strings first and make a spaCy ``Token`` only for the few that qualify."""
    table = doc.user_data.get(_LOWER_KEY)
    if table is None or len(table) != len(doc):
        strings = doc.vocab.strings
        table = doc.user_data[_LOWER_KEY] = [strings[h] for h in doc.to_array(LOWER).tolist()]
    return table


def orths(doc: Doc) -> list[str]:
    """``token.text`` of every token, computed once per Doc."""
    table = doc.user_data.get(_ORTH_KEY)
    if table is None or len(table) != len(doc):
        strings = doc.vocab.strings
        table = doc.user_data[_ORTH_KEY] = [strings[h] for h in doc.to_array(ORTH).tolist()]
    return table


def casefolds(doc: Doc) -> list[str]:
    """``token.text.casefold()`` of every token, computed once per Doc (titles are matched
    casefolded: "ß" is "ss" there, where ``lower_`` keeps it)."""
    table = doc.user_data.get(_FOLD_KEY)
    if table is None or len(table) != len(doc):
        table = doc.user_data[_FOLD_KEY] = [text.casefold() for text in orths(doc)]
    return table


def lemmas(doc: Doc) -> list[str]:
    """``token.lemma_.lower()`` of every token, computed once per Doc (after the
    lemmatizer: do not call it from a component that runs before it)."""
    table = doc.user_data.get(_LEMMA_KEY)
    if table is None or len(table) != len(doc):
        strings = doc.vocab.strings
        table = doc.user_data[_LEMMA_KEY] = [
            strings[h].lower() for h in doc.to_array(LEMMA).tolist()
        ]
    return table
