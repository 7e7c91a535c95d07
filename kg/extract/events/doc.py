"""What every event step needs to know about one parsed article: sentence units that do
not cross paragraphs, the entity mention under each token, noun-phrase text, mentions."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.events.lexicon import Lexicon
from kg.extract.mentions import mention
from kg.extract.sentences import doc_text, orths
from kg.model import Described, Entity, EntityType, Extraction, Mention
from kg.model.iri import slugify

# dependents that do not belong to a noun phrase's label
_CLAUSAL = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "prep", "parataxis"}


@dataclass(slots=True)
class EntitySpan:
    begin: int
    end: int
    key: str
    type: EntityType


@dataclass(slots=True)
class Ctx:
    """One article's parse, its entities and lexicons, with lookups used by every step."""

    doc: Doc
    x: Extraction
    lex: Lexicon
    units: list[Span] = field(default_factory=list)
    unit_of: list[int] = field(default_factory=list)
    para_of: list[int] = field(default_factory=list)
    spans: list[EntitySpan] = field(default_factory=list)
    text: str = ""  # doc.text, which spaCy rebuilds from the tokens on every access
    headline_end: int = 0  # char offset where the body's first real paragraph starts
    _para: int = 0
    _starts: list[int] = field(default_factory=list)
    _pending: bool = False

    @classmethod
    def build(cls, doc: Doc, x: Extraction, lex: Lexicon) -> Ctx:
        ctx = cls(doc=doc, x=x, lex=lex, text=doc_text(doc))
        ctx._segment()
        for entity in x.entities.values():
            for m in entity.mentions:
                ctx.spans.append(EntitySpan(m.begin, m.end, entity.key, entity.type))
        ctx.spans.sort(key=lambda s: (s.begin, -s.end))
        ctx.headline_end = ctx._headline_end()
        return ctx

    # -- segmentation ----------------------------------------------------------------
    def _segment(self) -> None:
        """Sentences, cut again at line breaks (a parser sentence may run across paragraphs)."""
        doc = self.doc
        self.unit_of = [0] * len(doc)
        self.para_of = [0] * len(doc)
        self._para = 0
        self._pending = False
        texts = orths(doc)
        for sent in doc.sents:
            start = sent.start
            # a line break is a token of its own (a token's trailing whitespace_ is "" or " ")
            for i in range(sent.start, sent.end):
                if "\n" in texts[i]:
                    self._add_unit(doc[start:i])
                    self._pending = True
                    start = i + 1
            self._add_unit(doc[start : sent.end])

    def _add_unit(self, span: Span) -> None:
        s, e = span.start, span.end
        while s < e and self.doc[s].is_space:
            s += 1
        while e > s and self.doc[e - 1].is_space:
            e -= 1
        if e <= s:
            return
        if self._pending and self.units:
            self._para += 1
        self._pending = False
        n = len(self.units)
        self.units.append(self.doc[s:e])
        for i in range(s, e):
            self.unit_of[i] = n
            self.para_of[i] = self._para

    def _headline_end(self) -> int:
        """Paragraphs before the first one that ends like a sentence and has >= 20 tokens
        are headline, standfirst and captions."""
        by_para: dict[int, list[Span]] = {}
        for unit in self.units:
            by_para.setdefault(self.para_of[unit.start], []).append(unit)
        for para in sorted(by_para):
            units = by_para[para]
            n_tokens = sum(len(u) for u in units)
            last = units[-1].text.rstrip("\"'” ")
            if n_tokens >= 20 and last.endswith((".", "!", "?")):
                return units[0].start_char
        return 0

    def unit(self, tok: Token) -> Span:
        return self.units[self.unit_of[tok.i]]

    def para(self, tok: Token) -> int:
        return self.para_of[tok.i]

    def in_headline(self, tok: Token) -> bool:
        return tok.idx < self.headline_end

    # -- entities --------------------------------------------------------------------
    def covering(self, begin: int, end: int) -> list[EntitySpan]:
        """Entity mentions that contain ``[begin, end)``, outermost first."""
        found = [s for s in self.spans if s.begin <= begin and end <= s.end]
        return sorted(found, key=lambda s: (s.begin - s.end, s.begin))

    def within(self, begin: int, end: int) -> list[EntitySpan]:
        """Entity mentions inside ``[begin, end)`` that no other mention inside it contains."""
        inner = [s for s in self.spans if begin <= s.begin and s.end <= end]
        return [
            s
            for s in inner
            if not any(o is not s and o.begin <= s.begin and s.end <= o.end for o in inner)
        ]

    def entity_of(self, tok: Token) -> EntitySpan | None:
        """The entity whose outermost mention covers the head token ``tok``."""
        found = self.covering(tok.idx, tok.idx + len(tok.text))
        return found[0] if found else None

    def entity_of_np(self, head: Token) -> EntitySpan | None:
        """The entity of a noun phrase: its head's outermost mention, else an appositive's,
        else the only entity mention inside the phrase's own words."""
        hit = self.entity_of(head)
        if hit:
            return hit
        for child in head.children:
            if child.dep_ == "appos":
                hit = self.entity_of(child)
                if hit:
                    return hit
        if head.lemma_.lower() in self.lex.words("context", "group_nouns"):
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            hit = self.entity_of(pobj)
                            if hit:
                                return hit
        lo, hi = self.np_bounds(head)
        inside = self.within(self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1]))
        return inside[0] if len(inside) == 1 else None

    def entity(self, key: str) -> Entity | None:
        return self.x.entities.get(key)

    # -- noun phrases ----------------------------------------------------------------
    def np_bounds(self, head: Token, *, with_of: bool = True) -> tuple[int, int]:
        """Token bounds of a noun phrase: the head with its modifiers, and an "of" phrase."""
        lo = hi = head.i
        for child in head.children:
            if child.dep_ in _CLAUSAL and not (
                with_of and child.dep_ == "prep" and child.lower_ == "of"
            ):
                continue
            sub = list(child.subtree)
            lo = min(lo, sub[0].i)
            hi = max(hi, sub[-1].i)
        while lo < head.i and self.doc[lo].is_punct:
            lo += 1
        while hi > head.i and self.doc[hi].is_punct:
            hi -= 1
        return lo, hi + 1

    def np_text(self, head: Token) -> str:
        lo, hi = self.np_bounds(head)
        return self.doc[lo:hi].text

    def tokens(self, begin: int, end: int) -> list[Token]:
        """The tokens that start inside the characters ``[begin, end)``."""
        first = self.token_at(begin)
        if first is None:
            return []
        i = first.i if first.idx >= begin else first.i + 1
        out = []
        while i < len(self.doc) and self.doc[i].idx < end:
            out.append(self.doc[i])
            i += 1
        return out

    def mention(self, start: int, end: int, label: str) -> Mention:
        return mention(self.doc[start:end], label)

    def described(self, head: Token, *, source: bool = False) -> str:
        """Key of a Described node for the noun phrase headed by ``head`` (created once): a
        role filler, or with ``source`` a source of a claim known only by description."""
        lo, hi = self.np_bounds(head)
        mention = self.mention(lo, hi, "DESCRIBED")
        label = mention.text
        if label.lower().startswith(("the ", "a ", "an ")):
            label = label.split(" ", 1)[1]
        key = f"{'source' if source else 'described'}:{slugify(label)}"
        node = self.x.described.get(key)
        if node is None:
            node = self.x.described[key] = Described(key=key, label=label, source=source)
        if mention not in node.mentions:
            node.mentions.append(mention)
            node.mentions.sort()
        return key

    def token_at(self, char: int) -> Token | None:
        """The token that contains (or last starts before) character ``char``."""
        if not self._starts:
            self._starts = [t.idx for t in self.doc]
        i = bisect.bisect_right(self._starts, char) - 1
        return self.doc[i] if i >= 0 else None
