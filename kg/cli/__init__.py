"""The ``kg`` command line: thin Typer commands over plain functions.

Each command lives in its own module, which defines it with ``@app.command()`` on the
:data:`app` below (``from kg.cli import app``); registering a module is one import line at
the end of this file.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kg import __version__
from kg.cli._console import EXIT_CODES_HELP

app = typer.Typer(
    name="kg",
    help="newskg: build, validate, query and publish a knowledge graph of conflict news.\n\n"
    + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newskg {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """newskg: news articles about armed conflict -> a grounded, attributed RDF graph."""


# One import line per command module, sorted. Each module defines its command on `app`
# when imported.
import kg.cli.build  # noqa: E402
import kg.cli.evaluate  # noqa: E402
import kg.cli.link  # noqa: E402
import kg.cli.publish  # noqa: E402
import kg.cli.push  # noqa: E402
import kg.cli.query  # noqa: E402
import kg.cli.remove  # noqa: E402
import kg.cli.serve  # noqa: E402
import kg.cli.validate  # noqa: E402
import kg.cli.wikidata  # noqa: E402, F401
