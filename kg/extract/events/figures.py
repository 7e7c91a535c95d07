"""Casualty figures: a count of people (digits, number words or a vague quantity) with its
modifier ("at least", "nearly", "more than"...), killed or injured from the words around it.
The rules and their sources are in data/lexicons/README.md."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.events.doc import Ctx
from kg.extract.sentences import lowers
from kg.model import CasualtyKind, Mention

_ARGS = {"nsubj", "nsubjpass", "dobj"}


@dataclass(slots=True)
class Figure:
    """One casualty figure before it is attached to an event."""

    kind: CasualtyKind
    minimum: int | None
    maximum: int | None
    mention: Mention
    count: Token  # the number's head token
    verb: Token | None  # the casualty word that governs it, when there is one


class FigureReader:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        nums = ctx.lex.numbers
        self.words = {str(k).lower(): int(v) for k, v in (nums.get("words") or {}).items()}
        self.vague = {str(k).lower(): int(v) for k, v in (nums.get("vague") or {}).items()}
        self.modifiers = {
            tuple(str(k).lower().split()): str(v) for k, v in (nums.get("modifiers") or {}).items()
        }
        cas = ctx.lex.casualties
        self.kill_verbs = {w.lower() for w in cas["killed"].get("verbs", ())}
        self.kill_nouns = {w.lower() for w in cas["killed"].get("nouns", ())} | {
            w.lower() for w in cas["killed"].get("adjectives", ())
        }
        self.hurt_verbs = {w.lower() for w in cas["injured"].get("verbs", ())}
        self.hurt_nouns = {w.lower() for w in cas["injured"].get("nouns", ())} | {
            w.lower() for w in cas["injured"].get("adjectives", ())
        }
        self.people = {w.lower() for w in cas.get("people_nouns", ())}
        self.tolls = {w.lower() for w in cas["killed"].get("toll_nouns", ())}

    def value(self, tok: Token) -> int | None:
        text = tok.lower_.replace(",", "")
        if text.isdecimal():  # what re's \d+ matches
            return int(text)
        if text in self.vague and tok.pos_ in {"NOUN", "NUM", "ADJ", "DET"}:
            return None
        parts = text.split("-")
        if all(p in self.words for p in parts):
            return sum(self.words[p] for p in parts)
        return None

    def figures(self) -> list[Figure]:
        out: list[Figure] = []
        doc = self.ctx.doc
        words, vague_words = self.words, self.vague
        for i, lower in enumerate(lowers(doc)):
            # what value() and the vague-word test below look at first, without a Token
            text = lower.replace(",", "")
            if not (
                text.isdecimal() or lower in vague_words or all(p in words for p in text.split("-"))
            ):
                continue
            tok = doc[i]
            if tok.is_space:
                continue
            number = self.value(tok)
            vague = tok.lower_ in self.vague and tok.pos_ in {"NOUN", "NUM", "ADJ"}
            if number is None and not vague:
                continue
            if tok.lower_ == "one" and tok.dep_ != "nummod":
                continue  # "one of the ..."
            kind, verb = self._kind(tok)
            if kind is None or self._subset(tok):
                continue
            lo, mode = self._modifier(tok)
            minimum: int | None
            maximum: int | None
            if vague:
                minimum, maximum = self.vague[tok.lower_], None
            else:
                assert number is not None
                minimum, maximum = _apply(mode, number)
            out.append(
                Figure(kind, minimum, maximum, self.ctx.mention(lo, tok.i + 1, "NUMBER"), tok, verb)
            )
        out.extend(self._none())
        out.sort(key=lambda f: f.mention.begin)
        return out

    def _none(self) -> list[Figure]:
        """ "produced no casualties", "there were no deaths": a figure of zero killed."""
        zero_nouns = self.ctx.lex.words("casualties", "zero_nouns")
        out: list[Figure] = []
        for i, lower in enumerate(lowers(self.ctx.doc)):
            if lower != "no":
                continue
            tok = self.ctx.doc[i]
            if tok.dep_ == "det" and _is(tok.head, zero_nouns):
                noun = tok.head
                mention = self.ctx.mention(tok.i, noun.i + 1, "NUMBER")
                out.append(Figure(CasualtyKind.KILLED, 0, 0, mention, noun, None))
        return out

    def _subset(self, tok: Token) -> bool:
        """ "nine people, three children among the dead": a part of another figure, not a
        report of its own."""
        node = tok.head if tok.dep_ == "nummod" else tok
        return any(ch.dep_ == "prep" and ch.lower_ == "among" for ch in node.children)

    def _toll(self, tok: Token) -> Token | None:
        """ "the death toll rose to N", "put the toll at N", "bringing the toll to N": the
        count is the object of "to"/"at" on a verb whose subject or object is a toll noun."""
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ not in {"to", "at"}:
            return None
        verb = prep.head
        for arg in verb.children:
            if arg.dep_ in {"nsubj", "dobj", "nsubjpass"} and arg.lemma_.lower() in self.tolls:
                return arg
        return None

    def _modifier(self, tok: Token) -> tuple[int, str]:
        doc = self.ctx.doc
        for size in (3, 2, 1):
            lo = tok.i - size
            if lo < 0:
                continue
            words = tuple(t.lower_ for t in doc[lo : tok.i])
            if words in self.modifiers:
                return lo, self.modifiers[words]
        return tok.i, "exact"

    def _kind(self, tok: Token) -> tuple[CasualtyKind | None, Token | None]:
        """Killed or injured: the casualty word the count (or its noun) depends on."""
        node = tok
        if tok.dep_ == "nummod" or (tok.dep_ in {"amod", "quantmod"} and tok.head.pos_ == "NOUN"):
            node = tok.head
        noun = node.lemma_.lower()
        if _is(node, self.kill_nouns):
            return CasualtyKind.KILLED, node
        if _is(node, self.hurt_nouns):
            return CasualtyKind.INJURED, node
        # "corpses, nearly twenty", "a pile of corpses, nearly twenty": apposition
        if node.dep_ == "appos":
            head = node.head
            heads = [head] + [g for p in head.children if p.lower_ == "of" for g in p.children]
            for h in heads:
                if _is(h, self.kill_nouns):
                    return CasualtyKind.KILLED, h
        people = noun in self.people or any(
            ch.dep_ == "prep"
            and ch.lower_ == "of"
            and any(g.lemma_.lower() in self.people for g in ch.children)
            for ch in node.children
        )
        toll = self._toll(tok)
        if toll is not None:
            return CasualtyKind.KILLED, toll
        if not people and node is tok and tok.dep_ not in {"nsubj", "nsubjpass", "dobj"}:
            return None, None
        head = node.head
        if node.dep_ == "pobj" and head.lower_ == "of" and _is(head.head, self.kill_nouns):
            return CasualtyKind.KILLED, head.head  # "the death of at least 50 people"
        for _ in range(2):
            lemma = head.lemma_.lower()
            if head.pos_ in {"VERB", "ADJ", "AUX"} or lemma in self.kill_verbs | self.hurt_verbs:
                if lemma in self.kill_verbs:
                    return CasualtyKind.KILLED, head
                if lemma in self.hurt_verbs or lemma in self.hurt_nouns:
                    return CasualtyKind.INJURED, head
                if node.dep_ in {"dobj", "nsubjpass"}:
                    # "left six soldiers dead", "shot dead three people": the state word is
                    # the verb's own complement in the parse
                    for child in head.children:
                        if child.dep_ in {"oprd", "acomp", "advmod", "xcomp", "ccomp", "amod"}:
                            word = child.lemma_.lower()
                            if word in self.kill_nouns:
                                return CasualtyKind.KILLED, child
                            if word in self.hurt_nouns:
                                return CasualtyKind.INJURED, child
                # "400,000 people had fled": the count is another verb's argument
                if (
                    head.pos_ == "VERB"
                    and head.i != node.i
                    and node.dep_ in _ARGS
                    and not any(ch.dep_ in {"amod", "oprd", "acomp"} for ch in node.children)
                ):
                    return None, None
            # "killed 12 and wounded 30": conjoined verbs; "left 12 dead": predicate adjectives
            for child in node.children:
                if child.dep_ in {"amod", "oprd", "acomp"}:
                    word = child.lemma_.lower()
                    if word in self.kill_nouns:
                        return CasualtyKind.KILLED, child
                    if word in self.hurt_nouns:
                        return CasualtyKind.INJURED, child
            if head.dep_ in {"relcl", "acl"} or head.head.i == head.i:
                break
            head = head.head
        return None, None


def _is(tok: Token, words: AbstractSet[str]) -> bool:
    """Lemma or surface form in ``words`` (the lemmatizer gets some plurals wrong)."""
    lower = tok.lower_
    return tok.lemma_.lower() in words or lower in words or lower.rstrip("s") in words


def _apply(mode: str, n: int) -> tuple[int | None, int | None]:
    if mode == "min":
        return n, None
    if mode == "min_plus_one":
        return n + 1, None
    if mode == "max":
        return None, n
    if mode == "max_minus_one":
        return None, max(n - 1, 0)
    return n, n  # exact, and "about n" (documented: a point figure, no range invented)
