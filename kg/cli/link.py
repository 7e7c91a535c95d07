"""``kg link GRAPH``: re-link the entities of an existing graph file to Wikidata."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli import app
from kg.cli._console import EXIT_CODES_HELP, handled, say
from kg.gazetteer import snapshot_version
from kg.link import LinkReport, link_entities
from kg.model import Article, Extraction
from kg.rdf.serialize import check_output, write_dataset
from kg.rdf.wikidata import apply_links, entities_in
from kg.settings import Settings
from kg.validate.load import load_rdf, rdf_format


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
    target = out or graph
    rdf_format(graph)  # an unreadable suffix is named as such, before the output is checked
    check_output(target)
    ds = load_rdf(graph)
    groups = entities_in(ds)
    client = None
    if settings.online:
        from kg.link.client import WikidataClient

        client = WikidataClient(cache_dir=cache_dir)
    total = LinkReport()
    empty = Article(body="")
    try:
        for entities in groups.values():
            extraction = Extraction(article=empty, entities={e.key: e for e in entities})
            report = link_entities(extraction, settings, client=client, fallback=fallback)
            total.linked += report.linked
            total.close += report.close
            total.nil += report.nil
            total.skipped += report.skipped
            total.decisions.extend(report.decisions)
            total.warnings.extend(w for w in report.warnings if w not in total.warnings)
    finally:
        if client is not None:
            client.close()
    renamed = apply_links(
        ds, groups, base_iri=settings.base_iri, snapshot_version=snapshot_version()
    )
    write_dataset(ds, target)
    return total, renamed


@app.command(
    "link",
    help="Re-link the entities of an existing graph file to Wikidata (the offline snapshot by "
    "default; --online asks the live API for what the snapshot lacks). Replaces owl:sameAs and "
    "skos:closeMatch, renames entity IRIs that depend on their link, rebuilds the Wikidata "
    "enrichment, and writes the file atomically.\n\n" + EXIT_CODES_HELP,
)
def link_command(
    graph: Annotated[
        Path,
        typer.Argument(help="Graph file (.trig, .nq, .jsonld, .ttl, .nt).", show_default=False),
    ],
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
    with handled():
        settings = Settings.resolve(base_iri=base_iri, online=True if online else None)
        report, renamed = link_graph(
            graph, out=out, settings=settings, fallback=fallback, cache_dir=cache_dir
        )
    for warning in report.warnings:
        say(f"warning: {warning}")
    say(
        f"{report.linked} linked (owl:sameAs), {report.close} close (skos:closeMatch), "
        f"{report.nil} without a link, {renamed} renamed -> {out or graph}"
    )
