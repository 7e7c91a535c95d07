from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from kg.errors import InputError
from kg.rdf import serialize
from kg.rdf.serialize import FORMATS, check_output, format_for, write_dataset

ROOT = Path(__file__).resolve().parents[2]

# Builds a dataset whose insertion order depends on the hash seed, writes every format.
SCRIPT = """
import sys
from pathlib import Path
from rdflib import RDF, Dataset, Literal, URIRef
from kg.rdf.serialize import FORMATS, write_dataset
ds = Dataset()
names = {f"n{i}" for i in range(40)}  # set order varies with PYTHONHASHSEED
for g in sorted({f"g{i}" for i in range(4)}, key=hash):
    graph = ds.graph(URIRef(f"http://x.test/graph/{g}"))
    for n in sorted(names, key=hash):
        s = URIRef(f"http://x.test/{n}")
        graph.add((s, RDF.type, URIRef("https://w3id.org/newskg/ontology#Person")))
        graph.add((s, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(n + " é " + g)))
out = Path(sys.argv[1])
for suffix in FORMATS:
    write_dataset(ds, out / f"data{suffix}")
"""


def _dataset() -> Dataset:
    ds = Dataset()
    for g in ("a", "b"):
        graph = ds.graph(URIRef(f"http://x.test/graph/{g}"))
        graph.add((URIRef("http://x.test/s"), RDF.type, URIRef(f"http://x.test/T{g}")))
        graph.add((URIRef(f"http://x.test/{g}"), RDF.value, Literal(g)))
    return ds


def test_every_format_is_byte_identical_under_different_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", SCRIPT, str(folder)], check=True, env=env)
        outputs.append({s: (folder / f"data{s}").read_bytes() for s in FORMATS})
    for suffix in FORMATS:
        assert outputs[0][suffix] == outputs[1][suffix], suffix
        assert len(outputs[0][suffix]) > 1000


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld"])
def test_dataset_formats_keep_named_graphs(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    write_dataset(_dataset(), path)
    back = Dataset()
    back.parse(path, format=FORMATS[suffix][0])
    names = {g.identifier for g in back.graphs() if len(g)}
    assert names == {URIRef("http://x.test/graph/a"), URIRef("http://x.test/graph/b")}
    assert len(back.graph(URIRef("http://x.test/graph/a"))) == 2


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_single_graph_formats_hold_the_union(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    write_dataset(_dataset(), path)
    back = Graph().parse(path, format=FORMATS[suffix][0])
    assert len(back) == 4
    assert (URIRef("http://x.test/s"), RDF.type, URIRef("http://x.test/Ta")) in back
    assert (URIRef("http://x.test/s"), RDF.type, URIRef("http://x.test/Tb")) in back


def test_ntriples_and_nquads_lines_are_sorted(tmp_path: Path) -> None:
    for suffix in (".nt", ".nq"):
        path = tmp_path / f"out{suffix}"
        write_dataset(_dataset(), path)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines == sorted(lines) and len(lines) == 4


def test_unknown_suffix() -> None:
    with pytest.raises(InputError, match=r"KG220: out\.xml: unknown output format '\.xml'"):
        format_for(Path("out.xml"))
    with pytest.raises(InputError, match="KG220"):
        check_output(Path("noext"))


def test_missing_or_unwritable_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="KG221.*does not exist"):
        check_output(tmp_path / "missing" / "x.trig")
    with pytest.raises(InputError, match="KG221.*is a directory"):
        (tmp_path / "d.trig").mkdir()
        check_output(tmp_path / "d.trig")
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(InputError, match="KG221.*not writable"):
                check_output(locked / "x.trig")
        finally:
            locked.chmod(0o700)


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "out.trig"
    path.write_text("old", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(serialize.os, "replace", boom)
    with pytest.raises(InputError, match="KG221.*out.trig: cannot write \\(No space left"):
        write_dataset(_dataset(), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.trig"]
