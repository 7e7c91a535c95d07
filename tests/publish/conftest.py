"""Fixtures of the publish tests (the samples are in samples.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from tests.publish.samples import extraction_a, extraction_b, sample_dataset, write_article


@pytest.fixture()
def dataset() -> Dataset:
    return sample_dataset()


@pytest.fixture()
def article_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    write_article(folder, "a.txt", extraction_a())
    write_article(folder, "b.txt", extraction_b())
    return folder
