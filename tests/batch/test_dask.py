"""The Dask path: a LocalCluster of 2 worker processes gives the same store as a local build."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.batch import StoreSink, build_batch
from kg.settings import Settings
from kg.store import open_store

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = sorted((ROOT / "tests" / "data").glob("*.txt"))


def _dump(path: Path) -> bytes:
    with open_store(path, read_only=True) as s:
        return s.dump()


@pytest.mark.slow  # starts a cluster of 2 processes, each loading spaCy: about 15 s
def test_dask_local_cluster_gives_the_same_store_as_a_local_build(tmp_path: Path) -> None:
    from distributed import LocalCluster

    from kg.batch.dask import build_on_dask

    settings = Settings()
    files = [*HELD_OUT[:4], tmp_path / "empty.txt"]
    files[-1].write_text("   \n", encoding="utf-8")
    with open_store(tmp_path / "local") as s:
        local = build_batch(files, settings, StoreSink(s, settings), workers_count=1)
    shards = tmp_path / "shards"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        summary = build_on_dask(
            files,
            settings,
            scheduler=cluster.scheduler_address,
            store_path=tmp_path / "dask",
            shard_dir=shards,
            partitions=2,
        )
        assert (summary.written, len(summary.skipped)) == (local.written, 1)
        assert summary.skipped[0][1] == "KG206"
        assert _dump(tmp_path / "dask") == _dump(tmp_path / "local")
        assert len(list(shards.glob("part-*.nq"))) == 2
        again = build_on_dask(
            files, settings, scheduler=cluster.scheduler_address, store_path=tmp_path / "dask"
        )
        assert (again.written, again.unchanged) == (0, local.written)
        from typer.testing import CliRunner

        from kg.cli import app

        args = ["build", *map(str, files), "--store", str(tmp_path / "cli")]
        result = CliRunner().invoke(app, [*args, "--dask-scheduler", cluster.scheduler_address])
        assert result.exit_code == 3, result.stderr  # the empty article was skipped
        assert "skipped" in result.stderr and "(Dask:" in result.stderr
        assert _dump(tmp_path / "cli") == _dump(tmp_path / "local")
