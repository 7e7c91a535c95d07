"""``kg publish``: a verified, deterministic release folder of the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg import __version__
from kg.cli import app
from kg.cli._console import handled, say, write_stdout
from kg.errors import EXIT_NONCONFORMANT
from kg.settings import DEFAULT_BASE_IRI

STORE_HELP = (
    "Store folder (default: $KG_STORE, else ./kg-store in the working directory), "
    "or an .nq/.trig file."
)


@app.command(
    "publish",
    help="Write a release folder: N-Quads, N-Triples and Turtle dumps (gzip, sorted, chunked), "
    "JSON-LD per article with context.jsonld, the ontology and shapes, void.ttl (VoID + DCAT), "
    "SHA256SUMS and README.md.\n\n"
    "The shapes and the global checks (one Wikidata owl:sameAs per entity, no dangling IRI) "
    "run first; a failure writes nothing. The folder is written beside OUT and renamed into "
    "place. Same store, options and --date give byte-identical files.\n\n"
    "Exit codes: 0 ok; 1 a check failed; 2 usage; 3 bad input or output folder.",
)
def publish_command(
    out: Annotated[Path, typer.Option("--out", help="The release folder to write.")],
    store: Annotated[Path | None, typer.Option("--store", help=STORE_HELP)] = None,
    base_iri: Annotated[
        str | None,
        typer.Option(
            "--base-iri",
            help=f"Base IRI of the instances (default: $KG_BASE_IRI, else {DEFAULT_BASE_IRI}).",
        ),
    ] = None,
    version: Annotated[
        str, typer.Option("--version", help="Release version (default: the newskg version).")
    ] = __version__,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Issued date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today UTC)."
        ),
    ] = None,
    licence: Annotated[
        str, typer.Option("--licence", help="Licence IRI of the graph.")
    ] = "https://creativecommons.org/licenses/by/4.0/",
    sparql_endpoint: Annotated[
        str | None,
        typer.Option("--sparql-endpoint", help="Public SPARQL endpoint URL (void:sparqlEndpoint)."),
    ] = None,
    download_url: Annotated[
        str | None,
        typer.Option(
            "--download-url",
            help="URL the release folder will be served at (default: relative download URLs).",
        ),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", help="At most this many statements per dump file.")
    ] = 1_000_000,
    include_text: Annotated[
        bool,
        typer.Option(
            "--include-text",
            help="Add article text: full where the licence allows it, else excerpts.",
        ),
    ] = False,
    articles: Annotated[
        list[Path] | None,
        typer.Option(
            "--articles", help="Article files or folders holding the bodies (for --include-text)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a non-empty OUT folder.")] = False,
) -> None:
    from kg.publish import publish, release_date
    from kg.settings import Settings
    from kg.store import resolve_store_path

    with handled():
        base = Settings.resolve(base_iri=base_iri).base_iri
        report = publish(
            resolve_store_path(store),
            out,
            version=version,
            issued=release_date(date),
            base_iri=base,
            licence=licence,
            sparql_endpoint=sparql_endpoint,
            download_url=download_url,
            chunk_size=chunk_size,
            include_text=include_text,
            articles=articles or (),
            force=force,
        )
    if not report.ok:
        for problem in report.problems:
            say(f"problem: {problem}")
        say(f"error: KG310: {len(report.problems)} check(s) failed; nothing written to {out}")
        raise typer.Exit(EXIT_NONCONFORMANT)
    for note in report.notes:
        say(note)
    assert report.stats is not None
    say(
        f"{out}: {len(report.files)} files, {report.stats.triples} triples in "
        f"{len(report.stats.graphs)} graphs"
    )
    write_stdout(f"{out}\n")
