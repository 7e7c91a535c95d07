"""Mentions -> entities: one entity per real-world thing of an article.

Public entry point: :func:`resolve_entities`. Pure Python over the plain records of
:mod:`kg.resolve.candidates` (no spaCy, no rdflib).
"""

from __future__ import annotations

from collections import Counter

from kg.model import Entity, EntityType, Mention
from kg.model.iri import slugify, type_segment
from kg.resolve.candidates import (
    AreaMention,
    Candidates,
    Description,
    NameMention,
    PossessiveMention,
    RoleMention,
    Source,
)
from kg.resolve.groups import description_label, group_descriptions, mentions_of
from kg.resolve.lexicon import Lexicon, load_lexicon
from kg.resolve.named import Cluster, cluster_names, title_keys
from kg.resolve.names import display_name, name_key, words

__all__ = [
    "AreaMention",
    "Candidates",
    "Description",
    "NameMention",
    "PossessiveMention",
    "RoleMention",
    "Source",
    "resolve_entities",
]


def resolve_entities(
    candidates: Candidates, *, lexicon: Lexicon | None = None
) -> dict[str, Entity]:
    """Resolve the candidates of one article into entities, keyed by ``Entity.key``.

    Keys are ``<type-segment>:<slug of label>`` (``person:khalid-al-rashid``), with ``-2``,
    ``-3`` ... appended in text order when two entities would share one; entities come in the
    text order of their first mention.

    >>> from kg.model import Mention
    >>> body = "Khalid al-Rashid spoke. Rashid left."
    >>> names = [NameMention(Mention(0, 16, "Khalid al-Rashid"), EntityType.PERSON, Source.NER),
    ...          NameMention(Mention(24, 30, "Rashid"), EntityType.ORGANISATION, Source.NER)]
    >>> [(e.key, e.label, len(e.mentions)) for e in resolve_entities(Candidates(names)).values()]
    [('person:khalid-al-rashid', 'Khalid al-Rashid', 2)]
    """
    lexicon = lexicon or load_lexicon()
    clusters = cluster_names(candidates.names, lexicon)
    _attach_roles(candidates.roles, clusters, lexicon)
    _attach_possessives(candidates.possessives, clusters)
    built: list[Entity] = []
    joined: dict[int, list[Mention]] = {}
    for etype, members, join in group_descriptions(candidates.descriptions, clusters, lexicon):
        if join is not None:
            joined.setdefault(id(join), []).extend(mentions_of(members))
            if etype is EntityType.ARMED_GROUP and join.type is EntityType.ORGANISATION:
                join.type = EntityType.ARMED_GROUP  # its members are armed
            continue
        built.append(
            Entity(
                key="",
                type=etype,
                label=description_label(members),
                mentions=mentions_of(members),
                named=False,
            )
        )
    for c in clusters:
        built.append(_named_entity(c, lexicon, joined.get(id(c), [])))
    built.extend(_areas(candidates.areas))
    built = _merge_same_iri(built)
    built.sort(key=lambda e: (e.mentions[0], e.type.value))
    entities: dict[str, Entity] = {}
    for e in built:
        base = f"{type_segment(e.type.value)}:{slugify(e.label)}"
        key, n = base, 1
        while key in entities:
            n += 1
            key = f"{base}-{n}"
        e.key = key
        entities[key] = e
    return entities


def _merge_same_iri(built: list[Entity]) -> list[Entity]:
    """Entities of one type whose labels have one slug are one entity: their IRI
    (``<type>/<slug>``, or ``<type>/<article>/<slug>`` for described ones) is one node
    ("CA - DWR" and "CA_DWR"). The first mentioned keeps its label; the others' labels
    become alternative labels."""
    kept: dict[tuple[str, bool, str], Entity] = {}
    out: list[Entity] = []
    for e in sorted(built, key=lambda e: (e.mentions[0], e.type.value)):
        key = (e.type.value, e.named, slugify(e.label))
        host = kept.get(key)
        if host is None:
            kept[key] = e
            out.append(e)
            continue
        host.mentions = sorted(set(host.mentions) | set(e.mentions))
        host.alt_labels |= (e.alt_labels | {e.label}) - {host.label}
        for k, v in e.wikidata.items():
            host.wikidata.setdefault(k, v)
    return out


