"""The build manifest: what each article graph in a store was built from.

A small JSON file inside the store folder (``newskg-manifest.json``; Oxigraph's RocksDB
ignores files it did not create), written atomically (temporary file + ``os.replace``). Per
named graph it records the article's ``content_hash``, the extraction version it was built
with and where it came from. ``kg build`` skips an article whose graph is in the manifest
with the same content hash and extraction version (unless ``--rebuild``).

The store is written first and the manifest after (at checkpoints and at the end), so a
killed build leaves at worst graphs the manifest does not know yet: they are rebuilt (and
replaced, an idempotent step) by the next run, never skipped wrongly.

The extraction version (:func:`extraction_version`) is a hash of the newskg version, the
spaCy model (name and installed package version), the settings that change the output
(base IRI, linking, online, validation) and the content of ``data/`` (lexicons, patterns,
the Wikidata snapshot; bundled sample articles excluded) and ``shapes/`` (validation decides
what is written). ``queries/`` is left out: it does not change what is built.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path

from kg.fileio import write_atomic
from kg.resources import data_dir, shapes_dir
from kg.settings import Settings

MANIFEST_NAME = "newskg-manifest.json"
FORMAT = 1


@cache
def _tree_hash(root: Path, exclude: tuple[str, ...] = ()) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(exclude) or any(part.startswith(".") for part in path.parts):
            continue
        h.update(rel.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _model_version(model: str) -> str:
    try:
        return f"{model}=={metadata.version(model)}"
    except (metadata.PackageNotFoundError, ValueError):
        path = Path(model)
        meta = path / "meta.json"
        if meta.is_file():
            return f"{model}:{hashlib.sha256(meta.read_bytes()).hexdigest()[:16]}"
        return model


def extraction_version(settings: Settings) -> str:
    """A hash of everything besides the article that decides its graph (16 hex digits)."""
    from kg import __version__

    parts = [
        f"newskg {__version__}",
        _model_version(settings.model),
        f"base={settings.base_iri} link={settings.link} online={settings.online} "
        f"validate={settings.validate}",
        _tree_hash(data_dir(), ("articles/",)),
        _tree_hash(shapes_dir()),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class Manifest:
    """The manifest of one store folder (an empty one for an in-memory store)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / MANIFEST_NAME if folder is not None else None
        self.entries: dict[str, dict[str, object]] = {}
        self.dirty = False
        if self.path is not None and self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if data.get("format") == FORMAT and isinstance(data.get("graphs"), dict):
                    self.entries = data["graphs"]
            except (OSError, ValueError, AttributeError):
                self.entries = {}  # unreadable: every article is rebuilt, nothing is lost

    def unchanged(self, graph_iri: str, content_hash: str, version: str) -> bool:
        entry = self.entries.get(graph_iri)
        return bool(
            entry and entry.get("content") == content_hash and entry.get("version") == version
        )

    def record(
        self, graph_iri: str, *, content_hash: str, version: str, source: str, triples: int
    ) -> None:
        self.entries[graph_iri] = {
            "content": content_hash,
            "version": version,
            "source": source,
            "triples": triples,
        }
        self.dirty = True

    def forget(self, graph_iri: str) -> None:
        if self.entries.pop(graph_iri, None) is not None:
            self.dirty = True

    def save(self) -> None:
        """Write the manifest atomically (when it changed)."""
        if self.path is None or not self.dirty:
            return
        body = {"format": FORMAT, "graphs": dict(sorted(self.entries.items()))}
        data = json.dumps(body, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        write_atomic(self.path, data)
        self.dirty = False
