"""kg query's engine (Oxigraph over a file or a store) against rdflib's, named query by
named query: the same rows, literals compared by value (Oxigraph keeps only primitive XSD
types and canonical numbers)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.query import list_named, load_named, prepare, run_named
from kg.query.engine import open_target, run_sparql, with_values
from kg.query.named import bindings
from kg.validate import load_rdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "query" / "data" / "sample.trig"
XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {XSD + t for t in ("integer", "nonNegativeInteger", "positiveInteger", "int", "long")}


def _value(kind: str, value: str, datatype: str | None, language: str | None) -> object:
    if kind == "literal" and datatype in INTEGERS:
        return ("number", Decimal(value))
    if kind == "literal" and datatype == XSD + "decimal":
        return ("number", Decimal(value))
    return (kind, value, language)


def _rdflib_rows(result) -> list[tuple]:  # type: ignore[no-untyped-def]
    rows = []
    for row in result.bindings:
        out = []
        for var in result.vars:
            t = row.get(var)
            if t is None:
                out.append(None)
            elif isinstance(t, URIRef):
                out.append(("iri", str(t), None))
            elif isinstance(t, Literal):
                dt = str(t.datatype) if t.datatype else (None if t.language else XSD + "string")
                out.append(_value("literal", str(t), dt, t.language))
            else:
                out.append(("bnode",))
        rows.append(tuple(out))
    return sorted(rows, key=repr)


def _ox_rows(result) -> list[tuple]:  # type: ignore[no-untyped-def]
    rows = []
    for row in result.rows:
        rows.append(
            tuple(
                None
                if t is None
                else ("bnode",)
                if t.kind == "bnode"
                else _value(t.kind, t.value, t.datatype, t.language)
                for t in row
            )
        )
    return sorted(rows, key=repr)


CASES = [(nq.name, {}) for nq in list_named()] + [
    ("entities", {"type": "nkg:Place"}),
    ("events-in-place", {"place": "Townville"}),
    ("events-in-place", {"from": "2025-03-07", "to": "2025-03-08"}),
]


@pytest.mark.parametrize(("name", "params"), CASES)
def test_named_query_answers_agree_with_rdflib(name: str, params: dict[str, str]) -> None:
    expected = _rdflib_rows(run_named(load_rdf(SAMPLE), name, params))
    nq = load_named(name)
    values = bindings(nq, params, prepare(nq.text).prologue.namespace_manager)
    with open_target(SAMPLE) as store:
        got = _ox_rows(run_sparql(store, nq.text, values))
    assert got == expected


def test_values_block_keeps_a_hostile_value_one_term() -> None:
    hostile = 'x" } ; DROP ALL ; # {'
    text = with_values("SELECT ?v WHERE { BIND(?name AS ?v) }", {"name": _term(hostile)})
    with open_target(SAMPLE) as store:
        result = run_sparql(store, text)
    assert [row[0].value for row in result.rows] == [hostile]


def _term(value: str):  # type: ignore[no-untyped-def]
    from kg.store import Term

    return Term("literal", value, XSD + "string")
