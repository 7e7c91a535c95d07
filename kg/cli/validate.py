"""``kg validate``: the SHACL report of an RDF file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli import app
from kg.cli._console import EXIT_CODES_HELP, handled, say, write_stdout
from kg.errors import EXIT_NONCONFORMANT, EXIT_OK


@app.command(
    "validate",
    help="Validate an RDF file (.trig, .nq, .ttl, .nt, .jsonld) with the SHACL shapes.\n\n"
    "The union of its graphs is checked against the shapes, and each named graph must be "
    "described with its provenance. The report goes to stdout.\n\n"
    + EXIT_CODES_HELP
    + " Here: 0 the file conforms, 1 it does not.",
)
def validate_command(
    file: Annotated[Path, typer.Argument(help="The RDF file to check.", show_default=False)],
) -> None:
    from kg.validate import load_rdf, validate_graph

    with handled():
        dataset = load_rdf(file)
        report = validate_graph(dataset)
        write_stdout(report.text(dataset).rstrip("\n") + "\n")
        if report.conforms:
            say(f"{file}: conforms")
            raise typer.Exit(EXIT_OK)
        say(f"{file}: does not conform ({len(report.violations)} violation(s))")
        raise typer.Exit(EXIT_NONCONFORMANT)
