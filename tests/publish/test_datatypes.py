"""Datatypes a store dropped are given back as the shapes declare them, and only then."""

from __future__ import annotations

from rdflib import Graph

from kg.publish.datatypes import declared_datatypes, restore_datatypes
from kg.publish.source import load_quads
from kg.validate import load_shapes

XSD = "http://www.w3.org/2001/XMLSchema#"
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:s:A> sh:property [ sh:path <urn:p:count> ; sh:datatype xsd:nonNegativeInteger ] .
<urn:s:B> sh:property [ sh:path <urn:p:label> ; sh:datatype xsd:string ] .
<urn:s:C> sh:property [ sh:path <urn:p:both> ; sh:datatype xsd:nonNegativeInteger ] .
<urn:s:D> sh:property [ sh:path <urn:p:both> ; sh:datatype xsd:integer ] .
"""


def test_declared_datatypes_from_shapes() -> None:
    shapes = Graph().parse(data=SHAPES, format="turtle")
    assert declared_datatypes(shapes) == {"urn:p:count": XSD + "nonNegativeInteger"}


def test_restore_only_declared_and_in_range() -> None:
    data = f"""<urn:x:a> <urn:p:count> "3"^^<{XSD}integer> <urn:g:1> .
<urn:x:b> <urn:p:count> "-3"^^<{XSD}integer> <urn:g:1> .
<urn:x:c> <urn:p:both> "4"^^<{XSD}integer> <urn:g:1> .
<urn:x:d> <urn:p:count> "5"^^<{XSD}decimal> <urn:g:1> .
""".encode()
    shapes = Graph().parse(data=SHAPES, format="turtle")
    quads, changed = restore_datatypes(load_quads(data), declared_datatypes(shapes))
    assert changed == 1
    lines = set(quads.lines)
    assert f'<urn:x:a> <urn:p:count> "3"^^<{XSD}nonNegativeInteger> <urn:g:1>' in lines
    assert f'<urn:x:b> <urn:p:count> "-3"^^<{XSD}integer> <urn:g:1>' in lines  # out of range
    assert f'<urn:x:c> <urn:p:both> "4"^^<{XSD}integer> <urn:g:1>' in lines  # ambiguous shapes
    assert f'<urn:x:d> <urn:p:count> "5"^^<{XSD}decimal> <urn:g:1>' in lines  # not the base type


def test_the_shipped_shapes_declare_the_contract_offsets() -> None:
    declared = declared_datatypes(load_shapes())
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    assert declared[nif + "beginIndex"] == XSD + "nonNegativeInteger"
    assert declared[nif + "endIndex"] == XSD + "nonNegativeInteger"
