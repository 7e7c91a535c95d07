"""``kg evaluate``: score a built graph against a gold annotation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from kg.cli import app
from kg.cli._console import EXIT_CODES_HELP, handled, write_stdout
from kg.evaluate import evaluate_files


@app.command(
    "evaluate",
    help="Score a graph against the gold annotation of its article: precision and recall of "
    "typed entities, split entities, exact mention offsets (and, as they land, events, claims "
    "and relations). Prints a text report, or JSON with --json.\n\n" + EXIT_CODES_HELP,
)
def evaluate_command(
    graph: Annotated[Path, typer.Argument(help="The built RDF file.", show_default=False)],
    gold: Annotated[Path, typer.Option("--gold", help="The gold annotation (.gold.json).")],
    article: Annotated[Path, typer.Option("--article", help="The article the graph is of.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    with handled():
        report = evaluate_files(graph, gold, article)
        if as_json:
            write_stdout(json.dumps(report.to_dict(), indent=2, sort_keys=True) + "\n")
        else:
            write_stdout(report.to_text().rstrip("\n") + "\n")
