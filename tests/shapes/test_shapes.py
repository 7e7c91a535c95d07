"""Every shape, tested both ways (after Brick's tests/test_shapes.py).

Each ``valid/*.ttl`` must conform; each ``invalid/*.ttl`` must not, and names in ``# expect:``
lines exactly the violations it must produce: ``focus component [path|-] [shape]``, in the
file's own prefixes (plus ``sh:`` and ``nkgsh:``). Every file is validated merged with
``base.ttl`` (an article, its provenance and the mentions of its body).

Each test runs under both SHACL engines (pySHACL, the reference, and pyshacl-turbo, which
``kg build`` uses): the same exact expectations hold for both.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.validate import ValidationReport, ValidationResult, load_shapes, validate_graph

HERE = Path(__file__).resolve().parent
VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))
NKGSH = Namespace("https://w3id.org/newskg/shapes#")
#: "turbo-nt": the turbo engine reading the graph's N-Triples text, as ``kg build`` runs it
ENGINES = pytest.mark.parametrize("engine", ["pyshacl", "turbo", "turbo-nt"])


def _validate(data: Graph, engine: str) -> ValidationReport:
    if engine == "turbo-nt":
        return validate_graph(data, engine="turbo", ntriples=data.serialize(format="nt"))
    return validate_graph(data, engine=engine)


class Expected(NamedTuple):
    focus: Node
    component: URIRef
    path: Node | None
    shape: Node | None


@cache
def _base() -> Graph:
    return Graph().parse(HERE / "base.ttl", format="turtle")


def _data(path: Path) -> Graph:
    graph = Graph()
    graph += _base()
    graph.parse(path, format="turtle")
    return graph


def _expectations(path: Path, graph: Graph) -> set[Expected]:
    graph.bind("sh", SH)
    graph.bind("nkgsh", NKGSH)
    nm = graph.namespace_manager

    def term(text: str) -> Node | None:
        if text == "-":
            return None
        if text.startswith("<") and text.endswith(">"):
            return URIRef(text[1:-1])
        return nm.expand_curie(text)

    expected = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            fields = line.removeprefix("# expect:").split()
            focus, component, path_, shape = (fields + ["-", "-"])[:4]
            expected.add(Expected(term(focus), term(component), term(path_), term(shape)))
    return expected


def _node_shape(result: ValidationResult, shapes: Graph) -> Node:
    """The node shape a result comes from (the owner of a property shape)."""
    if (result.source_shape, RDF.type, SH.NodeShape) in shapes:
        return result.source_shape
    owner = shapes.value(predicate=SH.property, object=result.source_shape)
    return owner if owner is not None else result.source_shape


def _matches(result: ValidationResult, want: Expected, shapes: Graph) -> bool:
    return (
        result.focus_node == want.focus
        and result.constraint == want.component
        and result.result_path == want.path
        and (want.shape is None or _node_shape(result, shapes) == want.shape)
    )


@ENGINES
def test_base_conforms(engine: str) -> None:
    report = _validate(_base(), engine)
    assert report.conforms, report.text()


@ENGINES
@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_data_conforms(path: Path, engine: str) -> None:
    data = _data(path)
    report = _validate(data, engine)
    assert report.conforms, report.text(data)


@ENGINES
@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_data_gives_exactly_the_expected_violations(path: Path, engine: str) -> None:
    data = _data(path)
    expected = _expectations(path, data)
    assert expected, f"{path.name} names no '# expect:' line"
    report = _validate(data, engine)
    shapes = load_shapes()
    assert not report.conforms
    for want in expected:
        assert any(_matches(r, want, shapes) for r in report.violations), (
            f"missing {want} in:\n{report.text(data)}"
        )
    unexpected = [r for r in report.violations if not any(_matches(r, w, shapes) for w in expected)]
    assert not unexpected, "\n".join(r.text(data) for r in unexpected)


def test_every_node_shape_has_an_invalid_example() -> None:
    shapes = load_shapes()
    covered = set()
    for path in INVALID:
        data = _data(path)
        covered.update(_node_shape(r, shapes) for r in validate_graph(data).violations)
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    assert node_shapes, "no named node shape found"
    assert node_shapes - covered == set()


def test_every_targeted_class_has_a_valid_example() -> None:
    shapes = load_shapes()
    targeted = set(shapes.objects(None, SH.targetClass))
    instances: set[Node] = set()
    for path in VALID:
        instances.update(_data(path).objects(None, RDF.type))
    assert targeted - instances == set()
