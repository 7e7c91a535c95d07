"""``kg remove``: take one article's named graph out of the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.batch.manifest import Manifest
from kg.cli import app
from kg.cli._console import handled
from kg.cli.serve import STORE_HELP
from kg.errors import InputError
from kg.ingest import read_article
from kg.model.iri import Minter
from kg.settings import Settings
from kg.store import find_graph, open_store, refresh_shared_graph, resolve_store_path


def graph_iri_for(target: str, *, base_iri: str) -> str:
    """The graph IRI an argument names: an article file, an IRI, or an article key."""
    if target.startswith(("http://", "https://", "urn:")):
        return target
    path = Path(target)
    if path.is_file():
        return Minter(base_iri).graph(read_article(path).key)
    if "/" in target or not target.isalnum():
        raise InputError("KG264", f"{target}: neither an article file, an IRI nor an article key")
    return Minter(base_iri).graph(target)


@app.command("remove")
def remove_command(
    article: Annotated[
        str,
        typer.Argument(
            help="The article: its file, its article or graph IRI, or its key.",
            show_default=False,
        ),
    ],
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
    base_iri: Annotated[
        str | None, typer.Option(help="Base IRI the graph was built under (default: $KG_BASE_IRI).")
    ] = None,
) -> None:
    """Remove one article's named graph from the store (one transaction).

    Exit codes: 0 removed; 2 usage; 3 not in the store, or the store cannot be opened.
    """
    with handled():
        settings = Settings.resolve(base_iri=base_iri)
        iri = graph_iri_for(article, base_iri=settings.base_iri)
        path = resolve_store_path(store)
        if not path.is_dir():
            raise InputError("KG265", f"no store at {path}")
        with open_store(path) as kg_store:
            graph = find_graph(kg_store, iri)
            if graph is None:
                raise InputError("KG265", f"{article}: no such article graph in {path}")
            kg_store.remove_graph(graph)
            # the shared Wikidata graph keeps only what the remaining articles link
            refresh_shared_graph(kg_store, Minter(settings.base_iri).graph("wikidata"))
            manifest = Manifest(path)
            manifest.forget(graph)
            manifest.save()
        typer.echo(f"removed <{graph}> from {path}", err=True)
