"""A release folder: every file parses, VoID counts equal the data, checksums verify,
dumps are deterministic and chunked."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

from kg.publish import publish
from tests.publish.samples import BASE

ISSUED = date(2025, 4, 1)
ROOT = Path(__file__).resolve().parents[2]


def _publish(dataset: Dataset | bytes, out: Path, **options: object):
    report = publish(dataset, out, version="1.0", issued=ISSUED, base_iri=BASE, **options)
    assert report.ok, report.problems
    return report


def _gunzip(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def _union(dataset: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_layout_and_every_file_parses(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "release"
    report = _publish(dataset, out)
    keys = sorted(str(g.identifier).rsplit("/", 1)[-1] for g in dataset.graphs() if len(g))
    expected = {
        "README.md",
        "SHA256SUMS",
        "context.jsonld",
        "void.ttl",
        "dumps/data-00001.nq.gz",
        "dumps/data-00001.nt.gz",
        "dumps/data-00001.ttl.gz",
        *(f"jsonld/{k}.jsonld" for k in keys),
    }
    assert expected <= set(report.files)
    assert (
        sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == report.files
    )
    nq = Dataset()
    nq.parse(data=_gunzip(out / "dumps/data-00001.nq.gz"), format="nquads")
    for original in dataset.graphs():
        if len(original):
            assert isomorphic(nq.graph(original.identifier), original)
    union = _union(dataset)
    for name, fmt in (("nt", "nt"), ("ttl", "turtle")):
        g = Graph().parse(data=_gunzip(out / f"dumps/data-00001.{name}.gz"), format=fmt)
        assert isomorphic(g, union), name
    for key in keys:
        doc = Dataset()
        doc.parse(out / f"jsonld/{key}.jsonld", format="json-ld")
        iri = URIRef(f"{BASE}graph/{key}")
        assert isomorphic(doc.graph(iri), dataset.graph(iri))
    context = json.loads((out / "context.jsonld").read_text())["@context"]
    assert context["nkg"] == "https://w3id.org/newskg/ontology#"
    Graph().parse(out / "void.ttl", format="turtle")
    for path in out.rglob("*.ttl"):
        Graph().parse(path, format="turtle")


def test_void_counts_equal_the_data(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "release"
    _publish(dataset, out, sparql_endpoint="https://query.example/sparql")
    void = Graph().parse(out / "void.ttl", format="turtle", publicID=out.as_uri() + "/")
    ds = void.value(predicate=RDF.type, object=VOID.Dataset, any=True)
    (ds,) = [s for s in void.subjects(RDF.type, DCAT.Dataset)]
    union = _union(dataset)

    def count(node: object, prop: URIRef) -> int:
        return int(void.value(node, prop))

    assert count(ds, VOID.triples) == len(union)
    entities = {s for s in union.subjects() if str(s).startswith(BASE)}
    assert count(ds, VOID.entities) == len(entities)
    assert void.value(ds, VOID.sparqlEndpoint) == URIRef("https://query.example/sparql")
    assert void.value(ds, DCTERMS.issued) == Literal(ISSUED)
    assert void.value(ds, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    classes = {
        void.value(p, VOID["class"]): count(p, VOID.entities)
        for p in void.objects(ds, VOID.classPartition)
    }
    expected_classes = {}
    for cls in set(union.objects(None, RDF.type)):
        expected_classes[cls] = len(set(union.subjects(RDF.type, cls)))
    assert classes == expected_classes
    props = {
        void.value(p, VOID.property): count(p, VOID.triples)
        for p in void.objects(ds, VOID.propertyPartition)
    }
    expected_props = {}
    for p in set(union.predicates()):
        expected_props[p] = len(list(union.triples((None, p, None))))
    assert props == expected_props
    assert URIRef("https://w3id.org/newskg/ontology#") in set(void.objects(ds, VOID.vocabulary))
    # one subset per article graph, with the article's own licence and source
    subsets = list(void.objects(ds, VOID.subset))
    assert len(subsets) == 2
    licensed = [s for s in subsets if void.value(s, DCTERMS.license) is not None]
    assert len(licensed) == 1
    (sub,) = licensed
    assert void.value(sub, DCTERMS.source) == URIRef("https://news.example/a")
    assert void.value(sub, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    graph = dataset.graph(
        void.value(sub, URIRef("http://www.w3.org/ns/sparql-service-description#name"))
    )
    assert count(sub, VOID.triples) == len(graph)
    # every dump and distribution points to a file of the release, with its size
    dumps = set(void.objects(ds, VOID.dataDump))
    assert len(dumps) == 3
    for dist in void.objects(ds, DCAT.distribution):
        url = void.value(dist, DCAT.downloadURL)
        path = Path(str(url).removeprefix("file://"))
        assert path.is_file(), url
        assert int(void.value(dist, DCAT.byteSize)) == path.stat().st_size
        assert void.value(dist, DCAT.mediaType) is not None


def test_checksums_verify(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "release"
    report = _publish(dataset, out)
    lines = (out / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == set(report.files) - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    if shutil.which("sha256sum"):
        done = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=out)
        assert done.returncode == 0
        (out / "void.ttl").write_text("tampered\n")
        done = subprocess.run(
            ["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=out, capture_output=True
        )
        assert done.returncode != 0


def test_gzip_headers_fixed_and_two_runs_same_bytes(dataset: Dataset, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    _publish(dataset, a)
    _publish(dataset, b)
    raw = (a / "dumps/data-00001.nq.gz").read_bytes()
    assert raw[:3] == b"\x1f\x8b\x08" and raw[3] == 0  # no FNAME flag
    assert raw[4:8] == b"\x00\x00\x00\x00"  # mtime 0
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_determinism_across_processes(tmp_path: Path) -> None:
    """Two processes with different hash seeds write the same bytes (set order can't leak)."""
    script = (
        "import sys; from datetime import date; from pathlib import Path;"
        "from tests.publish.samples import sample_dataset, BASE;"
        "from kg.publish import publish;"
        "r = publish(sample_dataset(), Path(sys.argv[1]), version='1.0', issued=date(2025, 4, 1),"
        " base_iri=BASE, chunk_size=50); assert r.ok"
    )
    for seed, name in (("1", "a"), ("2", "b")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / name)], cwd=ROOT, env=env, check=True
        )
    a, b = tmp_path / "a", tmp_path / "b"
    assert (a / "SHA256SUMS").read_bytes() == (b / "SHA256SUMS").read_bytes()
    assert len((a / "SHA256SUMS").read_text().splitlines()) >= 10


