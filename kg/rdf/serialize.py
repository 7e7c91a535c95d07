"""Writing a dataset to a file whose suffix names the format, deterministically and atomically.

Formats by suffix (CONTRACT.md: single-graph formats hold the union of all named graphs):

========  ==========  =====================================================
suffix    format      what it holds
========  ==========  =====================================================
.trig     TriG        every named graph
.nq       N-Quads     every named graph; lines sorted
.jsonld   JSON-LD     every named graph
.ttl      Turtle      the union of all graphs
.nt       N-Triples   the union of all graphs; lines sorted
========  ==========  =====================================================

Determinism: N-Quads and N-Triples lines are sorted; rdflib's Turtle writer sorts subjects
and predicates; its TriG writer does too within a graph but visits the graphs in hash
order, so they are sorted by name here; its JSON-LD nodes come in hash order, so every
JSON array (a set in JSON-LD, except under ``@list``) is sorted. Tests build the same
dataset under different hash seeds and compare bytes.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.term import Node

from kg.errors import InputError
from kg.fileio import write_atomic
from kg.rdf.mapping import bind_prefixes

#: suffix -> (rdflib serializer name, whether the format keeps named graphs)
FORMATS: dict[str, tuple[str, bool]] = {
    ".trig": ("trig", True),
    ".nq": ("nquads", True),
    ".jsonld": ("json-ld", True),
    ".ttl": ("turtle", False),
    ".nt": ("nt", False),
}


def format_for(path: Path) -> str:
    """The rdflib format name for a file, by its suffix.

    Raises:
        InputError: the suffix is not one of :data:`FORMATS` (KG220).
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            "KG220",
            f"{path}: unknown output format {suffix or '(no suffix)'!r} "
            f"(use one of: {', '.join(FORMATS)})",
        )
    return FORMATS[suffix][0]


def check_output(path: Path) -> None:
    """Fail early, before any work, if ``path`` cannot be written.

    Raises:
        InputError: unknown suffix (KG220), or the folder is missing, not a folder, or not
            writable (KG221).
    """
    format_for(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("KG221", f"{path}: output folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError("KG221", f"{path}: output folder {folder} is not writable")
    if path.is_dir():
        raise InputError("KG221", f"{path}: is a directory, not an output file")


def _sorted_quads(ds: Dataset) -> list[tuple[Node, Node, Node, Node]]:
    quads = {
        (s, p, o, g if g is not None else ds.default_graph.identifier) for s, p, o, g in ds.quads()
    }
    return sorted(quads, key=lambda q: tuple(n.n3() for n in q))


def _sorted_lines(data: str) -> str:
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return "".join(f"{line}\n" for line in lines)


def serialize_dataset(ds: Dataset, fmt: str) -> bytes:
    """Serialise ``ds`` in rdflib format ``fmt`` (one of the values of :data:`FORMATS`),
    the same bytes for the same quads whatever their insertion order."""
    named = {name: keeps for name, keeps in FORMATS.values()}
    if fmt not in named:
        raise InputError("KG220", f"unknown output format {fmt!r}")
    quads = _sorted_quads(ds)
    default_id = ds.default_graph.identifier
    if named[fmt]:
        dataset = Dataset()
        for s, p, o, g in quads:
            target = dataset.default_graph if g == default_id else dataset.graph(g)  # type: ignore[arg-type]
            target.add((s, p, o))
        out: Graph = dataset
    else:
        out = Graph()
        for s, p, o, _ in quads:
            out.add((s, p, o))
    bind_prefixes(out)
    if fmt == "trig":
        return _trig(out)
    text = out.serialize(format=fmt)
    if fmt in ("nquads", "nt"):
        text = _sorted_lines(text)
    elif fmt == "json-ld":
        text = json.dumps(_sort_json(json.loads(text)), indent=2, ensure_ascii=False) + "\n"
    return text.encode("utf-8")


def _trig(ds: Graph) -> bytes:
    serializer = TrigSerializer(ds)
    serializer.contexts.sort(key=lambda g: g.identifier.n3())
    buffer = io.BytesIO()
    serializer.serialize(buffer, encoding="utf-8")
    return buffer.getvalue()


def _sort_json(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _sort_json(v, k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def write_dataset(ds: Dataset, path: Path) -> int:
    """Write ``ds`` to ``path`` in the format its suffix names, atomically.

    Returns:
        The number of bytes written.

    Raises:
        InputError: unknown suffix (KG220) or the file cannot be written (KG221).
    """
    data = serialize_dataset(ds, format_for(path))
    write_atomic(path, data)
    return len(data)
