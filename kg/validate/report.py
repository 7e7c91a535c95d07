"""Validation results as plain values: what failed, where, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import NonConformantError

_SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL validation result.

    Args:
        focus_node: the node that does not conform.
        result_path: the property path of the failing property shape (None for node shapes).
        constraint: the constraint component IRI, e.g. ``sh:MinCountConstraintComponent``.
        source_shape: the shape that produced the result (an IRI or a blank node).
        message: the human-readable message (the shape's ``sh:message`` where it has one).
        severity: ``sh:Violation``, ``sh:Warning`` or ``sh:Info``.
        value: the offending value, where there is one.
    """

    focus_node: Node
    result_path: Node | None
    constraint: URIRef
    source_shape: Node
    message: str
    severity: URIRef = SH.Violation
    value: Node | None = None

    def text(self, graph: Graph | None = None) -> str:
        """One line: severity, focus node, path, component and message."""

        def show(node: Node | None) -> str:
            if node is None:
                return "-"
            if graph is not None and not isinstance(node, Literal):
                return node.n3(graph.namespace_manager)
            return node.n3()

        component = str(self.constraint).rsplit("#", 1)[-1]
        severity = str(self.severity).rsplit("#", 1)[-1]
        path = f" {show(self.result_path)}" if self.result_path is not None else ""
        value = f" (value {show(self.value)})" if self.value is not None else ""
        return f"{severity}: {show(self.focus_node)}{path}: {component}: {self.message}{value}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of validating a graph with the shapes: a value, never raised by itself.

    Args:
        conforms: True when no result has severity ``sh:Violation``.
        results: every result, sorted (violations first, then by focus node and path).
    """

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == SH.Violation]

    def text(self, graph: Graph | None = None) -> str:
        """A human-readable report; ``graph`` (if given) supplies prefixes for short IRIs."""
        if self.conforms and not self.results:
            return "Conforms: the graph satisfies every shape."
        head = "Conforms" if self.conforms else "Does not conform"
        counts = f"{len(self.violations)} violation(s), {len(self.results)} result(s)"
        lines = [f"{head}: {counts}."]
        lines.extend(r.text(graph) for r in self.results)
        return "\n".join(lines)

    def raise_for_violations(self) -> None:
        """Raise NonConformantError (exit code 1) if the graph does not conform.

        Raises:
            NonConformantError: with the first violation in the message.
        """
        if self.conforms:
            return
        first = self.violations[0].text() if self.violations else "no details"
        more = len(self.violations) - 1
        suffix = f" (and {more} more)" if more > 0 else ""
        raise NonConformantError("KG301", f"graph does not conform to the shapes: {first}{suffix}")


def sort_key(result: ValidationResult) -> tuple[int, str, str, str, str]:
    return (
        _SEVERITY_ORDER.get(result.severity, 3),
        str(result.focus_node),
        str(result.result_path or ""),
        str(result.constraint),
        result.message,
    )
