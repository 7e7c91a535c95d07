"""The offline Wikidata snapshot (``data/wikidata/snapshot.jsonl``): one source of names for
both the extraction's gazetteer ruler and the linker."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from kg.errors import ConfigError
from kg.fileio import write_atomic
from kg.resources import data_dir


@dataclass(frozen=True, slots=True)
class GazetteerItem:
    """One Wikidata item of the snapshot."""

    qid: str
    label: str
    type: str  # Person, Organisation, ArmedGroup, Place, Community, Event
    aliases: tuple[str, ...] = ()
    description: str = ""
    coord: tuple[float, float] | None = None  # (lat, lon), WGS84
    located_in: str | None = None  # P131
    country: str | None = None  # P17
    positions: tuple[str, ...] = ()
    p31: tuple[str, ...] = ()
    source: str = ""
    extra: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


def snapshot_path() -> Path:
    return data_dir() / "wikidata" / "snapshot.jsonl"


@cache
def load_snapshot(path: Path | None = None) -> tuple[GazetteerItem, ...]:
    """Load the snapshot (cached per path)."""
    path = path or snapshot_path()
    items: list[GazetteerItem] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ConfigError(
            "KG103", f"{path}: cannot read the Wikidata snapshot ({e.strerror})"
        ) from e
    known = {
        "qid",
        "label",
        "type",
        "aliases",
        "description",
        "coord",
        "located_in",
        "country",
        "positions",
        "p31",
        "source",
    }
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            coord = d.get("coord")
            items.append(
                GazetteerItem(
                    qid=d["qid"],
                    label=d["label"],
                    type=d["type"],
                    aliases=tuple(d.get("aliases", ())),
                    description=d.get("description", ""),
                    coord=(float(coord[0]), float(coord[1])) if coord else None,
                    located_in=d.get("located_in"),
                    country=d.get("country"),
                    positions=tuple(d.get("positions", ())),
                    p31=tuple(d.get("p31", ())),
                    source=d.get("source", ""),
                    extra={k: v for k, v in d.items() if k not in known},
                )
            )
        except (ValueError, KeyError, TypeError, IndexError) as e:
            raise ConfigError("KG104", f"{path}:{n}: malformed snapshot line ({e})") from e
    return tuple(items)


def snapshot_meta(path: Path | None = None) -> dict[str, object]:
    """The snapshot's ``meta.json`` (name, version, retrieval date, origin, licence); read
    again only when the file changes (every article graph names the snapshot version)."""
    path = path or snapshot_path().with_name("meta.json")
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as e:
        raise ConfigError(
            "KG103", f"{path}: cannot read the snapshot metadata ({e.strerror})"
        ) from e
    return dict(_snapshot_meta(path, stamp))


@lru_cache(maxsize=8)
def _snapshot_meta(path: Path, _stamp: int) -> dict[str, object]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(
            "KG103", f"{path}: cannot read the snapshot metadata ({e.strerror})"
        ) from e
    except ValueError as e:
        raise ConfigError("KG104", f"{path}: malformed snapshot metadata ({e})") from e
    if not isinstance(meta, dict):
        raise ConfigError("KG104", f"{path}: snapshot metadata is not a JSON object")
    return meta


def snapshot_version(path: Path | None = None) -> str:
    """``"<name> <version>"`` of the snapshot, for provenance."""
    meta = snapshot_meta(path)
    return f"{meta.get('name', 'Wikidata snapshot')} {meta.get('version', '?')}"


def item_to_json(item: GazetteerItem) -> dict[str, object]:
    """One snapshot line (the fields ``load_snapshot`` reads; empty optional fields left out)."""
    d: dict[str, object] = {
        "qid": item.qid,
        "label": item.label,
        "aliases": list(item.aliases),
        "type": item.type,
        "description": item.description,
        "source": item.source,
    }
    if item.coord:
        d["coord"] = [item.coord[0], item.coord[1]]
    if item.located_in:
        d["located_in"] = item.located_in
    if item.country:
        d["country"] = item.country
    if item.positions:
        d["positions"] = list(item.positions)
    if item.p31:
        d["p31"] = list(item.p31)
    d.update(item.extra)
    return d


def write_snapshot(items: Iterable[GazetteerItem], path: Path) -> int:
    """Write items as a snapshot (sorted by QID number, one JSON object a line), atomically."""
    ordered = sorted(items, key=lambda i: (int(i.qid[1:]) if i.qid[1:].isdigit() else 0, i.qid))
    text = "".join(
        json.dumps(item_to_json(i), ensure_ascii=False, sort_keys=True) + "\n" for i in ordered
    )
    write_atomic(path, text, mkdir=True)
    return len(ordered)


def write_meta(meta: dict[str, object], path: Path) -> None:
    """Write ``meta.json`` atomically."""
    write_atomic(path, json.dumps(meta, ensure_ascii=False, indent=2) + "\n", mkdir=True)
