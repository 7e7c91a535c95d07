"""``kg query``: SPARQL over the store or an RDF file, ad hoc or by name."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table as RichTable

from kg.cli import app
from kg.cli._console import EXIT_CODES_HELP, handled, out, write_stdout
from kg.errors import InputError
from kg.query import (
    RESULT_FORMATS,
    bindings,
    list_named,
    load_named,
    parse_params,
    prepare,
)
from kg.query.engine import open_target, run_sparql, short_term


@app.command(
    "query",
    help="Run a SPARQL query over a store folder (see kg build) or an RDF file; the union "
    "of its graphs is the default graph. Both are answered by the same engine (Oxigraph), "
    "so a store and a file holding the same graphs give the same answers. A fact held by "
    "several graphs matches once per graph (pyoxigraph 0.5): use SELECT DISTINCT.\n\n"
    "Give the query as text, with --file, or by name with --named (see --list), whose "
    "parameters are set with --param key=value (bound as values, never pasted into the "
    "query). SELECT and ASK results print in --format; CONSTRUCT and DESCRIBE print Turtle.\n\n"
    + EXIT_CODES_HELP
    + " A SPARQL syntax error exits 3.",
)
def query_command(
    file: Annotated[
        Path | None,
        typer.Argument(help="The store folder or RDF file to query.", show_default=False),
    ] = None,
    query: Annotated[
        str | None, typer.Argument(help="SPARQL query text.", show_default=False)
    ] = None,
    query_file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from this .rq file.")
    ] = None,
    named: Annotated[
        str | None, typer.Option("--named", "-n", help="Run a named query (see --list).")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="key=value for a named query's parameter."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help=f"Result format: {', '.join(RESULT_FORMATS)}.")
    ] = "table",
    list_: Annotated[
        bool, typer.Option("--list", help="List the named queries and their parameters.")
    ] = False,
    allow_remote: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-remote",
            help="A URL prefix that SPARQL SERVICE may fetch (repeatable); none by default.",
        ),
    ] = None,
) -> None:
    if list_:
        _list()
        raise typer.Exit()
    given = sum(x is not None for x in (query, query_file, named))
    if file is None or given != 1:
        raise typer.BadParameter(
            "give a STORE folder or RDF FILE and exactly one of QUERY, --file Q.rq or --named NAME"
        )
    if fmt not in RESULT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(RESULT_FORMATS)}")
    if param and named is None:
        raise typer.BadParameter("--param only applies to --named queries")
    with handled():
        initial = {}
        if named is not None:
            nq = load_named(named)
            text = nq.text
            where = f"named query {nq.name}"
            prepared = prepare(text, where=where)
            initial = bindings(nq, parse_params(param or []), prepared.prologue.namespace_manager)
        elif query_file is not None:
            try:
                text = query_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise InputError("KG233", f"{query_file}: cannot read query file ({e})") from e
            where = str(query_file)
            prepare(text, where=where)
        else:
            assert query is not None
            text, where = query, "query"
            prepare(text, where=where)
        with open_target(file) as store:
            result = run_sparql(
                store, text, initial, where=where, allow_remote=tuple(allow_remote or ())
            )
        if result.kind == "select" and fmt == "table":
            _table(result)
        elif result.kind == "ask" and fmt in ("table", "csv", "tsv"):
            write_stdout(f"{'true' if result.boolean else 'false'}\n")
        elif result.kind == "graph":
            write_stdout(result.serialize("turtle"))
        else:
            write_stdout(result.serialize(fmt))


def _table(result) -> None:  # type: ignore[no-untyped-def]
    rich_table = RichTable(*result.variables, show_lines=False)
    for row in result.rows:
        rich_table.add_row(*(short_term(t) for t in row))
    console = out()
    console.print(rich_table, markup=False)
    console.print(f"{len(result.rows)} row(s)", markup=False)


def _list() -> None:
    with handled():
        for nq in list_named():
            lines = [f"{nq.name}: {nq.title}"]
            if nq.description:
                lines.append(f"    {nq.description}")
            for p in nq.params:
                default = f" = {p.default}" if p.default is not None else ""
                lines.append(f"    --param {p.name}=<{p.kind}>{default}  {p.doc}".rstrip())
            write_stdout("\n".join(lines) + "\n")
