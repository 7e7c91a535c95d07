"""Our spaCy components, registered under versioned names (spaCy forbids "." in factory names, so
``kg_<what>_v<n>``).

- ``kg_gazetteer_ruler_v1`` (after ``ner``): names of the offline Wikidata snapshot, typed
  by the snapshot (a city is a place, whatever the model thinks).
- ``kg_community_ruler_v1`` (after ``ner``): community names of ``data/patterns``
  ("Kurdish", "Yazidis").
- ``kg_armed_group_ruler_v1`` (after ``ner`` and the parser): groups named only by
  description ("government forces", "insurgents loyal to X") into ``doc.spans["kg_groups"]``,
  with their head family, side cues and complement in ``span._.kg_group``.

Their entities carry our labels (PERSON, ORG, ARMED_GROUP, PLACE, COMMUNITY), the snapshot
QID as ``kb_id`` and a canonical name as ``id``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.groups import find_groups
from kg.extract.institutions import _rules
from kg.extract.sentences import orths
from kg.gazetteer import load_snapshot
from kg.resolve.lexicon import Lexicon, load_lexicon

GROUPS_KEY = "kg_groups"
GAZETTEER_ID = "kg.gazetteer"  # span id of every entity the gazetteer ruler sets
TYPE_LABELS = {
    "Person": "PERSON",
    "Organisation": "ORG",
    "ArmedGroup": "ARMED_GROUP",
    "Place": "PLACE",
    "Community": "COMMUNITY",
}

if not Span.has_extension("kg_group"):
    Span.set_extension("kg_group", default=None)


class PresetRuler:
    """Sets entities from name lists after the NER: case-sensitive for one-word names,
    case-insensitive for longer ones; among overlapping matches the longest wins.

    Against the NER's entities: a match replaces an entity it equals (up to a leading
    determiner), overlaps partly or contains (a city is a place, not an ORG); an entity
    longer than the match on both sides of a name word keeps it ("Sudan Doctors Network" is
    not the place Sudan); otherwise the match is added.
    """

    def __init__(self, nlp: Language, name: str, entries: Iterable[tuple[str, str, str, str]]):
        """``entries``: (name, label, kb_id, canonical id)."""
        self.name = name
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.meta: dict[str, tuple[str, str, str]] = {}
        grouped: dict[tuple[str, str, str, str], list[Doc]] = defaultdict(list)
        for text, label, kb_id, ident in entries:
            doc = nlp.make_doc(text)
            grouped[(label, kb_id, ident, "x" if len(doc) == 1 else "l")].append(doc)
        for n, ((label, kb_id, ident, how), docs) in enumerate(sorted(grouped.items())):
            key = f"{name}:{n}"
            self.meta[key] = (label, kb_id, ident)
            (self.exact if how == "x" else self.lower).add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                label, kb_id, ident = self.meta[doc.vocab.strings[match_id]]
                spans.append(Span(doc, start, end, label=label, kb_id=kb_id, span_id=ident))
        ents = list(doc.ents)  # never overlapping, nor are the matches filter_spans keeps
        bounds = [(e.start, e.end) for e in ents]  # (read once: a Span's are properties)
        for match in filter_spans(spans):
            begin, end = match.start, match.end
            hit = [n for n, (b, e) in enumerate(bounds) if b < end and begin < e]
            if any(_keeps(ents[n], match) for n in hit):
                continue
            if hit:
                ents = [e for n, e in enumerate(ents) if n not in hit]
                bounds = [b for n, b in enumerate(bounds) if n not in hit]
            ents.append(match)
            bounds.append((begin, end))
        doc.set_ents(sorted(ents, key=lambda e: e.start), default="outside")
        return doc


def _keeps(ent: Span, match: Span) -> bool:
    """An existing entity wins over a match strictly inside it (beyond a determiner)."""
    if not (ent.start <= match.start and match.end <= ent.end):
        return False
    extra = [t for t in ent if not (match.start <= t.i < match.end)]
    return any(t.lower_ not in ("the", "a", "an") for t in extra) and ent.label_ not in (
        "CARDINAL",
        "ORDINAL",
        "DATE",
        "TIME",
        "QUANTITY",
        "MONEY",
        "PERCENT",
    )


def gazetteer_entries(
    snapshot: Path | None = None, *, min_length: int = 3
) -> list[tuple[str, str, str, str]]:
    """Names of the snapshot, filtered for safety.

    A one-word name must be capitalised and at least ``min_length`` letters long, unless it is
    an all-capitals acronym of two letters or more; names that are English stop words or in
    ``data/patterns/gazetteer_exclude.txt`` are skipped. A name shared by several items keeps
    its type (when they agree) but no QID, and so does a one-word name that is a word of
    another person's name ("Hassan" of "Ali al-Hassan" and "Omar al-Hassan").
    """
    lexicon = load_lexicon()
    items = [i for i in load_snapshot(snapshot) if i.type in TYPE_LABELS]
    by_name: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for item in items:
        for name in item.names:
            name = name.removeprefix("the ")  # the NER and the rulers leave determiners out
            if _safe_name(name, lexicon.gazetteer_exclude, min_length):
                by_name[name].add((item.qid, item.type))
    words_of: dict[str, set[str]] = defaultdict(set)
    for item in items:
        if item.type != "Person":
            continue
        for word in item.label.replace("-", " ").split():
            words_of[word].add(item.qid)
    entries = []
    for name, owners in sorted(by_name.items()):
        types = {t for _, t in owners}
        if len(types) != 1:
            continue
        qids = {q for q, _ in owners}
        single = " " not in name
        ambiguous = len(qids) > 1 or (single and bool(words_of.get(name, set()) - qids))
        qid = "" if ambiguous else next(iter(qids))
        entries.append((name, TYPE_LABELS[types.pop()], qid, GAZETTEER_ID))
    return entries


def _safe_name(name: str, exclude: frozenset[str], min_length: int) -> bool:
    if name in exclude or name.casefold() in STOP_WORDS:
        return False
    if " " in name:
        return True
    if name.isupper() and len(name) >= 2:
        return True
    return name[:1].isupper() and len(name) >= min_length


def community_entries() -> list[tuple[str, str, str, str]]:
    return [
        (form, "COMMUNITY", "", label) for form, label in sorted(load_lexicon().communities.items())
    ]


@Language.factory("kg_gazetteer_ruler_v1", default_config={"min_length": 3})
def make_gazetteer_ruler(nlp: Language, name: str, min_length: int) -> PresetRuler:
    """Names of the offline Wikidata snapshot (``data/wikidata/snapshot.jsonl``)."""
    return PresetRuler(nlp, name, gazetteer_entries(min_length=min_length))


@Language.factory("kg_community_ruler_v1")
def make_community_ruler(nlp: Language, name: str) -> PresetRuler:
    """Community names of ``data/patterns/communities.tsv``."""
    return PresetRuler(nlp, name, community_entries())


_ORG_FINAL = {"Party", "Ministry", "Department", "Commission", "Council", "Agency", "Office"}


def repair_names(doc: Doc, lexicon: Lexicon) -> Doc:
    """The NER's entities with two common faults of the small model repaired: one person cut
    in two touching pieces ("Zine El" + "Abidine Ben Ali", "Ursula von der" + "Leyen") is
    one person; an organisation glued to the person named right after it ("the Chinese
    Foreign Ministry Hua Chunying", "Defense Hanna Maliar", "the AP Mujeeb Rahman Ansari") is
    the organisation and the person."""
    merged: list[Span] = []
    for ent in _whole_words(doc):
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.label_ == "PERSON"
            and last.end == ent.start
            and doc[last.end - 1].whitespace_
            and ent.label_ not in _NOT_NAMES
            and (doc[last.end - 1].lower_ in _NAME_PARTICLES or ent[0].lower_ in _NAME_PARTICLES)
        ):
            merged[-1] = Span(doc, last.start, ent.end, label="PERSON")
            continue
        merged.append(ent)
    result: list[Span] = []
    for ent in (_trim_place_noun(doc, piece) for e in merged for piece in _list_pieces(doc, e)):
        cut = _person_tail(doc, ent, lexicon)
        if cut is None:
            result.append(ent)
        else:
            if not (cut - ent.start == 1 and doc[ent.start].lower_ in _portfolios()):
                result.append(Span(doc, ent.start, cut, label=ent.label_))  # ("Defense": none)
            result.append(Span(doc, cut, ent.end, label="PERSON"))
    doc.set_ents(result, default="outside")
    return doc


#: lower-case generic place nouns the NER may take into a place name ("the Donbas region"):
#: the name is the capitalised part (Mordecai's span trimming, Halterman 2023); capitalised
#: ones stay ("Kharkiv Oblast", "Balkh Province")
_GENERIC_PLACE_NOUNS = frozenset({"region", "area", "province", "district", "city", "town"})


def _trim_place_noun(doc: Doc, ent: Span) -> Span:
    """A place entity without a trailing lower-case generic place noun."""
    if ent.label_ not in {"GPE", "LOC"} or len(ent) < 2:
        return ent
    last = doc[ent.end - 1]
    if last.text in _GENERIC_PLACE_NOUNS and doc[ent.end - 2].text[:1].isupper():
        return Span(doc, ent.start, ent.end - 1, label=ent.label_)
    return ent


def _whole_words(doc: Doc) -> list[Span]:
    """The NER's entities, each widened to the whole hyphenated name it is part of: spaCy's
    tokenizer cuts "Mazar-i-Sharif" or "Al-Shabaab" at the hyphens and the model tags the
    pieces apart ("Mazar" a place, "Sharif" a person). A name goes on over a hyphen written
    without spaces when the piece after it is capitalised, or is a name particle followed by
    another hyphen ("-i-", "-al-"); "Rwanda-backed" stays "Rwanda". The widened entity keeps
    the label of its first piece and swallows the others."""
    ents = list(doc.ents)
    out: list[Span] = []
    for ent in ents:
        if out and ent.start < out[-1].end:
            continue  # swallowed by the previous widened name
        start, end = ent.start, ent.end
        while start >= 2 and _joined(doc, start - 2, start - 1) and _name_piece(doc, start - 2):
            start -= 2
        while end + 1 < len(doc) and _joined(doc, end - 1, end):
            if doc[end + 1].is_title and doc[end + 1].is_alpha:
                end += 2
            elif (
                doc[end + 1].lower_ in _HYPHEN_PARTICLES
                and end + 3 < len(doc)
                and _joined(doc, end + 1, end + 2)
                and doc[end + 3].is_title
                and doc[end + 3].is_alpha
            ):
                end += 4
            else:
                break
        if (start, end) != (ent.start, ent.end) and not any(
            doc[i].ent_type_ in _NOT_NAMES for i in range(start, end)
        ):
            while out and out[-1].end > start:
                out.pop()
            out.append(Span(doc, start, end, label=ent.label_))
        else:
            out.append(ent)
    return out


def _joined(doc: Doc, i: int, hyphen: int) -> bool:
    """Token ``hyphen`` is a hyphen written without spaces between ``i`` and the next."""
    return (
        doc[hyphen].text == "-"
        and hyphen == i + 1
        and not doc[i].whitespace_
        and not doc[hyphen].whitespace_
        and hyphen + 1 < len(doc)
    )


def _name_piece(doc: Doc, i: int) -> bool:
    return doc[i].is_alpha and (doc[i].is_title or doc[i].lower_ in _HYPHEN_PARTICLES)


#: particles inside hyphenated Arabic and Persian names: the Arabic article and its
#: assimilated forms (Wikipedia, "Arabic name": al-, ad-, ash-, as-, at-, az-, an-, ar-, el-,
#: ul-, ud-) and the Persian ezafe (Wikipedia, "Ezafe": -i-, -e-, "Mazar-i-Sharif")
_HYPHEN_PARTICLES = {"al", "el", "ad", "ash", "as", "at", "az", "an", "ar", "ul", "ud", "i", "e"}

_NAME_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "du", "dos", "da", "di",
                   "bin", "ibn", "bint", "ben", "al", "el", "abu", "abd", "ul"}  # fmt: skip
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


_LIST_HOSTS = {"GPE", "LOC", "FAC", "WORK_OF_ART"}


def _list_pieces(doc: Doc, ent: Span) -> list[Span]:
    """A list of three or more names taken for one ("Kyiv, Kharkiv, Donetsk, Odesa" as a
    title): each piece of one to three capitalised words is a place of its own (two pieces
    stay: "Chippewa Falls, Wisconsin" is one place written with its state)."""
    if ent.label_ not in _LIST_HOSTS:
        return [ent]
    pieces, begin = [], ent.start
    for tok in ent:
        if tok.text == ",":
            pieces.append((begin, tok.i))
            begin = tok.i + 1
    pieces.append((begin, ent.end))
    if len(pieces) < 3 or not all(
        0 < e - b <= 3 and all(t.is_title and t.pos_ == "PROPN" for t in doc[b:e])
        for b, e in pieces
    ):
        return [ent]
    return [Span(doc, b, e, label="GPE") for b, e in pieces]


def _person_tail(doc: Doc, ent: Span, lexicon: Lexicon) -> int | None:
    """Where a person's name (two or three capitalised proper nouns at the end) starts in an
    organisation span whose part before it ends as an organisation does: an institution
    noun ("Ministry", "Party"), a ministry portfolio ("Defense"), an acronym ("AP"), or a
    place after "<title> of" ("President of Ukraine Volodymyr Zelensky")."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or len(ent) < 3:
        return None
    for size in (3, 2):
        cut = ent.end - size
        if cut <= ent.start:
            continue
        tail = doc[cut : ent.end]
        if not all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in tail):
            continue
        if any(t.text in _ORG_FINAL or t.text in lexicon.place_name_words for t in tail):
            continue
        before = doc[cut - 1]
        head = doc[ent.start : cut]
        if (
            before.text in _ORG_FINAL
            or before.lower_ in _portfolios()
            or (before.text.isupper() and before.is_alpha and len(before) >= 2)
            or (
                len(head) == 1
                and ent.start >= 2
                and doc[ent.start - 1].lower_ == "of"
                and doc[ent.start - 2].text in _title_words(lexicon)
            )
        ):
            return cut
    return None


