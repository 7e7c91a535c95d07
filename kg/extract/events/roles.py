"""Perpetrators and targets of event mentions from the dependency parse: subjects and
objects of trigger verbs (active and passive), agents of nominalisations ("looting by X",
"launches from X"), objects of "on"/"against"/"of", support verbs ("launched an offensive"),
"accused X of V-ing", and victim-subject verbs ("survived an attack")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.events.doc import Ctx, EntitySpan
from kg.extract.events.triggers import Cand
from kg.model import EntityType, EventType

AGENT_TYPES = {EntityType.PERSON, EntityType.ORGANISATION, EntityType.ARMED_GROUP}
_GROUPS = {EntityType.ORGANISATION, EntityType.ARMED_GROUP}
_PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}


def fill_roles(ctx: Ctx, cand: Cand) -> None:
    """Set ``cand.perpetrators`` and ``cand.targets`` from what its sentence says."""
    tok = cand.tok
    head = tok.head if tok.dep_ == "compound" and cand.kind == "weapon" else tok
    if cand.kind in {"verb", "phrase"} and tok.pos_ == "VERB":
        _verb_roles(ctx, cand, tok)
    else:
        _noun_roles(ctx, cand, head)
    _accused_of(ctx, cand, tok)
    if cand.kind == "weapon":
        _weapon_hits(ctx, cand, tok)


def _weapon_hits(ctx: Ctx, cand: Cand, tok: Token) -> None:
    """ "One of the projectiles hit X" / "X was hit by a rocket": X is a target."""
    node = tok
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NUM":
        node = node.head.head
    if node.dep_ == "nsubj":
        for child in node.head.children:
            if child.dep_ == "dobj":
                _add(cand.targets, target(ctx, child))
    elif node.dep_ == "pobj" and node.head.dep_ == "agent":
        verb = node.head.head
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                subject = child
                if subject.tag_ == "WDT" and verb.dep_ == "relcl":
                    subject = verb.head
                _add(cand.targets, target(ctx, subject))


def clash_parties(cands: list[Cand]) -> None:
    """ "X was attacked by Y in a struggle/clash": the parties of the attack are parties of
    the clash it happened in (a clash's sides are its perpetrators)."""
    by_tok = {c.tok.i: c for c in cands}
    for c in cands:
        if c.type is not EventType.CLASH or c.tok.dep_ != "pobj":
            continue
        prep = c.tok.head
        outer = by_tok.get(prep.head.i) if prep.lower_ in {"in", "during", "amid"} else None
        if outer is None or outer is c:
            continue
        for key in outer.perpetrators:
            _add(c.perpetrators, key)


def agent(ctx: Ctx, head: Token) -> str | None:
    """Entity key of an agent noun phrase (a person, organisation or armed group)."""
    if head.tag_ in {"WP", "WDT"} and head.head.dep_ == "relcl":
        head = head.head.head  # "the gunmen who stormed": the gunmen
    if head.pos_ == "PRON":
        return resolve_pronoun(ctx, head)
    hit = ctx.entity_of_np(head)
    if hit and hit.type in AGENT_TYPES:
        return hit.key
    if hit and ctx.entity_of(head) is hit:
        # a people named as the actor ("Palestinians and the police clashed"); a country or
        # city named as the one who acts stands for its government or forces ("Iran
        # launched missiles", "accused Moscow of shelling"; GUIDE.md: perpetrators are the
        # entities the text names)
        if hit.type is EntityType.COMMUNITY:
            return hit.key
        if hit.type is EntityType.PLACE and _not_locative(ctx, hit):
            return hit.key
    lemma = head.lemma_.lower()
    instruments = ctx.lex.words("context", "instrument_nouns")
    if hit is None and (lemma in instruments or head.lower_ in instruments):
        poss = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if poss is not None:
            return resolve_group_pronoun(ctx, poss)
    if (
        hit is None
        and head.lower_ in ctx.lex.words("context", "anaphoric_actor_nouns") | {lemma}
        and lemma in ctx.lex.words("context", "anaphoric_actor_nouns")
        and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children)
    ):
        return last_group(ctx, head)
    if head.lemma_.lower() in ctx.lex.words("context", "person_nouns"):
        # "an individual identifying himself as X", "an official, X, said": a name that
        # follows the noun closely in the same sentence unit
        unit = ctx.unit(head)
        hi = min(head.i + 9, unit.end)
        for i in range(head.i + 1, hi):  # not past the verb it is the subject of ("told X")
            if ctx.doc[i].tag_ in {"VBD", "VBZ", "VBP", "MD"}:
                hi = i
                break
        for span in ctx.within(head.idx, ctx.doc[hi - 1].idx + len(ctx.doc[hi - 1])):
            if span.type in AGENT_TYPES:
                return span.key
    return None


def _not_locative(ctx: Ctx, place: EntitySpan) -> bool:
    """The place mention does not follow a locative preposition ("In X, a strike killed":
    a parse that makes X the subject is wrong)."""
    first = ctx.token_at(place.begin)
    if first is None or first.i == 0:
        return True
    return ctx.doc[first.i - 1].lower_ not in ctx.lex.words("places", "locative_preps")


