"""What the server says about one resource: its RDF description and the facts of its page.

The RDF description of ``<x>`` is every triple with ``<x>`` as subject or object, plus the
triples of the nodes it owns: its mentions and its casualty reports. The page shows the same
facts arranged for reading: labels, types, Wikidata links, mentions, events with roles,
casualty figures with who gave them, claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.serve.runner import QueryRunner
from kg.store import QueryResult, Term
from kg.store.results import PREFIXES

NKG = PREFIXES["nkg"]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
ALT_LABEL = PREFIXES["skos"] + "altLabel"
SAME_AS = PREFIXES["owl"] + "sameAs"
CLOSE_MATCH = PREFIXES["skos"] + "closeMatch"
ROLES = ("perpetrator", "target", "participant", "place")
ROLE_PREDICATES = {NKG + r for r in ROLES}
OWNED = (NKG + "mention", NKG + "casualtyReport")
SHOWN_APART = {RDF_TYPE, RDFS_LABEL, ALT_LABEL, SAME_AS, CLOSE_MATCH, *OWNED}
#: most rows of each section of a page (an entity named in thousands of articles)
PAGE_ROWS = 500
_PREFIX_LINES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def description_query(iri: str) -> str:
    """CONSTRUCT the description of ``iri`` (see the module docstring)."""
    owned = ", ".join(f"<{p}>" for p in OWNED)
    return (
        f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> . ?n ?np ?no }} WHERE {{\n"
        f"  {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }}\n"
        f"  UNION {{ <{iri}> ?own ?n . FILTER(?own IN ({owned})) ?n ?np ?no }}\n}}"
    )


@dataclass
class Page:
    """The facts shown on one resource page (every term already a neutral :class:`Term`)."""

    iri: str
    label: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    types: list[Term] = field(default_factory=list)
    same_as: list[tuple[str, Term]] = field(default_factory=list)
    roles: list[tuple[str, Term, str | None]] = field(default_factory=list)
    properties: list[tuple[Term, Term, str | None]] = field(default_factory=list)
    mentions: list[dict[str, Term | None]] = field(default_factory=list)
    casualties: list[dict[str, Term | None]] = field(default_factory=list)
    reported: list[dict[str, Term | None]] = field(default_factory=list)
    events: list[EventRole] = field(default_factory=list)
    claims: list[dict[str, Term | None]] = field(default_factory=list)
    incoming: list[tuple[Term, Term, str | None]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


def _records(result: QueryResult) -> list[dict[str, Term | None]]:
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def _v(term: Term | None) -> str | None:
    return term.value if term is not None else None


async def page_facts(runner: QueryRunner, iri: str) -> Page | None:
    """Gather the page of ``iri``; ``None`` when the store knows nothing about it."""
    q = _PREFIX_LINES
    out = _records(
        await runner.query(
            q + f"SELECT ?p ?o (SAMPLE(?l) AS ?ol) {{ <{iri}> ?p ?o "
            f"OPTIONAL {{ ?o rdfs:label ?l }} }} GROUP BY ?p ?o ORDER BY ?p ?o"
        )
    )
    inc = _records(
        await runner.query(
            q + f"SELECT ?s ?p (SAMPLE(?l) AS ?sl) {{ ?s ?p <{iri}> "
            f"OPTIONAL {{ ?s rdfs:label ?l }} }} GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {PAGE_ROWS}"
        )
    )
    if not out and not inc:
        return None
    page = Page(iri=iri)
    for r in out:
        p, o, label = r["p"], r["o"], _v(r["ol"])
        assert p is not None and o is not None
        if label:
            page.labels[o.value] = label
        if p.value == RDFS_LABEL and page.label is None:
            page.label = o.value
        elif p.value in (RDFS_LABEL, ALT_LABEL):
            page.alt_labels.append(o.value)
        elif p.value == RDF_TYPE:
            page.types.append(o)
        elif p.value in (SAME_AS, CLOSE_MATCH):
            page.same_as.append(("same as" if p.value == SAME_AS else "close match", o))
        elif p.value in ROLE_PREDICATES:
            page.roles.append((p.value.removeprefix(NKG), o, label))
        elif p.value not in SHOWN_APART:
            page.properties.append((p, o, label))
    page.alt_labels = sorted(set(page.alt_labels))
    specific = {o.value for role, o, _ in page.roles if role != "participant"}
    page.roles = [r for r in page.roles if not (r[0] == "participant" and r[1].value in specific)]
    page.roles.sort(key=lambda r: (ROLES.index(r[0]), r[2] or r[1].value))
    special_in = ROLE_PREDICATES | {NKG + "claimant", NKG + "about", NKG + "reportedBy"}
    for r in inc:
        s, p, label = r["s"], r["p"], _v(r["sl"])
        assert s is not None and p is not None
        if label:
            page.labels[s.value] = label
        if p.value not in special_in:
            page.incoming.append((s, p, label))
    page.mentions = _records(
        await runner.query(
            q + "SELECT DISTINCT ?text ?begin ?end ?article ?title ?context {"
            f" <{iri}> nkg:mention ?m . ?m nif:anchorOf ?text ."
            " OPTIONAL { ?m nif:beginIndex ?begin } OPTIONAL { ?m nif:endIndex ?end }"
            " OPTIONAL { ?m nkg:article ?article OPTIONAL { ?article dcterms:title ?title } }"
            " OPTIONAL { ?m nif:sentence/nif:anchorOf ?context }"
            f"}} ORDER BY ?article ?begin LIMIT {PAGE_ROWS}"
        )
    )
    page.casualties = _records(
        await runner.query(
            q + "SELECT DISTINCT ?min ?max ?by ?byLabel ?text {"
            f" <{iri}> nkg:casualtyReport ?c ."
            " OPTIONAL { ?c nkg:deathsMin ?min } OPTIONAL { ?c nkg:deathsMax ?max }"
            " OPTIONAL { ?c nkg:reportedBy ?by OPTIONAL { ?by rdfs:label ?byLabel } }"
            " OPTIONAL { ?c nkg:mention/nif:anchorOf ?text } } ORDER BY ?c"
            f" LIMIT {PAGE_ROWS}"
        )
    )
    page.reported = _records(
        await runner.query(
            q + "SELECT DISTINCT ?event ?eventLabel ?min ?max ?text {"
            f" ?c nkg:reportedBy <{iri}> . ?event nkg:casualtyReport ?c ."
            " OPTIONAL { ?event rdfs:label ?eventLabel }"
            " OPTIONAL { ?c nkg:deathsMin ?min } OPTIONAL { ?c nkg:deathsMax ?max }"
            " OPTIONAL { ?c nkg:mention/nif:anchorOf ?text } } ORDER BY ?event"
            f" LIMIT {PAGE_ROWS}"
        )
    )
    roles = ", ".join(f"nkg:{r}" for r in ROLES)
    rows = _records(
        await runner.query(
            q + "SELECT DISTINCT ?event ?role ?label ?date ?type {"
            f" ?event ?role <{iri}> . FILTER(?role IN ({roles})) ?event a nkg:Event ."
            " OPTIONAL { ?event rdfs:label ?label } OPTIONAL { ?event nkg:date ?date }"
            " OPTIONAL { ?event a ?type FILTER(?type != nkg:Event) } } ORDER BY ?date ?event"
            f" LIMIT {PAGE_ROWS}"
        )
    )
    page.events = _group_events(rows)
    page.claims = _records(
        await runner.query(
            q + "SELECT DISTINCT ?claim ?relation ?content ?claimant ?claimantLabel {"
            f" {{ ?claim nkg:claimant <{iri}> BIND('by' AS ?relation) }}"
            f" UNION {{ ?claim nkg:about <{iri}> BIND('about' AS ?relation) }}"
            f" UNION {{ <{iri}> nkg:basedOnClaim ?claim BIND('source' AS ?relation) }}"
            " ?claim nkg:content ?content ."
            " OPTIONAL { ?claim nkg:claimant ?claimant"
            " OPTIONAL { ?claimant rdfs:label ?claimantLabel } } } ORDER BY ?claim"
            f" LIMIT {PAGE_ROWS}"
        )
    )
    return page


@dataclass
class EventRole:
    """One event a resource takes part in, with its roles in it."""

    event: Term
    label: Term | None
    date: Term | None
    roles: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)


def _group_events(rows: list[dict[str, Term | None]]) -> list[EventRole]:
    """One entry per event with its roles; ``participant`` is dropped where a more
    specific role (perpetrator, target) is present."""
    events: dict[str, EventRole] = {}
    for r in rows:
        event = r["event"]
        assert event is not None
        entry = events.setdefault(event.value, EventRole(event, r["label"], r["date"]))
        role, kind = r["role"], r["type"]
        if role is not None and role.value.removeprefix(NKG) not in entry.roles:
            entry.roles.append(role.value.removeprefix(NKG))
        if kind is not None and kind.value not in entry.types:
            entry.types.append(kind.value)
    for entry in events.values():
        if {"perpetrator", "target"} & set(entry.roles) and "participant" in entry.roles:
            entry.roles.remove("participant")
        entry.roles.sort()
        entry.types.sort()
    return list(events.values())
