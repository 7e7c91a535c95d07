"""Doc -> the plain candidate records of :mod:`kg.resolve.candidates` (the spaCy objects stop
here)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract.components import GAZETTEER_ID, GROUPS_KEY
from kg.model import EntityType, Mention
from kg.resolve.candidates import Candidates, Description, NameMention, RoleMention, Source
from kg.resolve.lexicon import Lexicon

ENTITY_LABELS = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANISATION,
    "ARMED_GROUP": EntityType.ARMED_GROUP,
    "PLACE": EntityType.PLACE,
    "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE,
    "FAC": EntityType.PLACE,
    "COMMUNITY": EntityType.COMMUNITY,
    "NORP": EntityType.COMMUNITY,
}
_DETERMINERS = {"the", "a", "an"}
_NP_POS = {"DET", "ADJ", "NOUN", "PROPN"}


def mention(span: Span, label: str = "") -> Mention:
    return Mention(span.start_char, span.end_char, span.text, label or span.label_)


def candidates(doc: Doc, lexicon: Lexicon) -> Candidates:
    """Name mentions, described groups and role mentions of a processed Doc."""
    result = Candidates()
    for ent in doc.ents:
        name = _name_mention(doc, ent, lexicon)
        if name is not None:
            result.names.append(name)
    for span in doc.spans.get(GROUPS_KEY, []):
        info = span._.kg_group
        anchor = info["anchor"]
        place = info["place"]
        result.descriptions.append(
            Description(
                mention=mention(span, "GROUP"),
                family=info["family"],
                cues=info["cues"],
                relation=info["relation"],
                anchor=_char_mention(doc, anchor) if anchor else None,
                country=info["country"],
                place=_char_mention(doc, place) if place else None,
            )
        )
    result.roles.extend(_role_mentions(doc, lexicon))
    return result


def _char_mention(doc: Doc, offsets: tuple[int, int]) -> Mention:
    begin, end = offsets
    return Mention(begin, end, doc.text[begin:end])


def _name_mention(doc: Doc, ent: Span, lexicon: Lexicon) -> NameMention | None:
    etype = ENTITY_LABELS.get(ent.label_)
    if etype is None:
        return None
    start, end = ent.start, ent.end
    while start < end - 1 and doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start + 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    span = doc[start:end]
    text = span.text
    if text in lexicon.non_entities or text in lexicon.nationalities:
        return None
    if not any(c.isalpha() for c in text):
        return None
    source, canonical = Source.NER, None
    if ent.id_ == GAZETTEER_ID:
        source = Source.GAZETTEER
    elif ent.label_ == "COMMUNITY":
        source, canonical = Source.PATTERN, ent.id_ or None
    descriptor_type, apposition = _descriptor(doc, span, lexicon)
    return NameMention(
        mention=mention(span, ent.label_),
        type=etype,
        source=source,
        qid=ent.kb_id_ or None,
        canonical=canonical,
        descriptor_type=descriptor_type,
        apposition=apposition,
        roles=_roles_before(doc, span, lexicon),
        former=_former_before(doc, span, lexicon),
    )


def _descriptor(doc: Doc, span: Span, lexicon: Lexicon) -> tuple[EntityType | None, Mention | None]:
    """Type from a descriptor noun right before the name ("the news agency X": the whole
    phrase is an apposition mention) or from "the <place noun> of X"."""
    longest = max((len(d) for d in lexicon.descriptors), default=0)
    for gap, allowed in ((0, None), (1, EntityType.PLACE)):
        end = span.start - gap
        if gap and (end < 1 or doc[end].lower_ != "of"):
            continue
        for n in range(longest, 0, -1):
            begin = end - n
            if begin < span.sent.start:
                continue
            words = tuple(t.lower_ for t in doc[begin:end])
            etype_name = lexicon.descriptors.get(words)
            if etype_name is None or doc[begin:end].ents:
                continue
            etype = EntityType(etype_name)
            if allowed is not None and etype is not allowed:
                continue
            if gap:
                return etype, None
            left = begin
            while left > span.sent.start and doc[left - 1].pos_ in _NP_POS:
                left -= 1
            return etype, mention(doc[left : span.end], "APPOSITION")
    return None, None


def _roles_before(doc: Doc, span: Span, lexicon: Lexicon) -> tuple[str, ...]:
    """Roles of the title right before the name, or at its start ("President X"), or in an
    apposition before it ("the current head of state, X")."""
    roles = []
    for title in lexicon.titles:
        if title.role is None:
            continue
        n = len(title.words)
        for end in (span.start, span.start + n, span.start - 1):
            begin = end - n
            if begin < 0 or end > len(doc):
                continue
            if end == span.start - 1 and doc[end].text != ",":
                continue
            if tuple(t.text.casefold() for t in doc[begin:end]) == tuple(
                w.casefold() for w in title.words
            ):
                roles.append(title.role)
    return tuple(sorted(set(roles)))


def _former_before(doc: Doc, span: Span, lexicon: Lexicon) -> bool:
    """A cue of a former ruler right before the name ("the ousted X", "the former X clan")."""
    former = lexicon.armed.cues.get("former", frozenset())
    i = span.start - 1
    while i >= max(span.sent.start, span.start - 3):
        tok = doc[i]
        if tok.lower_ in former:
            return True
        if tok.pos_ not in ("ADJ", "PROPN"):
            return False
        i -= 1
    return False


def _role_mentions(doc: Doc, lexicon: Lexicon) -> list[RoleMention]:
    """Definite title phrases standing for a person: "the president", "the head of state"."""
    found = []
    titles = [t for t in lexicon.titles if t.role]
    for tok in doc:
        if tok.lower_ != "the":
            continue
        i = tok.i + 1
        while i < len(doc) and doc[i].pos_ == "ADJ":
            i += 1
        for title in sorted(titles, key=lambda t: -len(t.words)):
            n = len(title.words)
            words = tuple(t.text for t in doc[i : i + n])
            if words != title.words or i + n > len(doc):
                continue
            following = doc[i + n] if i + n < len(doc) else None
            if following is not None and (
                following.lower_ == "of" or following.pos_ == "PROPN" or following.tag_ == "POS"
            ):
                break
            span = doc[tok.i : i + n]
            found.append(RoleMention(mention(span, "ROLE"), title.role or ""))
            break
    return found
