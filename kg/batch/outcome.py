"""One article's build outcome as plain data, so that it can cross a process boundary.

A worker (a process of a pool, a Dask task, or the calling process itself) turns an
:class:`~kg.model.Article` into an :class:`Outcome`: the article graph and its share of the
Wikidata graph as N-Quads bytes, the counts the summary needs and the explained violations.
No spaCy Doc, rdflib Graph or Extraction leaves the worker, so the parent's memory does not
grow with the number of articles.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.batch.deadline import ArticleTimeout, deadline
from kg.errors import InputError, KgError
from kg.model import Article
from kg.settings import Settings

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.extract import Extractor


@dataclass(frozen=True, slots=True)
class Problem:
    """A SHACL violation, explained with the sentence around its focus node."""

    focus_node: str
    result_path: str | None
    constraint: str
    message: str
    sentence: str | None


@dataclass(slots=True)
class Outcome:
    """What building one article gave.

    Args:
        source: where the article came from (a file, ``file.jsonl:LINE`` or ``<stdin>:LINE``).
        key: the article key (``Article.key``), empty when the article could not be read.
        graph_iri: its named graph's IRI, empty when it could not be read.
        content_hash: ``Article.content_hash``.
        words: the number of words of its body (for the progress rate).
        nquads: the article graph as N-Quads (sorted lines), empty unless built.
        wikidata: its contribution to the shared Wikidata graph, as N-Quads.
        entities, events, triples: counts.
        conforms: the graph conforms to the shapes (or was not validated).
        problems: the violations, explained.
        warnings: linking warnings.
        error: ``(code, message)`` when the article was skipped.
        status: ``built``, ``nonconforming``, ``skipped`` (bad input) or ``unchanged``.
    """

    source: str
    key: str = ""
    graph_iri: str = ""
    content_hash: str = ""
    words: int = 0
    nquads: bytes = b""
    wikidata: bytes = b""
    entities: int = 0
    events: int = 0
    triples: int = 0
    conforms: bool = True
    validated: bool = True
    linked: int | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: tuple[str, str] | None = None
    status: str = "built"

    @classmethod
    def failed(cls, source: str, error: KgError, article: Article | None = None) -> Outcome:
        return cls(
            source=source,
            key=article.key if article else "",
            words=len(article.body.split()) if article else 0,
            error=(error.code, error.message),
            status="skipped",
        )


#: collect cyclic garbage every this many articles built in a process: each article leaves
#: reference cycles (pySHACL's shape objects, spaCy's) that Python's generational collector
#: reaches only rarely once a spaCy model is loaded, so memory would creep up with the
#: number of articles (measured: about 17 kB per article)
GC_EVERY = 50
#: the collector's thresholds in a building process (Python's default: 700, 10, 10). One
#: article allocates tens of thousands of objects that live until it is written, which the
#: default young generation walked again every 700 allocations; cycles are still freed at
#: least every GC_EVERY articles. Measured on 400 news articles (gc.callbacks): 0.74 ms of
#: collections per article at the default, about 0.15 at these once the model is loaded
GC_THRESHOLDS = (10_000, 10, 10)
_built = 0


def tune_collector() -> None:
    """Set :data:`GC_THRESHOLDS`: done by :func:`build_outcome` itself, and by a building
    process before it loads the model (whose loading the default young generation walked
    hundreds of times: about 0.1 s)."""
    gc.set_threshold(*GC_THRESHOLDS)


def _collect() -> None:
    global _built
    if _built == 1:
        # once one article is built, the model, lexicons and Wikidata snapshot are loaded and
        # live as long as the process: out of the collector's reach, a full collection takes
        # a few milliseconds instead of a third of a second
        gc.freeze()
        tune_collector()
    _built += 1
    if _built % GC_EVERY == 0:
        # what survives a full collection is the caches filling up (names, keys, literals,
        # dates) and the articles in flight: frozen too, so that the collector does not walk
        # them again and again (at 2,000 articles its full collections took 1 ms per article)
        gc.collect()
        gc.freeze()


def build_outcomes(
    pairs: Sequence[tuple[Article, str]],
    extractor: Extractor,
    settings: Settings,
    *,
    timeout: float | None = None,
) -> list[Outcome]:
    """:func:`build_outcome` of each ``(article, source)``, in order, with their bodies
    parsed together first (:meth:`~kg.extract.Extractor.parse_many`, which is cheaper than
    one parse per article). Should the batched parse fail, each article is parsed alone, so
    that the failure is charged to the one article that causes it."""
    docs: list[Any]
    try:
        with deadline(timeout * len(pairs) if timeout else None):
            docs = list(extractor.parse_many([article for article, _ in pairs]))
    except KgError:
        raise
    except Exception:  # noqa: BLE001 - retried article by article below
        docs = [None] * len(pairs)
    return [
        build_outcome(article, source, extractor, settings, doc=doc, timeout=timeout)
        for (article, source), doc in zip(pairs, docs, strict=True)
    ]


def build_outcome(
    article: Article,
    source: str,
    extractor: Extractor,
    settings: Settings,
    *,
    doc: Any = None,
    timeout: float | None = None,
) -> Outcome:
    """Extract, link, map and validate one article into an :class:`Outcome`.

    An :class:`~kg.errors.InputError` (not English, ...), a build that takes longer than
    ``timeout`` seconds (KG215, see :mod:`kg.batch.deadline`) or an unexpected exception on
    this article becomes a skipped outcome, so that one article never stops a batch; any
    other :class:`~kg.errors.KgError` (an external service down, a configuration error)
    stops it. ``doc``: the article's parsed body (or the :class:`InputError` its parse gave),
    parsed here when ``None``.
    """
    from kg import pipeline
    from kg.rdf.mapping import wikidata_graph

    _collect()
    if isinstance(doc, InputError):
        return Outcome.failed(source, doc, article)
    try:
        with deadline(timeout):
            result = pipeline.build_article(article, Path(source), extractor, settings, doc=doc)
    except InputError as e:
        return Outcome.failed(source, e, article)
    except ArticleTimeout as e:
        late = InputError("KG215", f"{source}: {e} to build; skipped (kg build --timeout)")
        return Outcome.failed(source, late, article)
    except KgError:
        raise  # a service, configuration or store failure stops the batch (exit 3 or 4)
    except Exception as e:  # a bug met on one article must not stop the batch
        error = KgError("KG299", f"{source}: internal error while building: {e!r}")
        return Outcome.failed(source, error, article)
    graph = result.graph
    conforms = result.conforms
    outcome = Outcome(
        source=source,
        key=article.key,
        graph_iri=str(graph.identifier),
        content_hash=article.content_hash,
        words=len(article.body.split()),
        entities=result.entities,
        events=result.events,
        triples=result.triples,
        conforms=conforms,
        validated=result.report is not None,
        linked=getattr(result.link_report, "linked", None) if result.link_report else None,
        warnings=[str(w) for w in getattr(result.link_report, "warnings", None) or []],
        status="built" if conforms else "nonconforming",
    )
    if conforms:
        outcome.nquads = nquads(graph, result.ntriples)
        extraction = result.extraction
        if extraction is not None:
            shared = wikidata_graph([extraction], base_iri=settings.base_iri)
            if len(shared):
                outcome.wikidata = nquads(shared)
    else:
        outcome.problems = [
            Problem(v.focus_node, v.result_path, v.constraint, v.message, v.sentence)
            for v in pipeline.explain(result)
        ]
    return outcome


def nquads(graph: Graph, ntriples: str | None = None) -> bytes:
    """The triples of a named graph as N-Quads in that graph, lines sorted (deterministic);
    ``ntriples``: the graph already serialised as N-Triples (``graph.serialize(format="nt")``)."""
    name = graph.identifier.n3()
    text = graph.serialize(format="nt") if ntriples is None else ntriples
    lines = sorted({f"{line[:-2].rstrip()} {name} ." for line in text.splitlines() if line})
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def unreadable(source: str, error: InputError) -> Outcome:
    """The outcome of an article that could not even be read."""
    return Outcome.failed(source, error)
