"""Named queries: ``queries/*.rq`` files with a header that documents them.

A named query is a SPARQL file whose leading comment lines describe it::

    # title: Events in a place between two dates
    # description: Events whose place (or a place it lies in) is called PLACE ...
    # param place: string -- name of the place (label or alternative label)
    # param from: date = 2025-01-01 -- earliest day
    # param to: date -- latest day (no default: unbounded)

``# param NAME: KIND [= DEFAULT] [-- DESCRIPTION]`` declares the variable ``?NAME``; KIND is
``iri``, ``string``, ``date`` or ``integer``. A value is bound as an initial binding of the
variable (rdflib ``initBindings``), never spliced into the query text, so a value cannot
change the query. A parameter without a default is left unbound when not given: queries
test it with ``!BOUND(?NAME) || ...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.errors import InputError
from kg.resources import queries_dir
from kg.store import iri_problem

KINDS = ("iri", "string", "date", "integer")
_HEADER = re.compile(r"^#\s*(?P<key>title|description):\s*(?P<value>.*)$")
_PARAM = re.compile(
    r"^#\s*param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<kind>\w+)"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s*(?P<doc>.*))?\s*$"
)
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True, slots=True)
class Param:
    """A declared parameter of a named query."""

    name: str
    kind: str
    default: str | None = None
    doc: str = ""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A SPARQL file from ``queries/`` with its documented header."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_named(path: Path) -> NamedQuery:
    """Read a named query file and its header.

    Raises:
        InputError: unreadable file, or a malformed ``# param`` line (KG233).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError("KG233", f"{path}: cannot read query file ({e})") from e
    title, description, params = path.stem, "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        if m := _HEADER.match(line):
            if m["key"] == "title":
                title = m["value"].strip()
            else:
                description = f"{description} {m['value'].strip()}".strip()
        elif line.lstrip("# ").startswith("param"):
            m = _PARAM.match(line)
            if m is None or m["kind"] not in KINDS:
                raise InputError(
                    "KG233",
                    f"{path}: malformed parameter line {line!r} "
                    f"(expected '# param NAME: {'|'.join(KINDS)} [= DEFAULT] [-- doc]')",
                )
            default = m["default"].strip() if m["default"] else None
            params.append(Param(m["name"], m["kind"], default, (m["doc"] or "").strip()))
    return NamedQuery(path.stem, title, description, tuple(params), text, path)


def list_named(folder: Path | None = None) -> list[NamedQuery]:
    """Every named query of ``folder`` (default: the shipped ``queries/``), by name."""
    folder = folder or queries_dir()
    return [parse_named(p) for p in sorted(folder.glob("*.rq"))]


def load_named(name: str, folder: Path | None = None) -> NamedQuery:
    """The named query ``name`` (the file stem).

    Raises:
        InputError: no such named query (KG231).
    """
    folder = folder or queries_dir()
    path = folder / f"{name}.rq"
    if not _NAME.match(name) or not path.is_file():
        known = ", ".join(q.name for q in list_named(folder)) or "none"
        raise InputError("KG231", f"no named query {name!r} (known: {known})")
    return parse_named(path)


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["key=value", ...]`` -> dict.

    Raises:
        InputError: an item without ``=`` (KG232).
    """
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError("KG232", f"parameter {pair!r} is not of the form key=value")
        out[key.strip()] = value
    return out


def bindings(
    query: NamedQuery, values: dict[str, str], namespaces: NamespaceManager | None = None
) -> dict[str, Node]:
    """The initial bindings for ``query`` from user values and the declared defaults.

    Args:
        query: the named query.
        values: parameter values given by the user, as strings.
        namespaces: prefixes to expand ``prefix:local`` IRIs with (the query's own).

    Raises:
        InputError: an undeclared parameter, or a value of the wrong kind (KG232).
    """
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        declared = ", ".join(p.name for p in query.params) or "none"
        raise InputError(
            "KG232",
            f"named query {query.name!r} has no parameter {unknown[0]!r} (parameters: {declared})",
        )
    out: dict[str, Node] = {}
    for p in query.params:
        raw = values.get(p.name, p.default)
        if raw is None:
            continue
        out[p.name] = to_term(p, raw, namespaces, query.name)
    return out


def to_term(param: Param, raw: str, namespaces: NamespaceManager | None, where: str) -> Node:
    """Convert one parameter value to an RDF term of the declared kind."""
    value = raw.strip()

    def bad(why: str) -> InputError:
        return InputError("KG232", f"named query {where!r}: parameter {param.name}={raw!r}: {why}")

    if param.kind == "string":
        return Literal(raw)
    if param.kind == "integer":
        try:
            return Literal(int(value), datatype=XSD.integer)
        except ValueError:
            raise bad("not an integer") from None
    if param.kind == "date":
        try:
            return Literal(date.fromisoformat(value).isoformat(), datatype=XSD.date)
        except ValueError:
            raise bad("not a date (YYYY-MM-DD)") from None
    # iri
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif ":" in value and not re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I) and namespaces:
        prefix, _, local = value.partition(":")
        namespace = dict(namespaces.namespaces()).get(prefix)
        if namespace is None:
            raise bad("unknown prefix")
        value = str(namespace) + local
    if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", value, re.I):
        raise bad("not an IRI")
    problem = iri_problem(value)  # the engine that runs the query judges what an IRI is
    if problem is not None:
        raise bad(f"not an IRI ({problem})")
    return URIRef(value)
