"""Publishing: verified, deterministic release folders (dumps, VoID/DCAT, JSON-LD views,
checksums), and loading a dataset into an external SPARQL store (``kg.publish.push``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.publish.release import PublishReport, publish, release_date
from kg.publish.source import Quads, load_quads

__all__ = ["PublishReport", "Quads", "load_quads", "publish", "publish_store", "release_date"]


def publish_store(store_path: str | Path, out_dir: str | Path, **options: Any) -> PublishReport:
    """Publish a store folder (``kg.store``, opened read-only); ``options`` as :func:`publish`.

    Raises:
        StoreError: the store cannot be opened (KG502 no store there, KG501 locked, ...).
    """
    from kg.errors import StoreError

    path = Path(store_path)
    if not path.is_dir():
        raise StoreError("KG502", f"no store at {path} (build one first with kg build)")
    return publish(path, Path(out_dir), **options)