def target(ctx: Ctx, head: Token) -> str | None:
    """Entity key of a target phrase, else a Described node for it."""
    if head.pos_ == "PRON":
        return resolve_pronoun(ctx, head) if head.lower_ in _PRONOUNS_PERSON else None
    if head.ent_type_ in {"DATE", "TIME"}:
        return None
    hit = ctx.entity_of_np(head)
    if hit and hit.type is not EntityType.PLACE:
        return hit.key
    lo, hi = ctx.np_bounds(head)
    inner = [
        s
        for s in ctx.within(ctx.doc[lo].idx, ctx.doc[hi - 1].idx + len(ctx.doc[hi - 1]))
        if s.type in AGENT_TYPES | {EntityType.COMMUNITY}
    ]
    if inner:
        return inner[0].key
    if head.pos_ in {"NOUN", "PROPN", "NUM"} and not (hit and hit.type is EntityType.PLACE):
        return ctx.described(head)
    return None


def resolve_group_pronoun(ctx: Ctx, pron: Token) -> str | None:
    """its/their: the nearest armed group or organisation named before it in its sentence."""
    if pron.lower_ not in {"its", "their"}:
        return None
    unit = ctx.unit(pron)
    best = None
    for span in ctx.spans:
        if unit.start_char <= span.begin < pron.idx and span.type in _GROUPS:
            best = span.key
    return best


def last_group(ctx: Ctx, tok: Token) -> str | None:
    """ "the group": the last armed group or organisation named in this or the previous
    paragraph."""
    para = ctx.para_of[tok.i]
    best = None
    civil = tok.lemma_.lower() in ctx.lex.words("reporting", "organisation_nouns") - {
        "group",
        "army",
        "force",
        "militia",
        "movement",
    }
    kinds = _GROUPS if civil else {EntityType.ARMED_GROUP}  # "the group": an armed group
    for span in ctx.spans:
        if span.begin >= tok.idx or span.type not in kinds:
            continue
        at = ctx.token_at(span.begin)
        if at is not None and ctx.para_of[at.i] >= para - 1:
            best = span.key
    return best


def resolve_pronoun(ctx: Ctx, pron: Token) -> str | None:
    """he/she/his: the last person named in this or the previous sentence unit."""
    if pron.lower_ not in _PRONOUNS_PERSON:
        return None
    unit = ctx.unit_of[pron.i]
    lo = ctx.units[max(0, unit - 1)].start_char
    best = None
    for span in ctx.spans:
        if lo <= span.begin < pron.idx and span.type is EntityType.PERSON:
            best = span.key
    return best


def _add(values: list[str], key: str | None) -> None:
    if key and key not in values:
        values.append(key)


def _subject(tok: Token) -> Token | None:
    node = tok
    for _ in range(4):
        for child in node.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return child
        if node.dep_ in {"xcomp", "conj", "advcl", "dep"} and node.head.i != node.i:
            node = node.head
        else:
            break
    return None


def _verb_roles(ctx: Ctx, cand: Cand, tok: Token) -> None:
    passive = any(ch.dep_ in {"nsubjpass", "auxpass"} for ch in tok.children)
    for child in tok.children:
        if child.dep_ == "nsubjpass" or child.dep_ == "dobj":
            _add(cand.targets, target(ctx, child))
        elif child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    _add(cand.perpetrators, agent(ctx, pobj))
    if not passive:
        subj = _subject(tok)
        if subj is not None:
            who = agent(ctx, subj)
            _add(cand.perpetrators, who)
            if who is None and cand.type is EventType.PROTEST and subj.pos_ in {"NOUN", "PROPN"}:
                # "dozens of protesters rallied": the crowd takes part, it perpetrates nothing
                _add(cand.participants, ctx.described(subj))


