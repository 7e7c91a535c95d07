"""Running SPARQL with rdflib over a dataset (the union of its graphs as default graph)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pyparsing import ParseBaseException
from rdflib import Dataset, Graph
from rdflib.namespace import NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import InputError
from kg.rdf.mapping import bind_prefixes

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")


@dataclass(frozen=True, slots=True)
class Table:
    """A SELECT result as rows of terms, for display."""

    variables: list[str]
    rows: list[list[Node | None]]


def prepare(text: str, *, where: str = "query") -> Query:
    """Parse a SPARQL query.

    Raises:
        InputError: a syntax error, with the parser's message (KG230).
    """
    try:
        return prepareQuery(text)
    except ParseBaseException as e:
        raise InputError(
            "KG230", f"{where}: SPARQL syntax error at line {e.lineno}, column {e.col}: {e.msg}"
        ) from e
    except Exception as e:  # rdflib raises assorted errors on bad prologues and algebra
        raise InputError("KG230", f"{where}: invalid SPARQL query: {e}") from e


def union_view(ds: Dataset) -> Dataset:
    """Make the union of all graphs the default graph of ``ds`` (in place)."""
    ds.default_union = True
    bind_prefixes(ds)
    return ds


def run(
    ds: Dataset, query: Query, bindings: Mapping[str, Node] | None = None, *, where: str = "query"
) -> Result:
    """Evaluate a prepared query over the union of ``ds``'s graphs.

    Raises:
        InputError: the query cannot be evaluated (KG230).
    """
    union_view(ds)
    try:
        result = ds.query(query, initBindings=dict(bindings or {}))  # type: ignore[arg-type]
        if result.type == "SELECT":
            result.bindings  # noqa: B018 - evaluate now, so errors surface here
        return result
    except Exception as e:  # evaluation errors from rdflib's engine
        raise InputError("KG230", f"{where}: query failed: {e}") from e


def run_named(
    ds: Dataset, name: str, params: Mapping[str, str] | None = None, *, folder: Path | None = None
) -> Result:
    """Run the named query ``name`` (``queries/NAME.rq``) with parameter values given as
    strings, checked against the query's declared kinds.

    Raises:
        InputError: unknown query (KG231), bad parameter (KG232), query error (KG230).
    """
    from kg.query.named import bindings, load_named

    nq = load_named(name, folder)
    where = f"named query {nq.name}"
    query = prepare(nq.text, where=where)
    initial = bindings(nq, dict(params or {}), query.prologue.namespace_manager)
    return run(ds, query, initial, where=where)


def to_table(result: Result) -> Table:
    variables = [str(v) for v in result.vars or []]
    rows = [[row.get(v) for v in (result.vars or [])] for row in result.bindings]  # type: ignore[union-attr]
    return Table(variables, rows)  # type: ignore[arg-type]


def serialize_result(result: Result, fmt: str) -> str:
    """A SELECT/ASK result in ``csv``, ``tsv``, ``json`` or ``xml``; a CONSTRUCT/DESCRIBE
    result in Turtle whatever ``fmt``."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph or Graph()
        bind_prefixes(graph)
        return graph.serialize(format="turtle")
    if fmt == "tsv":
        return _tsv(result)
    if fmt not in ("csv", "json", "xml"):
        raise InputError(
            "KG232", f"unknown result format {fmt!r} (use {', '.join(RESULT_FORMATS)})"
        )
    data = result.serialize(format=fmt)
    text = data.decode("utf-8") if isinstance(data, bytes) else str(data)
    return text if text.endswith("\n") else text + "\n"


def _tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: ``?var`` header, terms in Turtle syntax (rdflib has no TSV writer)."""
    if result.type == "ASK":
        return f"{'true' if result.askAnswer else 'false'}\n"
    variables = list(result.vars or [])
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in result.bindings:
        lines.append("\t".join(_n3(row.get(v)) for v in variables))
    return "\n".join(lines) + "\n"


def _n3(term: Node | None) -> str:
    if term is None:
        return ""
    return term.n3().replace("\t", "\\t").replace("\n", "\\n")


def short(term: Node | None, namespaces: NamespaceManager) -> str:
    """A term for display: IRIs as prefixed names where a prefix is bound, literals as text."""
    if term is None:
        return ""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        try:
            return namespaces.normalizeUri(term)
        except Exception:
            return f"<{term}>"
    if isinstance(term, Literal):
        return str(term)
    return term.n3()
