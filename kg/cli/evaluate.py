"""``kg evaluate``: score a built graph against a gold annotation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.cli import app
from kg.cli._console import EXIT_CODES_HELP, handled, say, write_stdout
from kg.errors import EXIT_NONCONFORMANT, EXIT_OK, InputError
from kg.ingest import read_article


@app.command(
    "evaluate",
    help="Score a graph against the gold annotation of its article: precision and recall of "
    "typed entities, split entities, exact mention offsets (and, as they land, events, claims "
    "and relations). Prints a text report, or JSON with --json.\n\n"
    + EXIT_CODES_HELP
    + " Here: 0 every target of the report is met, 1 one is not.",
)
def evaluate_command(
    graph: Annotated[Path, typer.Argument(help="The built RDF file.", show_default=False)],
    gold: Annotated[Path, typer.Option("--gold", help="The gold annotation (.gold.json).")],
    article: Annotated[Path, typer.Option("--article", help="The article the graph is of.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    from kg.evaluate import evaluate_graph
    from kg.validate import load_rdf

    with handled():
        gold_data = read_gold(gold)
        source = read_article(article)
        dataset = load_rdf(graph)
        report = evaluate_graph(dataset, gold_data, source)
        if as_json:
            text = json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False)
            write_stdout(text + "\n")
        else:
            write_stdout(report.to_text().rstrip("\n") + "\n")
        missed = [t for t, ok in getattr(report, "targets", {}).items() if not ok]
        if missed:
            say(f"{len(missed)} target(s) not met: {'; '.join(missed)}")
            raise typer.Exit(EXIT_NONCONFORMANT)
        raise typer.Exit(EXIT_OK)


def read_gold(path: Path) -> dict[str, Any]:
    """The parsed gold annotation.

    Raises:
        InputError: missing or unreadable file (KG201), not a JSON object (KG223).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise InputError("KG201", f"{path}: no such file or directory") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError("KG201", f"{path}: cannot read ({e})") from e
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(
            "KG223", f"{path}: gold file is not valid JSON (line {e.lineno}: {e.msg})"
        ) from e
    if not isinstance(data, dict):
        raise InputError("KG223", f"{path}: gold file must hold a JSON object")
    return data
