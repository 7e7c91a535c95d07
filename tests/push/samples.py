"""Push samples: the publish samples as a store would hold them, plus small extra graphs."""

from __future__ import annotations

import pyoxigraph as ox

from tests.publish.samples import BASE, sample_dataset


def store_nquads(extra_graphs: int = 3) -> bytes:
    """The sample articles plus ``extra_graphs`` small article graphs, as N-Quads read back
    from an Oxigraph store (so literals are in the store's canonical form)."""
    data = sample_dataset().serialize(format="nquads", encoding="utf-8")
    lines = []
    for n in range(1, extra_graphs + 1):
        g = f"<{BASE}graph/extra{n}>"
        a = f"<{BASE}article/extra{n}>"
        lines += [
            f"{a} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newskg/ontology#Article> {g} .",
            f'{a} <http://purl.org/dc/terms/title> "Extra article {n}" {g} .',
            f"{g} <http://www.w3.org/ns/prov#wasDerivedFrom> {a} {g} .",
        ]
    store = ox.Store()
    store.load(data + ("\n".join(lines) + "\n").encode(), format=ox.RdfFormat.N_QUADS)
    return store.dump(format=ox.RdfFormat.N_QUADS)
