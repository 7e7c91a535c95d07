"""``kg serve``: the SPARQL endpoint and linked-data pages over the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli import app
from kg.cli._console import handled
from kg.errors import InputError, StoreError
from kg.settings import Settings
from kg.store import open_store, resolve_store_path

STORE_HELP = "Store folder (default: $KG_STORE, else ./kg-store in the working directory)."


@app.command("serve")
def serve_command(
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=0, max=65535)] = 8000,
    timeout: Annotated[
        float, typer.Option(help="Seconds a query may run before the client gets 503.", min=0.01)
    ] = 30.0,
    max_results: Annotated[
        int, typer.Option(help="Most rows or triples one query may return (else 400).", min=1)
    ] = 100_000,
    write_token: Annotated[
        str | None,
        typer.Option(
            envvar="KG_WRITE_TOKEN",
            help="Allow SPARQL Update from clients sending 'Authorization: Bearer <token>' "
            "(read-only without it).",
        ),
    ] = None,
    allow_remote: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-remote",
            help="A URL prefix that SPARQL SERVICE and LOAD may fetch (repeatable); without "
            "it the endpoint makes no remote request.",
        ),
    ] = None,
    write_token_file: Annotated[
        Path | None,
        typer.Option(
            help="Read the write token from this file (its first line), so that it does not "
            "show in the process list as --write-token does.",
        ),
    ] = None,
    max_connections: Annotated[
        int, typer.Option(help="Connections served at once; beyond, 503.", min=1)
    ] = 512,
    header_timeout: Annotated[
        float,
        typer.Option(help="Seconds a client may take to send a request's head.", min=0.1),
    ] = 10.0,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin",
            help="An origin whose scripts may call /sparql from a browser (repeatable; "
            "default '*'; 'none' for no cross-origin access). Pages and updates never.",
        ),
    ] = None,
    base_iri: Annotated[
        str | None,
        typer.Option(
            help="Base IRI whose resources /id/... serves (default: $KG_BASE_IRI or "
            "https://w3id.org/newskg/id/)."
        ),
    ] = None,
) -> None:
    """Serve the store: SPARQL 1.1 Protocol at /sparql, pages at /id/..., a query page at /.

    Exit codes: 0 stopped by Ctrl-C; 2 usage; 3 the store cannot be opened (missing,
    locked, corrupt).
    """
    from kg.serve import ServeConfig, run_server

    with handled():
        settings = Settings.resolve(base_iri=base_iri)
        path = resolve_store_path(store)
        if not path.is_dir():
            raise StoreError("KG502", f"no store at {path} (build one first with kg build)")
        kg_store = open_store(path)
        config = ServeConfig(
            base_iri=settings.base_iri,
            timeout=timeout,
            max_results=max_results,
            write_token=_token(write_token, write_token_file),
            allow_remote=tuple(allow_remote or ()),
            cors_origins=_origins(cors_origin),
            max_connections=max_connections,
            header_timeout=header_timeout,
        )
        mode = "read-write with token" if config.write_token else "read-only"
        typer.echo(
            f"kg serve: {path} ({len(kg_store.graphs())} graphs, {mode}) at "
            f"http://{host}:{port}/sparql; Ctrl-C to stop",
            err=True,
        )
        try:
            run_server(kg_store, config, host=host, port=port)
        except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after its graceful shutdown
            pass
        finally:
            kg_store.close()
        typer.echo("kg serve: stopped", err=True)


def _origins(given: list[str] | None) -> tuple[str, ...]:
    """``--cors-origin`` values: none given is ``*``; ``none`` alone is no origin."""
    if not given:
        return ("*",)
    if [g.lower() for g in given] == ["none"]:
        return ()
    return tuple(given)


def _token(given: str | None, path: Path | None) -> str | None:
    """The write token: from ``--write-token-file`` (first line), else the option or
    ``$KG_WRITE_TOKEN``.

    Raises:
        InputError: KG268, the file cannot be read or its first line is empty.
    """
    if path is None:
        return given or None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError("KG268", f"{path}: cannot read the write token ({e})") from e
    token = lines[0].strip() if lines else ""
    if not token:
        raise InputError("KG268", f"{path}: the write token file is empty")
    return token