def _noun_roles(ctx: Ctx, cand: Cand, head: Token) -> None:
    victim_verbs = ctx.lex.words("context", "victim_subject_verbs")
    _modifier_roles(ctx, cand, head)
    for prep in head.children:
        if prep.dep_ not in {"prep", "agent"}:
            if prep.dep_ == "poss" and prep.pos_ != "PRON":
                _add(cand.perpetrators, agent(ctx, prep))
            elif prep.dep_ == "poss" and cand.kind in {"noun", "phrase", "support"}:
                _add(cand.perpetrators, resolve_group_pronoun(ctx, prep))
            continue
        word = prep.lower_
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if word in {"by", "from"}:
                key = agent(ctx, pobj)
                _add(cand.perpetrators, key)
                if word == "by":
                    for sub in pobj.children:  # "the looting by X of Y"
                        if sub.dep_ == "prep" and sub.lower_ == "of":
                            for obj in sub.children:
                                if obj.dep_ == "pobj" and not _inside(ctx, obj, key):
                                    _add(cand.targets, target(ctx, obj))
            elif word in {"on", "against", "of", "targeting"}:
                if word == "of" and cand.kind in {"published"}:
                    continue
                _add(cand.targets, target(ctx, pobj))
    support = _support(ctx, head)
    if support is not None:
        for child in support.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        _add(cand.perpetrators, agent(ctx, pobj))
        if head.dep_ == "dobj":
            subj = _subject(support)
            if subj is not None:
                _add(cand.perpetrators, agent(ctx, subj))
    verb = head.head
    claimers = ctx.lex.words("context", "responsibility_verbs")
    nouns = ctx.lex.words("context", "responsibility_nouns")
    if head.dep_ == "pobj" and head.head.lower_ == "for" and head.head.head.lemma_.lower() in nouns:
        owner = head.head.head  # "X claimed responsibility for the attack"
        if owner.dep_ == "dobj" and owner.head.lemma_.lower() in claimers:
            subj = _subject(owner.head)
            if subj is not None:
                _add(cand.perpetrators, agent(ctx, subj))
    if verb.lemma_.lower() in claimers:
        if head.dep_ == "nsubjpass":
            for child in verb.children:
                if child.dep_ == "agent":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            _add(cand.perpetrators, agent(ctx, pobj))
        elif head.dep_ == "dobj":
            subj = _subject(verb)
            if subj is not None:
                _add(cand.perpetrators, agent(ctx, subj))
    if head.dep_ == "dobj" and verb.lemma_.lower() in victim_verbs:
        subj = _subject(verb)
        if subj is not None:
            _add(cand.targets, target(ctx, subj))
    # "in a televised speech, X said": the speaker of a statement is the clause's subject
    if cand.type == "Statement" and head.dep_ == "pobj" and head.head.lower_ in {"in", "during"}:
        subj = _subject(head.head.head)
        if subj is not None:
            _add(cand.perpetrators, agent(ctx, subj))
    if cand.kind == "published":
        subj = _subject(verb)
        if subj is not None:
            _add(cand.perpetrators, agent(ctx, subj))


def _modifier_roles(ctx: Ctx, cand: Cand, head: Token) -> None:
    """Nominal roles beyond "by X": a group as modifier ("RSF shelling", "an army drone
    strike"), a participle with its agent ("shells fired by X"), and a clash's sides
    ("fighting between X and Y"; "X captured Z after fighting with Y")."""
    for child in head.children:
        if child.dep_ in {"compound", "nmod"} and child.i < head.i and child.is_alpha:
            key = agent(ctx, child)
            entity = ctx.entity(key) if key is not None else None
            if entity is not None and entity.type is EntityType.ARMED_GROUP:
                _add(cand.perpetrators, key)
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            for by in (c for c in child.children if c.dep_ == "agent"):
                for pobj in (c for c in by.children if c.dep_ == "pobj"):
                    _add(cand.perpetrators, agent(ctx, pobj))
        elif cand.type is EventType.CLASH and child.dep_ == "prep":
            word = child.lower_
            if word not in {"between", "with"}:
                continue
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                for side in (pobj, *pobj.conjuncts):
                    _add(cand.perpetrators, agent(ctx, side))
            if word == "with":
                verb = head
                while verb.pos_ != "VERB" and verb.head.i != verb.i:
                    verb = verb.head
                subj = _subject(verb) if verb.pos_ == "VERB" else None
                if subj is not None:
                    _add(cand.perpetrators, agent(ctx, subj))


def _support(ctx: Ctx, head: Token) -> Token | None:
    support = ctx.lex.words("context", "support_verbs")
    if head.dep_ in {"dobj", "nsubjpass"} and head.head.lemma_.lower() in support:
        return head.head
    for child in head.children:
        if child.dep_ in {"acl", "relcl"} and child.lemma_.lower() in support:
            return child
    return None


def _inside(ctx: Ctx, tok: Token, key: str | None) -> bool:
    if key is None:
        return False
    return any(s.key == key for s in ctx.covering(tok.idx, tok.idx + len(tok.text)))


def _accused_of(ctx: Ctx, cand: Cand, tok: Token) -> None:
    """ "X accused Y of V-ing": Y is the perpetrator of V; passive "Y was accused of"."""
    support = ctx.lex.words("context", "support_verbs")
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in support and tok.head.dep_ == "pcomp":
        tok = tok.head  # "accused X of committing massacres"
    prep = tok.head
    if tok.dep_ not in {"pcomp", "pobj"} or prep.lower_ != "of":
        return
    accusers = ctx.lex.words("reporting", "accusation_verbs")
    verb = prep.head
    if (
        verb.pos_ in {"NOUN", "PROPN"}
        and verb.dep_ == "dobj"
        and verb.head.lemma_.lower() in accusers
    ):
        _add(cand.perpetrators, agent(ctx, verb))  # "accused X of V-ing", "of" attached to X
        return
    if verb.lemma_.lower() not in accusers:
        return
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            _add(cand.perpetrators, agent(ctx, child))
