"""Grouping descriptions of unnamed groups ("government forces", "insurgents loyal to X")
into entities, by the side they are on. The rule (also in data/patterns/README.md):

- a description with a cue of the former regime ("former", "ousted", "defeated" ...), or loyal
  to a person written with such a cue somewhere in the article, is the FORMER side;
- one loyal to a person who holds an incumbent title ("President X") is the STATE side;
- state-family heads (forces, troops, army, police ...) and governments are the STATE side
  of their country (from a nationality adjective or a place modifier); a description without
  a country joins the article's single (or most mentioned) country's side;
- one with an origin ("militants who arrived from X") is its own group, per origin;
- one opposed to someone, and insurgent-family heads without an anchor ("the rebels"), join
  the largest anti-state group (FORMER or loyal to a person), else form one group together;
- a community modifier ("Kurdish forces", "Yazidi fighters") makes one group per community;
- militias form one group per country; partisans of a person not otherwise placed, one per
  person; "allied" descriptions one group per country;
- when no anti-state group is described, the unanchored insurgent group joins the article's
  only named non-state armed group ("the rebels" of an article about the Arakan Army);
- a description whose "of"/"from" complement names an organisation ("rebels of the X",
  "gunmen from the X-linked Y") is a mention of that organisation, which is then an armed
  group.
Governments are organisations; the STATE government joins a named organisation of the
article whose name contains the word "government" when there is exactly one.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.model import EntityType, Mention
from kg.resolve.candidates import Description
from kg.resolve.lexicon import Lexicon
from kg.resolve.named import Cluster

Side = tuple[str, ...]
_ANTI_ANCHORED = ("former", "person", "opposed")
_LOOSE = ("insurgent", "opposed")


def _anchor_cluster(d: Description, clusters: list[Cluster]) -> Cluster | None:
    if d.anchor is None:
        return None
    inside = [
        c
        for c in clusters
        for n in c.names
        if d.anchor.begin <= n.mention.begin and n.mention.end <= d.anchor.end
    ]
    persons = [c for c in inside if c.type is EntityType.PERSON]
    found = persons or inside
    return found[0] if found else None


def _person_side(c: Cluster, lexicon: Lexicon) -> Side:
    if any(n.former for n in c.names):
        return ("former",)
    incumbent = {t.role for t in lexicon.titles if t.incumbent and t.role}
    if any(r in incumbent for n in c.names for r in n.roles):
        return ("state", "")
    return ("person", str(c.first))


def side_of(d: Description, clusters: list[Cluster], lexicon: Lexicon) -> Side:
    """The side key of one description (before the merges of :func:`group_descriptions`)."""
    anchor = _anchor_cluster(d, clusters)
    if "former" in d.cues:
        return ("former",)
    if "allied" in d.cues:
        return ("allied", d.country or "")
    if d.relation == "origin":
        where = d.anchor.text.casefold() if d.anchor else ""
        return ("origin", where)
    if d.relation == "opposed":
        return ("opposed",)
    if d.community and d.family in ("state", "insurgent", "militia"):
        return ("community", d.community)  # "Kurdish forces", "Tuareg militias": not the state
    if anchor is not None and anchor.type is EntityType.PERSON:
        return _person_side(anchor, lexicon)
    if d.family in ("state", "government") and "opposed" not in d.cues:
        return ("state", d.country or "")
    if d.family == "partisan" and d.place is not None:
        return ("state", d.country or "")
    if d.family == "militia":
        return ("militia", d.country or "")
    return ("insurgent",)


def member_of(d: Description, clusters: list[Cluster]) -> Cluster | None:
    """The named organisation a description's members belong to: "rebels of X",
    "gunmen from the X-linked Y" (the last organisation named in an "of"/"from" complement),
    unless it is a government."""
    if d.connector not in ("of", "from") or d.anchor is None or d.family == "government":
        return None
    inside = sorted(
        (
            (n.mention.begin, i)
            for i, c in enumerate(clusters)
            for n in c.names
            if d.anchor.begin <= n.mention.begin and n.mention.end <= d.anchor.end
        ),
    )
    if not inside:
        return None
    last = clusters[inside[-1][1]]
    if last.type not in (EntityType.ORGANISATION, EntityType.ARMED_GROUP):
        return None
    if any("government" in n.mention.text.casefold() for n in last.names):
        return None
    return last


def _non_state_armed(clusters: list[Cluster], lexicon: Lexicon) -> list[Cluster]:
    """Named armed groups whose name does not start with a nationality or country
    ("Arakan Army" yes, "Sudanese Armed Forces" no)."""
    countries = set(lexicon.nationalities) | set(lexicon.nationalities.values())
    return [
        c
        for c in clusters
        if c.type is EntityType.ARMED_GROUP
        and not any(n.mention.text.split()[0] in countries for n in c.names)
    ]


def group_descriptions(
    descriptions: list[Description], clusters: list[Cluster], lexicon: Lexicon
) -> list[tuple[EntityType, list[Description], Cluster | None]]:
    """Group descriptions into (type, descriptions, named cluster to join or None)."""
    sides: dict[tuple[EntityType, Side], list[Description]] = defaultdict(list)
    result: list[tuple[EntityType, list[Description], Cluster | None]] = []
    for d in sorted(descriptions, key=lambda d: d.mention):
        member = member_of(d, clusters)
        if member is not None:
            result.append((EntityType.ARMED_GROUP, [d], member))
            continue
        etype = EntityType.ORGANISATION if d.family == "government" else EntityType.ARMED_GROUP
        sides[(etype, side_of(d, clusters, lexicon))].append(d)
    for etype in (EntityType.ARMED_GROUP, EntityType.ORGANISATION):
        _merge_countryless_state(sides, etype)
        _merge_anti_state(sides, etype)
    non_state = _non_state_armed(clusters, lexicon)
    governments = [
        c
        for c in clusters
        if c.type is EntityType.ORGANISATION
        and any("government" in n.mention.text.casefold().split() for n in c.names)
    ]
    for (etype, side), members in sides.items():
        join = None
        if etype is EntityType.ORGANISATION and side[0] == "state" and len(governments) == 1:
            join = governments[0]
        if etype is EntityType.ARMED_GROUP and side[0] in _LOOSE and len(non_state) == 1:
            join = non_state[0]  # "the rebels" of an article about one named armed group
        result.append((etype, members, join))
    return sorted(result, key=lambda r: r[1][0].mention)


def _merge_countryless_state(
    sides: dict[tuple[EntityType, Side], list[Description]], etype: EntityType
) -> None:
    loose = sides.get((etype, ("state", "")))
    countries = Counter(
        {
            side[1]: len(members)
            for (t, side), members in sides.items()
            if t is etype and side[0] == "state" and side[1]
        }
    )
    if loose is None or not countries:
        return
    country = min(countries, key=lambda c: (-countries[c], c))
    target = sides[(etype, ("state", country))]
    target.extend(sides.pop((etype, ("state", ""))))
    target.sort(key=lambda d: d.mention)


def _merge_anti_state(
    sides: dict[tuple[EntityType, Side], list[Description]], etype: EntityType
) -> None:
    anchored = {k: v for k, v in sides.items() if k[0] is etype and k[1][0] in _ANTI_ANCHORED}
    loose_keys = [k for k in sides if k[0] is etype and k[1][0] in ("insurgent", "opposed")]
    if not loose_keys:
        return
    if anchored:
        target = max(anchored, key=lambda k: (len(anchored[k]), -anchored[k][0].mention.begin))
    else:
        target = loose_keys[0]
    for k in loose_keys:
        if k != target:
            sides[target].extend(sides.pop(k))
    sides[target].sort(key=lambda d: d.mention)


def description_label(members: list[Description]) -> str:
    """The label of a described group: its first description, without a leading "the"."""
    text = members[0].mention.text
    words = text.split(" ")
    if len(words) > 1 and words[0].casefold() == "the":
        text = " ".join(words[1:])
    return text


def mentions_of(members: list[Description]) -> list[Mention]:
    return sorted({d.mention for d in members})
