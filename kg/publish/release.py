"""``publish``: write a complete, verified release folder, or nothing.

Steps: check the output folder (exit 3 on a problem), load the quads, give back the
datatypes a store dropped (:mod:`kg.publish.datatypes`), run the checks
(shapes + global SPARQL; any problem -> a report with ``ok=False`` and nothing written),
write every file into a temporary folder beside the output folder, then rename it into
place. Same quads, options and date -> byte-identical files (the date is an input:
``issued``; see :func:`release_date`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from rdflib import Dataset

from kg import resources
from kg.errors import ConfigError, InputError
from kg.publish import dumps
from kg.publish.checks import global_problems, shape_problems
from kg.publish.datatypes import declared_datatypes, restore_datatypes
from kg.publish.readme import readme_text
from kg.publish.source import Quads, load_quads
from kg.publish.stats import Stats, article_key, compute_stats
from kg.publish.text import EXCERPT_MAX, excerpts, licence_allows_text
from kg.publish.void import CC_BY_4, DescribedFile, ReleaseInfo, describe, void_turtle
from kg.settings import DEFAULT_BASE_IRI
from kg.validate import load_shapes

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
NKG_ARTICLE = "https://w3id.org/newskg/ontology#article"
DEFAULT_CHUNK_SIZE = 1_000_000


@dataclass(slots=True)
class PublishReport:
    """What ``publish`` did: ``ok`` is False when a check failed (and nothing was written)."""

    out_dir: Path
    ok: bool
    problems: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    stats: Stats | None = None
    notes: list[str] = field(default_factory=list)


def release_date(value: str | None = None) -> date:
    """The release's issued date: ``value`` (YYYY-MM-DD), else ``SOURCE_DATE_EPOCH``, else
    today (UTC). Output is byte-identical only for a fixed date.

    Raises:
        ConfigError: the value or ``SOURCE_DATE_EPOCH`` cannot be read.
    """
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError as e:
            raise ConfigError("KG120", f"release date {value!r} is not YYYY-MM-DD") from e
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError) as e:
            raise ConfigError("KG120", f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time") from e
    return datetime.now(tz=UTC).date()


def publish(
    source: Dataset | bytes | str | Path | Quads,
    out_dir: Path,
    *,
    version: str,
    issued: date,
    base_iri: str = DEFAULT_BASE_IRI,
    licence: str = CC_BY_4,
    sparql_endpoint: str | None = None,
    download_url: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    include_text: bool = False,
    articles: Sequence[Path] = (),
    shapes: Sequence[Path] | None = None,
    force: bool = False,
) -> PublishReport:
    """Publish a dataset (rdflib ``Dataset``, N-Quads bytes, store folder or .nq/.trig file).

    Args:
        source: the data, one named graph per article.
        out_dir: the release folder to create (replaced only with ``force``).
        version: release version (``owl:versionInfo``, part of the dataset IRI).
        issued: release date (``dcterms:issued``).
        base_iri: the instance base IRI (entities and dangling-IRI check).
        licence: licence IRI of the graph itself.
        sparql_endpoint: public endpoint URL for ``void:sparqlEndpoint``.
        download_url: URL the release folder is served at; else download URLs are relative.
        chunk_size: at most this many statements per dump file.
        include_text: add article text (full where the licence allows it, else excerpts).
        articles: article files or folders to read bodies from (the store has no text).
        shapes: SHACL files to check (default: the shipped ``shapes/*.ttl``).
        force: replace a non-empty ``out_dir``.

    Raises:
        InputError: the output folder is not writable, or is not empty without ``force``;
            the source cannot be read.
        ConfigError: a bad option value.
    """
    if chunk_size < 1:
        raise ConfigError("KG121", f"chunk size must be at least 1, not {chunk_size}")
    out_dir = Path(out_dir)
    protect = [Path(source)] if isinstance(source, str | Path) else []
    _check_out_dir(out_dir, force=force, protect=[*protect, *articles])
    shapes_graph = load_shapes(shapes)
    quads, restored = restore_datatypes(load_quads(source), declared_datatypes(shapes_graph))
    problems = shape_problems(quads, shapes_graph)
    problems += global_problems(quads, base_iri=base_iri)
    if problems:
        return PublishReport(out_dir, ok=False, problems=problems)
    stats = compute_stats(quads, base_iri=base_iri)
    info = ReleaseInfo(
        base_iri=base_iri,
        version=version,
        issued=issued,
        licence=licence,
        sparql_endpoint=sparql_endpoint,
        download_url=download_url,
    )
    bodies = _read_bodies(articles) if include_text else {}
    report = PublishReport(out_dir, ok=True, stats=stats)
    if restored:
        report.notes.append(
            f"{restored} literal(s) given back the datatype the shapes declare (the store had "
            "reduced them to their primitive type)"
        )
    tmp = _make_temp(out_dir)
    try:
        _write_release(
            tmp,
            quads,
            stats,
            info,
            chunk_size=chunk_size,
            include_text=include_text,
            bodies=bodies,
            report=report,
        )
        _swap_into_place(tmp, out_dir)
    except OSError as e:  # a full disk, a quota: one line, and no partial release left
        shutil.rmtree(tmp, ignore_errors=True)
        raise InputError(
            "KG273", f"{out_dir}: cannot write the release ({e.strerror or e}); nothing written"
        ) from e
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return report


def _write_release(
    root: Path,
    quads: Quads,
    stats: Stats,
    info: ReleaseInfo,
    *,
    chunk_size: int,
    include_text: bool,
    bodies: dict[str, str],
    report: PublishReport,
) -> None:
    files: list[DescribedFile] = []
    written = dumps.write_dumps(
        quads.quads, quads.triples(), root / "dumps", chunk_size=chunk_size, prefixes=dumps.PREFIXES
    )
    for fmt, paths in written.items():
        for n, path in enumerate(paths, 1):
            files.append(
                describe(path, root, fmt.media_type, f"{fmt.label}, part {n} of {len(paths)}")
            )
    (root / "context.jsonld").write_bytes(dumps.context_document())
    groups = quads.by_graph()
    keys = _unique_keys([g.iri for g in stats.graphs])
    for gs in stats.graphs:
        path = root / "jsonld" / f"{keys[gs.iri]}.jsonld"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(dumps.graph_jsonld(gs.iri, [q.triple for q in groups[gs.iri]]))
        files.append(
            describe(path, root, "application/ld+json", f"JSON-LD of graph {gs.iri}", graph=gs.iri)
        )
    for kind, folder in (
        ("ontology", resources.ontology_dir()),
        ("shapes", resources.shapes_dir()),
    ):
        for src in sorted(folder.rglob("*.ttl")):
            dest = root / kind / src.relative_to(folder)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
            files.append(
                describe(dest, root, "text/turtle", f"{kind} file {dest.name}", dump=False)
            )
    text_notes = _write_text(root, quads, stats, keys, bodies) if include_text else []
    report.notes.extend(text_notes)
    (root / "void.ttl").write_bytes(void_turtle(stats, files, info))
    (root / "README.md").write_text(readme_text(stats, info, files, text_notes), encoding="utf-8")
    _write_checksums(root)
    report.files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _write_text(
    root: Path,
    quads: Quads,
    stats: Stats,
    keys: dict[str, str],
    bodies: dict[str, str],
) -> list[str]:
    groups = quads.by_graph()
    notes: list[str] = []
    for gs in stats.graphs:
        if gs.article is None:
            continue
        body = bodies.get(gs.article.iri.rsplit("/", 1)[-1])
        if body is None:
            notes.append(f"{gs.article.iri}: no article text given (--articles), none published")
            continue
        folder = root / "text"
        folder.mkdir(exist_ok=True)
        licence = gs.article.licence.value if gs.article.licence is not None else None
        if licence_allows_text(licence):
            (folder / f"{keys[gs.iri]}.txt").write_text(body, encoding="utf-8")
            notes.append(f"{gs.article.iri}: full text published (licence {licence})")
            continue
        spans = _mention_spans(groups[gs.iri], gs.article.iri)
        doc = {
            "article": gs.article.iri,
            "licence": licence,
            "limit": EXCERPT_MAX,
            "excerpts": [
                {"begin": e.begin, "end": e.end, "text": e.text} for e in excerpts(body, spans)
            ],
        }
        (folder / f"{keys[gs.iri]}.excerpts.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        notes.append(f"{gs.article.iri}: excerpts only (licence {licence or 'not stated'})")
    return notes


def _mention_spans(members: list, article_iri: str) -> list[tuple[int, int]]:
    begin: dict[str, int] = {}
    end: dict[str, int] = {}
    of_article: set[str] = set()
    for q in members:
        s, p = q.subject.value, q.predicate.value
        if p == NIF + "beginIndex":
            begin[s] = int(q.object.value)
        elif p == NIF + "endIndex":
            end[s] = int(q.object.value)
        elif p == NKG_ARTICLE and q.object.value == article_iri:
            of_article.add(s)
    return sorted((begin[m], end[m]) for m in of_article if m in begin and m in end)


def _read_bodies(paths: Sequence[Path]) -> dict[str, str]:
    if not paths:
        return {}
    from kg.ingest import read_articles

    return {a.key: a.body for a in read_articles(paths)}


def _unique_keys(graphs: list[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    seen: set[str] = set()
    for iri in graphs:
        key = article_key(iri)
        if key in seen:
            key = f"{key}-{hashlib.sha256(iri.encode()).hexdigest()[:8]}"
        seen.add(key)
        keys[iri] = key
    return keys


def _write_checksums(root: Path) -> None:
    lines = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    (root / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")


def _check_out_dir(out_dir: Path, *, force: bool, protect: Sequence[Path] = ()) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("KG272", f"{out_dir}: exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not force:
            raise InputError("KG272", f"{out_dir}: folder is not empty (use --force to replace it)")
        target = out_dir.resolve()
        for kept in (Path.cwd(), *protect):
            kept = kept.resolve()
            if kept == target or target in kept.parents:
                raise InputError(
                    "KG272", f"{out_dir}: refusing to replace a folder that holds {kept}"
                )
    ancestor = out_dir.resolve().parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir() or not os.access(ancestor, os.W_OK | os.X_OK):
        raise InputError(
            "KG273", f"{out_dir}: cannot write here ({ancestor} is not a writable folder)"
        )


def _make_temp(out_dir: Path) -> Path:
    parent = out_dir.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=parent))
    except OSError as e:
        raise InputError("KG273", f"{out_dir}: cannot write here ({e.strerror})") from e


def _swap_into_place(tmp: Path, out_dir: Path) -> None:
    os.chmod(tmp, 0o755)
    if out_dir.is_dir() and any(out_dir.iterdir()):
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".old", dir=tmp.parent))
        os.replace(out_dir, old / "release")
        os.replace(tmp, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out_dir)
