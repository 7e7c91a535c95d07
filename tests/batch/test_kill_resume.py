"""A killed build keeps what it had done (issue 17, item 4): the store checkpoints every
CHECKPOINT_SECONDS as well as every CHECKPOINT_EVERY graphs, so kill -9 of a build of fewer
than 200 articles no longer loses all of it, and the re-run completes the store identical to
an uninterrupted build."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kg.batch.build import CHECKPOINT_SECONDS
from kg.batch.manifest import MANIFEST_NAME
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[2]
N = 40


def _corpus(folder: Path) -> Path:
    article = (ROOT / "data/articles/syria-coast-2025-03.txt").read_text(encoding="utf-8")
    folder.mkdir()
    for n in range(N):
        (folder / f"a{n:02d}.txt").write_text(
            article.replace("title:", f"url: https://example.org/{n}\ntitle:", 1),
            encoding="utf-8",
        )
    return folder


def _build(folder: Path, store: Path, every: str = "0.5") -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(folder), "--store", str(store), "--no-link"],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "KG_VALIDATE": "0",
            "KG_CHECKPOINT_SECONDS": every,  # a short period, so that a small test shows it
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _entries(store: Path) -> int:
    try:
        data = json.loads((store / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    return len(data.get("graphs", data))


def _digest(store: Path) -> str:
    with open_store(store, read_only=True) as s:
        return hashlib.sha256(s.dump()).hexdigest()


def test_kill_keeps_the_work_of_the_last_checkpoint_and_the_rerun_completes(
    tmp_path: Path,
) -> None:
    assert CHECKPOINT_SECONDS <= 10  # the default: a kill loses a few seconds at most
    folder = _corpus(tmp_path / "in")
    killed = tmp_path / "killed"
    build = _build(folder, killed)
    deadline = time.monotonic() + 120
    while _entries(killed) == 0 and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)
    kept = _entries(killed)
    assert 0 < kept < N, f"{kept} of {N} articles in the manifest when killed"
    assert _build(folder, killed).wait(timeout=300) == 0
    whole = tmp_path / "whole"
    assert _build(folder, whole, every="600").wait(timeout=300) == 0
    assert _entries(killed) == _entries(whole) == N
    assert _digest(killed) == _digest(whole)
