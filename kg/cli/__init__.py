"""The ``kg`` command line: thin Typer commands over plain functions."""

from __future__ import annotations

import typer

from kg.cli import link as _link

app = typer.Typer(
    name="kg",
    help="newskg: build, validate, query and publish a knowledge graph of conflict news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main() -> None:
    """newskg: news articles about armed conflict -> a grounded, attributed RDF graph."""


_link.register(app)  # kg link, kg wikidata
