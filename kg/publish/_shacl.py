"""INTERIM: SHACL validation of the union graph until ``kg.validate`` lands on main.

TODO(merge): delete this module and call ``kg.validate.validate_graph`` from
``kg.publish.checks.shape_problems``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

from kg.errors import InputError


def run_shapes(triples: Sequence[ox.Triple], shape_files: Sequence[Path]) -> list[str]:
    data = Graph()
    data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = Graph()
    for path in shape_files:
        try:
            shapes.parse(path, format="turtle")
        except Exception as e:  # rdflib raises many parser error types
            raise InputError("KG232", f"{path}: malformed shapes file ({e})") from e
    conforms, results, _ = validate(data, shacl_graph=shapes, advanced=True)
    if conforms:
        return []
    lines = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        lines.append(f"{focus}: {path or ''} {message or 'violates a shape'}".replace("  ", " "))
    return sorted(lines)
