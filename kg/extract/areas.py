"""Areas named by a nationality adjective or a place and a geographic noun ("the Libyan
coast"), and the definite references to them ("the coast", "the coastal region"); nouns and
adjectives in ``data/patterns/areas.tsv``."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.sentences import lowers
from kg.model import Mention
from kg.resolve.candidates import AreaMention
from kg.resolve.lexicon import Lexicon

_PLACES = {"PLACE", "GPE", "LOC"}
_AREA_HEADS = {"region", "area", "areas", "regions", "strip", "belt"}


def find_areas(doc: Doc, lexicon: Lexicon) -> list[AreaMention]:
    """Every "the <nationality|place> <noun>", "the <noun>" and "the <adjective> region"
    not followed by "of" (a "the north of X" is about X)."""
    found: list[AreaMention] = []
    low = lowers(doc)
    for at, first in enumerate(low):  # a Token only after "the"
        if first != "the" or at + 1 >= len(doc):
            continue
        tok = doc[at]
        nxt = doc[tok.i + 1]
        anchored = nxt.text in lexicon.nationalities or (
            nxt.ent_type_ in _PLACES and nxt.ent_iob_ == "B" and nxt.i + 1 < len(doc)
        )
        i = tok.i + 1
        if anchored:
            i = nxt.i + 1
            while nxt.ent_type_ in _PLACES and i < len(doc) and doc[i].ent_iob_ == "I":
                i += 1
        if i >= len(doc):
            continue
        word = doc[i].lower_
        noun = lexicon.areas.get(word)
        end = i + 1
        if noun is None:
            continue
        if word != noun:  # an adjective: "the coastal region"
            if anchored or end >= len(doc) or doc[end].lower_ not in _AREA_HEADS:
                continue
            end += 1
        if end < len(doc) and doc[end].lower_ == "of":
            continue
        if doc[i].pos_ not in ("NOUN", "PROPN", "ADJ", ""):
            continue
        span = doc[tok.i : end]
        found.append(
            AreaMention(Mention(span.start_char, span.end_char, span.text, "AREA"), noun, anchored)
        )
    return found
