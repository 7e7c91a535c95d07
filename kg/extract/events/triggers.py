"""Trigger detection: event mentions from the trigger lexicon, with general filters for
non-event uses (adjectival participles, irrealis contexts, negation, entity names)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.caching import by_identity
from kg.extract.events.doc import Ctx
from kg.extract.events.lexicon import Triggers
from kg.extract.sentences import lemmas, lowers
from kg.model import EntityType, Event, EventClass, EventType, Mention
from kg.taxonomy import load_taxonomy

_NOUNISH = {"NOUN", "PROPN"}


@dataclass(slots=True, eq=False)
class Cand:
    """One event mention before coreference."""

    tok: Token  # the trigger's head token
    start: int  # token bounds of the trigger words
    end: int
    type: EventClass
    kind: str  # noun, verb, phrase, weapon, support, published
    mention: Mention
    perpetrators: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    anaphor: str = ""  # demonstrative, definite, possessive, predicate or ""
    plural: bool = False
    collective: bool = False
    headline: bool = False
    host: Cand | None = None  # the event this mention belongs to (instrument, casualties of)
    scene_place: str | None = None  # "one of the scenes of E was X": a sub-event at X
    placeless: bool = False  # its sentence's place belongs to a sub-event, not to it
    event: Event | None = None  # the Event it ends in

    @property
    def lemma(self) -> str:
        return self.tok.lemma_.lower()


def find_triggers(ctx: Ctx) -> list[Cand]:
    """Every event mention of the article, in text order."""
    trig = ctx.lex.triggers
    cands: list[Cand] = []
    taken: set[int] = set()
    doc = ctx.doc
    matcher = _phrase_matcher(doc.vocab, trig)
    # longest match first, then text order: "drone strikes" before "strikes"
    for match_id, i, end in sorted(matcher(doc), key=lambda m: (m[1] - m[2], m[1])):
        if taken.intersection(range(i, end)):
            continue
        etype = load_taxonomy().event_class(doc.vocab.strings[match_id])
        head = max(doc[i:end], key=lambda t: t.dep_ != "compound")
        head = doc[end - 1] if head.pos_ not in _NOUNISH | {"VERB"} else head
        cands.append(_cand(ctx, head, i, end, etype, "phrase"))
        taken.update(range(i, end))
    lemma_words, lower_words = _single_words(trig)
    lower, lemma = lowers(doc), lemmas(doc)
    for i in range(len(doc)):
        if lemma[i] not in lemma_words and lower[i] not in lower_words:
            continue  # no word _classify looks up: no Token made
        tok = doc[i]
        if tok.i in taken or tok.is_space or tok.is_punct:
            continue
        found = _classify(ctx, tok)
        if found:
            etype, kind = found
            cands.append(_cand(ctx, tok, tok.i, tok.i + 1, etype, kind))
    cands = [c for c in cands if _is_event_use(ctx, c)]
    for c in cands:
        weapon = _weapon_of(ctx, c)
        if weapon is not None:
            c.type = weapon
    cands.sort(key=lambda c: c.start)
    return cands


def _weapon_of(ctx: Ctx, c: Cand) -> EventClass | None:
    """The class a generic trigger takes from its weapon: the subject of a verb ("warplanes
    struck X" -> Airstrike) or a compound modifier of a noun ("a drone and missile attack")."""
    if c.type not in {EventType.ATTACK, EventType.KILLING} or c.kind not in {"verb", "noun"}:
        return None
    weapons = ctx.lex.triggers.weapon
    if c.kind == "verb":
        if c.lemma in _casualty_verbs(ctx):
            return None
        args = [t for t in c.tok.children if t.dep_ in {"nsubj", "agent"}]
        args += [g for a in args if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    else:  # every word of the noun phrase before the trigger
        args = list(ctx.doc[c.tok.left_edge.i : c.tok.i])
    for arg in sorted(args, key=lambda t: t.i):  # the first named: "a drone and missile attack"
        if arg.lemma_.lower() in weapons:
            return weapons[arg.lemma_.lower()]
    return None


def _casualty_verbs(ctx: Ctx) -> set[str]:
    cas = ctx.lex.casualties
    return {w.lower() for w in cas["killed"]["verbs"]} | {
        w.lower() for w in cas["injured"]["verbs"]
    }


@by_identity
def _single_words(trig: Triggers) -> tuple[frozenset[str], frozenset[str]]:
    """The lemmas and the lower-case forms :func:`_classify` looks up (noun, weapon,
    support, published and verb triggers by lemma; noun triggers by form too)."""
    by_lemma = frozenset(trig.noun) | frozenset(trig.weapon) | frozenset(trig.needs_support)
    by_lemma |= frozenset(trig.needs_place)
    by_lemma |= frozenset(trig.published) | frozenset(trig.verb)
    return by_lemma, frozenset(trig.noun)


@by_identity  # built once per pipeline and lexicon, not once per article
def _phrase_matcher(vocab: Vocab, trig: Triggers) -> PhraseMatcher:
    """A PhraseMatcher on lower-cased text for the multi-word triggers, one label per class."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    by_type: dict[EventClass, list[Doc]] = {}
    for words, etype in trig.phrase.items():
        by_type.setdefault(etype, []).append(Doc(vocab, words=list(words)))
    for etype, patterns in sorted(by_type.items()):
        matcher.add(str(etype), patterns)
    return matcher


def _classify(ctx: Ctx, tok: Token) -> tuple[EventClass, str] | None:
    trig = ctx.lex.triggers
    lemma, lower = tok.lemma_.lower(), tok.lower_
    nounish = tok.pos_ in _NOUNISH or (tok.tag_ == "VBG" and tok.dep_ in {"pobj", "dobj", "nsubj"})
    if tok.pos_ == "PROPN" and not tok.is_title:
        nounish = False
    if nounish:
        for word in (lemma, lower):
            if word in trig.noun:
                return trig.noun[word], "noun"
        heads = ctx.lex.words("context", "weapon_heads")
        if lemma in trig.weapon and (tok.dep_ != "compound" or tok.head.lower_ in heads):
            return trig.weapon[lemma], "weapon"
        if lemma in trig.needs_support and _support_verb(ctx, tok) is not None:
            return trig.needs_support[lemma], "support"
        if lemma in trig.published and tok.dep_ == "dobj" and tok.head.lemma_ in trig.publish_verbs:
            return EventType.STATEMENT, "published"
    if tok.pos_ == "VERB" and lemma in trig.verb:
        return trig.verb[lemma], "verb"
    if lemma in trig.needs_place and _acts_on_place(ctx, tok, nounish):
        return trig.needs_place[lemma], "noun" if nounish else "verb"
    return None


def _acts_on_place(ctx: Ctx, tok: Token, nounish: bool) -> bool:
    """A noun's "of" complement ("the fall of X") or a verb's direct object ("took X") is
    a named place (or a place noun naming one: "the city of X", "the X District")."""
    if nounish:
        objs = [
            o
            for prep in tok.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for o in prep.children
            if o.dep_ == "pobj"
        ]
    elif tok.pos_ == "VERB":
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False  # "decided to liberate X": an intention, not a capture
        objs = [o for o in tok.children if o.dep_ == "dobj"]
    else:
        return False
    for obj in objs:
        for o in (obj, *obj.conjuncts):
            hit = ctx.entity_of_np(o)
            if hit is not None and hit.type is EntityType.PLACE:
                return True
    return False


def _support_verb(ctx: Ctx, tok: Token) -> Token | None:
    """The support verb that governs a trigger noun ("launched an offensive",
    "the offensive launched by ...")."""
    support = ctx.lex.words("context", "support_verbs")
    if tok.dep_ in {"dobj", "nsubjpass"} and tok.head.lemma_.lower() in support:
        return tok.head
    for child in tok.children:
        if child.dep_ in {"acl", "relcl"} and child.lemma_.lower() in support:
            return child
    return None


def _cand(ctx: Ctx, head: Token, start: int, end: int, etype: EventClass, kind: str) -> Cand:
    c = Cand(
        tok=head,
        start=start,
        end=end,
        type=etype,
        kind=kind,
        mention=ctx.mention(start, end, "TRIGGER"),
        headline=ctx.in_headline(head),
        plural=head.tag_ in {"NNS", "NNPS"},
    )
    demonstratives = ctx.lex.words("context", "demonstratives")
    collectives = ctx.lex.words("context", "collective_nouns")
    np_head = head
    if (
        head.dep_ == "pobj"
        and head.head.lower_ == "of"
        and head.head.head.lemma_.lower() in collectives
    ):
        np_head = head.head.head
        c.collective = True
    for child in np_head.children:
        word = child.lower_
        if child.dep_ in {"det", "amod", "predet"} and word in demonstratives:
            c.anaphor = "demonstrative"
        elif child.dep_ == "det" and word == "the" and not c.anaphor:
            c.anaphor = "definite"
        elif child.dep_ == "poss" and child.pos_ == "PRON":
            c.anaphor = "possessive"
    if np_head.dep_ == "attr" and any(
        ch.dep_ == "nsubj" and ch.lower_ in {"it", "this", "that"} for ch in np_head.head.children
    ):
        c.anaphor = "predicate"
    return c


def _is_event_use(ctx: Ctx, c: Cand) -> bool:
    tok = c.tok
    ctx_lex = ctx.lex
    # inside the name of an organisation or a person ("Sudan Conflict Observatory")
    for span in ctx.covering(c.mention.begin, c.mention.end):
        if span.type in {EntityType.ORGANISATION, EntityType.PERSON} and (
            span.end - span.begin
        ) > len(c.mention.text):
            return False
    benign = ctx_lex.words("context", "non_event_modifiers")
    if any(ch.dep_ in {"compound", "amod"} and ch.lower_ in benign for ch in tok.children):
        return False  # "a rescue operation"
    if c.kind == "verb":
        if tok.dep_ == "amod" and tok.tag_ in {"VBN", "VBG"}:
            return False  # "captured individuals"
        if any(ch.dep_ == "neg" for ch in tok.children):
            return False
        objects = ctx_lex.words("context", "non_event_objects")
        if any(ch.dep_ == "dobj" and ch.lemma_.lower() in objects for ch in tok.children):
            return False
    return not _irrealis(ctx, tok)


def _irrealis(ctx: Ctx, tok: Token) -> bool:
    """Governed by "call for", "threaten to", "plan", "prevent" ... within three heads."""
    governors = ctx.lex.words("context", "irrealis_governors")
    nouns = ctx.lex.words("context", "irrealis_nouns")
    node = tok
    for _ in range(3):
        head = node.head
        if head.i == node.i:
            return False
        lemma = head.lemma_.lower()
        if (
            head.pos_ == "VERB"
            and lemma in governors
            and node.dep_
            in {
                "dobj",
                "xcomp",
                "prep",
                "ccomp",
                "pobj",
                "advcl",
            }
        ):
            return True
        if head.pos_ == "NOUN" and lemma in nouns and node.dep_ in {"prep", "pobj", "acl"}:
            return True
        if head.pos_ == "VERB" and node.dep_ not in {"prep", "pobj"}:
            return False
        node = head
    return False
