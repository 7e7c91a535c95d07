"""Whole-graph checks that shapes cannot express, as SPARQL SELECT queries.

Each query returns ``?focus ?path ?value ?message``; they run on the union of all graphs (an
rdflib graph here; the same text runs on an Oxigraph store), so they see facts that several
article graphs state about one entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.query import ResultRow

from kg.validate.report import ValidationResult

CHECKS_NS = "https://w3id.org/newskg/shapes#"


@dataclass(frozen=True, slots=True)
class GlobalCheck:
    """A SPARQL check over the whole graph; each row is one problem."""

    name: str
    query: str
    severity: URIRef = SH.Violation

    @property
    def iri(self) -> URIRef:
        return URIRef(CHECKS_NS + self.name)


GLOBAL_CHECKS: tuple[GlobalCheck, ...] = (
    GlobalCheck(
        "OneWikidataLink",
        """
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?focus ?path (MIN(?item) AS ?value)
               (CONCAT("an entity has ", STR(COUNT(DISTINCT ?item)),
                       " owl:sameAs links to Wikidata; at most one is allowed") AS ?message)
        WHERE {
            ?focus owl:sameAs ?item .
            FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/"))
            BIND(owl:sameAs AS ?path)
        }
        GROUP BY ?focus ?path
        HAVING (COUNT(DISTINCT ?item) > 1)
        """,
    ),
    GlobalCheck(
        "SharedWikidataLink",
        """
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?focus ?path ?value
               (CONCAT("another entity (", STR(?other), ") is linked to the same Wikidata item")
                AS ?message)
        WHERE {
            ?focus owl:sameAs ?value .
            ?other owl:sameAs ?value .
            FILTER(STRSTARTS(STR(?value), "http://www.wikidata.org/entity/"))
            FILTER(STR(?focus) < STR(?other))
            BIND(owl:sameAs AS ?path)
        }
        """,
        SH.Warning,
    ),
)


def run_global_checks(graph: Graph) -> list[ValidationResult]:
    """Run every :data:`GLOBAL_CHECKS` query on ``graph``; one result per row."""
    results = []
    for check in GLOBAL_CHECKS:
        for row in graph.query(check.query):
            focus, path, value, message = cast(ResultRow, row)
            results.append(
                ValidationResult(
                    focus_node=focus,
                    result_path=path,
                    constraint=SH.SPARQLConstraintComponent,
                    source_shape=check.iri,
                    message=str(message),
                    severity=check.severity,
                    value=value,
                )
            )
    return results
