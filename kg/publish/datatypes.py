"""Give literals back the datatype the shapes declare, where a store dropped it.

Oxigraph (0.5.x) keeps only primitive XSD types: a stored ``"12"^^xsd:nonNegativeInteger``
comes back as ``"12"^^xsd:integer`` (likewise the other integer subtypes, and
``xsd:dateTimeStamp`` as ``xsd:dateTime``). The contract and the shapes ask for the derived
type, so data read from the store would fail them. For each property to which the shapes
give exactly one ``sh:datatype`` that is such a derived type, a literal of the base type
whose value lies in the derived type's range is retyped; nothing else changes. On data that
never went through such a store (the RDF mapping's output) this is a no-op.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.publish.source import Quads

XSD = "http://www.w3.org/2001/XMLSchema#"


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


def declared_datatypes(shapes: Graph) -> dict[str, str]:
    """Property IRI -> the derived datatype the shapes give it (only when they give one)."""
    found: dict[str, set[str]] = {}
    for shape, path in shapes.subject_objects(SH.path):
        if not isinstance(path, URIRef):
            continue
        for datatype in shapes.objects(shape, SH.datatype):
            found.setdefault(str(path), set()).add(str(datatype))
    return {
        prop: next(iter(types))
        for prop, types in sorted(found.items())
        if len(types) == 1 and next(iter(types)) in DERIVED
    }


def restore_datatypes(quads: Quads, declared: dict[str, str]) -> tuple[Quads, int]:
    """``quads`` with dropped datatypes restored, and how many literals were retyped."""
    if not declared:
        return quads, 0
    changed = 0
    out: list[ox.Quad] = []
    for q in quads.quads:
        target = declared.get(q.predicate.value)
        o = q.object
        if target and isinstance(o, ox.Literal) and not o.language:
            base, fits = DERIVED[target]
            if o.datatype.value == base and fits(o.value):
                o = ox.Literal(o.value, datatype=ox.NamedNode(target))
                q = ox.Quad(q.subject, q.predicate, o, q.graph_name)
                changed += 1
        out.append(q)
    return (Quads.from_quads(out), changed) if changed else (quads, 0)
