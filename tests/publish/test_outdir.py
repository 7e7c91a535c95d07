"""Output folder rules: exit 3 with one line, never a half-written folder."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.publish import publish
from tests.publish.samples import BASE


@pytest.fixture()
def source(dataset: Dataset, tmp_path: Path) -> Path:
    path = tmp_path / "in" / "data.nq"
    path.parent.mkdir()
    path.write_bytes(dataset.serialize(format="nquads", encoding="utf-8"))
    return path


def _cli(*args: str):
    return CliRunner().invoke(app, ["publish", "--base-iri", BASE, "--date", "2025-01-01", *args])


def test_non_empty_folder_without_force_exit_3(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    result = _cli("--store", str(source), "--out", str(out))
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "not empty" in result.stderr
    assert "Traceback" not in result.output
    assert (out / "keep.txt").read_text() == "mine"
    result = _cli("--store", str(source), "--out", str(out), "--force")
    assert result.exit_code == 0, result.stderr
    assert not (out / "keep.txt").exists() and (out / "void.ttl").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "release"]  # no temp left


def test_empty_existing_folder_is_used(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    out.mkdir()
    assert _cli("--store", str(source), "--out", str(out)).exit_code == 0
    assert (out / "SHA256SUMS").is_file()


def test_unwritable_parent_exit_3(source: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = _cli("--store", str(source), "--out", str(blocker / "release"))
    assert result.exit_code == 3
    assert result.stderr.startswith("error: KG273") and result.stderr.count("\n") == 1


@pytest.mark.skipif(sys.platform != "linux", reason="uses /proc, a folder no one can create in")
def test_unwritable_folder_even_for_root(dataset: Dataset) -> None:
    with pytest.raises(InputError) as e:
        publish(dataset, Path("/proc/newskg-release"), version="1", issued=date(2025, 1, 1))
    assert e.value.code == "KG273"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_folder_exit_3(source: Path, tmp_path: Path) -> None:
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        result = _cli("--store", str(source), "--out", str(parent / "release"))
    finally:
        parent.chmod(0o700)
    assert result.exit_code == 3 and "KG273" in result.stderr


def test_failure_while_writing_leaves_nothing(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.publish.release as release

    def boom(*args: object, **kwargs: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(release, "void_turtle", boom)
    out = tmp_path / "release"
    # one clear error, not the bare OSError (issue 17: a full disk was a 43-line traceback)
    with pytest.raises(InputError, match="KG273.*No space left on device"):
        publish(dataset, out, version="1", issued=date(2025, 1, 1), base_iri=BASE)
    assert list(tmp_path.iterdir()) == []


def test_bad_inputs_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text("<a> <b> .\n")
    result = _cli("--store", str(bad), "--out", str(tmp_path / "r"))
    assert result.exit_code == 3 and result.stderr.startswith("error: KG271")
    result = _cli("--store", str(tmp_path / "x.csv"), "--out", str(tmp_path / "r"))
    assert result.exit_code == 3 and result.stderr.count("\n") == 1
    result = _cli("--store", str(bad), "--out", str(tmp_path / "r"), "--chunk-size", "0")
    assert result.exit_code == 3 and "chunk size" in result.stderr
    result = CliRunner().invoke(
        app, ["publish", "--store", str(bad), "--out", str(tmp_path / "r"), "--date", "March"]
    )
    assert result.exit_code == 3 and "KG120" in result.stderr


def test_not_a_store_exit_3(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = _cli("--store", str(tmp_path / "empty"), "--out", str(tmp_path / "r"))
    assert result.exit_code == 3 and result.stderr.startswith("error: KG50")
    assert result.stderr.count("\n") == 1
    result = _cli("--store", str(tmp_path / "missing"), "--out", str(tmp_path / "r"))
    assert result.exit_code == 3 and "no such store" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_force_never_replaces_the_store_or_the_working_folder(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _cli("--store", str(source), "--out", str(source.parent), "--force")
    assert result.exit_code == 3 and "refusing to replace" in result.stderr
    assert source.is_file()
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("mine")
    monkeypatch.chdir(work)
    result = _cli("--store", str(source), "--out", ".", "--force")
    assert result.exit_code == 3 and "refusing to replace" in result.stderr
    assert (work / "notes.txt").read_text() == "mine"


def test_missing_parent_folders_are_created(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "releases" / "1.0"
    assert _cli("--store", str(source), "--out", str(out)).exit_code == 0
    assert (out / "void.ttl").is_file()
