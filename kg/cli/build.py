"""``kg build``: articles -> validated named graphs -> one RDF file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rdflib import URIRef

from kg import pipeline
from kg.cli import app
from kg.cli._console import EXIT_CODES_HELP, handled, say, write_stdout
from kg.errors import EXIT_INPUT, EXIT_NONCONFORMANT, EXIT_OK
from kg.rdf.serialize import FORMATS, check_output, serialize_dataset, write_dataset
from kg.settings import Settings


@app.command(
    "build",
    help="Build the knowledge graph of articles (.txt/.md files, or folders of them).\n\n"
    "Each article becomes one named graph, validated with the SHACL shapes before it is "
    "written. The output format follows the --out suffix "
    f"({', '.join(FORMATS)}; .ttl and .nt hold the union of the graphs); without --out, "
    "TriG goes to stdout. A graph that does not conform is not written: its violations are "
    "printed with the sentence that produced them. An article that cannot be read is skipped "
    "with its reason and the others are written; if none can be read, nothing is written.\n\n"
    + EXIT_CODES_HELP
    + " With several articles the exit code is the worst outcome: 3 if one was skipped, "
    "else 1 if one did not conform.",
)
def build_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files or folders of them.", show_default=False)
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output file; its suffix picks the format."),
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="spaCy pipeline (installed name or path).")
    ] = None,
    base_iri: Annotated[
        str | None, typer.Option("--base-iri", help="Namespace for minted IRIs.")
    ] = None,
    no_link: Annotated[
        bool, typer.Option("--no-link", help="Do not link entities to Wikidata.")
    ] = False,
    online: Annotated[
        bool, typer.Option("--online", help="Link with the live Wikidata API (default: offline).")
    ] = False,
) -> None:
    with handled():
        if out is not None:
            check_output(out)  # before any work: unknown suffix or unwritable folder
        settings = Settings.resolve(
            model=model,
            base_iri=base_iri,
            link=False if no_link else None,
            online=True if online else None,
        )
        result = pipeline.build(paths, settings, on_progress=_progress)
        for bad in result.nonconforming:
            _print_violations(bad)
        counts = result.counts()
        if result.graphs:
            dataset = result.dataset()
            if out is None:
                write_stdout(serialize_dataset(dataset, "trig"))
                where = "stdout"
            else:
                write_dataset(dataset, out)
                where = str(out)
            say(
                f"wrote {counts['written']} of {counts['articles'] + counts['skipped']} "
                f"article graph(s), {counts['triples']} triples, to {where}"
            )
        else:
            say("nothing written: no article graph conforms")
        if result.skipped:
            raise typer.Exit(EXIT_INPUT)
        if result.nonconforming:
            raise typer.Exit(EXIT_NONCONFORMANT)
        raise typer.Exit(EXIT_OK)


def _progress(n: int, total: int, outcome: pipeline.ArticleResult | pipeline.Skipped) -> None:
    prefix = f"[{n}/{total}] {outcome.path}:"
    if isinstance(outcome, pipeline.Skipped):
        say(f"{prefix} skipped: {outcome.error.code}: {outcome.error.message}")
        return
    status = "conforms" if outcome.conforms else "DOES NOT CONFORM"
    if outcome.report is None:
        status = "not validated"
    linked = ""
    if outcome.link_report is not None:
        linked = f" ({getattr(outcome.link_report, 'linked', 0)} linked to Wikidata)"
    say(
        f"{prefix} {outcome.entities} entities{linked}, {outcome.events} events, "
        f"{outcome.triples} triples, {status}"
    )
    for warning in getattr(outcome.link_report, "warnings", None) or []:
        say(f"{prefix} warning: {warning}")


def _print_violations(result: pipeline.ArticleResult) -> None:
    violations = pipeline.explain(result)
    say(f"{result.path}: graph not written, {len(violations)} violation(s) of the shapes:")
    names = result.graph.namespace_manager
    for v in violations:
        path = f" {names.normalizeUri(URIRef(v.result_path))}" if v.result_path else ""
        constraint = v.constraint.rsplit("#", 1)[-1]
        say(f"  - focus <{v.focus_node}>{path} [{constraint}]: {v.message}")
        if v.sentence:
            say(f'    sentence: "{v.sentence}"')
