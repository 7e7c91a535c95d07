"""Claims: reported speech and attribution ("X said that ...", "according to X", "X
estimates", "X accused Y of ...", "quoting X", "..., he added", "as reported by X"), with the
claimant resolved through pronouns and descriptions ("he", "the same official", "His
organization" -> the organisation the last speaker belongs to)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.events.doc import Ctx
from kg.extract.events.roles import AGENT_TYPES, agent, target
from kg.extract.sentences import lemmas, lowers
from kg.model import Claim, EntityType, RelationType

_QUOTES = {'"', "“", "”", "``", "''"}


@dataclass(slots=True)
class Scope:
    """Where a claim's content lies: facts inside it come from the claim."""

    begin: int
    end: int
    claim: Claim


class ClaimReader:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        rep = ctx.lex.reporting
        self.verbs = ctx.lex.words("reporting", "verbs")
        self.accuse = ctx.lex.words("reporting", "accusation_verbs")
        self.as_by = ctx.lex.words("reporting", "as_by_verbs")
        self.quoting = ctx.lex.words("reporting", "quoting_verbs")
        self.anaphors = [tuple(p.lower().split()) for p in rep.get("speaker_anaphors", ())]
        self.org_nouns = ctx.lex.words("reporting", "organisation_nouns")
        self.subordinators = ctx.lex.words("reporting", "circumstance_subordinators")
        self.speech_objects = ctx.lex.words("reporting", "speech_objects")
        self.needs_object = ctx.lex.words("reporting", "needs_speech_object")
        self.needs_complement = ctx.lex.words("reporting", "needs_complement")
        self.source_nouns = ctx.lex.words("reporting", "source_nouns")
        self.last: str | None = None
        self.scopes: list[Scope] = []
        self.unnamed: list[tuple[int, int]] = []  # contents said by unnamed sources

    def read(self) -> list[Claim]:
        claims: list[Claim] = []
        doc = self.ctx.doc
        lower, lemma = lowers(doc), lemmas(doc)
        for n, unit in enumerate(self.ctx.units):
            for i in range(unit.start, unit.end):
                if lower[i] != "according" and lemma[i] not in self.verbs:
                    continue  # _claim_at needs one or the other
                found = self._claim_at(doc[i], n)
                if found is None:
                    continue
                claim, begin, end = found
                claim.key = f"claim:{len(claims) + 1}"
                claims.append(claim)
                self.scopes.append(Scope(begin, end, claim))
                if claim.claimant in self.ctx.x.entities:  # "he" refers to a named speaker
                    self.last = claim.claimant
        return claims

    def _claim_at(self, tok: Token, n: int) -> tuple[Claim, int, int] | None:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            return self._according(tok, n)
        if tok.pos_ == "VERB" and lemma in self.verbs and tok.dep_ != "amod":
            if (
                tok.dep_ == "advcl"
                and lemma in self.as_by
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
            ):
                return self._as_by(tok, n)
            if lemma in self.quoting and tok.dep_ == "advcl":
                return None
            if lemma in self.needs_object and not self._speech_object(tok):
                return None
            if lemma in self.needs_complement and (
                tok.dep_ in {"acl", "amod"} or not self._complement(tok)
            ):
                return None  # "an individual identifying himself as X" is no statement
            return self._said(tok, n)
        return None

    def _speech_object(self, verb: Token) -> bool:
        """ "expressed concern", "offered his condolences": the object is a speech."""
        return any(
            c.dep_ == "dobj"
            and c.lemma_.lower() in self.speech_objects
            or c.dep_ == "dobj"
            and c.lower_ in self.speech_objects
            for c in verb.children
        )

    def _complement(self, verb: Token) -> bool:
        """What was said follows: a clause, a quote, an object complement, "as" or "for" Z."""
        for c in verb.children:
            if c.i < verb.i:
                continue
            if c.dep_ in {"ccomp", "oprd", "xcomp"}:
                return True
            if c.dep_ == "prep" and c.lower_ in {"as", "for"}:
                return True
            if c.dep_ == "dobj" and any(
                g.dep_ in {"oprd", "attr", "appos"} or g.lower_ == "as" for g in c.children
            ):
                return True
        i = verb.i + 1
        unit_end = self.ctx.unit(verb).end
        while i < min(unit_end, verb.i + 8):
            if self.ctx.doc[i].text in _QUOTES:
                return True
            i += 1
        return False

    # -- claimants ---------------------------------------------------------------------
    def claimant(self, subj: Token) -> str | None:
        ctx = self.ctx
        lo, hi = ctx.np_bounds(subj)
        words = tuple(t.lower_ for t in ctx.doc[lo:hi])
        if words in self.anaphors:
            return self.last
        if subj.lemma_.lower() in self.org_nouns and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children
        ):
            person = self._speaker_person(subj)
            return self._organisation_of(person) if person else None
        named = self._titled_person(subj) or self._sent_from(subj)
        if named is not None:
            return named
        if subj.pos_ == "PRON":
            if subj.lower_ in {"he", "she"}:
                last = ctx.entity(self.last) if self.last else None
                if last is not None and last.type is EntityType.PERSON:
                    return self.last
            return agent(ctx, subj)
        if (
            subj.pos_ == "NOUN"
            and subj.lemma_.lower() in self.source_nouns
            and ctx.entity_of(subj) is None
            and not any(c.dep_ in {"appos", "prep"} for c in subj.children)
        ):
            # "Government and police sources suspect": the sources speak, not the police
            # their modifier names
            return None
        return agent(ctx, subj) or self._speaking_place(subj)

    def _titled_person(self, subj: Token) -> str | None:
        """ "Retired FBI agent Ali Soufan told NPR", "President of the European Commission
        Ursula von der Leyen condemned": in English a title or description comes before the
        name, so a person whose mention ends the subject phrase is the speaker, whatever
        organisation the title names."""
        ctx = self.ctx
        lo, hi = ctx.np_bounds(subj)
        last = hi - 1
        while last > lo and (ctx.doc[last].is_punct or ctx.doc[last].is_space):
            last -= 1
        tok = ctx.doc[last]
        hit = ctx.entity_of(tok)
        if hit is None or hit.type is not EntityType.PERSON or hit.begin < ctx.doc[lo].idx:
            return None
        return hit.key

    def _sent_from(self, subj: Token) -> str | None:
        """ "representatives from Iran acknowledged", "a report from the Mexican government
        said": people or a text sent from an entity speak for it (the claimant is the
        entity; "the mayor of X" stays a person of X)."""
        if subj.pos_ not in {"NOUN", "PROPN"} or subj.lemma_.lower() not in self.source_nouns:
            return None
        for child in subj.children:
            hit = self.ctx.entity_of(child) if child.dep_ == "appos" else None
            if hit is not None and hit.type is EntityType.PERSON:
                return None  # "an official from X, Mustafa Kneifati, acknowledged": the person
        for prep in subj.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    hit = self.ctx.entity_of_np(obj)
                    if hit is not None and hit.type in AGENT_TYPES | {EntityType.PLACE}:
                        return hit.key
        return None

    def _described_source(self, head: Token) -> str | None:
        """ "security officials said", "according to a hospital spokesperson", "the charges
        state": a source the text names only by description (its head noun is a source noun)
        becomes a described source with the text's words, scoped to the article."""
        if head.pos_ not in {"NOUN", "PROPN"}:
            return None
        if head.lemma_.lower() not in self.source_nouns and head.lower_ not in self.source_nouns:
            return None
        return self.ctx.described(head, source=True)

    def _speaking_place(self, subj: Token) -> str | None:
        """ "Iran denied the accusation", "Kyiv have accused Moscow": a place that speaks
        stands for its government (metonymy, as news writes and as ACLED codes the
        'Government of X'); the claimant is the place entity itself."""
        hit = self.ctx.entity_of(subj)
        if hit is not None and hit.type is EntityType.PLACE:
            return hit.key
        return None

    def _speaker_person(self, tok: Token) -> str | None:
        last = self.ctx.entity(self.last) if self.last else None
        if last is not None and last.type is EntityType.PERSON:
            return self.last
        return None

    def _organisation_of(self, person: str) -> str | None:
        for rel in self.ctx.x.relations:
            if rel.subject == person and rel.predicate in {
                RelationType.MEMBER_OF,
                RelationType.LEADER_OF,
            }:
                return rel.object
        return None

    # -- constructions -----------------------------------------------------------------
    def _said(self, verb: Token, n: int) -> tuple[Claim, int, int] | None:
        ctx = self.ctx
        subj = next((c for c in verb.children if c.dep_ in {"nsubj"}), None)
        if subj is None and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
            # '"...," added the same official': the speaker follows the verb
            subj = next(
                (c for c in verb.children if c.dep_ in {"dobj", "attr"} and c.i > verb.i), None
            )
        if subj is None:
            return None
        who = self.claimant(subj) or self._described_source(subj)
        if who is None:
            # a subject that is no source at all; what it said is not the claim of an outer
            # speaker
            content = self._content(verb, n)
            if content is not None:
                self.unnamed.append(content)
            return None
        via = None
        for child in verb.children:
            if child.dep_ == "advcl" and child.lemma_.lower() in self.quoting:
                obj = next((c for c in child.children if c.dep_ == "dobj"), None)
                via = target(ctx, obj) if obj is not None else None
        content = self._content(verb, n)
        if content is None:
            return None
        begin, end = content
        text = _trim(ctx.text[begin:end])
        if not text:
            return None
        mention = ctx.mention(verb.i, verb.i + 1, "REPORTING")
        return Claim(key="", claimant=who, content=text, mention=mention, via=via), begin, end

    def _content(self, verb: Token, n: int) -> tuple[int, int] | None:
        ctx = self.ctx
        lemma = verb.lemma_.lower()
        children = list(verb.children)
        for child in children:
            if (
                child.dep_ == "ccomp"
                and child.i > verb.i
                and child.left_edge.i > verb.i
                and not self._circumstance(child)
            ):
                start = child.left_edge.i
                while ctx.doc[start].dep_ == "mark" or ctx.doc[start].text in _QUOTES:
                    start += 1
                return ctx.doc[start].idx, _end(ctx, child.right_edge)
        if lemma in self.accuse:
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            of = next((c for c in children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if obj is not None and of is not None:
                return ctx.doc[obj.left_edge.i].idx, _end(ctx, of.right_edge)
        # "...," he added: the quotation before the verb in the same paragraph
        para = ctx.para_of[verb.i]
        first = min([verb] + [c for c in children if c.dep_ == "nsubj"], key=lambda t: t.i)
        quote = self._quote_before(first, para)
        if quote is not None:
            return quote
        for child in children:
            if child.dep_ == "ccomp" and child.i < verb.i:
                return ctx.doc[child.left_edge.i].idx, _end(ctx, child.right_edge)
        for child in children:
            if (
                child.dep_ in {"dobj", "ccomp", "xcomp"}
                and child.i > verb.i
                and not self._circumstance(child)
            ):
                return ctx.doc[child.left_edge.i].idx, _end(ctx, child.right_edge)
        inverted = self._inverted(verb, n)
        if inverted is not None:
            return inverted
        # "called for an investigation", "condemned ... as unjustified": what follows the
        # verb in its own clause
        after = [c for c in children if c.i > verb.i and c.dep_ in {"prep", "oprd", "attr"}]
        if after:
            last = max(after, key=lambda c: c.right_edge.i)
            return ctx.doc[after[0].left_edge.i].idx, _end(ctx, last.right_edge)
        return None

    def _circumstance(self, clause: Token) -> bool:
        """ "..., the ministry said, as fighting entered its fourth day": a clause opened by
        a subordinator is the report's circumstance, not what was said."""
        first = self.ctx.doc[clause.left_edge.i]
        if first.lower_ not in self.subordinators:
            return False
        # 'said, "As far as I know, ..."': a clause inside the quotation is what was said
        head = clause.head
        between = self.ctx.doc[min(head.i, first.i) + 1 : first.i]
        return not any(t.text in _QUOTES for t in between)

    def _inverted(self, verb: Token, n: int) -> tuple[int, int] | None:
        """ "Fighting has killed 100 people, a spokesperson for X said": the sentence before
        the comma that precedes the speaker is what was said (the parser may hang the
        reporting verb on it as a conjunct or leave the clause unattached)."""
        ctx = self.ctx
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        unit = ctx.units[n]
        if subj is None or subj.i > verb.i:
            return None
        comma = subj.left_edge.i - 1
        if comma <= unit.start or ctx.doc[comma].text != ",":
            return None
        return unit.start_char, _end(ctx, ctx.doc[comma - 1])

    def _quote_before(self, verb: Token, para: int) -> tuple[int, int] | None:
        ctx = self.ctx
        i = verb.i - 1
        while i >= 0 and (
            ctx.doc[i].is_punct and ctx.doc[i].text not in _QUOTES or ctx.doc[i].is_space
        ):
            i -= 1
        if i < 0 or ctx.doc[i].text not in _QUOTES:
            return None
        close = i
        j = close - 1
        while j >= 0 and ctx.doc[j].text not in _QUOTES and ctx.para_of[j] == para:
            j -= 1
        if j < 0 or ctx.doc[j].text not in _QUOTES or close - j < 2:
            return None
        first, last = ctx.doc[j + 1], ctx.doc[close - 1]
        return first.idx, _end(ctx, last)

    def _according(self, tok: Token, n: int) -> tuple[Claim, int, int] | None:
        ctx = self.ctx
        to = next(c for c in tok.children if c.lower_ == "to")
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        who = agent(ctx, pobj) or self._speaking_place(pobj) or self._described_source(pobj)
        if who is None:
            return None
        unit = ctx.units[n]
        start = tok.right_edge.i + 1
        while start < unit.end and ctx.doc[start].is_punct:
            start += 1
        if start < unit.end:
            begin, stop = ctx.doc[start].idx, unit.end_char
        elif tok.i > unit.start:  # "..., according to X."
            begin, stop = unit.start_char, ctx.doc[tok.i - 1].idx
        else:
            return None
        text = _trim(ctx.text[begin:stop])
        # attribution runs on to the end of the paragraph
        para = ctx.para_of[tok.i]
        end = unit.end_char
        for later in ctx.units[n + 1 :]:
            if ctx.para_of[later.start] != para:
                break
            end = later.end_char
        mention = ctx.mention(tok.i, to.i + 1, "REPORTING")
        return Claim(key="", claimant=who, content=text, mention=mention), begin, end

    def _as_by(self, verb: Token, n: int) -> tuple[Claim, int, int] | None:
        ctx = self.ctx
        by = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if pobj is None:
            return None
        who = agent(ctx, pobj)
        if who is None:
            return None
        unit = ctx.units[n]
        end_tok = ctx.doc[verb.left_edge.i - 1] if verb.left_edge.i > unit.start else None
        if end_tok is None:
            return None
        begin = unit.start_char
        end = end_tok.idx + len(end_tok.text)
        text = _trim(ctx.text[begin:end])
        assert by is not None
        mention = ctx.mention(verb.left_edge.i, by.i + 1, "REPORTING")
        return Claim(key="", claimant=who, content=text, mention=mention), begin, end


def _end(ctx: Ctx, tok: Token) -> int:
    i = tok.i
    while i > 0 and (ctx.doc[i].is_punct or ctx.doc[i].is_space):
        i -= 1
    return ctx.doc[i].idx + len(ctx.doc[i].text)


def _trim(text: str) -> str:
    text = " ".join(text.split())
    return text.strip(" ,;:\"“”'").strip()


__all__ = ["AGENT_TYPES", "ClaimReader", "Scope"]
