"""Orchestration: article files -> extraction -> linking -> RDF -> validation.

:func:`build` is the plain function ``kg build`` wraps. It reads every article, extracts it
with one :class:`~kg.extract.Extractor` for the whole run, links its entities (when
``Settings.link``), maps it to its named graph and validates that graph with the SHACL shapes
before it is kept.

Failures, decided per article:

- a path that does not exist, or a directory with no article, aborts the build before any
  work (:class:`~kg.errors.InputError`);
- an article that cannot be used (empty, binary, not UTF-8, bad front matter or date, not
  in English: any :class:`~kg.errors.InputError` while reading or extracting it) is
  **skipped with its reason** and the others are built; if every article fails, the first
  failure is raised, so a single bad file fails the build;
- a graph that does not conform to the shapes is kept out of :attr:`BuildResult.graphs`
  with its report.

The caller decides what to write: ``kg build`` writes the conforming graphs and exits with
the worst outcome (3 if an article was skipped, else 1 if a graph did not conform).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, Literal, URIRef

from kg.errors import InputError, KgError
from kg.ingest import find_articles, read_article
from kg.model import Article, Extraction
from kg.rdf.mapping import article_graph, to_dataset, wikidata_graph
from kg.rdf.vocab import NIF, NKG
from kg.settings import DEFAULT_BASE_IRI, Settings

if TYPE_CHECKING:
    from kg.extract import Extractor


@dataclass(slots=True)
class ArticleResult:
    """One article built into its named graph.

    Args:
        path: the file it was read from.
        article: the article read.
        graph: its named graph.
        report: the SHACL validation report (``None`` when validation is off).
        entities: number of entities extracted.
        events: number of events extracted.
        extraction: the model the graph was mapped from (entities with their links).
        link_report: what linking decided (``kg.link.LinkReport``), ``None`` when off.
        ntriples: the graph serialised as N-Triples (``graph.serialize(format="nt")``),
            when the build made that text: it is validated and written from it.
    """

    path: Path
    article: Article
    graph: Graph
    report: Any | None
    entities: int
    events: int
    extraction: Extraction | None = None
    link_report: Any | None = None
    ntriples: str | None = None

    @property
    def conforms(self) -> bool:
        return self.report is None or bool(self.report.conforms)

    @property
    def triples(self) -> int:
        if self.ntriples is not None:  # one line per triple; len(graph) walks the graph
            return self.ntriples.count("\n")
        return len(self.graph)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article left out of the build, with the error that says why."""

    path: Path
    error: KgError


@dataclass(frozen=True, slots=True)
class Violation:
    """A SHACL result explained with the sentence that produced its focus node."""

    focus_node: str
    result_path: str | None
    constraint: str
    message: str
    sentence: str | None


Progress = Callable[[int, int, "ArticleResult | Skipped"], None]


