"""Publishing: verified, deterministic release folders (dumps, VoID/DCAT, JSON-LD views,
checksums) and loading a dataset into an external SPARQL store (Graph Store Protocol)."""

from __future__ import annotations

from kg.publish.release import PublishReport, publish, release_date
from kg.publish.source import Quads, load_quads

__all__ = ["PublishReport", "Quads", "load_quads", "publish", "publish_store", "release_date"]


def publish_store(store_path, out_dir, **options) -> PublishReport:  # type: ignore[no-untyped-def]
    """Publish an Oxigraph store folder (opened read-only); options as :func:`publish`.

    TODO(merge): open it with ``kg.store.open_store(path, read_only=True)`` once on main.
    """
    from pathlib import Path

    return publish(Path(store_path), Path(out_dir), **options)
