"""kg publish on the bundled article, end to end: extraction -> graph -> Oxigraph store
folder -> ``kg publish --store DIR`` -> a release that verifies."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.extract.extractor import Extractor
from kg.ingest import read_article
from kg.publish.text import EXCERPT_MAX
from kg.rdf.mapping import article_graph, to_dataset
from kg.settings import Settings


def test_publish_the_bundled_article(article_path: Path, tmp_path: Path) -> None:
    settings = Settings()
    article = read_article(article_path)
    dataset = to_dataset(
        [article_graph(Extractor(settings).extract(article), base_iri=settings.base_iri)]
    )
    store = ox.Store(str(tmp_path / "store"))
    store.load(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    out = tmp_path / "release"
    args = [
        "publish",
        "--store",
        str(tmp_path / "store"),
        "--out",
        str(out),
        "--version",
        "0.1.0",
        "--date",
        "2025-03-09",
        "--include-text",
        "--articles",
        str(article_path.parent),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out)
    key = article.key
    assert (out / "jsonld" / f"{key}.jsonld").is_file()
    # the bundled article states no licence: excerpts only, bounded
    assert not (out / "text" / f"{key}.txt").exists()
    doc = json.loads((out / "text" / f"{key}.excerpts.json").read_text(encoding="utf-8"))
    assert doc["excerpts"] and all(len(e["text"]) <= EXCERPT_MAX for e in doc["excerpts"])
    assert sum(len(e["text"]) for e in doc["excerpts"]) <= len(article.body) // 4
    for e in doc["excerpts"]:
        assert article.body[e["begin"] : e["end"]] == e["text"]
    for line in (out / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    nq = Dataset()
    nq.parse(data=gzip.decompress((out / "dumps/data-00001.nq.gz").read_bytes()), format="nquads")
    named = {str(g.identifier) for g in nq.graphs() if len(g)}
    assert named == {f"{settings.base_iri}graph/{key}"}
    assert sum(len(g) for g in nq.graphs()) == sum(len(g) for g in dataset.graphs())
    Graph().parse(out / "void.ttl", format="turtle")
    # a second run into another folder: the same bytes
    again = tmp_path / "again"
    args[args.index(str(out))] = str(again)
    assert CliRunner().invoke(app, args).exit_code == 0
    assert (again / "SHA256SUMS").read_bytes() == (out / "SHA256SUMS").read_bytes()