def test_chunking_splits_every_format(dataset: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "release"
    report = _publish(dataset, out, chunk_size=40)
    quads = sum(len(g) for g in dataset.graphs())
    nq_parts = sorted(out.glob("dumps/data-*.nq.gz"))
    assert len(nq_parts) == -(-quads // 40) >= 3
    lines = [line for p in nq_parts for line in _gunzip(p).decode().splitlines()]
    assert len(lines) == quads and lines == sorted(lines)
    union = _union(dataset)
    g = Graph()
    for p in sorted(out.glob("dumps/data-*.ttl.gz")):
        g.parse(data=_gunzip(p), format="turtle")  # each part is a complete document
    assert isomorphic(g, union)
    assert report.stats is not None and report.stats.quads == quads


def test_publish_from_an_oxigraph_store_folder(dataset: Dataset, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    store = ox.Store(str(store_dir))
    store.load(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    dumped = store.dump(format=ox.RdfFormat.N_QUADS)
    del store
    from kg.publish import publish_store

    out = tmp_path / "release"
    report = publish_store(store_dir, out, version="1.0", issued=ISSUED, base_iri=BASE)
    assert report.ok
    assert report.stats is not None and report.stats.quads == sum(len(g) for g in dataset.graphs())
    # the store reduced xsd:nonNegativeInteger to xsd:integer; publish gives the declared
    # datatypes back, so the release equals the one made from the mapping's own output
    assert b"XMLSchema#nonNegativeInteger" not in dumped
    assert any("datatype the shapes declare" in n for n in report.notes)
    ref = tmp_path / "ref"
    _publish(dataset, ref)
    assert (out / "SHA256SUMS").read_bytes() == (ref / "SHA256SUMS").read_bytes()


@pytest.mark.parametrize("with_url", [False, True])
def test_download_urls(dataset: Dataset, tmp_path: Path, with_url: bool) -> None:
    out = tmp_path / "release"
    url = "https://downloads.example/newskg/1.0/" if with_url else None
    _publish(dataset, out, download_url=url)
    text = (out / "void.ttl").read_text()
    assert "release.invalid" not in text and "@base" not in text
    if with_url:
        assert "<https://downloads.example/newskg/1.0/dumps/data-00001.nq.gz>" in text
    else:
        assert "<dumps/data-00001.nq.gz>" in text


def test_cli_options_reach_the_void(dataset: Dataset, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    source = tmp_path / "data.trig"
    source.write_text(dataset.serialize(format="trig"), encoding="utf-8")
    out = tmp_path / "release"
    args = [
        "publish",
        "--store",
        str(source),
        "--out",
        str(out),
        "--base-iri",
        BASE,
        "--version",
        "2.1",
        "--date",
        "2025-05-06",
        "--sparql-endpoint",
        "https://q.example/sparql",
        "--licence",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    void = Graph().parse(out / "void.ttl", format="turtle")
    ds = URIRef(f"{BASE}dataset/2.1")
    assert void.value(ds, DCTERMS.license) == URIRef(
        "https://creativecommons.org/publicdomain/zero/1.0/"
    )
    assert void.value(ds, DCTERMS.issued) == Literal(date(2025, 5, 6))
    assert str(void.value(ds, URIRef("http://www.w3.org/2002/07/owl#versionInfo"))) == "2.1"
    assert void.value(ds, VOID.sparqlEndpoint) == URIRef("https://q.example/sparql")


def test_issued_date_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.publish import release_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741478400")  # 2025-03-09T00:00:00Z
    assert release_date() == date(2025, 3, 9)
    assert release_date("2024-12-31") == date(2024, 12, 31)


def test_ontology_and_shapes_are_copied(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg import resources

    onto, shapes = tmp_path / "onto", tmp_path / "shapes"
    (onto / "imports").mkdir(parents=True)
    shapes.mkdir()
    (onto / "nkg.ttl").write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    (onto / "imports" / "org.ttl").write_text("<urn:x:d> <urn:x:e> <urn:x:f> .\n")
    (shapes / "person.ttl").write_text("<urn:x:g> <urn:x:h> <urn:x:i> .\n")
    monkeypatch.setattr(resources, "ontology_dir", lambda: onto)
    monkeypatch.setattr(resources, "shapes_dir", lambda: shapes)
    out = tmp_path / "release"
    report = _publish(dataset, out, shapes=[])
    assert {"ontology/nkg.ttl", "ontology/imports/org.ttl", "shapes/person.ttl"} <= set(
        report.files
    )
    assert (out / "ontology/nkg.ttl").read_bytes() == (onto / "nkg.ttl").read_bytes()
    void = Graph().parse(out / "void.ttl", format="turtle", publicID=out.as_uri() + "/")
    (ds,) = list(void.subjects(RDF.type, DCAT.Dataset))
    urls = {str(void.value(d, DCAT.downloadURL)) for d in void.objects(ds, DCAT.distribution)}
    assert out.as_uri() + "/shapes/person.ttl" in urls
    assert len(set(void.objects(ds, VOID.dataDump))) == 3  # ontology and shapes are not data dumps
    assert "`ontology/`, `shapes/`" in (out / "README.md").read_text()


def test_cli_default_store_and_base_from_the_environment(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    store = ox.Store(str(tmp_path / "kg-store"))
    store.load(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    monkeypatch.setenv("KG_STORE", str(tmp_path / "kg-store"))
    monkeypatch.setenv("KG_BASE_IRI", BASE)
    out = tmp_path / "release"
    result = CliRunner().invoke(app, ["publish", "--out", str(out), "--date", "2025-04-01"])
    assert result.exit_code == 0, result.stderr
    void = Graph().parse(out / "void.ttl", format="turtle")
    assert (URIRef(f"{BASE}dataset/0.1.0"), RDF.type, VOID.Dataset) in void
