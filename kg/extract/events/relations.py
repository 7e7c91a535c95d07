"""Relations the text states: positions ("President X", "the country's intelligence chief,
X"), membership ("X from the Y"), leadership ("X, one of the leaders of Y", "Y led by X"),
loyalty ("troops loyal to X"), location ("X, <Country>"; a place of the article's country
according to the gazetteer)."""

from __future__ import annotations

from collections import Counter
from functools import cache

from spacy.tokens import Token

from kg.extract.events.doc import Ctx, EntitySpan
from kg.gazetteer import GazetteerItem, load_snapshot
from kg.model import Entity, EntityType, Relation, RelationType

_ORGS = {EntityType.ORGANISATION, EntityType.ARMED_GROUP}


@cache
def _places_by_name() -> dict[str, tuple[GazetteerItem, ...]]:
    table: dict[str, list[GazetteerItem]] = {}
    for item in load_snapshot():
        if item.type == "Place":
            for name in item.names:
                table.setdefault(name.lower(), []).append(item)
    return {k: tuple(v) for k, v in table.items()}


def gazetteer_place(entity: Entity) -> GazetteerItem | None:
    """The snapshot item of a place entity: its link, else an unambiguous name match."""
    by_name = _places_by_name()
    if entity.same_as:
        for items in by_name.values():
            for item in items:
                if item.qid == entity.same_as:
                    return item
    found = {
        item.qid: item
        for name in {entity.label, *entity.alt_labels}
        for item in by_name.get(name.lower(), ())
    }
    return next(iter(found.values())) if len(found) == 1 else None


