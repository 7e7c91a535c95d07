"""Mentions -> entities: one entity per real-world thing of an article.

Public entry point: :func:`resolve_entities`. Pure Python over the plain records of
:mod:`kg.resolve.candidates` (no spaCy, no rdflib).
"""

from __future__ import annotations

from collections import Counter

from kg.model import Entity, EntityType, Mention
from kg.model.iri import slugify, type_segment
from kg.resolve.candidates import (
    Candidates,
    Description,
    NameMention,
    RoleMention,
    Source,
)
from kg.resolve.groups import description_label, group_descriptions, mentions_of
from kg.resolve.lexicon import Lexicon, load_lexicon
from kg.resolve.named import Cluster, cluster_names, title_keys
from kg.resolve.names import display_name, name_key

__all__ = [
    "Candidates",
    "Description",
    "NameMention",
    "RoleMention",
    "Source",
    "resolve_entities",
]


def resolve_entities(
    candidates: Candidates, *, lexicon: Lexicon | None = None
) -> dict[str, Entity]:
    """Resolve the candidates of one article into entities, keyed by ``Entity.key``.

    Keys are ``<type-segment>:<slug of label>`` (``person:ahmed-al-sharaa``), with ``-2``,
    ``-3`` ... appended in text order when two entities would share one; entities come in the
    text order of their first mention.

    >>> from kg.model import Mention
    >>> body = "Ahmed al-Sharaa spoke. Sharaa left."
    >>> names = [NameMention(Mention(0, 15, "Ahmed al-Sharaa"), EntityType.PERSON, Source.NER),
    ...          NameMention(Mention(23, 29, "Sharaa"), EntityType.ORGANISATION, Source.NER)]
    >>> [(e.key, e.label, len(e.mentions)) for e in resolve_entities(Candidates(names)).values()]
    [('person:ahmed-al-sharaa', 'Ahmed al-Sharaa', 2)]
    """
    lexicon = lexicon or load_lexicon()
    clusters = cluster_names(candidates.names, lexicon)
    _attach_roles(candidates.roles, clusters, lexicon)
    built: list[Entity] = []
    joined: dict[int, list[Mention]] = {}
    for etype, members, join in group_descriptions(candidates.descriptions, clusters, lexicon):
        if join is not None:
            joined.setdefault(id(join), []).extend(mentions_of(members))
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
    title_words = {t.words for t in lexicon.titles}
    names = [display_name(n.mention.text, titles=title_words) for n in c.names]
    canonical = [n.canonical for n in c.names if n.canonical]
    if canonical:
        label = canonical[0]
    else:
        counts = Counter(names)
        label = max(
            names,
            key=lambda s: (len(name_key(s, titles=titles)), len(s), counts[s], -names.index(s)),
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
