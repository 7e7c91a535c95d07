"""Answering ``kg query`` from a store folder or an RDF file with one engine (Oxigraph).

A store folder is opened read-only. An RDF file is read with rdflib (its errors are the
ones ``kg validate`` gives) and loaded into an in-memory Oxigraph store, so that the same
graphs give the same answers from a file and from a store: Oxigraph keeps only primitive
XSD types (``xsd:nonNegativeInteger`` comes back as ``xsd:integer``) and writes numbers in
canonical form (``"0.900"^^xsd:decimal`` as ``0.9``); answering files with rdflib would
give other literals for the same data.

Parameters of named queries are bound as inline data: a ``VALUES`` block at the start of the
query's WHERE group, each value written by pyoxigraph's own term serialiser (an IRI as
``<...>`` with its characters checked, a literal quoted and escaped), so a value stays one
RDF term and cannot change the query; for a group pattern this is the same as rdflib's
``initBindings``. (pyoxigraph's ``substitutions=`` was the first choice, but 0.5.13 refuses
variables outside the SELECT projection, where every named query's parameters are.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError
from kg.prefixes import PREFIXES
from kg.query.guard import check_outbound
from kg.store import OxigraphStore, QueryResult, Term, memory_store, open_store


@contextmanager
def open_target(path: Path) -> Iterator[OxigraphStore]:
    """The store to query: the folder ``path`` (read-only) or the RDF file ``path`` loaded
    into memory.

    Raises:
        InputError: the file cannot be read as RDF (KG201, KG211-KG213).
        StoreError: the folder is not a store (KG502-KG505).
    """
    if path.is_dir():
        store = open_store(path, read_only=True)
    else:
        from kg.rdf.serialize import serialize_dataset
        from kg.validate import load_rdf

        dataset = load_rdf(path)
        store = memory_store()
        store.bulk_load(serialize_dataset(dataset, "nquads"), "nquads")
    try:
        yield store
    finally:
        store.close()


def to_term(node: Node) -> Term:
    """An rdflib term (a parameter value) as a neutral :class:`kg.store.Term`."""
    if isinstance(node, URIRef):
        return Term("iri", str(node))
    if isinstance(node, BNode):
        return Term("bnode", str(node))
    if isinstance(node, Literal):
        if node.language:
            return Term("literal", str(node), language=node.language)
        datatype = str(node.datatype) if node.datatype else None
        return Term("literal", str(node), datatype)
    raise InputError("KG253", f"unsupported parameter value {node!r}")


def run_sparql(
    store: OxigraphStore,
    text: str,
    bindings: Mapping[str, Node] | None = None,
    *,
    where: str = "query",
    allow_remote: Sequence[str] = (),
) -> QueryResult:
    """Run ``text`` over the union of the store's graphs with ``bindings`` substituted.

    Raises:
        InputError: the query is malformed or fails (KG251), or names a SERVICE outside
            ``allow_remote`` (KG267, :mod:`kg.query.guard`).
    """
    check_outbound(text, allow=allow_remote)
    if bindings:
        text = with_values(text, {name: to_term(value) for name, value in bindings.items()})
    try:
        return store.query(text)
    except InputError as e:
        raise InputError(e.code, f"{where}: {e.message}") from None


def with_values(text: str, values: Mapping[str, Term]) -> str:
    """``text`` with ``VALUES (?a ?b) { (<a> "b") }`` opening its WHERE group.

    The group is the first ``{`` outside comments, strings and IRIs, which is the WHERE
    clause of a SELECT or ASK query.

    Raises:
        InputError: no WHERE group, or a CONSTRUCT/DESCRIBE query (KG234).
    """
    from kg.store.results import to_oxigraph

    names = sorted(values)
    row = " ".join(str(to_oxigraph(values[n])) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    at = _first_group(text)
    head = text[:at].upper()
    if at < 0 or "CONSTRUCT" in head or "DESCRIBE" in head:
        raise InputError("KG234", "parameters can only be bound in SELECT and ASK queries")
    return text[: at + 1] + block + text[at + 1 :]


def _first_group(text: str) -> int:
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            i = text.find("\n", i)
            if i < 0:
                return -1
        elif c == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:]):
            i = text.find(">", i)
        elif c in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote) - 1
        elif c == "{":
            return i
        i += 1
    return -1


def short_term(term: Term | None) -> str:
    """A term for display: IRIs as prefixed names where a prefix is known, literals as text."""
    if term is None:
        return ""
    if term.kind == "iri":
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                local = term.value[len(namespace) :]
                if local and all(c.isalnum() or c in "_-." for c in local):
                    return f"{prefix}:{local}"
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    return term.value