def _areas(areas: list[AreaMention]) -> list[Entity]:
    """One place per geographic noun with exactly one named area ("the Libyan coast"),
    holding the references ("the coast"); several named areas of one noun stay apart and
    their references are dropped; references without a named area are dropped."""
    entities = []
    for noun in sorted({a.noun for a in areas}):
        named = [a for a in areas if a.noun == noun and a.anchored]
        labels = {display_name(a.mention.text).casefold() for a in named}
        if len(labels) == 1:
            members = [a for a in areas if a.noun == noun]
            entities.append(
                Entity(
                    key="",
                    type=EntityType.PLACE,
                    label=display_name(named[0].mention.text),
                    mentions=sorted({a.mention for a in members}),
                )
            )
        else:
            for label in sorted(labels):
                mentions = sorted(
                    {a.mention for a in named if display_name(a.mention.text).casefold() == label}
                )
                entities.append(
                    Entity(
                        key="",
                        type=EntityType.PLACE,
                        label=display_name(mentions[0].text),
                        mentions=mentions,
                    )
                )
    return entities


def _attach_possessives(possessives: list[PossessiveMention], clusters: list[Cluster]) -> None:
    """ "his organization" -> the organisation the person last named before it was written
    with ("X from the Y"), when there is one."""
    by_begin = {n.mention.begin: c for c in clusters for n in c.names}
    for p in possessives:
        before = [
            (n.mention.begin, c)
            for c in clusters
            if c.type is EntityType.PERSON
            for n in c.names
            if n.mention.end <= p.mention.begin
        ]
        if not before:
            continue
        person = max(before, key=lambda bc: bc[0])[1]
        affiliations = {n.affiliation for n in person.names if n.affiliation is not None}
        orgs = {id(by_begin[a]): by_begin[a] for a in affiliations if a in by_begin}
        if len(orgs) == 1:
            next(iter(orgs.values())).extra.append(p.mention)


def _attach_roles(roles: list[RoleMention], clusters: list[Cluster], lexicon: Lexicon) -> None:
    """ "the president" -> the one person introduced earlier with the title of that role."""
    for r in roles:
        holders = [
            c
            for c in clusters
            if c.type is EntityType.PERSON
            and any(r.role in n.roles and n.mention.begin < r.mention.begin for n in c.names)
        ]
        if len(holders) == 1:
            holders[0].extra.append(r.mention)


def _named_entity(c: Cluster, lexicon: Lexicon, joined: list[Mention]) -> Entity:
    titles = title_keys(lexicon)
    title_words = titles  # casefolded: "Sheikh X" and "sheikh X" are the name "X"
    names = [display_name(n.mention.text, titles=title_words) for n in c.names]
    canonical = [n.canonical for n in c.names if n.canonical]
    if canonical:
        label = canonical[0]
    else:
        counts = Counter(names)
        label = max(
            names,
            # the fullest name (words, the Arabic article included), then the most frequent,
            # then the first written
            key=lambda s: (
                len(name_key(s, titles=titles)),
                len(words(s)),
                counts[s],
                -names.index(s),
            ),
        )
    mentions = {n.mention for n in c.names} | set(c.extra) | set(joined)
    mentions |= {n.apposition for n in c.names if n.apposition is not None}
    qids = sorted(c.qids)
    entity = Entity(
        key="",
        type=c.type,
        label=label,
        alt_labels=set(names) - {label},
        mentions=sorted(mentions),
    )
    if qids:
        # the snapshot item the gazetteer matched: a candidate for the linker, not a link
        entity.wikidata["gazetteer_qid"] = qids[0]
    return entity


def role_titles(lexicon: Lexicon) -> dict[tuple[str, ...], str]:
    """Title words -> role, for titles that give one."""
    return {t.words: t.role for t in lexicon.titles if t.role}
