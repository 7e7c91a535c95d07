"""The ``kg`` command line: thin Typer commands over plain functions."""

from __future__ import annotations

import typer

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


import kg.cli.publish  # noqa: E402
import kg.cli.push  # noqa: E402, F401
