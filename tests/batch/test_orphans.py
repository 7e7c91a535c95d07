"""kill -9 of a parallel kg build leaves no process behind (issue 17, item 4): the pool's
workers and multiprocessing's resource tracker used to live on for ever (about 210 MB each)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> set[int]:
    """Every process whose parent chain leads to ``pid`` (read from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {p for p, pp in parents.items() if pp in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_killed_build_leaves_no_worker(tmp_path: Path) -> None:
    article = (ROOT / "data/articles/syria-coast-2025-03.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):  # enough work that the workers are busy when the parent dies
        (folder / f"a{n:02d}.txt").write_text(
            article.replace("title:", f"url: https://example.org/{n}\ntitle:", 1),
            encoding="utf-8",
        )
    # the build runs under a shell that waits for it, so the orphans are re-parented to a
    # process that is not the test runner (as when a terminal's job is killed)
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(folder),
            "--out",
            str(tmp_path / "g.nq"),
            "--workers",
            "2",
            "--no-link",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "KG_VALIDATE": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(workers) < 3:  # 2 workers + the tracker
            time.sleep(0.2)
            workers = _children(build.pid)
        assert len(workers) >= 3, "the pool did not start"
        time.sleep(1.0)
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = _alive(workers)
    finally:
        for pid in _alive(_children(build.pid)) | _alive(workers):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert left == set(), f"processes left after kill -9 of their parent: {sorted(left)}"
