"""Consistency of the ontology and of data graphs with it, by HermiT through owlready2.

owlready2 cannot read Turtle, so the graphs are serialised to N-Triples first, and each run
uses a fresh owlready2 ``World`` (nothing leaks between runs). HermiT needs Java.

HermiT rejects literals of datatypes outside the OWL 2 datatype map (xsd:date, xsd:gYear,
xsd:gYearMonth, geo:wktLiteral), which the graph uses by contract, so it runs with
``--ignoreUnsupportedDatatypes``: those literals are not reasoned about, everything else is.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from owlready2 import (
    OwlReadyInconsistentOntologyError,
    OwlReadyJavaError,
    World,
    sync_reasoner_hermit,
)
from rdflib import Dataset, Graph

from kg.errors import ConfigError


@dataclass(frozen=True, slots=True)
class ReasoningReport:
    """The outcome of a consistency check.

    Args:
        consistent: False when HermiT finds the ontology (with the data) inconsistent.
        message: one line for humans.
        inconsistent_classes: IRIs of unsatisfiable classes (equivalent to owl:Nothing), sorted.
        triples: how many triples were reasoned over.
        seconds: wall time of the HermiT run.
    """

    consistent: bool
    message: str
    inconsistent_classes: list[str] = field(default_factory=list)
    triples: int = 0
    seconds: float = field(default=0.0, compare=False)

    @property
    def ok(self) -> bool:
        """Consistent and with no unsatisfiable class."""
        return self.consistent and not self.inconsistent_classes


def check_consistency(*graphs: Graph) -> ReasoningReport:
    """Check the union of ``graphs`` (e.g. the ontology and an article graph) with HermiT.

    Args:
        graphs: rdflib graphs or datasets; a dataset counts as the union of its graphs.

    Returns:
        A report; an inconsistent input is a result, not an exception.

    Raises:
        ConfigError: (KG106) Java or HermiT cannot be run.
    """
    union = Graph()
    for graph in graphs:
        triples = (q[:3] for q in graph.quads()) if isinstance(graph, Dataset) else iter(graph)
        for triple in triples:
            union.add(triple)
    with tempfile.TemporaryDirectory(prefix="kg-reason-") as folder:
        path = Path(folder) / "input.nt"
        path.write_bytes(union.serialize(format="nt", encoding="utf-8"))
        world = World()
        try:
            world.get_ontology(path.as_uri()).load()
            started = time.perf_counter()
            try:
                sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
            except OwlReadyInconsistentOntologyError:
                return ReasoningReport(
                    consistent=False,
                    message="inconsistent: HermiT finds no model of the ontology with the data",
                    triples=len(union),
                    seconds=time.perf_counter() - started,
                )
            except (OwlReadyJavaError, OSError) as e:
                detail = " ".join(str(e).split())[:300]
                raise ConfigError("KG106", f"cannot run HermiT (Java 11+ needed): {detail}") from e
            seconds = time.perf_counter() - started
            unsatisfiable = sorted(c.iri for c in world.inconsistent_classes())
        finally:
            world.close()
    if unsatisfiable:
        message = f"consistent, but {len(unsatisfiable)} class(es) are unsatisfiable"
    else:
        message = "consistent"
    return ReasoningReport(
        consistent=True,
        message=message,
        inconsistent_classes=unsatisfiable,
        triples=len(union),
        seconds=seconds,
    )
