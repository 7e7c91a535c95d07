"""Fixtures of the ontology tests."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.resources import ontology_file


@pytest.fixture(scope="session")
def ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")
