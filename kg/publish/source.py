"""The neutral input of publishing: a sorted, duplicate-free list of N-Quads lines.

Everything that is published (dumps, VoID counts, JSON-LD views, pushes) is computed from
:class:`Quads`, which any of these can become:

- an rdflib ``Dataset`` (one named graph per article, as ``kg.rdf.mapping.to_dataset`` gives),
- N-Quads bytes,
- a path: an Oxigraph store folder (read-only), or an ``.nq``/``.trig`` file.

Lines are in canonical N-Quads form as written by pyoxigraph and sorted by code point, so
the same quads give the same lines whatever order they came in. Blank nodes keep the labels
they had in the input; the newskg mapping mints an IRI for every node, so none are expected.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import InputError

_FILE_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}

DEFAULT_GRAPH = ""


@dataclass(frozen=True)
class Quads:
    """A dataset as sorted canonical N-Quads lines (without the final `` .``).

    Args:
        lines: one quad per line, sorted, no duplicates.
    """

    lines: tuple[str, ...]
    _parsed: list[ox.Quad] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> Quads:
        kept = {str(q): q for q in quads}
        ordered = sorted(kept)
        return cls(tuple(ordered), [kept[line] for line in ordered])

    @cached_property
    def quads(self) -> list[ox.Quad]:
        """The parsed quads, in line order."""
        if self._parsed:
            return self._parsed
        data = "".join(f"{line} .\n" for line in self.lines).encode("utf-8")
        return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))

    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted (``""`` stands for the default graph)."""
        return sorted(self.by_graph())

    def by_graph(self) -> dict[str, list[ox.Quad]]:
        """Quads grouped by graph name (``""`` for the default graph), each in line order."""
        groups: dict[str, list[ox.Quad]] = {}
        for q in self.quads:
            name = (
                DEFAULT_GRAPH if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            )
            groups.setdefault(name, []).append(q)
        return groups

    def triples(self) -> list[ox.Triple]:
        """The union of all graphs as distinct triples, sorted by their N-Triples form."""
        kept = {str(q.triple): q.triple for q in self.quads}
        return [kept[k] for k in sorted(kept)]

    def nquads(self) -> bytes:
        return "".join(f"{line} .\n" for line in self.lines).encode("utf-8")


def graph_hash(quads: Iterable[ox.Quad]) -> str:
    """SHA-256 of a graph's triples in sorted N-Triples form (its content identity)."""
    h = hashlib.sha256()
    for line in sorted(str(q.triple) for q in quads):
        h.update(line.encode("utf-8") + b" .\n")
    return h.hexdigest()


def load_quads(source: Dataset | bytes | str | Path | Quads) -> Quads:
    """Turn any supported input into :class:`Quads`.

    Raises:
        InputError: a file cannot be read or parsed, or has an unknown suffix.
        StoreError: a store folder cannot be opened (``kg.store.open_store``).
    """
    if isinstance(source, Quads):
        return source
    if isinstance(source, Dataset):
        data = source.serialize(format="nquads", encoding="utf-8")
        return Quads.from_quads(_parse(data, ox.RdfFormat.N_QUADS, "<dataset>"))
    if isinstance(source, bytes):
        return Quads.from_quads(_parse(source, ox.RdfFormat.N_QUADS, "<n-quads>"))
    path = Path(source)
    if not path.exists():
        raise InputError("KG270", f"{path}: no such store folder or file")
    if path.is_dir():
        return Quads.from_quads(_store_quads(path))
    fmt = _FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            "KG270",
            f"{path}: not an Oxigraph store folder nor an .nq/.trig file",
        )
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError("KG270", f"{path}: cannot read ({e.strerror})") from e
    return Quads.from_quads(_parse(data, fmt, str(path)))


def _parse(data: bytes, fmt: ox.RdfFormat, where: str) -> Iterator[ox.Quad]:
    try:
        return iter(list(ox.parse(data, format=fmt)))
    except SyntaxError as e:
        raise InputError("KG271", f"{where}: malformed RDF ({e})") from e


def _store_quads(path: Path) -> Iterator[ox.Quad]:
    """Every quad of a store folder (``kg.store``), opened read-only."""
    from kg.store import open_store

    store = open_store(path, read_only=True)
    try:
        data = store.dump("nquads")
    finally:
        store.close()
    return _parse(data, ox.RdfFormat.N_QUADS, str(path))
