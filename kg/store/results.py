"""Neutral query results: rdflib-free terms, and their serialisation by pyoxigraph.

A :class:`QueryResult` holds what a SPARQL query returned (solutions, a boolean or triples)
as plain :class:`Term` values, so that callers need neither pyoxigraph nor rdflib. It
serialises itself with pyoxigraph's writers (SPARQL JSON/XML/CSV/TSV results; Turtle,
N-Triples, RDF/XML, JSON-LD graphs).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

import pyoxigraph as ox

from kg.errors import InputError
from kg.prefixes import PREFIXES

TermKind = Literal["iri", "bnode", "literal"]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: result format name -> (media type, kind of result it serialises)
SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}


@dataclass(frozen=True, slots=True, order=True)
class Term:
    """One RDF term, free of any RDF library.

    Args:
        kind: ``iri``, ``bnode`` or ``literal``.
        value: the IRI, the blank node id or the literal's lexical form.
        datatype: a literal's datatype IRI (``xsd:string`` for plain literals).
        language: a literal's language tag, if any.
    """

    kind: TermKind
    value: str
    datatype: str | None = None
    language: str | None = None

    def __str__(self) -> str:
        return self.value


@dataclass(slots=True)
class QueryResult:
    """What a query returned: exactly one of ``rows``, ``boolean`` or ``triples`` is meaningful.

    Args:
        kind: ``select``, ``ask`` or ``graph`` (CONSTRUCT and DESCRIBE).
        variables: the SELECT variables, in order (without ``?``).
        rows: one tuple per solution, ``None`` for an unbound variable.
        boolean: the ASK answer.
        triples: the CONSTRUCT/DESCRIBE triples, duplicates removed, sorted.
    """

    kind: Literal["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)

    def default_format(self) -> str:
        return "turtle" if self.kind == "graph" else "json"

    def formats(self) -> tuple[str, ...]:
        """The format names this result can be serialised to."""
        return tuple(GRAPH_FORMATS) if self.kind == "graph" else tuple(SOLUTION_FORMATS)

    def serialize(self, fmt: str | None = None) -> bytes:
        """Serialise with pyoxigraph's writers.

        Args:
            fmt: a name from :data:`SOLUTION_FORMATS` (SELECT/ASK) or :data:`GRAPH_FORMATS`
                (CONSTRUCT/DESCRIBE); ``None`` for the default (JSON or Turtle).

        Raises:
            InputError: KG252 when the format does not suit the kind of result.
        """
        fmt = fmt or self.default_format()
        if fmt not in self.formats():
            raise InputError(
                "KG252",
                f"format {fmt!r} does not suit a {self.kind.upper()} result "
                f"(use one of: {', '.join(self.formats())})",
            )
        if self.kind == "graph":
            triples = [
                ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
                for s, p, o in self.triples
            ]
            prefixes = PREFIXES if fmt == "turtle" else None
            out = ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes)
        else:
            parsed = ox.parse_query_results(self._json(), ox.QueryResultsFormat.JSON)
            out = parsed.serialize(format=SOLUTION_FORMATS[fmt])
        assert out is not None  # no output file given: pyoxigraph returns the bytes
        return out

    def _json(self) -> bytes:
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)}).encode()
        bindings = []
        for row in self.rows:
            binding = {}
            for var, term in zip(self.variables, row, strict=True):
                if term is not None:
                    binding[var] = _json_term(term)
            bindings.append(binding)
        body = {"head": {"vars": self.variables}, "results": {"bindings": bindings}}
        return json.dumps(body, ensure_ascii=False).encode()


def _json_term(term: Term) -> dict[str, str]:
    if term.kind == "iri":
        return {"type": "uri", "value": term.value}
    if term.kind == "bnode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD_STRING:
        out["datatype"] = term.datatype
    return out


def from_oxigraph(term: object) -> Term:
    """Convert a pyoxigraph term to a neutral :class:`Term`."""
    if isinstance(term, ox.NamedNode):
        return Term("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Term("literal", term.value, term.datatype.value, term.language)
    raise InputError("KG253", f"unsupported RDF term in a result: {term!r}")


def to_oxigraph(term: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert a neutral :class:`Term` back to pyoxigraph."""
    if term.kind == "iri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.language:
        return ox.Literal(term.value, language=term.language)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype or XSD_STRING))
