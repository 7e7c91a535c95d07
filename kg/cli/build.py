"""``kg build``: articles -> validated named graphs -> the store (or one RDF file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from kg.batch import FileSink, Outcome, StoreSink, Summary, build_batch
from kg.batch.deadline import DEFAULT_TIMEOUT
from kg.cli import app
from kg.cli._console import EXIT_CODES_HELP, err, handled, say, write_stdout
from kg.errors import EXIT_INPUT, EXIT_NONCONFORMANT, EXIT_OK, InputError
from kg.rdf.serialize import FORMATS, check_output, serialize_dataset, write_dataset
from kg.settings import Settings

STORE_RULE = (
    "Without --out the graphs go into the store: --store DIR, else $KG_STORE, else ./kg-store "
    "(created if missing). With --out FILE (or '-' for TriG on stdout) the graphs go to that "
    "file, and into a store only when --store is also given."
)


@app.command(
    "build",
    help="Build the knowledge graph of articles: .txt/.md files, .jsonl files (one article "
    "per line: 'text' plus front-matter keys), folders of them, or '-' (JSON Lines on stdin).\n\n"
    "Each article becomes one named graph, validated with the SHACL shapes before it is "
    "written; in a store it replaces the article's previous graph in one transaction (new "
    "graphs go in together at checkpoints, see docs/scale.md), and an "
    "article whose text and extraction version are unchanged is skipped (--rebuild forces). "
    + STORE_RULE
    + f" File formats follow the --out suffix ({', '.join(FORMATS)}; .ttl and .nt hold the "
    "union of the graphs). A graph that does not conform is not written: its violations are "
    "printed with the sentence that produced them. An article that cannot be used is skipped "
    "with its reason and the others are written.\n\n"
    + EXIT_CODES_HELP
    + " With several articles the exit code is the worst outcome: 3 if one was skipped, "
    "else 1 if one did not conform.",
)
def build_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files, folders of them, or '-'.", show_default=False),
    ],
    out: Annotated[
        str | None,
        typer.Option(
            "--out", "-o", help="Output file ('-': TriG on stdout); its suffix picks the format."
        ),
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Store folder (default: $KG_STORE, else ./kg-store)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-j",
            min=1,
            help="Extraction processes (default: the cores, 1 for fewer than 16 articles).",
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Rebuild unchanged articles too.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            help="Seconds one article may take to build before it is skipped (KG215); 0: no "
            "limit. Not enforced on a Dask cluster.",
        ),
    ] = DEFAULT_TIMEOUT,
    dask_scheduler: Annotated[
        str | None,
        typer.Option(
            "--dask-scheduler",
            help="Run the extraction on this Dask cluster (tcp://HOST:8786); needs newskg[dask].",
        ),
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
        out_path = Path(out) if out not in (None, "-") else None
        if out_path is not None:
            check_output(out_path)  # before any work: unknown suffix or unwritable folder
        settings = Settings.resolve(
            model=model,
            base_iri=base_iri,
            link=False if no_link else None,
            online=True if online else None,
        )
        store_path = _store_path(out, store)
        if dask_scheduler is not None:
            summary = _dask(paths, settings, dask_scheduler, store_path, out, rebuild)
        else:
            summary = _local(
                paths, settings, out, out_path, store_path, workers, rebuild, timeout or None
            )
        _report(summary)
        if summary.skipped:
            if not (summary.written or summary.unchanged or summary.nonconforming):
                _source, code, message = summary.skipped[0]
                raise InputError(code, message)
            raise typer.Exit(EXIT_INPUT)
        if summary.nonconforming:
            raise typer.Exit(EXIT_NONCONFORMANT)
        raise typer.Exit(EXIT_OK)


def _store_path(out: str | None, store: Path | None) -> Path | None:
    """The store to write: the resolved one without --out; with --out only an explicit one."""
    from kg.store import resolve_store_path

    if out is None:
        return resolve_store_path(store)
    return store


def _local(
    paths: list[str],
    settings: Settings,
    out: str | None,
    out_path: Path | None,
    store_path: Path | None,
    workers: int | None,
    rebuild: bool,
    timeout: float | None,
) -> Summary:
    from kg.store import open_store

    file_sink = FileSink() if out is not None else None
    kg_store = open_store(store_path) if store_path is not None else None
    store_sink = StoreSink(kg_store, settings, rebuild=rebuild) if kg_store is not None else None
    sinks = [s for s in (file_sink, store_sink) if s is not None]
    try:
        with _Reporter() as reporter:
            summary = build_batch(
                paths,
                settings,
                _Tee(sinks),
                workers_count=workers,
                timeout=timeout,
                on_outcome=reporter,
            )
    finally:
        if kg_store is not None:
            kg_store.close()
    if file_sink is not None and file_sink.written:
        _write_file(file_sink, out_path)
    where = [str(out_path) if out_path else "stdout"] if file_sink is not None else []
    if store_path is not None:
        where.append(f"store {store_path}")
    if summary.written:
        say(
            f"wrote {summary.written} of {summary.articles} article graph(s), "
            f"{summary.triples} triples, to {' and '.join(where)}"
        )
    elif summary.unchanged:
        say(f"store {store_path} is up to date")
    else:
        say("nothing written: no article graph conforms")
    return summary


def _write_file(sink: FileSink, out_path: Path | None) -> None:
    from rdflib import Dataset

    from kg.rdf.mapping import bind_prefixes

    dataset = Dataset()
    bind_prefixes(dataset)
    dataset.parse(data=sink.nquads(), format="nquads")
    if out_path is None:
        write_stdout(serialize_dataset(dataset, "trig"))
    else:
        write_dataset(dataset, out_path)


def _dask(
    paths: list[str],
    settings: Settings,
    scheduler: str,
    store_path: Path | None,
    out: str | None,
    rebuild: bool,
) -> Summary:
    if out is not None:
        raise InputError("KG215", "--dask-scheduler writes into a store: give --store, not --out")
    from kg.batch.dask import build_on_dask

    assert store_path is not None
    summary = build_on_dask(
        paths, settings, scheduler=scheduler, store_path=store_path, rebuild=rebuild
    )
    say(
        f"wrote {summary.written} of {summary.articles} article graph(s), "
        f"{summary.triples} triples, to store {store_path} (Dask: {scheduler})"
    )
    return summary


class _Tee:
    """Several sinks as one (the file and an explicit store)."""

    def __init__(self, sinks: list) -> None:  # type: ignore[type-arg]
        self.sinks = sinks

    def check(self, article, source):  # type: ignore[no-untyped-def]
        # skip only when every sink already holds the article
        found = [s.check(article, source) for s in self.sinks]
        return found[0] if found and all(f is not None for f in found) else None

    def add(self, outcome: Outcome) -> None:
        for s in self.sinks:
            s.add(outcome)

    def finish(self) -> None:
        for s in self.sinks:
            s.finish()


class _Reporter:
    """Progress on stderr: a rich bar (articles, words/s, ETA) on a terminal, else one line
    per article; problems are always printed."""

    def __init__(self) -> None:
        self.live = err.is_terminal
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> _Reporter:
        if self.live:
            self.progress = Progress(
                TextColumn("building"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} words/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=err,
                transient=False,
            )
            self.progress.start()
            self.task = self.progress.add_task("build", total=None, rate="-")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def __call__(self, outcome: Outcome, summary: Summary, total: int | None) -> None:
        n = summary.articles
        rate = summary.words / summary.seconds if summary.seconds > 0 else 0.0
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, completed=n, total=total, rate=f"{rate:,.0f}")
            if outcome.status in ("skipped", "nonconforming") or outcome.warnings:
                self._lines(outcome, n, total, self.progress.console.print)
            return
        self._lines(outcome, n, total, lambda m, **_: say(m))

    @staticmethod
    def _lines(outcome: Outcome, n: int, total: int | None, emit) -> None:  # type: ignore[no-untyped-def]
        prefix = f"[{n}/{total if total is not None else '?'}] {outcome.source}:"
        if outcome.status == "skipped":
            if total == 1:  # the closing 'error:' line says it: one message per article
                return
            code, message = outcome.error or ("KG200", "")
            message = message.removeprefix(f"{outcome.source}: ")  # the prefix names it
            emit(f"{prefix} skipped: {code}: {message}", markup=False)
            return
        if outcome.status == "unchanged":
            emit(f"{prefix} unchanged, skipped", markup=False)
            return
        status = "conforms" if outcome.conforms else "DOES NOT CONFORM"
        if not outcome.validated:
            status = "not validated"
        linked = f" ({outcome.linked} linked to Wikidata)" if outcome.linked is not None else ""
        emit(
            f"{prefix} {outcome.entities} entities{linked}, {outcome.events} events, "
            f"{outcome.triples} triples, {status}",
            markup=False,
        )
        for warning in outcome.warnings:
            emit(f"{prefix} warning: {warning}", markup=False)
        if outcome.problems:
            emit(
                f"{outcome.source}: graph not written, {len(outcome.problems)} violation(s) "
                "of the shapes:",
                markup=False,
            )
            for v in outcome.problems:
                path = f" <{v.result_path}>" if v.result_path else ""
                constraint = v.constraint.rsplit("#", 1)[-1]
                emit(f"  - focus <{v.focus_node}>{path} [{constraint}]: {v.message}", markup=False)
                if v.sentence:
                    emit(f'    sentence: "{v.sentence}"', markup=False)


def _report(summary: Summary) -> None:
    rate = summary.words / summary.seconds if summary.seconds > 0 else 0.0
    say(
        f"summary: {summary.articles} article(s): {summary.written} written, "
        f"{summary.unchanged} unchanged, {summary.nonconforming} not conforming, "
        f"{len(summary.skipped)} skipped; {summary.entities} entities, {summary.events} events, "
        f"{summary.triples} triples, {summary.violations} violation(s); "
        f"{summary.seconds:.1f} s, {rate:,.0f} words/s"
    )
