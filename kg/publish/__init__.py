"""Publishing: verified, deterministic release folders (dumps, VoID/DCAT, JSON-LD views,
checksums), and loading a dataset into an external SPARQL store (``kg.publish.push``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.publish.release import PublishReport, publish, release_date
from kg.publish.source import Quads, load_quads

__all__ = ["PublishReport", "Quads", "load_quads", "publish", "publish_store", "release_date"]


def publish_store(store_path: str | Path, out_dir: str | Path, **options: Any) -> PublishReport:
    """Publish an Oxigraph store folder, opened read-only; ``options`` as :func:`publish`.

    TODO(merge): open it with ``kg.store.open_store(path, read_only=True)`` (its sorted
    N-Quads ``dump``) once kg.store is on main; the rest does not change.
    """
    path = Path(store_path)
    if not path.is_dir():
        from kg.errors import StoreError

        raise StoreError("KG501", f"{path}: not an Oxigraph store folder")
    return publish(path, Path(out_dir), **options)
