"""Give literals read from Oxigraph back the derived datatype the contract declares.

Oxigraph (0.5.x) keeps only primitive XSD types: a stored ``"12"^^xsd:nonNegativeInteger``
comes back as ``"12"^^xsd:integer`` (likewise the other integer subtypes, and
``xsd:dateTimeStamp`` as ``xsd:dateTime``; dsp-tools#2280 reports the same). The contract
and the shapes ask for the derived type (mention offsets, casualty figures), so RDF read
from the store would fail them. For each property to which the shapes give exactly one
``sh:datatype`` that is such a derived type, a literal of the base type whose value lies in
the derived type's range is retyped; nothing else changes.

Only RDF answers (CONSTRUCT, DESCRIBE, dumps) know the predicate of each literal; a SELECT
row's number keeps the store's ``xsd:integer``, which compares and sorts the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.resources import shape_files

XSD = "http://www.w3.org/2001/XMLSchema#"
_SH = "http://www.w3.org/ns/shacl#"


def _int_range(low: int | None, high: int | None) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        try:
            n = int(value)
        except ValueError:
            return False
        return (low is None or n >= low) and (high is None or n <= high)

    return check


def _has_timezone(value: str) -> bool:
    return value.endswith("Z") or (len(value) > 6 and value[-6] in "+-" and value[-3] == ":")


#: derived type -> (the primitive type a store keeps, whether a value fits the derived type)
DERIVED: dict[str, tuple[str, Callable[[str], bool]]] = {
    XSD + "nonNegativeInteger": (XSD + "integer", _int_range(0, None)),
    XSD + "positiveInteger": (XSD + "integer", _int_range(1, None)),
    XSD + "nonPositiveInteger": (XSD + "integer", _int_range(None, 0)),
    XSD + "negativeInteger": (XSD + "integer", _int_range(None, -1)),
    XSD + "long": (XSD + "integer", _int_range(-(2**63), 2**63 - 1)),
    XSD + "int": (XSD + "integer", _int_range(-(2**31), 2**31 - 1)),
    XSD + "short": (XSD + "integer", _int_range(-(2**15), 2**15 - 1)),
    XSD + "byte": (XSD + "integer", _int_range(-128, 127)),
    XSD + "unsignedLong": (XSD + "integer", _int_range(0, 2**64 - 1)),
    XSD + "unsignedInt": (XSD + "integer", _int_range(0, 2**32 - 1)),
    XSD + "unsignedShort": (XSD + "integer", _int_range(0, 2**16 - 1)),
    XSD + "unsignedByte": (XSD + "integer", _int_range(0, 255)),
    XSD + "dateTimeStamp": (XSD + "dateTime", _has_timezone),
}


def declared_in(files: Iterable[Path]) -> dict[str, str]:
    """Property IRI -> the derived datatype the shapes in ``files`` give it (only when they
    give exactly one)."""
    paths: dict[str, str] = {}
    datatypes: dict[str, set[str]] = {}
    for path in files:
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            key = str(t.subject)
            if t.predicate.value == _SH + "path" and isinstance(t.object, ox.NamedNode):
                paths[key] = t.object.value
            elif t.predicate.value == _SH + "datatype" and isinstance(t.object, ox.NamedNode):
                datatypes.setdefault(key, set()).add(t.object.value)
    found: dict[str, set[str]] = {}
    for shape, prop in paths.items():
        found.setdefault(prop, set()).update(datatypes.get(shape, ()))
    return {
        prop: next(iter(types))
        for prop, types in sorted(found.items())
        if len(types) == 1 and next(iter(types)) in DERIVED
    }


@cache
def contract_datatypes() -> dict[str, str]:
    """The derived datatypes declared by newskg's own shapes (cached)."""
    return declared_in(shape_files())


def retype(predicate: str, literal: ox.Literal, declared: dict[str, str]) -> ox.Literal:
    """``literal`` with the derived datatype ``declared`` gives ``predicate``, when the store
    dropped it and the value fits; else ``literal`` unchanged."""
    target = declared.get(predicate)
    if target and not literal.language:
        base, fits = DERIVED[target]
        if literal.datatype.value == base and fits(literal.value):
            return ox.Literal(literal.value, datatype=ox.NamedNode(target))
    return literal
