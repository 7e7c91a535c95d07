"""Validate a graph (or a dataset) with the newskg SHACL shapes.

Two engines run the same shapes: pySHACL (``"pyshacl"``, the reference, used by
``kg validate`` and ``kg publish``) and pyshacl-turbo (``"turbo"``, a SHACL engine in Rust
with pySHACL's API and report format, about 10x faster per article graph: 3 ms against 35 ms
measured on news articles), which ``kg build`` uses to check each article graph before
storing it (``KG_SHACL_ENGINE=pyshacl`` switches it back). ``tests/shapes`` checks that both
engines give the same verdict and the same results on every shape fixture and on real
article graphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import cast

from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, RDF, SH
from rdflib.query import ResultRow
from rdflib.term import Node

from kg.resources import shape_files
from kg.validate.checks import run_global_checks
from kg.validate.report import ValidationReport, ValidationResult, sort_key

_PROVENANCE_SHAPE = URIRef("https://w3id.org/newskg/shapes#NamedGraphProvenance")

_GRAPH_PROVENANCE_QUERY = """
SELECT ?missing WHERE {
    VALUES ?missing { prov:wasDerivedFrom prov:wasGeneratedBy }
    FILTER NOT EXISTS { ?g ?missing ?x }
}
"""


def load_shapes(paths: Iterable[Path] | None = None) -> Graph:
    """The shapes graph of ``paths`` (default: every ``shapes/*.ttl``, parsed once and cached)."""
    if paths is None:
        return _default_shapes()
    graph = Graph()
    for path in sorted(paths):
        graph.parse(path, format="turtle")
    return graph


@cache
def _default_shapes() -> Graph:
    return load_shapes(shape_files())


#: the SHACL engines :func:`validate_graph` can run
ENGINES = ("pyshacl", "turbo")


@cache
def _compiled_default_shapes():  # noqa: ANN202 - pyshacl_turbo.CompiledShapes (untyped)
    from pyshacl_turbo import compile_shapes

    return compile_shapes(_default_shapes())


def _turbo_text(ntriples: str) -> object | None:
    """N-Triples text as pyshacl-turbo's own input, which its engine parses in Rust: cheaper
    than handing it the graph, which it converts term by term in Python (2.5 against 3.0 ms
    per news article graph). That input type (``pyshacl_turbo.rdf.Input``) is not part of
    its documented API (whose text input goes through an rdflib graph, 15 ms), so ``None``
    if it is not there: the graph is then used."""
    try:
        from pyshacl_turbo.rdf import Input
    except ImportError:  # pragma: no cover - another pyshacl-turbo
        return None
    return Input(ntriples, "nt", None, {}, {}, preserve_ids=True)


def _run_engine(
    graph: Graph, shapes: Graph | None, engine: str, ntriples: str | None = None
) -> Graph:
    """The report graph of ``engine`` on ``graph`` (shapes: ours by default; ``ntriples``:
    the graph serialised as N-Triples, read instead of the graph by the turbo engine)."""
    if engine == "turbo":
        if shapes is None:
            data = (_turbo_text(ntriples) if ntriples is not None else None) or graph
            _c, report, _t = _compiled_default_shapes().validate(data, allow_warnings=True)
        else:
            from pyshacl_turbo import validate as turbo_validate

            _c, report, _t = turbo_validate(graph, shacl_graph=shapes, allow_warnings=True)
        return cast(Graph, report)
    if engine != "pyshacl":
        raise ValueError(f"unknown SHACL engine {engine!r}: expected one of {ENGINES}")
    _c, report, _t = pyshacl_validate(
        graph,
        shacl_graph=shapes if shapes is not None else _default_shapes(),
        inference="none",
        allow_warnings=True,
    )
    return cast(Graph, report)


def validate_graph(
    data: Graph | Dataset,
    *,
    shapes: Graph | None = None,
    focus: Iterable[Node] | None = None,
    engine: str = "pyshacl",
    ntriples: str | None = None,
) -> ValidationReport:
    """Validate ``data`` with the SHACL shapes and return the report (never raises on failure).

    A Dataset is validated as the union of its graphs; each of its non-empty named graphs must
    also be described with ``prov:wasDerivedFrom`` and ``prov:wasGeneratedBy`` (a check done
    by a SPARQL query rather than a shape, since shapes see no graph names), and the warnings
    of :data:`kg.validate.checks.GLOBAL_CHECKS` are added (their violations are already
    shape violations on the union).

    Args:
        data: the graph to check, typically one article's named graph.
        shapes: the shapes graph; default every file of ``shapes/``.
        focus: validate only these nodes (e.g. an article's own subjects): the data is cut down
            to their triples plus the types of what they reference (see :func:`restrict`), and
            only results about them are kept. Default: every target of the shapes.
        engine: ``"pyshacl"`` (the reference) or ``"turbo"`` (see the module docstring).
        ntriples: ``data`` (a Graph) as ``data.serialize(format="nt")`` gives it, when the
            caller has that text anyway: the turbo engine then parses it rather than convert
            the graph (see :func:`_turbo_text`). Ignored by pySHACL and with ``focus``.

    Returns:
        The report: ``report.conforms`` and one ``ValidationResult`` per problem.

    Example:
        >>> from rdflib import Graph
        >>> validate_graph(Graph()).conforms
        True
    """
    graph = union(data) if isinstance(data, Dataset) else data
    focus_set = set(focus) if focus is not None else None
    if focus_set is not None:
        graph = restrict(graph, focus_set)
    text = ntriples if focus_set is None and not isinstance(data, Dataset) else None
    results = _results(_run_engine(graph, shapes, engine, text))
    if focus_set is not None:
        results = [r for r in results if r.focus_node in focus_set]
    if isinstance(data, Dataset):
        results.extend(graph_provenance_results(data))
        results.extend(r for r in run_global_checks(graph) if r.severity != SH.Violation)
    results.sort(key=sort_key)
    conforms = not any(r.severity == SH.Violation for r in results)
    return ValidationReport(conforms=conforms, results=results)


def restrict(graph: Graph, focus: set[Node]) -> Graph:
    """The triples of ``focus`` nodes, the types of the nodes they reference, and the
    descriptions of blank nodes they reach (so that ``sh:class`` checks still see types)."""
    out = Graph(namespace_manager=graph.namespace_manager)
    todo = list(focus)
    seen: set[Node] = set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for s, p, o in graph.triples((subject, None, None)):
            out.add((s, p, o))
            if isinstance(o, BNode):
                todo.append(o)
            elif isinstance(o, URIRef):
                for t in graph.objects(o, RDF.type):
                    out.add((o, RDF.type, t))
    return out


def union(dataset: Dataset) -> Graph:
    """Every triple of every graph of ``dataset``, as one graph (prefixes kept)."""
    graph = Graph(namespace_manager=dataset.namespace_manager)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def graph_provenance_results(dataset: Dataset) -> list[ValidationResult]:
    """Named graphs of ``dataset`` that lack their description (``prov:wasDerivedFrom`` and
    ``prov:wasGeneratedBy``, in any graph of the dataset)."""
    everything = union(dataset)
    results = []
    for context in dataset.graphs():
        name = context.identifier
        if name == DATASET_DEFAULT_GRAPH_ID or not isinstance(name, URIRef) or len(context) == 0:
            continue
        bindings = {"g": name}
        rows = everything.query(
            _GRAPH_PROVENANCE_QUERY, initNs={"prov": PROV}, initBindings=bindings
        )
        for row in rows:
            missing = cast(ResultRow, row)[0]
            short = missing.n3(everything.namespace_manager)
            results.append(
                ValidationResult(
                    focus_node=name,
                    result_path=missing,
                    constraint=SH.SPARQLConstraintComponent,
                    source_shape=_PROVENANCE_SHAPE,
                    message=f"the named graph is not described with {short}",
                )
            )
    return results


def _results(report: Graph) -> list[ValidationResult]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        results.append(
            ValidationResult(
                # pySHACL writes focus node, component and shape on every result
                focus_node=cast(Node, report.value(node, SH.focusNode)),
                result_path=_path(report, report.value(node, SH.resultPath)),
                constraint=cast(URIRef, report.value(node, SH.sourceConstraintComponent)),
                source_shape=cast(Node, report.value(node, SH.sourceShape)),
                message="; ".join(messages),
                severity=cast(URIRef, report.value(node, SH.resultSeverity) or SH.Violation),
                value=report.value(node, SH.value),
            )
        )
    return results


def _path(report: Graph, path: Node | None) -> Node | None:
    """A result path; a blank-node path such as ``[sh:inversePath p]`` becomes ``p``."""
    if path is None or isinstance(path, URIRef | Literal):
        return path
    inverse = report.value(path, SH.inversePath)
    return inverse if inverse is not None else path
