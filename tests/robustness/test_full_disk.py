"""A full disk (issue 17, item 5): kg build and kg publish say so in one line with their
documented code, never a traceback, and leave nothing half-written. The disk is a small tmpfs
mounted for the test (needs root, as CI runs; skipped where mounting is not allowed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "data" / "articles" / "syria-coast-2025-03.txt"


@pytest.fixture
def small_disk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    size = getattr(request, "param", "48k")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _one_line(done: subprocess.CompletedProcess[str], code: str) -> None:
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {code}:"), done.stderr[-2000:]
    assert "No space left on device" in errors[0]


def test_publish_to_a_full_disk(tmp_path: Path, small_disk: Path) -> None:
    store = tmp_path / "store"
    assert _kg("build", str(ARTICLE), "--store", str(store)).returncode == 0
    done = _kg("publish", "--store", str(store), "--out", str(small_disk / "release"))
    assert done.returncode == 3
    _one_line(done, "KG273")
    assert os.listdir(small_disk) == []  # no partial release, no temporary folder


@pytest.mark.parametrize("small_disk", ["1m"], indirect=True)
def test_build_into_a_full_disk(tmp_path: Path, small_disk: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    text = ARTICLE.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    with corpus.open("w", encoding="utf-8") as f:
        for n in range(80):
            f.write(json.dumps({"text": text, "url": f"https://example.org/{n}"}) + "\n")
    done = _kg("build", str(corpus), "--store", str(small_disk / "store"), "--no-link")
    assert done.returncode == 3
    _one_line(done, "KG507")