def _portfolios() -> frozenset[str]:
    return _rules()[0]


def _title_words(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(t.words[-1] for t in lexicon.titles if t.words and t.words[-1].istitle())


@Language.factory("kg_name_repair_v1")
def make_name_repair(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Persons the NER cut in two or glued to an organisation (see :func:`repair_names`)."""
    lexicon = load_lexicon()
    return lambda doc: repair_names(doc, lexicon)


_JOINERS = {"for", "of"}
_INNER = {"for", "of", "the", "and"}


def extend_names(doc: Doc) -> Doc:
    """Extend an organisation name the NER cut short over "for/of" + capitalised words:
    "Group" + "for the Support of Islam and Muslims" is one name. The extension starts with
    "for" or "of", holds only capitalised words and "for", "of", "the", "and", ends on a
    capitalised word, and never swallows a person's name."""
    result: list[Span] = []
    covered = 0
    for ent in doc.ents:
        if ent.start < covered:
            continue  # swallowed by the extension of an earlier name
        end = ent.end
        if ent.label_ == "ORG" and ent.end < len(doc) and doc[ent.end].lower_ in _JOINERS:
            j = ent.end
            while j < len(doc) and not doc[j].is_sent_start:
                tok = doc[j]
                if tok.ent_type_ == "PERSON":
                    break
                if tok.lower_ in _INNER:
                    j += 1
                    continue
                if not (tok.is_alpha and tok.text[:1].isupper()):
                    break
                j += 1
                end = j
        result.append(Span(doc, ent.start, end, label="ORG") if end > ent.end else ent)
        covered = end
    doc.set_ents(result, default="outside")
    return doc


@Language.factory("kg_name_extender_v1")
def make_name_extender(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Organisation names the NER cut short (see :func:`extend_names`)."""
    return extend_names


_ACRONYM_HOSTS = {"ORG", "ARMED_GROUP", "GPE", "PLACE", "LOC", "FAC"}


def _is_acronym(text: str) -> bool:
    letters = text.replace("-", "").replace("&", "")
    return text.isupper() and letters.isalpha() and 2 <= len(letters) <= 8


def define_acronyms(doc: Doc) -> Doc:
    """An acronym in parentheses right after a name ("Hayat Tahrir al-Sham (HTS)") is a name
    of the same type, there and wherever else the article writes it ("HTS fighters")."""
    ents = []
    for ent in doc.ents:  # "Hayat Tahrir al-Sham (HTS" as one NER name: split it
        if (
            len(ent) >= 3
            and ent[-2].text == "("
            and _is_acronym(ent[-1].text)
            and ent.end < len(doc)
            and doc[ent.end].text == ")"
        ):
            ents.append(Span(doc, ent.start, ent.end - 2, label=ent.label_, kb_id=ent.kb_id_))
        else:
            ents.append(ent)
    taken = {t.i for e in ents for t in e}
    defined: dict[str, str] = {}
    added: list[Span] = []
    for ent in ents:
        j = ent.end
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            tok = doc[j + 1]
            if _is_acronym(tok.text) and tok.i not in taken and ent.label_ in _ACRONYM_HOSTS:
                defined.setdefault(tok.text, ent.label_)
    if not defined:
        return doc
    for tok in doc:
        label = defined.get(tok.text)
        if label is not None and tok.i not in taken:
            added.append(Span(doc, tok.i, tok.i + 1, label=label))
            taken.add(tok.i)
    doc.set_ents(sorted(ents + added, key=lambda e: e.start), default="outside")
    return doc


@Language.factory("kg_acronym_ruler_v1")
def make_acronym_ruler(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Acronyms the article defines in parentheses (see :func:`define_acronyms`)."""
    return define_acronyms


class ArmedGroupRuler:
    """Finds groups named only by description; see :mod:`kg.extract.groups`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[GROUPS_KEY] = find_groups(doc, self.lexicon)
        return doc


@Language.factory("kg_armed_group_ruler_v1")
def make_armed_group_ruler(nlp: Language, name: str) -> ArmedGroupRuler:
    """Described armed groups and governments (``data/patterns/armed_groups.json``)."""
    return ArmedGroupRuler(name)


#: what may end a sentence: the token before a sentence start is one of these (or a closing
#: quote or bracket after one), or ends with a full stop ("U.S.", "Inc.")
SENTENCE_FINAL = frozenset({".", "!", "?", "…", "...", ";"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})


def guard_sentences(doc: Doc) -> Doc:
    """Sentence starts the parser may not put where no sentence can start, set before it
    runs (spaCy's parser keeps preset ``is_sent_start`` values, see
    https://spacy.io/usage/linguistic-features#sbd-custom): a token is not a sentence start
    when the text before it on its line does not end like a sentence (the small English
    model splits "the Police Service of Northern Ireland (PSNI) Mark McEwan told press"
    after the parenthesis); the first token after a line break is one (a paragraph)."""
    texts = orths(doc)
    space = doc.to_array(IS_SPACE).tolist()
    starts = [0] * len(texts)  # 0: the parser decides, 1: a start, -1: not a start
    last = -1  # the last token that is not whitespace
    newline = False  # a line break since the last such token
    for i, text in enumerate(texts):
        if space[i]:
            newline = newline or "\n" in text
            continue
        if last >= 0 and not newline:
            k = last
            while k > 0 and texts[k] in _CLOSERS:
                k -= 1
            end = texts[k]
            if not (end in SENTENCE_FINAL or (end.endswith(".") and len(end) > 1)):
                starts[i] = -1
        elif last >= 0:
            starts[i] = 1
        last, newline = i, False
    if starts:
        starts[0] = 1
        # one array write instead of a Token per token (SENT_START is read as a signed value)
        values = numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)  # type: ignore[arg-type]
    return doc


@Language.factory("kg_sentence_guard_v1")
def make_sentence_guard(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """No sentence start where the text before does not end like a sentence (see
    :func:`guard_sentences`); runs before the parser."""
    return guard_sentences


@Language.factory("kg_city_retyper_v1")
def make_city_retyper(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Cities the NER took for persons or organisations (see :mod:`kg.extract.cities`)."""
    from kg.extract.cities import retype_cities
    from kg.extract.events.lexicon import load_lexicon as load_event_lexicon

    places = load_event_lexicon().places
    locative = frozenset(str(w).lower() for w in places.get("locative_preps", ()))
    nouns = frozenset(str(w).lower() for w in places.get("place_nouns", ()))
    return lambda doc: retype_cities(doc, locative, nouns)
