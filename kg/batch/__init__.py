"""Batch builds: many articles, streaming, incremental, in parallel or on a Dask cluster.

``build_batch(paths, settings, sink)`` is what ``kg build`` runs; :class:`StoreSink` writes
into an Oxigraph store, :class:`FileSink` collects one output file.
"""

from __future__ import annotations

from kg.batch.build import FileSink, StoreSink, Summary, build_batch
from kg.batch.manifest import Manifest, extraction_version
from kg.batch.outcome import Outcome, Problem

__all__ = [
    "FileSink",
    "Manifest",
    "Outcome",
    "Problem",
    "StoreSink",
    "Summary",
    "build_batch",
    "extraction_version",
]