class RelationReader:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        rel = ctx.lex.relations
        self.titles = {
            tuple(k.lower().split()): str(v) for k, v in (rel.get("titles") or {}).items()
        }
        self.national = {t.lower() for t in rel.get("national_titles", ())}
        self.possessives = [
            tuple(p.lower().replace("'s", " 's").split())
            for p in rel.get("country_possessives", ())
        ]
        self.member_preps = ctx.lex.words("relations", "member_preps")
        self.leader_nouns = ctx.lex.words("relations", "leader_nouns")
        self.leader_verbs = ctx.lex.words("relations", "leader_verbs")
        self.loyal = ctx.lex.words("relations", "loyal_adjectives")
        self.past = ctx.lex.words("relations", "past_markers")
        self.countries: dict[str, str] = {}  # entity key -> country QID for country entities
        self.country_name: dict[str, str] = {}
        for e in ctx.x.entities.values():
            if e.type is EntityType.PLACE:
                item = gazetteer_place(e)
                if item and item.country == item.qid:
                    self.countries[e.key] = item.qid
                    self.country_name[e.key] = item.label
        self.out: list[Relation] = []

    def article_country(self) -> str | None:
        """The country entity the article is about: the most mentioned one."""
        counts = Counter({k: len(self.ctx.x.entities[k].mentions) for k in self.countries})
        return counts.most_common(1)[0][0] if counts else None

    def read(self) -> list[Relation]:
        for span in self.ctx.spans:
            if span.type is EntityType.PERSON:
                self._person(span)
            elif span.type in _ORGS:
                self._group(span)
            elif span.type is EntityType.PLACE:
                self._place(span)
        self._gazetteer_locations()
        seen: set[tuple[str, str, str]] = set()
        result = []
        for r in self.out:
            sig = (r.subject, r.predicate.value, r.object)
            if sig not in seen and r.subject != r.object:
                seen.add(sig)
                result.append(r)
        return result

    def _add(self, subject: str, predicate: RelationType, obj: str, start: int, end: int) -> None:
        self.out.append(Relation(subject, predicate, obj, self.ctx.mention(start, end, "RELATION")))

    def _tokens(self, span: EntitySpan) -> list[Token]:
        return self.ctx.tokens(span.begin, span.end)

    def _title_at(self, words: list[str]) -> tuple[int, str] | None:
        """Longest title ending at the end of ``words``."""
        for size in (3, 2, 1):
            if len(words) >= size and tuple(words[-size:]) in self.titles:
                return size, self.titles[tuple(words[-size:])]
        return None

    def _position(self, title: str, country_key: str | None) -> str:
        if title.lower() in self.national and country_key:
            return f"{title} of {self.country_name[country_key]}"
        return title

    def _person(self, span: EntitySpan) -> None:
        ctx = self.ctx
        toks = self._tokens(span)
        if not toks:
            return
        first = toks[0]
        # "President X": the title inside the mention or just before it
        words = [t.lower_ for t in toks]
        for cut in range(1, min(4, len(toks))):
            hit = self._title_at(words[:cut])
            if hit and hit[0] == cut and toks[cut].pos_ == "PROPN":
                self._title(span.key, hit[1], toks[0].i, toks[cut - 1].i + 1, first)
                break
        else:
            before = [t.lower_ for t in ctx.doc[max(0, first.i - 3) : first.i]]
            hit = self._title_at(before)
            if hit and not ctx.doc[first.i - 1].is_punct:
                self._title(span.key, hit[1], first.i - hit[0], first.i, ctx.doc[first.i - hit[0]])
        head = max(toks, key=lambda t: t.head.i < toks[0].i or t.head.i > toks[-1].i)
        # apposition: "The country's intelligence chief, X" / "X, one of the leaders of Y"
        for node in (head.head,) if head.dep_ == "appos" else ():
            self._descriptor(span.key, node, appositive=head)
        for child in head.children:
            if child.dep_ == "appos":
                self._descriptor(span.key, child, appositive=head)
            if child.dep_ == "prep" and child.lower_ in self.member_preps:
                self._member(span.key, child)

    def _title(self, key: str, title: str, start: int, end: int, first: Token) -> None:
        country = self._country_modifier(first) or self.article_country()
        self._add(key, RelationType.HOLDS_POSITION, self._position(title, country), start, end)

    def _country_modifier(self, first: Token) -> str | None:
        """A country named just before a title ("Syrian President", "the country's")."""
        words = [t.lower_ for t in self.ctx.doc[max(0, first.i - 3) : first.i]]
        for p in self.possessives:
            if tuple(words[-len(p) :]) == p:
                return self.article_country()
        return None

    def _descriptor(self, key: str, node: Token, *, appositive: Token) -> None:
        ctx = self.ctx
        lo, hi = ctx.np_bounds(node, with_of=False)
        words = [t.lower_ for t in ctx.doc[lo:hi]]
        if any(w in self.past for w in words):
            return
        hit = self._title_at(words)
        if hit:
            country = None
            if any(tuple(words[: len(p)]) == p for p in self.possessives):
                country = self.article_country()
            first = ctx.entity_of(ctx.doc[lo])
            if first and first.key in self.countries and "'s" in words:
                country = first.key  # "Sudan's army chief"
            self._add(key, RelationType.HOLDS_POSITION, self._position(hit[1], country), lo, hi)
        lemma = node.lemma_.lower()
        if lemma == "one":  # "one of the main leaders of Y"
            inner = [
                g for c in node.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
            ]
            node = inner[0] if inner else node
            lemma = node.lemma_.lower()
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in {"of"} and lemma in self.leader_nouns:
                org = self._org_in(child)
                if org:
                    self._add(key, RelationType.LEADER_OF, org, lo, child.right_edge.i + 1)
            elif child.dep_ == "prep" and child.lower_ in self.member_preps:
                self._member(key, child)

    def _org_in(self, prep: Token) -> str | None:
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                hit = self.ctx.entity_of_np(pobj)
                if hit and hit.type in _ORGS:
                    return hit.key
        return None

    def _member(self, key: str, prep: Token) -> None:
        org = self._org_in(prep)
        if org:
            self._add(key, RelationType.MEMBER_OF, org, prep.head.i, prep.right_edge.i + 1)

    def _group(self, span: EntitySpan) -> None:
        """ "troops loyal to X" inside a group's mention; "Y led by X" after it."""
        ctx = self.ctx
        for tok in self._tokens(span):
            if tok.lemma_.lower() in self.loyal:
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ == "to":
                        for pobj in prep.children:
                            if pobj.dep_ != "pobj":
                                continue
                            for hit in ctx.covering(pobj.idx, pobj.idx + len(pobj.text)):
                                if hit.key != span.key and hit.type in {EntityType.PERSON} | _ORGS:
                                    self._add(
                                        span.key,
                                        RelationType.LOYAL_TO,
                                        hit.key,
                                        tok.i,
                                        pobj.right_edge.i + 1,
                                    )
                                    break
        toks = self._tokens(span)
        if not toks:
            return
        head = toks[-1]
        for child in head.children:
            if child.dep_ == "acl" and child.lemma_.lower() in self.leader_verbs:
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            leader = ctx.entity_of_np(pobj) if pobj.dep_ == "pobj" else None
                            if leader and leader.type is EntityType.PERSON:
                                self._add(
                                    leader.key,
                                    RelationType.LEADER_OF,
                                    span.key,
                                    child.i,
                                    pobj.right_edge.i + 1,
                                )

    def _place(self, span: EntitySpan) -> None:
        """ "X, <Country>": a place followed by a comma and a country, unless the two are
        items of a list of countries ("bids from England, Portugal and Spain") or the
        gazetteer puts X in another country (or X is a country)."""
        ctx = self.ctx
        toks = self._tokens(span)
        if not toks:
            return
        nxt = toks[-1].i + 1
        if nxt + 1 < len(ctx.doc) and ctx.doc[nxt].text == ",":
            after = ctx.entity_of(ctx.doc[nxt + 1])
            if after and after.key in self.countries and after.key != span.key:
                known = gazetteer_place(ctx.x.entities[span.key])
                if known is not None and known.country not in (None, self.countries[after.key]):
                    return
                if self._country_list(toks[0].i, after):
                    return
                self._add(span.key, RelationType.LOCATED_IN, after.key, toks[0].i, nxt + 2)

    def _country_list(self, first: int, country: EntitySpan) -> bool:
        """Another country right before the place starting at token ``first`` (", ") or right
        after ``country`` (", ", "and", "or"): the names are items of a list of countries."""
        doc, ctx = self.ctx.doc, self.ctx

        def country_at(i: int) -> bool:
            found = ctx.entity_of(doc[i]) if 0 <= i < len(doc) else None
            return found is not None and found.key in self.countries

        if first >= 2 and doc[first - 1].text == "," and country_at(first - 2):
            return True
        last = ctx.token_at(country.end - 1)
        i = last.i + 1 if last is not None else len(doc)
        return i < len(doc) and doc[i].lower_ in (",", "and", "or") and country_at(i + 1)

    def _gazetteer_locations(self) -> None:
        """A place whose snapshot country is a country the article names (no mention)."""
        by_qid = {qid: key for key, qid in self.countries.items()}
        for e in self.ctx.x.entities.values():
            if e.type is not EntityType.PLACE or e.key in self.countries:
                continue
            item = gazetteer_place(e)
            if item and item.country in by_qid:
                self.out.append(
                    Relation(e.key, RelationType.LOCATED_IN, by_qid[item.country], None)
                )
