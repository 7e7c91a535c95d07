"""``kg link GRAPH``: re-link the entities of an existing graph file to Wikidata."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KgError
from kg.link import LinkReport, link_entities
from kg.model import Article, Extraction
from kg.rdf.wikidata import apply_links, entities_in, read_dataset, write_dataset
from kg.settings import Settings


def link_graph(
    graph: Path,
    *,
    out: Path | None = None,
    settings: Settings,
    fallback: bool = False,
    cache_dir: Path | None = None,
) -> tuple[LinkReport, int]:
    """Re-link every entity of ``graph`` (in each of its graphs, with that graph's context)
    and write the result to ``out`` (default: ``graph`` itself, replaced atomically).

    Returns:
        The summed report, and how many entity IRIs were renamed.
    """
    ds = read_dataset(graph)
    groups = entities_in(ds)
    client = None
    if settings.online:
        from kg.link.client import WikidataClient

        client = WikidataClient(cache_dir=cache_dir)
    total = LinkReport()
    empty = Article(body="")
    for entities in groups.values():
        extraction = Extraction(article=empty, entities={e.key: e for e in entities})
        report = link_entities(extraction, settings, client=client, fallback=fallback)
        total.linked += report.linked
        total.close += report.close
        total.nil += report.nil
        total.skipped += report.skipped
        total.decisions.extend(report.decisions)
        total.warnings.extend(w for w in report.warnings if w not in total.warnings)
    renamed = apply_links(ds, groups, base_iri=settings.base_iri)
    write_dataset(ds, out or graph)
    return total, renamed


def link_cli(
    graph: Annotated[Path, typer.Argument(help="Graph file (.trig, .nq, .ttl, .nt, .jsonld).")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here (default: replace GRAPH).")
    ] = None,
    online: Annotated[
        bool, typer.Option("--online", help="Ask the live Wikidata API too.")
    ] = False,
    fallback: Annotated[
        bool,
        typer.Option("--fallback", help="Online, if Wikidata fails: keep the snapshot's links."),
    ] = False,
    base_iri: Annotated[
        str | None, typer.Option("--base-iri", help="Base of the graph's minted IRIs.")
    ] = None,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Cache of Wikidata answers (online).")
    ] = None,
) -> None:
    """Re-link the entities of an existing graph to Wikidata (offline snapshot by default)."""
    try:
        settings = Settings.resolve(base_iri=base_iri, online=online or None)
        report, renamed = link_graph(
            graph, out=out, settings=settings, fallback=fallback, cache_dir=cache_dir
        )
    except KgError as e:
        typer.echo(f"kg link: {e}", err=True)
        raise typer.Exit(e.exit_code) from None
    for warning in report.warnings:
        typer.echo(f"kg link: warning: {warning}", err=True)
    typer.echo(
        f"kg link: {report.linked} linked (owl:sameAs), {report.close} close (skos:closeMatch), "
        f"{report.nil} without a link, {renamed} renamed -> {out or graph}",
        err=True,
    )


def register(app: typer.Typer) -> None:
    """Add ``kg link`` and ``kg wikidata`` (the snapshot refresh) to the application."""
    from kg.cli import wikidata

    app.command("link")(link_cli)
    wikidata.register(app)
