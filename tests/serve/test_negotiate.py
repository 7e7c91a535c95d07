"""Content negotiation by Accept header."""

from __future__ import annotations

import pytest

from kg.serve.negotiate import HTML, choose, offers_for

SELECT = offers_for("select", html=True)
GRAPH = offers_for("graph", html=True)


@pytest.mark.parametrize(
    ("accept", "offers", "expected"),
    [
        (None, SELECT, "application/sparql-results+json"),
        ("*/*", GRAPH, "text/turtle"),
        ("text/csv", SELECT, "text/csv"),
        (
            "text/csv;q=0.5, application/sparql-results+xml",
            SELECT,
            "application/sparql-results+xml",
        ),
        ("text/*;q=0.9, */*;q=0.1", SELECT, "text/csv"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", GRAPH, HTML),
        ("application/ld+json", GRAPH, "application/ld+json"),
        ("application/rdf+xml;q=1.0, text/turtle;q=0.2", GRAPH, "application/rdf+xml"),
        ("text/turtle;q=0, */*", GRAPH, "application/n-triples"),
        ("image/png", SELECT, None),
        ("text/turtle", SELECT, None),
        ("application/sparql-results+json;q=0", SELECT[:1], None),
    ],
)
def test_choose(accept: str | None, offers: list[str], expected: str | None) -> None:
    assert choose(accept, offers) == expected
