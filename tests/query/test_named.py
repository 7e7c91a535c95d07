"""Each named query of queries/ on a hand-made dataset, against hand-written expected rows."""

from __future__ import annotations

import csv
import functools
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, URIRef

from kg.errors import InputError
from kg.query import bindings, list_named, load_named, prepare, run, serialize_result

HERE = Path(__file__).parent
SAMPLE = HERE / "data" / "sample.trig"
EXPECTED = HERE / "expected"

CASES = [
    ("entities-person", "entities", {}),
    ("entities-organisation", "entities", {"type": "nkg:Organisation"}),
    ("events-in-region", "events-in-place", {"place": "coast region"}),
    # the place chain of each event's own article only: e1 (article one) is in Townville too
    ("events-in-farland", "events-in-place", {"place": "Farland"}),
    (
        "events-in-region-march",
        "events-in-place",
        {"place": "Coast Region", "from": "2025-03-01", "to": "2025-03-31"},
    ),
    ("events-from-date", "events-in-place", {"from": "2025-02-05"}),
    ("events-in-village-altlabel", "events-in-place", {"place": "THE VILLAGE OF VILLAGETON"}),
    ("casualties-e2", "casualties", {"event": "http://x.test/e2"}),
    ("casualties-all", "casualties", {}),
    ("actor-insurgents", "actor", {"actor": "insurgents"}),
    ("actor-forces", "actor", {"actor": "Government Forces"}),
    ("actor-altlabel", "actor", {"actor": "ahmed"}),
    ("actor-iri", "actor", {"actor": "http://x.test/villagers"}),
    ("claims-by-monitor", "claims-by", {"source": "the monitor"}),
    ("claims-all", "claims-by", {}),
    ("single-source-figures", "single-source-figures", {}),
    ("demo", "demo", {}),
    # a value that would break out of a string if it were pasted into the query
    ("injection", "actor", {"actor": 'x") || true) } UNION { ?entity ?p ?o . FILTER("1'}),
]


@pytest.fixture(scope="module")
def sample() -> Dataset:
    ds = Dataset()
    ds.parse(SAMPLE, format="trig")
    return ds


def _rows(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text)) if row]


@pytest.mark.parametrize(("case", "name", "params"), CASES, ids=[c[0] for c in CASES])
def test_named_query_on_sample(sample: Dataset, case: str, name: str, params: dict) -> None:
    nq = load_named(name)
    query = prepare(nq.text, where=name)
    initial = bindings(nq, params, query.prologue.namespace_manager)
    got = _rows(serialize_result(run(sample, query, initial), "csv"))
    expected = _rows((EXPECTED / f"{case}.csv").read_text(encoding="utf-8"))
    assert got == expected


def test_every_named_query_is_documented_and_tested() -> None:
    queries = list_named()
    names = {q.name for q in queries}
    assert {
        "entities",
        "events-in-place",
        "casualties",
        "actor",
        "claims-by",
        "single-source-figures",
        "demo",
    } <= names
    assert names <= {c[1] for c in CASES}
    for q in queries:
        assert q.title and q.title != q.name, q.name
        assert q.description, q.name
        for p in q.params:
            assert f"?{p.name}" in q.text, (q.name, p.name)


def test_parameters_are_typed_and_checked() -> None:
    nq = load_named("events-in-place")
    with pytest.raises(InputError, match="KG232.*not a date"):
        bindings(nq, {"from": "last week"})
    with pytest.raises(InputError, match="KG232.*no parameter 'city'"):
        bindings(nq, {"city": "X"})
    entities = load_named("entities")
    ns = prepare(entities.text).prologue.namespace_manager
    assert bindings(entities, {}, ns) == {"type": URIRef("https://w3id.org/newskg/ontology#Person")}
    with pytest.raises(InputError, match="KG232.*unknown prefix"):
        bindings(entities, {"type": "foo:Bar"}, ns)
    with pytest.raises(InputError, match="KG232.*not an IRI"):
        bindings(entities, {"type": "not an iri"}, ns)
    # a prefixed name whose expansion is no IRI was a ValueError traceback (issue 17)
    for bad in ("nkg:Per son", "nkg:Per<son>", 'nkg:a"b', "<http://x/a b>"):
        with pytest.raises(InputError, match="KG232.*not an IRI"):
            bindings(entities, {"type": bad}, ns)


def test_unknown_named_query() -> None:
    with pytest.raises(InputError, match="KG231.*no named query 'nope'.*entities"):
        load_named("nope")
    with pytest.raises(InputError, match="KG231"):
        load_named("../pyproject")


def test_syntax_error_names_the_position() -> None:
    with pytest.raises(InputError, match=r"KG230: q: SPARQL syntax error at line 1, column \d+"):
        prepare("SELECT ?x WHERE { ?x ?p }", where="q")


@functools.cache
def _prepared() -> list[tuple[object, object]]:
    return [
        (nq, prepare(nq.text).prologue.namespace_manager)
        for nq in (load_named("entities"), load_named("events-in-place"))
    ]


@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=30) | st.sampled_from(["nkg:", "nkg:x y", "<>", "<a:b>", "a:b c"]))
def test_any_parameter_value_is_a_term_or_kg232(value: str) -> None:
    """Fuzzing (issue 17): whatever a user types as a parameter, one KG232 or a valid term
    that the engine accepts, never another exception."""
    import pyoxigraph as ox

    for nq, ns in _prepared():
        for p in nq.params:
            try:
                term = bindings(nq, {p.name: value}, ns)[p.name]
            except InputError as e:
                assert e.code == "KG232"
                continue
            if isinstance(term, URIRef):
                ox.NamedNode(str(term))
