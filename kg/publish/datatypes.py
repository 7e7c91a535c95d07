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

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.publish.source import Quads
from kg.store.datatypes import DERIVED, retype


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
        o = q.object
        if isinstance(o, ox.Literal):
            retyped = retype(q.predicate.value, o, declared)
            if retyped is not o:
                q = ox.Quad(q.subject, q.predicate, retyped, q.graph_name)
                changed += 1
        out.append(q)
    return (Quads.from_quads(out), changed) if changed else (quads, 0)