@dataclass(slots=True)
class BuildResult:
    """What :func:`build` produced: every article's outcome, in input order."""

    results: list[ArticleResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    base_iri: str = DEFAULT_BASE_IRI

    @property
    def graphs(self) -> list[Graph]:
        """The graphs that conform (the ones to write)."""
        return [r.graph for r in self.results if r.conforms]

    @property
    def nonconforming(self) -> list[ArticleResult]:
        return [r for r in self.results if not r.conforms]

    def dataset(self) -> Dataset:
        """The conforming graphs as one dataset, one named graph per article, plus the
        graph of facts taken from Wikidata about their linked entities (when any)."""
        enrichment = self.enrichment()
        return to_dataset([*self.graphs, enrichment] if len(enrichment) else self.graphs)

    def enrichment(self) -> Graph:
        """Facts from Wikidata about the linked entities of the conforming articles."""
        extractions = [r.extraction for r in self.results if r.conforms and r.extraction]
        return wikidata_graph(extractions, base_iri=self.base_iri)

    def counts(self) -> dict[str, int]:
        """Totals over the articles built (conforming or not)."""
        return {
            "articles": len(self.results),
            "written": len(self.graphs),
            "entities": sum(r.entities for r in self.results),
            "events": sum(r.events for r in self.results),
            "triples": sum(r.triples for r in self.results if r.conforms),
            "violations": sum(len(r.report.results) for r in self.results if r.report is not None),
            "skipped": len(self.skipped),
        }


def build(
    paths: Sequence[Path], settings: Settings, *, on_progress: Progress | None = None
) -> BuildResult:
    """Build the named graph of every article under ``paths``.

    Args:
        paths: article files or folders of them.
        settings: the run's settings (model, base IRI, linking, validation).
        on_progress: called after each article with ``(n, total, outcome)``.

    Raises:
        InputError: a path is missing or a folder holds no article; or every article
            failed (the first failure is raised).
        ConfigError: the spaCy model is not installed.
    """
    files = find_articles(paths)
    result = BuildResult(base_iri=settings.base_iri)
    extractor: Extractor | None = None
    for n, path in enumerate(files, 1):
        outcome: ArticleResult | Skipped
        try:
            article = read_article(path)
            if extractor is None:  # loaded at the first readable article, once per run
                from kg.extract import Extractor

                extractor = Extractor(settings)
            outcome = build_article(article, path, extractor, settings)
        except InputError as e:
            outcome = Skipped(path, e)
            result.skipped.append(outcome)
        else:
            result.results.append(outcome)
        if on_progress is not None:
            on_progress(n, len(files), outcome)
    if not result.results and result.skipped:
        raise result.skipped[0].error
    return result


def build_article(
    article: Article,
    path: Path,
    extractor: Extractor,
    settings: Settings,
    *,
    doc: Any = None,
) -> ArticleResult:
    """Extract, link, map and validate one article (``doc``: its body already parsed by
    ``extractor``, see :meth:`kg.extract.Extractor.parse_many`).

    Raises:
        InputError: the article cannot be extracted (KG208: not in English).
    """
    extraction = extractor.extract(article, doc=doc)
    link_report = link(extraction, settings)
    graph = article_graph(extraction, base_iri=settings.base_iri)
    ntriples = serialize_ntriples(graph)
    report = None
    if settings.validate:
        report = validate(graph, engine=settings.shacl_engine, ntriples=ntriples)
    return ArticleResult(
        path=path,
        article=article,
        graph=graph,
        report=report,
        entities=len(extraction.entities),
        events=len(extraction.events),
        extraction=extraction,
        link_report=link_report,
        ntriples=ntriples,
    )


def serialize_ntriples(graph: Graph) -> str:
    """The graph as N-Triples, made once per article: the turbo SHACL engine reads it, and a
    batch build writes the article's N-Quads from it (:func:`kg.batch.outcome.nquads`)."""
    return graph.serialize(format="nt")


def link(extraction: Extraction, settings: Settings) -> Any | None:
    """Link the extraction's entities to Wikidata in place, when ``settings.link``, and
    return the link report (``None`` when linking is off or not installed).

    The single call site of ``kg.link.link_entities`` (issue 4). The Wikidata enrichment
    graph (``kg.rdf.wikidata.enrichment_triples``) is not built here yet: the linked
    entities stay on :attr:`ArticleResult.extraction` for it.

    Raises:
        ServiceError: online linking failed.
    """
    if not settings.link:
        return None
    try:
        from kg.link import link_entities
    except ModuleNotFoundError as e:
        if e.name == "kg.link":
            return None
        raise
    return link_entities(extraction, settings)


def validate(graph: Graph, *, engine: str = "pyshacl", ntriples: str | None = None) -> Any:
    """The SHACL report of one article graph: the shapes on its triples, and the check that
    the graph describes itself (``prov:wasDerivedFrom``, ``prov:wasGeneratedBy``).

    This is ``kg.validate.validate_graph`` on the graph plus the named-graph provenance
    check of the dataset form, done here as two triple lookups: the dataset form also parses
    and runs the whole-graph SPARQL checks (warnings about the union, which need every
    article: ``kg validate`` runs them on a dump), and that tripled the cost per article
    (measured: 130 ms against 47 ms on news articles). ``ntriples``: the graph as
    N-Triples, when made already (see :func:`kg.validate.validate_graph`).
    """
    from rdflib.namespace import PROV, SH

    from kg.validate import ValidationReport, ValidationResult, validate_graph

    report = validate_graph(graph, engine=engine, ntriples=ntriples)
    name = graph.identifier
    missing = [
        p
        for p in (PROV.wasDerivedFrom, PROV.wasGeneratedBy)
        if isinstance(name, URIRef) and (name, p, None) not in graph
    ]
    if not missing:
        return report
    extra = [
        ValidationResult(
            focus_node=name,
            result_path=p,
            constraint=SH.SPARQLConstraintComponent,
            source_shape=URIRef("https://w3id.org/newskg/shapes#NamedGraphProvenance"),
            message=f"the named graph is not described with {p.n3(graph.namespace_manager)}",
        )
        for p in missing
    ]
    return ValidationReport(conforms=False, results=[*report.results, *extra])


# -- explaining violations ---------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*\n|\n")


def explain(result: ArticleResult) -> list[Violation]:
    """The violations of an article's report, each with the sentence of the article body
    around the first mention of its focus node (or the focus node's own offsets, when it
    is a mention)."""
    if result.report is None:
        return []
    out = []
    for r in result.report.results:
        focus = r.focus_node
        out.append(
            Violation(
                focus_node=str(focus),
                result_path=str(r.result_path) if r.result_path is not None else None,
                constraint=str(r.constraint),
                message=str(r.message),
                sentence=focus_sentence(result.graph, focus, result.article.body),
            )
        )
    return out


def focus_sentence(graph: Graph, focus: Any, body: str) -> str | None:
    """The sentence of ``body`` that holds the first mention of ``focus``, if any."""
    spans: list[tuple[int, int]] = []
    for node in [focus, *graph.objects(focus, NKG.mention)]:
        if not isinstance(node, URIRef):
            continue
        begin = graph.value(node, NIF.beginIndex)
        end = graph.value(node, NIF.endIndex)
        if isinstance(begin, Literal) and isinstance(end, Literal):
            try:
                spans.append((int(begin), int(end)))
            except (TypeError, ValueError):
                continue
    if not spans:
        return None
    first, last = min(spans)
    return sentence_around(body, first, last)


def sentence_around(body: str, begin: int, end: int) -> str:
    """The text between the sentence boundaries around ``body[begin:end]``, one line.

    >>> sentence_around("One. Two is here. Three.", 5, 8)
    'Two is here.'
    """
    begin, end = max(0, min(begin, len(body))), max(0, min(end, len(body)))
    start = 0
    for boundary in _SENTENCE_END.finditer(body, 0, begin):
        start = boundary.end()
    after = _SENTENCE_END.search(body, end)
    stop = after.start() if after else len(body)
    return " ".join(body[start:stop].split())
