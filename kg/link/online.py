"""Items found live: ``wbsearchentities`` candidates read with ``wbgetentities`` and turned
into :class:`~kg.gazetteer.GazetteerItem` objects, typed through their P31 classes
(``data/wikidata/p31_types.json``; a class not listed there is typed through its
superclasses with one SPARQL query). An item of no known type is not a candidate."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError, InputError
from kg.gazetteer import GazetteerItem
from kg.resources import data_dir

if TYPE_CHECKING:
    from kg.link.client import WikidataClient


def class_map_path() -> Path:
    return data_dir() / "wikidata" / "p31_types.json"


@cache
def class_map(path: Path | None = None) -> tuple[dict[str, str], tuple[str, ...]]:
    """P31 class QID -> entity type, and the type priority."""
    path = path or class_map_path()
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return {q: v["type"] for q, v in d["classes"].items()}, tuple(d["priority"])
    except OSError as e:
        raise ConfigError("KG112", f"{path}: cannot read the P31 class map ({e.strerror})") from e
    except (ValueError, KeyError, TypeError) as e:
        raise ConfigError("KG112", f"{path}: malformed P31 class map ({e})") from e


def type_of(p31: Iterable[str], extra: dict[str, str] | None = None) -> str | None:
    """The entity type of an item with these P31 classes, or None when none is known.

    Args:
        p31: the item's classes.
        extra: more class -> type pairs (from :func:`superclass_types`).
    """
    classes, priority = class_map()
    known = {**classes, **(extra or {})}
    types = {known[q] for q in p31 if q in known}
    return next((t for t in priority if t in types), None)


def superclass_types(classes: Iterable[str], client: WikidataClient) -> dict[str, str]:
    """Types of classes the class map lacks, through their superclasses (``wdt:P279*``) on
    the SPARQL endpoint: one query for all of them."""
    wanted = sorted(set(classes), key=lambda q: (len(q), q))
    if not wanted:
        return {}
    roots, priority = class_map()
    query = (
        "PREFIX wd: <http://www.wikidata.org/entity/>\n"
        "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
        "SELECT DISTINCT ?class ?root WHERE {\n"
        f"  VALUES ?class {{ {' '.join(f'wd:{q}' for q in wanted)} }}\n"
        f"  VALUES ?root {{ {' '.join(f'wd:{q}' for q in sorted(roots))} }}\n"
        "  ?class wdt:P279* ?root .\n}"
    )
    found: dict[str, set[str]] = {}
    for row in client.sparql(query):
        cls = _qid(str(row.get("class", {}).get("value", "")))
        root = _qid(str(row.get("root", {}).get("value", "")))
        if root in roots:
            found.setdefault(cls, set()).add(roots[root])
    return {c: next(t for t in priority if t in ts) for c, ts in sorted(found.items())}


def _values(claims: dict[str, Any], prop: str) -> list[Any]:
    """Values of a property's best-ranked statements (preferred, else normal)."""
    statements = [s for s in claims.get(prop, []) if s.get("rank") != "deprecated"]
    preferred = [s for s in statements if s.get("rank") == "preferred"]
    out = []
    for s in preferred or statements:
        snak = s.get("mainsnak", {})
        if snak.get("snaktype") == "value" and "datavalue" in snak:
            out.append(snak["datavalue"].get("value"))
    return out


def _ids(claims: dict[str, Any], prop: str) -> list[str]:
    return [v["id"] for v in _values(claims, prop) if isinstance(v, dict) and "id" in v]


def _text(block: Any, language: str) -> str:
    if isinstance(block, dict) and isinstance(block.get(language), dict):
        return str(block[language].get("value", ""))
    return ""


def item_from_entity(
    entity: dict[str, Any], *, language: str = "en", extra: dict[str, str] | None = None
) -> GazetteerItem | None:
    """A snapshot item from one ``wbgetentities`` entity (formatversion 2); None when it
    has no label in ``language`` or no P31 class of a known type."""
    label = _text(entity.get("labels"), language)
    claims = entity.get("claims") or {}
    p31 = tuple(_ids(claims, "P31"))
    etype = type_of(p31, extra)
    if not label or etype is None:
        return None
    aliases = tuple(
        a["value"] for a in (entity.get("aliases") or {}).get(language, []) if a.get("value")
    )
    coords = [v for v in _values(claims, "P625") if isinstance(v, dict) and "latitude" in v]
    located, country = _ids(claims, "P131"), _ids(claims, "P17")
    return GazetteerItem(
        qid=str(entity["id"]),
        label=label,
        type=etype,
        aliases=aliases,
        description=_text(entity.get("descriptions"), language),
        coord=(float(coords[0]["latitude"]), float(coords[0]["longitude"])) if coords else None,
        located_in=located[0] if located else None,
        country=country[0] if country else None,
        p31=p31,
        source=f"Wikidata API wbgetentities {entity['id']}",
    )


def items_for(names: Iterable[str], client: WikidataClient) -> list[GazetteerItem]:
    """Items Wikidata's search proposes for these names, read in full, in QID order."""
    qids: set[str] = set()
    for name in sorted(set(names)):
        qids.update(
            str(r["id"]) for r in client.search(name) if str(r.get("id", "")).startswith("Q")
        )
    if not qids:
        return []
    entities = client.get_entities(sorted(qids))
    untyped = {
        c
        for e in entities.values()
        if type_of(p31 := _ids(e.get("claims") or {}, "P31")) is None
        for c in p31
    }
    extra = superclass_types(untyped, client)
    ordered = sorted(entities, key=lambda q: (len(q), q))
    items = [item_from_entity(entities[q], extra=extra) for q in ordered]
    return [i for i in items if i is not None]


_TYPES = frozenset({"Person", "Organisation", "ArmedGroup", "Place", "Community", "Event"})
_POINT = re.compile(r"\s*Point\(\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)\s*\)\s*", re.IGNORECASE)


def _split(value: dict[str, str], key: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.get(key, "").split("|") if x.strip())


def _qid(value: str) -> str:
    return value.rsplit("/", 1)[-1]


def items_from_bindings(rows: list[dict[str, Any]], *, source: str) -> list[GazetteerItem]:
    """Snapshot items from SPARQL result rows (see data/wikidata/README.md for the columns).

    Raises:
        InputError: a row lacks ``?item`` or ``?type``, or ``?type`` is not an ontology type.
    """
    items: dict[str, GazetteerItem] = {}
    for n, row in enumerate(rows, 1):
        value = {k: str(v.get("value", "")) for k, v in row.items() if isinstance(v, dict)}
        qid, etype = _qid(value.get("item", "")), value.get("type", "")
        if not qid.startswith("Q") or etype not in _TYPES:
            raise InputError(
                "KG270",
                f"SPARQL result row {n}: needs ?item (a wd: IRI) and ?type (one of {', '.join(sorted(_TYPES))})",
            )
        coord = None
        m = _POINT.fullmatch(value.get("coord", ""))
        if m:
            coord = (float(m.group(2)), float(m.group(1)))  # WKT is lon lat
        items[qid] = GazetteerItem(
            qid=qid,
            label=value.get("label") or qid,
            type=etype,
            aliases=_split(value, "aliases"),
            description=value.get("description", ""),
            coord=coord,
            located_in=_qid(value["located_in"]) if value.get("located_in") else None,
            country=_qid(value["country"]) if value.get("country") else None,
            positions=_split(value, "positions"),
            p31=tuple(_qid(x) for x in _split(value, "p31")),
            source=source,
        )
    return [items[q] for q in sorted(items, key=lambda q: (len(q), q))]
