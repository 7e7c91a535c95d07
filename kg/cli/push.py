"""``kg push``: load the store into an external SPARQL store (Graph Store Protocol)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli import app
from kg.cli._console import handled, say, write_stdout
from kg.cli.publish import STORE_HELP
from kg.errors import EXIT_USAGE


@app.command(
    "push",
    help="PUT every named graph of the store to a SPARQL 1.1 Graph Store (replace semantics), "
    "retrying on 5xx and connection errors, then check the triple counts on the endpoint.\n\n"
    "--graph-store defaults to --endpoint (Fuseki's dataset URL serves both); Oxigraph: "
    "--endpoint http://HOST:7878/query --graph-store http://HOST:7878/store. A state file "
    "(default: beside the store, <store>.push-state.json) records each graph pushed and its "
    "content hash; --resume skips those.\n\n"
    "Exit codes: 0 ok; 2 usage; 3 bad input; 4 the store is unreachable or failed.",
)
def push_command(
    endpoint: Annotated[str, typer.Option("--endpoint", help="SPARQL query endpoint URL.")],
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
    graph_store: Annotated[
        str | None,
        typer.Option("--graph-store", help="Graph Store Protocol URL (default: --endpoint)."),
    ] = None,
    user: Annotated[str | None, typer.Option("--user", help="HTTP Basic user.")] = None,
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            envvar="KG_PUSH_PASSWORD",
            help="HTTP Basic password (or KG_PUSH_PASSWORD).",
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="KG_PUSH_TOKEN", help="Bearer token (or KG_PUSH_TOKEN)."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip graphs already pushed with the same content.")
    ] = False,
    state: Annotated[Path | None, typer.Option("--state", help="Resume state file.")] = None,
    retries: Annotated[
        int, typer.Option("--retries", help="Extra attempts on 5xx/connection errors.")
    ] = 3,
) -> None:
    from kg.publish.push import Credentials, push
    from kg.store import resolve_store_path

    if token and user:
        say("error: give --user/--password or --token, not both")
        raise typer.Exit(EXIT_USAGE)
    source = resolve_store_path(store)
    state_path = state or source.with_name(source.name + ".push-state.json")

    def progress(graph: str, done: int, total: int) -> None:
        say(f"[{done}/{total}] {graph}")

    with handled():
        report = push(
            source,
            graph_store or endpoint,
            endpoint=endpoint,
            state_path=state_path,
            credentials=Credentials(user=user, password=password, token=token),
            resume=resume,
            retries=retries,
            on_progress=progress,
        )
    write_stdout(
        f"{len(report.pushed)} graph(s) pushed, {len(report.skipped)} skipped, counts "
        f"{'verified' if report.verified else 'not verified'} ({report.requests} requests)\n"
    )
