"""Event places: the nearest locative phrase of the event's sentence ("in X", "near the city
of X", "the village of X", "X, where ..."), then an anaphoric place word ("the town", "that
same city") or the previous sentence of the paragraph, then the article's focus place."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from kg.extract.events.doc import Ctx, EntitySpan
from kg.model import EntityType, PlacePrecision


class PlaceFinder:
    """Place lookups of one article."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        lex = ctx.lex
        self.locative = lex.words("places", "locative_preps")
        self.non_locative = lex.words("places", "non_locative_preps")
        self.place_nouns = lex.words("places", "place_nouns")
        self.impact_verbs = lex.words("places", "impact_verbs")
        self.time_heads = lex.words("places", "time_heads")
        ana = lex.places.get("anaphoric_place") or {}
        self.ana_dets = {w.lower() for w in ana.get("determiners", ())}
        self.ana_nouns = {w.lower() for w in ana.get("nouns", ())}
        self.ana_words = {w.lower() for w in ana.get("words", ())}
        self.places = [
            s
            for s in ctx.spans
            if s.type is EntityType.PLACE
            # "a Britain-based monitor", "Rwanda-backed rebels": a description, not a place
            and ctx.text[s.end : s.end + 1] != "-"
            and not any(
                o.type is not EntityType.PLACE and o.begin <= s.begin and s.end <= o.end
                for o in ctx.spans
            )
        ]
        self.focus = self._focus()

    def _focus(self) -> str | None:
        counts = Counter(s.key for s in self.places)
        if not counts:
            return None
        first: dict[str, int] = {}
        for s in self.places:
            first.setdefault(s.key, s.begin)
        ranked = sorted(counts, key=lambda k: (-counts[k], first[k]))
        if len(ranked) > 1 and counts[ranked[0]] == counts[ranked[1]]:
            return None  # no place dominates: no focus rather than a guess
        return ranked[0]

    def _head(self, span: EntitySpan) -> Token | None:
        toks = self.ctx.tokens(span.begin, span.end)
        for t in toks:
            if not (span.begin <= t.head.idx < span.end) or t.head.i == t.i:
                return t
        return toks[-1] if toks else None

    def locative_node(self, span: EntitySpan) -> Token | None:
        """The token standing for a place mention in its clause, if the mention is locative."""
        node = self._head(span)
        if node is None:
            return None
        if (
            node.dep_ in {"pobj", "appos"}
            and node.head.lower_ == "of"
            and node.head.head.lemma_.lower() in self.place_nouns
        ):
            node = node.head.head
        elif node.dep_ in {"compound", "appos"} and node.head.lemma_.lower() in self.place_nouns:
            node = node.head  # "the X district", "in the country's capital, X"
        elif node.dep_ == "compound" and (
            node.head.ent_type_ in {"DATE", "TIME"} or node.head.lower_ in self.time_heads
        ):
            node = node.head  # "an attack on Kyiv overnight" parsed as "on [Kyiv overnight]"
        if node.dep_ == "pobj":
            prep = node.head.lower_
            if prep in self.locative and not self._in_relative_clause(node):
                return node
            if prep == "to" and node.head.head.lower_ in self.locative:
                return node  # "near to X", "close to X"
            return None
        if node.dep_ in {"attr", "appos"} and node.lemma_.lower() in self.place_nouns:
            return node
        if any(
            ch.dep_ == "relcl" and any(g.lower_ == "where" for g in ch.children)
            for ch in node.children
        ):
            return node
        return None

    def _in_relative_clause(self, node: Token) -> bool:
        for anc in node.ancestors:
            if anc.dep_ == "relcl" and not any(g.lower_ == "where" for g in anc.children):
                return True
        return False

    def stated(
        self, trigger: Token, *, unit: int | None = None, own: bool = False, speech: bool = False
    ) -> str | None:
        """The locative place nearest to ``trigger`` in its own sentence unit (``own``: only
        a locative attached to the trigger or to the verb that governs it). ``speech``: where
        reporting words were said: only a locative phrase of the trigger, of the verb that
        governs it or of an adverbial clause of the trigger ("Speaking at X, Y said"), not
        what the speaker talks about ("condemned X")."""
        n = self.ctx.unit_of[trigger.i] if unit is None else unit
        span = self.ctx.units[n]
        best: tuple[int, int, str] | None = None
        for place in self.places:
            if not (span.start_char <= place.begin < span.end_char):
                continue
            head = self._head(place)
            obj = head
            if (
                obj is not None
                and obj.dep_ == "compound"
                and obj.head.lemma_.lower() in self.place_nouns
            ):
                obj = obj.head
            if obj is not None and obj.dep_ == "pobj" and obj.head.lower_ == "of":
                obj = obj.head.head if obj.head.head.lemma_.lower() in self.place_nouns else obj
            if (
                not speech
                and obj is not None
                and obj.dep_ == "pobj"
                and obj.head.lower_ == "of"
                and obj.head.head == trigger
                and trigger.pos_ == "NOUN"
            ):
                return place.key  # "the fall of X", "the shelling of the town of X"
            if (
                obj is not None
                and obj.dep_ == "pobj"
                and obj.head.lower_ == "of"
                and obj.head.head.dep_ == "dobj"
                and obj.head.head.pos_ in {"NOUN", "ADJ", "PRON"}
                and not obj.head.head.ent_type_
            ):
                obj = obj.head.head  # "captured most of X", "shelled eastern parts of X"
            if speech:
                obj = None
            if obj is not None and obj.dep_ == "dobj" and obj.head == trigger:
                return place.key  # "shelled the town of X", "stormed X"
            if (
                obj is not None
                and obj.dep_ == "dobj"
                and trigger.dep_ == "nsubj"
                and obj.head == trigger.head
                and obj.head.lemma_.lower() in self.impact_verbs
            ):
                return place.key  # "shells fired by Y hit the town of X"
            node = self.locative_node(place)
            for anchor in (head, node):
                if not speech and anchor is not None and self._where_clause(anchor, trigger):
                    return place.key
            if node is None:
                continue
            if node.dep_ == "pobj" and self._inside_other_place(node.head.head, place):
                continue  # "at X in southeast Y": Y only says where X is
            verb = node.head.head
            while speech and verb.dep_ == "pobj" and verb.head.dep_ == "prep":
                verb = verb.head.head  # "at the United Nations in New York, X said"
            clause = speech and verb.head == trigger and verb.dep_ == "advcl"
            if (own or speech) and verb not in {trigger, trigger.head} and not clause:
                continue
            distance = abs(node.i - trigger.i)
            # at one place noun, the place it names ("the Tel Aviv neighborhood of Jaffa":
            # Jaffa) before the one that modifies it
            modifier = int(head is not None and head.dep_ == "compound" and head.head == node)
            if best is None or (distance, modifier) < best[:2]:
                best = (distance, modifier, place.key)
        return best[2] if best else None

    def coordinated(self, trigger: Token, key: str) -> list[str]:
        """Other places coordinated with the stated place ``key`` of ``trigger``'s unit
        ("in Kyiv, Kharkiv and Odesa", "in X and in Y", "the fall of both X and Y"), in
        text order."""
        span = self.ctx.units[self.ctx.unit_of[trigger.i]]
        here = [p for p in self.places if span.start_char <= p.begin < span.end_char]
        nodes = {id(p): self._coordination_node(p) for p in here}
        conjuncts: set[int] = set()
        for p in here:
            node = nodes[id(p)]
            if p.key != key or node is None:
                continue
            for c in node.conjuncts:
                conjuncts.add(c.i)
            if node.dep_ == "pobj" and node.head.pos_ == "ADP":
                for prep in node.head.conjuncts:  # "in X and in Y"
                    conjuncts.update(ch.i for ch in prep.children if ch.dep_ == "pobj")
        out: list[str] = []
        for p in here:
            node = nodes[id(p)]
            if p.key != key and node is not None and node.i in conjuncts and p.key not in out:
                out.append(p.key)
        return out

    def _coordination_node(self, place: EntitySpan) -> Token | None:
        """The token that stands for a place in a coordination: its head, or the place
        noun it names ("the Donbas region")."""
        node = self._head(place)
        if (
            node is not None
            and node.dep_ == "compound"
            and node.head.lemma_.lower() in (self.place_nouns)
        ):
            node = node.head
        return node

    def _inside_other_place(self, tok: Token, place: EntitySpan) -> bool:
        """``tok`` is part of the mention of a place other than ``place``."""
        return any(p.key != place.key and p.begin <= tok.idx < p.end for p in self.places)

    def _where_clause(self, node: Token, trigger: Token) -> bool:
        for child in node.children:
            if child.dep_ == "relcl" and any(g.lower_ == "where" for g in child.children):
                return child.left_edge.i <= trigger.i <= child.right_edge.i
        return False

    def anaphoric(self, unit: int) -> str | None:
        """The place an anaphoric word of the unit ("the town", "there") refers to."""
        found = self._anaphoric_span(unit)
        return found.key if found else None

    def anaphoric_unit(self, unit: int) -> int | None:
        """The sentence unit of the place an anaphoric word of ``unit`` refers to."""
        found = self._anaphoric_span(unit)
        if found is None:
            return None
        tok = self.ctx.token_at(found.begin)
        return self.ctx.unit_of[tok.i] if tok is not None else None

    def _anaphoric_span(self, unit: int) -> EntitySpan | None:
        span = self.ctx.units[unit]
        for tok in span:
            word = tok.lower_
            anaphor = word in self.ana_words or (
                word in self.ana_nouns
                and tok.pos_ == "NOUN"
                and any(ch.lower_ in self.ana_dets for ch in tok.children)
                and not any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in tok.children)
                # "the coastal region" describes a place; "that same city" points back
                and not any(
                    ch.dep_ in {"amod", "compound", "nmod"} and ch.lower_ not in self.ana_dets
                    for ch in tok.children
                )
            )
            if anaphor:
                return self.last_before(span.start_char)
        return None

    def last_before(self, char: int) -> EntitySpan | None:
        before = [
            p
            for p in self.places
            if p.end <= char and p.begin >= self.ctx.headline_end and self._not_country_only(p)
        ]
        return before[-1] if before else None

    def _not_country_only(self, place: EntitySpan) -> bool:
        entity = self.ctx.entity(place.key)
        return not (entity and entity.wikidata.get("is_country"))

    def previous(self, unit: int) -> str | None:
        """The last locative place before the unit, in its paragraph or the one before."""
        here = self.ctx.units[unit]
        para = self.ctx.para_of[here.start]
        for place in reversed(self.places):
            if place.begin >= here.start_char:
                continue
            tok = self.ctx.token_at(place.begin)
            if tok is None or self.ctx.para_of[tok.i] < para - 1 or self.ctx.in_headline(tok):
                break
            if self.locative_node(place) is not None:
                return place.key
        return None

    def resolve(
        self, triggers: list[Token], *, located: bool = True
    ) -> tuple[str | None, PlacePrecision | None]:
        """Place of an event from its trigger tokens: stated, nearby, else the focus."""
        for tok in triggers:
            key = self.stated(tok, own=not located)
            if key:
                return key, PlacePrecision.STATED
        if not located:
            return None, None
        for tok in triggers:
            n = self.ctx.unit_of[tok.i]
            key = self.anaphoric(n) or self.previous(n)
            if key:
                return key, PlacePrecision.NEARBY
        if self.focus:
            return self.focus, PlacePrecision.FOCUS
        return None, None
