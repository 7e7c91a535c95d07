"""Finding an article's named graph in a store."""

from __future__ import annotations

from kg.store.base import Store

PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


def find_graph(store: Store, iri: str) -> str | None:
    """The named graph ``iri`` itself, or the graph derived from the article ``iri``
    (``<graph> prov:wasDerivedFrom <article>``, as the contract records); else ``None``."""
    if iri in store.graphs():
        return iri
    result = store.query(
        f"SELECT DISTINCT ?g {{ GRAPH ?g {{ ?g <{PROV_DERIVED}> <{iri}> }} }} ORDER BY ?g LIMIT 1",
        default_graph_union=False,
    )
    return result.rows[0][0].value if result.rows and result.rows[0][0] else None
