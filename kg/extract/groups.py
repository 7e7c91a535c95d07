"""Finding groups named only by description in a parsed Doc.

A description is a head noun of ``data/patterns/armed_groups.json`` ("forces", "insurgents",
"supporters", "government" ...) with the modifiers before it that the lexicon knows (the,
nationality adjectives, community adjectives, place names, "security", "former" ...) and, after
it, an optional connector ("loyal to", "linked to", "opposed to", "of", "who arrived from")
with its noun-phrase complement. Partisan heads ("supporters", "loyalists", "remnants") need a
complement or a place modifier; a few heads need a modifier ("armed groups", "police officers").
A head used as a modifier of another noun counts only before a unit noun ("a security forces
patrol"); a head inside a named entity ("the Sudanese Army") is left to the entity.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.extract.sentences import lowers, sentence_start, sentence_starts
from kg.gazetteer import load_snapshot
from kg.resolve.lexicon import Lexicon

_NAMED = {"PERSON", "ORG", "ARMED_GROUP"}
_PLACES = {"PLACE", "GPE", "LOC", "FAC"}
_HYPHEN_LINKS = {"linked", "backed", "affiliated", "allied", "aligned", "led", "based"}
_POSSESSIVES = {"its", "his", "her", "their", "our", "my", "your"}
_COMPLEMENT_POS = {"DET", "ADJ", "PROPN", "NOUN", "NUM"}


@cache
def _country_labels() -> dict[str, str]:
    """QID -> country label, and place QID -> its country's label, from the snapshot."""
    items = load_snapshot()
    labels = {i.qid: i.label for i in items}
    return {i.qid: labels.get(i.country or "", "") for i in items if i.type == "Place"}


