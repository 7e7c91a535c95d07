"""Clustering proper-name mentions into one entity per real-world thing.

Rules, in order (general, no list of names):

1. Same snapshot item (QID), same community, or the same normalised name
   (:func:`kg.resolve.names.name_key`: case, diacritics, determiner, titles, "al-",
   possessive ignored) are one entity.
2. A person's shorter name whose tokens are a subsequence of a longer person name
   ("Karim" < "Abdul Karim" < "Yusuf Abdul Karim") joins it; a shorter name that a model
   mislabelled (an NER ORG "Rashid") joins it too. When the shorter name fits several
   different persons of the article ("Hassan" with "Ali al-Hassan" and "Omar al-Hassan"),
   each mention goes to the person mentioned most recently before it.
3. An organisation name contained in a longer organisation name (two words at least), or an
   acronym equal to the initials of one, joins it; so does an acronym in parentheses right
   after a name ("the Group for the Support of Islam and Muslims (JNIM)").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from kg.caching import by_identity
from kg.model import EntityType, Mention
from kg.resolve.candidates import NameMention, Source
from kg.resolve.lexicon import Lexicon, Title
from kg.resolve.names import (
    display_name,
    initials,
    is_contiguous,
    is_subsequence,
    name_key,
)

_TYPE_ORDER = {
    EntityType.PERSON: 0,
    EntityType.ORGANISATION: 1,
    EntityType.ARMED_GROUP: 2,
    EntityType.PLACE: 3,
    EntityType.COMMUNITY: 4,
}


@dataclass(slots=True)
class Cluster:
    """Mentions believed to name one thing."""

    names: list[NameMention] = field(default_factory=list)
    extra: list[Mention] = field(default_factory=list)
    joined_person: bool = False
    type: EntityType = EntityType.PERSON
    # (titles, number of names) -> their keys: names are only ever added, and the merge
    # rules ask for the keys of every cluster again for each cluster they place
    _memo: tuple[object, int, frozenset[tuple[str, ...]]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def first(self) -> int:
        return min(n.mention.begin for n in self.names)

    @property
    def qids(self) -> set[str]:
        return {n.qid for n in self.names if n.qid}

    def keys(self, titles: AbstractSet[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
        memo = self._memo
        if memo is not None and memo[0] is titles and memo[1] == len(self.names):
            return memo[2]
        keys = frozenset(name_key(n.mention.text, titles=titles) for n in self.names)
        self._memo = (titles, len(self.names), keys)
        return keys

    def longest(self, titles: AbstractSet[tuple[str, ...]]) -> tuple[str, ...]:
        return max(self.keys(titles), key=lambda k: (len(k), k))


def title_keys(lexicon: Lexicon) -> frozenset[tuple[str, ...]]:
    return _title_keys(lexicon.titles)


@by_identity  # hashing a lexicon's titles on every call costs more than the keys
def _title_keys(titles: tuple[Title, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(w.casefold() for w in t.words) for t in titles)


def _initial_key(n: NameMention, titles: AbstractSet[tuple[str, ...]]) -> tuple[str, ...]:
    if n.qid:
        return ("qid", n.qid)
    if n.canonical:
        return ("community", n.canonical)
    return ("name", *name_key(n.mention.text, titles=titles))


def decide_type(cluster: Cluster, lexicon: Lexicon) -> EntityType:
    """Gazetteer type, else community pattern, else descriptor nouns, else a person a short
    name joined, else the NER majority; an organisation whose name has an armed-group word
    ("Front", "Forces", "Jabhat") is an armed group."""
    names = cluster.names
    gazetteer = [n.type for n in names if n.source is Source.GAZETTEER]
    described = [n.descriptor_type for n in names if n.descriptor_type]
    if gazetteer:
        etype = gazetteer[0]
    elif any(n.source is Source.PATTERN for n in names):
        etype = EntityType.COMMUNITY
    elif described:
        etype = _majority(described)
    elif cluster.joined_person:
        etype = EntityType.PERSON
    else:
        etype = _majority([n.type for n in names])
    if etype is EntityType.ORGANISATION and not gazetteer:
        tokens = {w.casefold() for n in names for w in n.mention.text.replace("-", " ").split()}
        if tokens & lexicon.armed_group_names:
            etype = EntityType.ARMED_GROUP
    return etype


def _majority(types: list[EntityType]) -> EntityType:
    counts = Counter(types)
    return min(counts, key=lambda t: (-counts[t], _TYPE_ORDER[t]))


def cluster_names(names: list[NameMention], lexicon: Lexicon) -> list[Cluster]:
    """Cluster name mentions by rules 1-3 of the module docstring (in text order)."""
    titles = title_keys(lexicon)
    by_key: dict[tuple[str, ...], Cluster] = {}
    for n in sorted(names, key=lambda n: n.mention):
        by_key.setdefault(_initial_key(n, titles), Cluster()).names.append(n)
    clusters = _merge_aliases(_merge_same_names(list(by_key.values()), titles))
    for c in clusters:
        c.type = decide_type(c, lexicon)
    clusters = _merge_contained_persons(clusters, titles)
    clusters = _merge_spelling_variants(clusters, titles)
    clusters = _merge_contained_organisations(clusters, titles)
    for c in clusters:
        c.type = decide_type(c, lexicon)
    return sorted(clusters, key=lambda c: c.first)


def _merge_same_names(
    clusters: list[Cluster], titles: AbstractSet[tuple[str, ...]]
) -> list[Cluster]:
    """Union clusters sharing a normalised name (unless they hold different QIDs)."""
    return _join_into_first(
        clusters,
        lambda m, c: (
            bool(m.keys(titles) & c.keys(titles)) and not (m.qids and c.qids and m.qids != c.qids)
        ),
    )


def _join_into_first(
    clusters: list[Cluster], joins: Callable[[Cluster, Cluster], bool]
) -> list[Cluster]:
    """Clusters in text order, each joined into the first earlier one that ``joins``
    (earlier, new) accepts, else kept as a cluster of its own."""
    result: list[Cluster] = []
    for c in sorted(clusters, key=lambda c: c.first):
        target = next((m for m in result if joins(m, c)), None)
        if target is None:
            result.append(c)
        else:
            target.names.extend(c.names)
    return result


def _merge_aliases(clusters: list[Cluster]) -> list[Cluster]:
    """An acronym in parentheses right after a name ("... Muslims (JNIM)") joins that name."""
    result = list(clusters)
    for c in clusters:
        alias = next((n.alias_of for n in c.names if n.alias_of is not None), None)
        if alias is None or c not in result:
            continue
        host = next(
            (h for h in result if h is not c and any(n.mention.begin == alias for n in h.names)),
            None,
        )
        if host is not None:
            host.names.extend(c.names)
            result.remove(c)
    return result


def _can_be_person(c: Cluster) -> bool:
    if c.type is EntityType.PERSON:
        return True
    # a model's wrong label may be overruled; a gazetteer, pattern or descriptor may not
    return all(n.source is Source.NER and n.descriptor_type is None for n in c.names)


def _merge_contained_persons(
    clusters: list[Cluster], titles: AbstractSet[tuple[str, ...]]
) -> list[Cluster]:
    ordered = sorted(clusters, key=lambda c: (-len(c.longest(titles)), c.first))
    result: list[Cluster] = []
    for c in ordered:
        short = c.keys(titles)
        hosts: list[Cluster] = []
        if _can_be_person(c):
            qids = c.qids
            for h in result:
                if h.type is not EntityType.PERSON or (qids and h.qids and h.qids != qids):
                    continue
                longest = h.longest(titles)
                if all(len(k) < len(longest) and is_subsequence(k, longest) for k in short):
                    hosts.append(h)
        if not hosts:
            result.append(c)
            continue
        for n in c.names:
            _nearest_before(hosts, n.mention.begin).names.append(n)
        for h in hosts:
            h.joined_person = True
    return result


def _merge_spelling_variants(
    clusters: list[Cluster], titles: AbstractSet[tuple[str, ...]]
) -> list[Cluster]:
    """Two spellings of one transliterated person name ("Osama bin Laden", "Usama bin Ladin";
    "Zelensky", "Zelenskyy"): full names (two words or more) of the same length whose words
    are equal or one letter apart (words of four letters or more), at least one word equal
    (two names all of whose words differ are two people), and no two different QIDs."""
    return _join_into_first(
        clusters,
        lambda h, c: (
            c.type is EntityType.PERSON
            and h.type is EntityType.PERSON
            and not (h.qids and c.qids and h.qids != c.qids)
            and any(_variant(a, b) for a in h.keys(titles) for b in c.keys(titles))
        ),
    )


def _variant(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    same = sum(x == y for x, y in zip(a, b, strict=True))
    return same >= 1 and all(
        x == y or (min(len(x), len(y)) >= 4 and _one_edit(x, y)) for x, y in zip(a, b, strict=True)
    )


def _one_edit(x: str, y: str) -> bool:
    """One substitution, insertion or deletion apart."""
    if abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y, strict=True)) == 1
    short, long = sorted((x, y), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _nearest_before(hosts: list[Cluster], begin: int) -> Cluster:
    """The host mentioned last before ``begin`` (else the first one mentioned after it)."""

    def score(h: Cluster) -> tuple[int, int]:
        before = [n.mention.begin for n in h.names if n.mention.begin < begin]
        if before:
            return (0, begin - max(before))
        return (1, min(n.mention.begin for n in h.names) - begin)

    return min(hosts, key=score)


def _merge_contained_organisations(
    clusters: list[Cluster], titles: AbstractSet[tuple[str, ...]]
) -> list[Cluster]:
    orgs = (EntityType.ORGANISATION, EntityType.ARMED_GROUP)
    ordered = sorted(clusters, key=lambda c: (-len(c.longest(titles)), c.first))
    result: list[Cluster] = []
    for c in ordered:
        hosts = []
        if c.type in orgs:
            for h in result:
                if h.type not in orgs or (h.qids and c.qids and h.qids != c.qids):
                    continue
                long = h.longest(titles)
                if all(
                    (len(k) >= 2 and len(k) < len(long) and is_contiguous(k, long))
                    or _is_acronym_of(n.mention.text, h)
                    for n in c.names
                    for k in [name_key(n.mention.text, titles=titles)]
                ):
                    hosts.append(h)
        if len(hosts) == 1:
            hosts[0].names.extend(c.names)
        else:
            result.append(c)
    return result


def _is_acronym_of(text: str, host: Cluster) -> bool:
    if not (text.isupper() and 2 <= len(text) <= 8 and text.isalpha()):
        return False
    return any(
        initials(display_name(n.mention.text).split()) == text
        for n in host.names
        if len(n.mention.text.split()) > 1
    )
