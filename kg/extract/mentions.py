"""Doc -> the plain candidate records of :mod:`kg.resolve.candidates` (the spaCy objects stop
here)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.caching import by_identity
from kg.extract.areas import find_areas
from kg.extract.cleanup import trim_name
from kg.extract.components import GAZETTEER_ID, GROUPS_KEY
from kg.extract.institutions import find_institutions
from kg.extract.sentences import casefolds, doc_text, lowers, orths, sentence_start
from kg.extract.wire import credit_spans, dateline
from kg.model import EntityType, Mention
from kg.resolve.candidates import (
    Candidates,
    Description,
    NameMention,
    PossessiveMention,
    RoleMention,
    Source,
)
from kg.resolve.lexicon import Lexicon, Title

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
    begin, end = span.start_char, span.end_char
    return Mention(begin, end, doc_text(span.doc)[begin:end], label or span.label_)


def candidates(doc: Doc, lexicon: Lexicon) -> Candidates:
    """Name mentions, described groups and role mentions of a processed Doc."""
    result = Candidates()
    credits = credit_spans(doc_text(doc))
    for ent in doc.ents:
        name = _name_mention(doc, ent, lexicon)
        if name is not None and not _inside_any(name.mention, credits):
            result.names.append(name)
    _add_dateline(doc, result.names)
    _add_institutions(doc, lexicon, result.names)
    _add_described_acronyms(doc, lexicon, result.names)
    _add_divisions(doc, lexicon, result.names)
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
                connector=info.get("connector"),
                anchor=_char_mention(doc, anchor) if anchor else None,
                country=info["country"],
                community=info.get("community"),
                place=_char_mention(doc, place) if place else None,
            )
        )
    result.roles.extend(_role_mentions(doc, lexicon))
    result.areas.extend(find_areas(doc, lexicon))
    result.possessives.extend(_possessives(doc))
    return result


def _inside_any(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(m.begin < e and b < m.end for b, e in spans)


def _add_dateline(doc: Doc, names: list[NameMention]) -> None:
    """The dateline's place is a place and its agency an organisation, whatever the NER
    said about these words in capitals ("BEIRUT (AFP) -")."""
    found = dateline(doc_text(doc))
    if found is None:
        return
    place, agency = found
    parts = [(place, EntityType.PLACE, "GPE")]
    if agency is not None:
        parts.append((agency, EntityType.ORGANISATION, "ORG"))
    for (begin, end), etype, label in parts:
        same = [n for n in names if (n.mention.begin, n.mention.end) == (begin, end)]
        if same and all(n.type is etype for n in same):
            continue
        names[:] = [n for n in names if not (n.mention.begin < end and begin < n.mention.end)]
        names.append(
            NameMention(
                mention=Mention(begin, end, doc_text(doc)[begin:end], label),
                type=etype,
                source=Source.NER,
                descriptor_type=etype,
            )
        )
    names.sort(key=lambda n: n.mention)


def _add_divisions(doc: Doc, lexicon: Lexicon, names: list[NameMention]) -> None:
    """ "the <Proper Name> <division noun>" that the NER did not tag ("the Donetsk region"):
    a place name (``data/patterns/place_nouns_after.txt``)."""
    low = lowers(doc)
    for i, word in enumerate(orths(doc)):
        if word not in lexicon.place_nouns_after or i < 2:
            continue
        start = i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1
        if start == i or start == 0 or low[start - 1] != "the":
            continue
        if doc[start:i].ents or (i + 1 < len(doc) and low[i + 1] == "of"):
            continue
        span = doc[start : i + 1]
        names.append(
            NameMention(
                mention=mention(span, "GPE"),
                type=EntityType.PLACE,
                source=Source.NER,
                descriptor_type=EntityType.PLACE,
            )
        )
    names.sort(key=lambda n: n.mention)


def _add_described_acronyms(doc: Doc, lexicon: Lexicon, names: list[NameMention]) -> None:
    """An acronym the NER missed right after an organisation noun ("the state news agency
    SANA", "the monitor SOHR") is an organisation name."""
    low = lowers(doc)
    for i, text in enumerate(orths(doc)):  # a Token only for the few acronym-like words
        if not (text.isupper() and text.isalpha() and 2 <= len(text) <= 6):
            continue
        tok = doc[i]
        if tok.ent_type_:
            continue
        before = tuple(low[max(0, i - 2) : i])
        if not any(
            lexicon.descriptors.get(before[k:]) == "Organisation" for k in range(len(before))
        ):
            continue
        name = _name_mention(doc, Span(doc, tok.i, tok.i + 1, label="ORG"), lexicon)
        if name is not None:
            names.append(name)
    names.sort(key=lambda n: n.mention)


def _add_institutions(doc: Doc, lexicon: Lexicon, names: list[NameMention]) -> None:
    """Institutions named with common nouns ("the interior ministry") are organisations;
    names the NER found inside them ("Defence") go."""
    body = doc_text(doc)
    for begin, end in find_institutions(doc, lexicon):
        names[:] = [n for n in names if not (begin <= n.mention.begin and n.mention.end <= end)]
        names.append(
            NameMention(
                mention=Mention(begin, end, body[begin:end], "ORG"),
                type=EntityType.ORGANISATION,
                source=Source.NER,
                descriptor_type=EntityType.ORGANISATION,
            )
        )
    names.sort(key=lambda n: n.mention)


def _char_mention(doc: Doc, offsets: tuple[int, int]) -> Mention:
    begin, end = offsets
    return Mention(begin, end, doc_text(doc)[begin:end])


def _name_mention(doc: Doc, ent: Span, lexicon: Lexicon) -> NameMention | None:
    etype = ENTITY_LABELS.get(ent.label_)
    if etype is None:
        return None
    start, end = ent.start, ent.end
    while start < end - 1 and doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start + 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    extended = _division_after(doc, ent.label_, end, lexicon)
    if extended:
        end += 1  # "the Kharkiv region": the region, not the city
    span = doc[start:end]
    whole = doc_text(doc)[span.start_char : span.end_char]  # span.text joins its tokens
    trimmed = trim_name(whole, institution_nouns=lexicon.institution_nouns)
    if trimmed is None:
        return None
    begin, stop = span.start_char + trimmed[0], span.start_char + trimmed[1]
    text = whole[trimmed[0] : trimmed[1]]  # (Doc.text joins every token: not per name)
    span = doc.char_span(begin, stop, alignment_mode="contract") or span
    if (
        text in lexicon.nationality_plurals
        and not _modifies_noun(doc, span)
        and not _has_forces(doc, lexicon.nationalities[text])
    ):
        return _people(span, begin, stop, text)  # "Palestinians": the people as a group
    if text in lexicon.non_entities or text in lexicon.nationalities:
        return None
    if _event_name(doc, span, lexicon):
        return None  # "the Russo-Ukrainian War": an event, not a thing of these types
    if not any(c.isalpha() for c in text):
        return None
    if ent.label_ == "NORP" and not text.endswith("s") and not extended:
        return None  # an adjective the lexicons do not know ("Islamist", "Western")
    if source_is_ner(ent) and _generic(text, lexicon):
        return None
    source, canonical = Source.NER, None
    if ent.id_ == GAZETTEER_ID:
        source = Source.GAZETTEER
    elif ent.label_ == "COMMUNITY":
        source, canonical = Source.PATTERN, ent.id_ or None
    descriptor_type, apposition = _descriptor(doc, span, lexicon)
    if descriptor_type is None and source is Source.NER:
        descriptor_type = _type_from_name(doc, span, ent.label_, lexicon)
    qid = ent.kb_id_ or None
    if extended:  # a region named after a place is not that place: its type, not its item
        etype, source, qid, descriptor_type = (EntityType.PLACE, Source.NER, None, EntityType.PLACE)
    return NameMention(
        mention=Mention(begin, stop, text, ent.label_),
        type=etype,
        source=source,
        qid=qid,
        canonical=canonical,
        descriptor_type=descriptor_type,
        apposition=apposition,
        roles=_roles_before(doc, span, lexicon),
        former=_former_before(doc, span, lexicon),
        alias_of=_acronym_of(doc, span) or _known_as(doc, span),
        affiliation=_affiliation(doc, span) if ent.label_ == "PERSON" else None,
    )


def _event_name(doc: Doc, span: Span, lexicon: Lexicon) -> bool:
    """The name ends with an event noun ("the American Civil War"), or is written right
    before one in lower case ("the Russo-Ukrainian war"; ``event_name_words.txt``)."""
    words = lexicon.event_name_words
    if span[-1].text in words or span[-1].text.capitalize() in words:
        return True
    after = doc[span.end].text if span.end < len(doc) else ""
    return after.islower() and after.capitalize() in words


def _division_after(doc: Doc, label: str, end: int, lexicon: Lexicon) -> bool:
    """A lower-case division or feature noun right after a name ("the Kharkiv region", "the
    Oskil river"; ``data/patterns/place_nouns_after.txt``) and not followed by "of"; not
    after a community or nationality ("the Alawite region" is an area, ``areas.py``)."""
    if label == "COMMUNITY" or end >= len(doc):
        return False
    if label == "NORP" and doc[end - 1].text in lexicon.nationalities:
        return False
    if doc[end].text not in lexicon.place_nouns_after:
        return False
    return not (end + 1 < len(doc) and doc[end + 1].lower_ == "of")


def _modifies_noun(doc: Doc, span: Span) -> bool:
    """The word is an adjective of the noun after it ("Palestinians" never is, but the tagger
    is asked: "the Afghans' homes" keeps the people)."""
    return span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN")


def _has_forces(doc: Doc, country: str) -> bool:
    """The article describes the country's state forces ("Russian troops"): its people's
    plural ("the Russians advanced") then stands for them, not for a community."""
    return any(
        span._.kg_group["family"] == "state" and span._.kg_group["country"] == country
        for span in doc.spans.get(GROUPS_KEY, [])
    )


def _people(span: Span, begin: int, stop: int, text: str) -> NameMention:
    """A nationality's plural noun on its own names the people as a community ("the
    Palestinians", "Afghans"): GUIDE's Community, keyed by the plural."""
    return NameMention(
        mention=Mention(begin, stop, text, "COMMUNITY"),
        type=EntityType.COMMUNITY,
        source=Source.PATTERN,
        canonical=text,
    )


def _acronym_of(doc: Doc, span: Span) -> int | None:
    """Begin offset of the name an acronym in parentheses follows: "Name (ACRONYM)"."""
    text = doc_text(doc)[span.start_char : span.end_char]
    if not (text.isupper() and text.replace("-", "").isalpha() and len(text) >= 2):
        return None
    if span.start < 2 or span.end >= len(doc):
        return None
    if doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return None
    before = doc[span.start - 2]
    if not before.ent_type_ or before.ent_iob_ not in ("B", "I"):
        return None
    ent = next(e for e in doc.ents if e.start <= before.i < e.end)
    start = ent.start + (1 if ent[0].lower_ in _DETERMINERS and len(ent) > 1 else 0)
    return doc[start].idx


_KNOWN_AS = (("also", "known", "as"), ("known", "as"), ("nicknamed",), ("dubbed",), ("alias",))


def _known_as(doc: Doc, span: Span) -> int | None:
    """ "X, known as Y": begin offset of the name X that Y is another name of (a person,
    organisation or armed group written right before, a comma apart)."""
    for words in _KNOWN_AS:
        n = len(words)
        if span.start < n or tuple(lowers(doc)[span.start - n : span.start]) != words:
            continue
        gap = span.start - n
        before = [
            e
            for e in doc.ents
            if (e.end == gap or (e.end == gap - 1 and doc[e.end].text in (",", "(")))
            and e.label_ in ("PERSON", "ORG", "ARMED_GROUP")
        ]
        if before:
            ent = before[-1]
            start = ent.start + (1 if ent[0].lower_ in _DETERMINERS and len(ent) > 1 else 0)
            return doc[start].idx
    return None


_AFFILIATION = {"from", "of", "at"}
_POSSESSIVE_PRONOUNS = {"his", "her"}
_ORGANISATION_NOUNS = {"organization", "organisation", "group", "agency", "ngo", "monitor"}


def _affiliation(doc: Doc, span: Span) -> int | None:
    """ "X from the Y": begin offset of the organisation Y written right after a person."""
    i = span.end
    if i >= len(doc) or doc[i].lower_ not in _AFFILIATION:
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    if i < len(doc) and doc[i].ent_iob_ == "B" and doc[i].ent_type_ in ("ORG", "ARMED_GROUP"):
        return doc[i].idx
    if i < len(doc) and doc[i].ent_iob_ == "I" and doc[i - 1].lower_ == "the":
        ent = next(e for e in doc.ents if e.start <= i < e.end)  # "the" inside the name
        return doc[i].idx if ent.label_ in ("ORG", "ARMED_GROUP") else None
    return None


def _possessives(doc: Doc) -> list[PossessiveMention]:
    return [
        PossessiveMention(mention(doc[t.i : t.i + 2], "POSSESSIVE"))
        for t in doc[:-1]
        if t.lower_ in _POSSESSIVE_PRONOUNS and doc[t.i + 1].lower_ in _ORGANISATION_NOUNS
    ]


def source_is_ner(ent: Span) -> bool:
    return ent.id_ != GAZETTEER_ID and ent.label_ != "COMMUNITY"


def _generic(text: str, lexicon: Lexicon) -> bool:
    """A common noun the NER took for a name ("Army")."""
    folded = text.casefold()
    return folded in lexicon.armed.heads or (folded,) in lexicon.descriptors


def _type_from_name(doc: Doc, span: Span, label: str, lexicon: Lexicon) -> EntityType | None:
    """A place word ending the name ("Rakhine State"), or an armed-group head noun right
    after an organisation name ("Wagner fighters": Wagner is an armed group)."""
    if label in ("PERSON", "ORG") and len(span) > 1 and span[-1].text in lexicon.place_name_words:
        return EntityType.PLACE
    if label in ("PERSON", "ORG") and (
        _locative_before(doc, span)
        or _place_noun_after(doc, span, lexicon)
        or _place_after_comma(doc, span)
        or _divisions_after(doc, span, lexicon)
    ):
        return EntityType.PLACE
    if label == "PERSON" and _in_before(doc, span):
        return EntityType.PLACE
    after = doc[span.end] if span.end < len(doc) else None
    if (
        label == "ORG"
        and after is not None
        and (
            lexicon.armed.heads.get(after.lower_) in ("state", "insurgent", "militia")
            or after.lower_ in lexicon.armed.unit_nouns
        )
    ):
        return EntityType.ARMED_GROUP
    return None


_GROUP_NOUNS = {"movement", "group", "coalition", "alliance", "front", "brigade", "brigades",
                "militia", "party", "organisation", "organization"}  # fmt: skip
_LOCATIVE = {"near", "outside", "towards", "toward", "around"}
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
_PLACE_NOUNS_AFTER = {"camp", "dam", "airport", "district", "province", "governorate", "region",
                      "village", "town", "city", "neighbourhood", "neighborhood", "crossing",
                      "valley", "river", "suburb", "hamlet", "county"}  # fmt: skip


def _locative_before(doc: Doc, span: Span) -> bool:
    """ "near X", "outside X", "north of X": X is a place."""
    i = span.start
    if i >= 1 and doc[i - 1].lower_ in _LOCATIVE:
        return True
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _DIRECTIONS


_PLACE_LABELS = {"PLACE", "GPE"}


def _place_after_comma(doc: Doc, span: Span) -> bool:
    """ "X, <place>" ("Chippewa Falls, Wisconsin", "Ciudad Juárez, Mexico"): the usual way
    to write a town with its state or country; the place must end there (not "Texas's")."""
    i = span.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return False
    nxt = doc[i + 1]
    if nxt.ent_type_ not in _PLACE_LABELS or nxt.ent_iob_ != "B":
        return False
    j = i + 2
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return j >= len(doc) or doc[j].is_punct and doc[j].tag_ != "POS"


def _divisions_after(doc: Doc, span: Span, lexicon: Lexicon) -> bool:
    """ "the X and Y regions", "the X regions": names before a plural division noun."""
    i = span.end
    if i + 2 < len(doc) and doc[i].lower_ in ("and", "or") and doc[i + 1].pos_ == "PROPN":
        i += 2
    return (
        i < len(doc)
        and doc[i].text.removesuffix("s") in lexicon.place_nouns_after
        and (doc[i].text.endswith("s"))
    )


def _in_before(doc: Doc, span: Span) -> bool:
    """ "in X" for a name the NER took for a person's: people are seldom "in" one another,
    unless it is their possession ("in Smith's view"); a surname of a longer person name of
    the article is left alone."""
    if span.start < 1 or doc[span.start - 1].lower_ != "in":
        return False
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return False
    words = {t.text for t in span}
    return not any(
        e.label_ == "PERSON" and len(e) > len(span) and words & {t.text for t in e}
        for e in doc.ents
    )


def _place_noun_after(doc: Doc, span: Span, lexicon: Lexicon) -> bool:
    """ "the X camp", "the X displacement camp", "X province": X is a place."""
    for n in (1, 2):
        end = span.end + n
        if end > len(doc):
            return False
        last = doc[end - 1]
        if last.lower_ in _PLACE_NOUNS_AFTER and last.text.islower():
            # a later window holds the earlier one: an entity in it ends the search as well
            if doc[span.end : end].ents:
                return False
            return all(t.pos_ in ("NOUN", "ADJ") for t in doc[span.end : end])
    return False


def _descriptor(doc: Doc, span: Span, lexicon: Lexicon) -> tuple[EntityType | None, Mention | None]:
    """Type from a descriptor noun right before the name ("the news agency X": the whole
    phrase is an apposition mention) or from "the <place noun> of X"."""
    longest = max((len(d) for d in lexicon.descriptors), default=0)
    sent_start = sentence_start(doc, span.start)
    low = lowers(doc)
    for gap, allowed in ((0, None), (1, EntityType.PLACE)):
        end = span.start - gap
        if gap and (end < 1 or low[end] != "of"):
            continue
        for n in range(longest, 0, -1):
            begin = end - n
            if begin < sent_start:
                continue
            words = tuple(low[begin:end])
            etype_name = lexicon.descriptors.get(words)
            if etype_name is None or any(t.ent_type_ for t in doc[begin:end]):
                continue  # (a noun inside another name, "Labour Party X", is no descriptor)
            etype = EntityType(etype_name)
            if allowed is not None and etype is not allowed:
                continue
            if gap:
                return etype, None
            left = begin
            while left > sent_start and doc[left - 1].pos_ in _NP_POS:
                left -= 1
            return etype, mention(doc[left : span.end], "APPOSITION")
    return _descriptor_after(doc, span, lexicon, longest) or _apposition_after(
        doc, span, lexicon
    ), None


def _apposition_after(doc: Doc, span: Span, lexicon: Lexicon) -> EntityType | None:
    """ "X, the largest city in ...": a descriptor in an apposition right after the name."""
    i = span.end
    skipped = False
    if i + 1 < len(doc) and doc[i].lower_ in _GROUP_NOUNS and doc[i + 1].text == ",":
        i, skipped = i + 1, True  # "the X movement, one of ..."
    if i + 2 >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    low = lowers(doc)
    words = low[i : i + 3]
    if words[:3] == ["one", "of", "the"]:
        i += 3
    elif words[0] in ("the", "a", "an"):
        i += 1
    else:
        return None
    while i < len(doc):
        for n in (2, 1):
            words_n = tuple(low[i : i + n])
            if len(words_n) < n:
                continue
            for key in (words_n, (*words_n[:-1], words_n[-1].removesuffix("s"))):
                etype = lexicon.descriptors.get(key)
                if etype and not (skipped and etype not in ("Organisation", "ArmedGroup")):
                    return EntityType(etype)
        tok = doc[i]
        if not (
            tok.pos_ == "ADJ"
            or tok.text in lexicon.communities
            or tok.text in lexicon.nationalities
        ):
            break
        i += 1
    return None


def _descriptor_after(doc: Doc, span: Span, lexicon: Lexicon, longest: int) -> EntityType | None:
    """An organisation or armed-group noun right after the name ("the X rebel group", "the X
    news agency"); not a person's or place's ("X residents" are not X)."""
    for n in range(longest, 0, -1):
        end = span.end + n
        if end > len(doc):
            continue
        etype_name = lexicon.descriptors.get(tuple(lowers(doc)[span.end : end]))
        if etype_name in ("Organisation", "ArmedGroup") and not doc[span.end : end].ents:
            return EntityType(etype_name)
    return None


def _roles_before(doc: Doc, span: Span, lexicon: Lexicon) -> tuple[str, ...]:
    """Roles of the title right before the name, or at its start ("President X"), or in an
    apposition before it ("the current head of state, X")."""
    roles: set[str] = set()
    folded = casefolds(doc)
    for n, by_words in _titles_by_length(lexicon.titles).items():
        for end in (span.start, span.start + n, span.start - 1):
            begin = end - n
            if begin < 0 or end > len(doc):
                continue
            if end == span.start - 1 and doc[end].text != ",":
                continue
            roles.update(by_words.get(tuple(folded[begin:end]), ()))
    return tuple(sorted(roles))


@by_identity  # a tuple does not keep its hash: hashing every title on each name cost 0.5 ms
def _titles_by_length(titles: tuple[Title, ...]) -> dict[int, dict[tuple[str, ...], set[str]]]:
    """Title length -> casefolded title words -> the roles they give (titles with a role)."""
    index: dict[int, dict[tuple[str, ...], set[str]]] = {}
    for title in titles:
        if title.role is not None:
            words = tuple(w.casefold() for w in title.words)
            index.setdefault(len(words), {}).setdefault(words, set()).add(title.role)
    return index


def _former_before(doc: Doc, span: Span, lexicon: Lexicon) -> bool:
    """A cue of a former ruler right before the name ("the ousted X", "the former X clan")."""
    former = lexicon.armed.cues.get("former", frozenset())
    i = span.start - 1
    while i >= max(sentence_start(doc, span.start), span.start - 3):
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
    by_first: dict[str, list[Title]] = {}  # longest first, as the first that fits wins
    for title in sorted(
        (t for t in lexicon.titles if t.role and t.words), key=lambda t: -len(t.words)
    ):
        by_first.setdefault(title.words[0], []).append(title)
    for k, lower in enumerate(lowers(doc)):
        if lower != "the":
            continue
        tok = doc[k]
        i = tok.i + 1
        while i < len(doc) and doc[i].pos_ == "ADJ":
            i += 1
        if i >= len(doc):
            continue
        for title in by_first.get(doc[i].text, ()):
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