def find_groups(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """Descriptions of groups in ``doc``, each with ``span._.kg_group`` set (see
    :class:`kg.resolve.candidates.Description` for the fields)."""
    spans: list[Span] = []
    heads = lexicon.armed.heads
    for i, lower in enumerate(lowers(doc)):
        if lower not in heads:
            continue  # what _description checks first, without making a Token
        span = _description(doc, doc[i], lexicon)
        if span is not None:
            spans.append(span)
    return spans


def _description(doc: Doc, head: Token, lexicon: Lexicon) -> Span | None:
    armed = lexicon.armed
    family = armed.heads.get(head.lower_)
    if family is None or head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in _NAMED:
        return None
    if head.dep_ in ("compound", "nmod", "amod") and head.head.i > head.i:
        governor = head.head.lower_
        if governor in armed.heads or governor not in armed.unit_nouns:
            return None
    start, place, country, person = _left(doc, head, lexicon)
    if start is None:
        return None
    if start > 0 and doc[start - 1].lower_ in _POSSESSIVES:
        return None  # "its fighters", "his supporters": members of someone, not a group
    left_words = {t.lower_ for t in doc[start : head.i]}
    community = next(
        (lexicon.communities[t.text] for t in doc[start : head.i] if t.text in lexicon.communities),
        None,
    )
    required = armed.head_requires_modifier.get(head.lower_)
    if required and not (left_words & required):
        return None
    relation, connector, anchor, end = _right(doc, head, family, lexicon)
    if person is not None and anchor is None:
        relation, anchor, connector = "loyal", person, None
    if family == "partisan" and anchor is None and place is None:
        return None
    span = Span(doc, start, end, label="GROUP")
    words = {t.lower_ for t in doc[start:end]}
    cue_words = words if relation != "opposed" else left_words | {head.lower_}
    cues = frozenset(cue for cue, ws in armed.cues.items() if cue_words & ws)
    if relation == "opposed":
        cues -= {"state"}
    span._.kg_group = {
        "family": family,
        "cues": cues,
        "relation": relation,
        "connector": connector,
        "anchor": (anchor.start_char, anchor.end_char) if anchor is not None else None,
        "country": country,
        "community": community,
        "place": (place.start_char, place.end_char) if place is not None else None,
    }
    return span


def _left(
    doc: Doc, head: Token, lexicon: Lexicon
) -> tuple[int | None, Span | None, str | None, Span | None]:
    """Start of the description, a place modifier, the country, a person modifier."""
    armed = lexicon.armed
    i = head.i - 1
    start = head.i
    place = person = None
    country = None
    sent_start = sentence_start(doc, head.i)
    while i >= sent_start:
        tok = doc[i]
        if (
            tok.ent_type_
            and tok.ent_iob_ in ("B", "I")
            and tok.text not in lexicon.nationalities
            and not (tok.ent_type_ == "CARDINAL" and tok.is_alpha)  # "two gunmen": below
        ):
            ent = next(e for e in doc.ents if e.start <= i < e.end)
            if ent.label_ in _PLACES:
                place = ent
                country = _country_labels().get(ent.kb_id_) or country
            elif ent.label_ == "PERSON":
                person = ent
            elif ent.label_ != "COMMUNITY" and ent.label_ != "NORP":
                return None, None, None, None  # "RSF fighters": a mention of the named group
            start = i = ent.start
            i -= 1
            continue
        if tok.text in lexicon.nationalities:
            country = country or lexicon.nationalities[tok.text]
        elif tok.text in lexicon.communities:
            pass
        elif tok.lower_ == "the":
            start = i
            break
        elif tok.like_num and tok.pos_ == "NUM" and tok.is_alpha:
            pass  # "two gunmen", "six soldiers": a small band (AP style spells out numbers
            # under ten); "37 fighters" in figures is a casualty count, not an actor
        elif (
            tok.text == "-"
            and i > sent_start
            and (
                doc[i - 1].lower_ in armed.modifiers
                or doc[i - 1].lower_ in armed.heads
                or doc[i - 1].text in lexicon.nationalities
            )
        ):
            pass  # "army-allied militias", "government-backed forces", "Russian-backed rebels"
        elif tok.lower_ not in armed.modifiers and tok.lower_ not in armed.heads:
            break
        start = i
        i -= 1
    return start, place, country, person


def _right(
    doc: Doc, head: Token, family: str, lexicon: Lexicon
) -> tuple[str | None, str | None, Span | None, int]:
    """The connector's relation, the connector, the complement and the description's end."""
    armed = lexicon.armed
    after = head.i + 1
    for words, relation in sorted(armed.connectors.items(), key=lambda kv: -len(kv[0])):
        allowed = armed.connector_heads.get(" ".join(words))
        if allowed is not None and family not in allowed:
            continue
        stop = after + len(words)
        if stop > len(doc) or tuple(t.lower_ for t in doc[after:stop]) != words:
            continue
        complement = _complement(doc, stop, lexicon)
        if complement is not None:
            return relation, " ".join(words), complement, complement.end
    return None, None, None, after


def _complement(doc: Doc, start: int, lexicon: Lexicon) -> Span | None:
    i, nested_of, depth = start, False, 0
    cue_words = frozenset().union(*lexicon.armed.cues.values())
    starts = sentence_starts(doc)
    while i < len(doc) and starts[i] == starts[start]:
        tok = doc[i]
        if tok.ent_iob_ in ("B", "I") and tok.ent_type_:
            ent = next(e for e in doc.ents if e.start <= i < e.end)
            i = ent.end
            continue
        if tok.text == "(":
            depth += 1
        elif tok.text == ")" and depth:
            depth -= 1
        elif tok.lower_ == "of" and not nested_of and i > start:
            nested_of = True
        elif (
            tok.text == "-"
            and i + 1 < len(doc)
            and doc[i + 1].lower_ in _HYPHEN_LINKS
            and i > start
        ):
            i += 2  # "the al-Qaeda-linked group": the compound modifies what follows
            continue
        elif tok.lower_ in ("that", "which", "who") or (
            tok.pos_ not in _COMPLEMENT_POS and tok.lower_ not in cue_words
        ):
            break
        i += 1
    end = i
    while end > start and not (
        doc[end - 1].pos_ in ("NOUN", "PROPN") or doc[end - 1].text == ")" or doc[end - 1].ent_type_
    ):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    if span.text.count("(") != span.text.count(")"):
        return None
    has_name = any(t.pos_ == "PROPN" or t.ent_type_ for t in span)
    has_anchor = any(t.lower_ in lexicon.armed.anchor_nouns for t in span)
    return span if has_name or has_anchor else None
