"""Query and load benchmark: the on-disk Oxigraph store (kg.store) against rdflib's in-memory
Dataset, on a synthetic news graph in the public contract's shape.

Run (from the repository root):

    python benchmarks/store_bench.py                       # 100k triples, about a minute
    python benchmarks/store_bench.py --sizes 100000 1000000

The graph: one named graph per article; each article names a handful of shared entities
(people, armed groups, places; typed and labelled again in every article graph that mentions
them, as ``kg build`` does), their mentions, two events with perpetrator, target, place and
date, and a casualty report per event with its source. 88 triples per article.

Each query runs with different parameters on every repetition (the same sequence for both
engines) until ``--reps`` runs or ``--budget`` seconds, whichever comes first; the row counts
of both engines are compared. Oxigraph is measured through ``kg.store`` (so the figures include
converting results to neutral terms), rdflib through ``Dataset(default_union=True).query``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import rdflib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.store import open_store  # noqa: E402

BASE = "https://w3id.org/newskg/id/"
NKG = "https://w3id.org/newskg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
EVENT_TYPES = ("Attack", "Killing", "Clash", "Shelling", "Airstrike", "Abduction")
TRIPLES_PER_ARTICLE = 88
PREFIXES = f"""PREFIX nkg: <{NKG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <{XSD}>
"""


@dataclass(frozen=True)
class Pools:
    people: int
    groups: int
    places: int


def pools_for(articles: int) -> Pools:
    return Pools(
        people=max(50, articles // 4),
        groups=max(10, articles // 40),
        places=max(20, articles // 20),
    )


def generate(articles: int, *, seed: int = 7) -> bytes:
    """N-Quads of ``articles`` synthetic articles."""
    rng = random.Random(seed)
    pools = pools_for(articles)
    lines: list[str] = []
    add = lines.append

    def lit(value: str) -> str:
        return '"' + value + '"'

    def typed(value: object, datatype: str) -> str:
        return f'"{value}"^^<{XSD}{datatype}>'

    for a in range(articles):
        key = f"a{a:07d}"
        g = f"<{BASE}graph/{key}>"
        art = f"<{BASE}article/{key}>"
        add(f"{g} <{PROV}wasDerivedFrom> {art} {g} .")
        add(f"{art} <{RDF_TYPE}> <{NKG}Article> {g} .")
        add(f"{art} <{DCT}title> {lit(f'Report {a}')} {g} .")
        month, day = 1 + a * 12 // articles, 1 + rng.randrange(28)
        add(f"{art} <{DCT}issued> {typed(f'2024-{month:02d}-{day:02d}', 'date')} {g} .")
        offset = 0
        entities: dict[str, list[str]] = {"person": [], "armed-group": [], "place": []}

        def entity(
            kind: str,
            n: int,
            cls: tuple[str, ...],
            name: str,
            *,
            g: str = g,
            art: str = art,
            key: str = key,
            entities: dict[str, list[str]] = entities,
        ) -> str:
            nonlocal offset
            iri = f"<{BASE}{kind}/{n}>"
            for c in cls:
                add(f"{iri} <{RDF_TYPE}> <{NKG}{c}> {g} .")
            add(f"{iri} <{LABEL}> {lit(name)} {g} .")
            m = f"<{BASE}mention/{key}/{offset}-{offset + len(name)}>"
            add(f"{iri} <{NKG}mention> {m} {g} .")
            add(f"{m} <{RDF_TYPE}> <{NKG}Mention> {g} .")
            add(f"{m} <{NIF}anchorOf> {lit(name)} {g} .")
            add(f"{m} <{NIF}beginIndex> {typed(offset, 'nonNegativeInteger')} {g} .")
            add(f"{m} <{NIF}endIndex> {typed(offset + len(name), 'nonNegativeInteger')} {g} .")
            add(f"{m} <{NKG}article> {art} {g} .")
            offset += len(name) + 40
            entities[kind].append(iri)
            return iri

        for p in rng.sample(range(pools.people), 2):
            entity("person", p, ("Person",), f"Person {p}")
        for n in rng.sample(range(pools.groups), 2):
            entity("armed-group", n, ("ArmedGroup", "Organisation"), f"Group {n}")
        for n in rng.sample(range(pools.places), 2):
            entity("place", n, ("Place",), f"Place {n}")
        for e in range(1, 3):
            ev = f"<{BASE}event/{key}/{e}>"
            add(f"{ev} <{RDF_TYPE}> <{NKG}Event> {g} .")
            add(f"{ev} <{RDF_TYPE}> <{NKG}{rng.choice(EVENT_TYPES)}> {g} .")
            perpetrator, target = entities["armed-group"][e - 1], entities["person"][e - 1]
            add(f"{ev} <{NKG}perpetrator> {perpetrator} {g} .")
            add(f"{ev} <{NKG}target> {target} {g} .")
            add(f"{ev} <{NKG}participant> {perpetrator} {g} .")
            add(f"{ev} <{NKG}participant> {target} {g} .")
            add(f"{ev} <{NKG}place> {entities['place'][e - 1]} {g} .")
            when = f"2024-{month:02d}-{max(1, day - e):02d}"
            add(f"{ev} <{NKG}date> {typed(when, 'date')} {g} .")
            c = f"<{BASE}casualty/{key}/{e}/1>"
            add(f"{ev} <{NKG}casualtyReport> {c} {g} .")
            add(f"{c} <{RDF_TYPE}> <{NKG}CasualtyReport> {g} .")
            low = rng.randrange(1, 60)
            add(f"{c} <{NKG}deathsMin> {typed(low, 'nonNegativeInteger')} {g} .")
            add(
                f"{c} <{NKG}deathsMax> {typed(low + rng.randrange(20), 'nonNegativeInteger')} {g} ."
            )
            add(f"{c} <{NKG}reportedBy> {entities['person'][1]} {g} .")
            m = f"<{BASE}mention/{key}/{offset}-{offset + 8}>"
            add(f"{c} <{NKG}mention> {m} {g} .")
            add(f"{m} <{RDF_TYPE}> <{NKG}Mention> {g} .")
            add(f"{m} <{NIF}anchorOf> {lit('killed ' + str(low))} {g} .")
            add(f"{m} <{NKG}article> {art} {g} .")
            offset += 60
    return ("\n".join(lines) + "\n").encode()


def queries(pools: Pools) -> dict[str, Callable[[random.Random], str]]:
    """The analyst queries, each a function of a random generator choosing its parameters."""

    def events_in_place(rng: random.Random) -> str:
        month = rng.randrange(1, 12)
        return (
            PREFIXES
            + f"""SELECT DISTINCT ?event ?date WHERE {{
  ?event a nkg:Event ; nkg:place <{BASE}place/{rng.randrange(pools.places)}> ; nkg:date ?date .
  FILTER(?date >= "2024-{month:02d}-01"^^xsd:date && ?date < "2024-{month + 1:02d}-01"^^xsd:date)
}} ORDER BY ?date ?event"""
        )

    def casualties_with_sources(rng: random.Random) -> str:
        return (
            PREFIXES
            + f"""SELECT DISTINCT ?event ?min ?max ?source WHERE {{
  ?event nkg:place <{BASE}place/{rng.randrange(pools.places)}> ; nkg:casualtyReport ?r .
  OPTIONAL {{ ?r nkg:deathsMin ?min }} OPTIONAL {{ ?r nkg:deathsMax ?max }}
  OPTIONAL {{ ?r nkg:reportedBy/rdfs:label ?source }}
}} ORDER BY ?event"""
        )

    def actor_did(rng: random.Random) -> str:
        return (
            PREFIXES
            + f"""SELECT DISTINCT ?event ?type ?date ?place WHERE {{
  ?event nkg:perpetrator <{BASE}armed-group/{rng.randrange(pools.groups)}> ;
         a ?type ; nkg:date ?date .
  OPTIONAL {{ ?event nkg:place/rdfs:label ?place }}
}} ORDER BY ?date ?event ?type"""
        )

    def actor_did_distinct_first(rng: random.Random) -> str:
        # The same query with DISTINCT in a subquery and ORDER BY outside: with the union of
        # graphs as default graph, pyoxigraph 0.5.13 sorts every duplicate (an entity's label
        # once per article graph holding it) before DISTINCT removes them.
        head, rest = actor_did(rng).split("SELECT DISTINCT", 1)
        body, order = rest.rsplit("ORDER BY", 1)
        return head + "SELECT * WHERE { { SELECT DISTINCT" + body + "} } ORDER BY" + order

    def entity_by_name(rng: random.Random) -> str:
        return (
            PREFIXES
            + f"""SELECT DISTINCT ?e ?type WHERE {{
  ?e rdfs:label "Person {rng.randrange(pools.people)}" ; a ?type }}"""
        )

    def deaths_per_place(rng: random.Random) -> str:
        return (
            PREFIXES
            + f"""SELECT ?place (SUM(?min) AS ?deaths) (COUNT(?e) AS ?events) WHERE {{
  ?e nkg:place ?place ; nkg:casualtyReport/nkg:deathsMin ?min ; nkg:date ?d .
  FILTER(?d >= "2024-{rng.randrange(1, 6):02d}-01"^^xsd:date)
}} GROUP BY ?place ORDER BY DESC(?deaths) ?place LIMIT 10"""
        )

    def per_graph_counts(rng: random.Random) -> str:
        return "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"

    named = named_queries(pools)
    return {
        **named,
        "events in a place, one month": events_in_place,
        "casualty figures + sources": casualties_with_sources,
        "everything an actor did": actor_did,
        "  same, DISTINCT in a subquery": actor_did_distinct_first,
        "entity by exact name": entity_by_name,
        "deaths per place (GROUP BY)": deaths_per_place,
        "per-graph triple counts": per_graph_counts,
    }


def named_queries(pools: Pools) -> dict[str, Callable[[random.Random], str]]:
    """The shipped named queries (queries/*.rq), parameters bound with the VALUES block
    ``kg query --named`` uses, so that both engines run the very same text."""
    from kg.query.engine import with_values
    from kg.query.named import list_named
    from kg.store.results import Term

    def lit(value: str, datatype: str = "string") -> Term:
        return Term("literal", value, datatype=XSD + datatype)

    def params(name: str, rng: random.Random) -> dict[str, Term]:
        month = rng.randrange(1, 12)
        if name == "events-in-place":
            return {
                "place": lit(f"Place {rng.randrange(pools.places)}"),
                "from": lit(f"2024-{month:02d}-01", "date"),
                "to": lit(f"2024-{month:02d}-28", "date"),
            }
        if name == "actor":
            return {"actor": lit(f"Group {rng.randrange(pools.groups)}")}
        if name == "claims-by":
            return {"source": lit(f"Person {rng.randrange(pools.people)}")}
        if name == "entities":
            return {"type": Term("iri", NKG + "ArmedGroup")}
        return {}

    def maker(query_name: str, text: str) -> Callable[[random.Random], str]:
        def make(rng: random.Random) -> str:
            values = params(query_name, rng)
            return with_values(text, values) if values else text

        return make

    return {f"named: {q.name}": maker(q.name, q.text) for q in list_named()}


def timed(run: Callable[[], int], *, reps: int, budget: float) -> tuple[list[float], int]:
    times, rows = [], -1
    started = time.perf_counter()
    for _ in range(reps):
        t = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - t)
        if time.perf_counter() - started > budget:
            break
    return times, rows


def pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def fmt_ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:9.1f}" if ms >= 10 else f"{ms:9.2f}"


def bench(size: int, *, reps: int, budget: float, rdflib_on: bool, workdir: Path) -> None:
    articles = max(1, size // TRIPLES_PER_ARTICLE)
    t = time.perf_counter()
    data = generate(articles)
    gen_s = time.perf_counter() - t
    nquads = data.count(b"\n")
    path = workdir / f"data-{size}.nq"
    path.write_bytes(data)
    print(f"\n## {nquads:,} quads, {articles:,} article graphs (generated in {gen_s:.1f} s)\n")

    loads: list[tuple[str, float]] = []
    store = open_store(workdir / f"oxigraph-{size}")
    t = time.perf_counter()
    store.bulk_load(path, "nquads")
    loads.append(("oxigraph on disk, bulk_load (N-Quads file)", time.perf_counter() - t))
    assert store.triple_count() == nquads, (store.triple_count(), nquads)

    per_article = workdir / f"oxigraph-tx-{size}"
    tx_store = open_store(per_article)
    chunks: dict[bytes, list[bytes]] = {}
    for line in data.splitlines(keepends=True):
        chunks.setdefault(line.rsplit(b" ", 2)[-2], []).append(line)
    t = time.perf_counter()
    for graph, lines in chunks.items():
        tx_store.replace_graph(graph.decode()[1:-1], b"".join(lines))
    tx_s = time.perf_counter() - t
    loads.append(
        (f"oxigraph on disk, replace_graph x {len(chunks):,} (one transaction each)", tx_s)
    )
    assert tx_store.triple_count() == nquads
    tx_store.close()

    dataset = None
    if rdflib_on:
        dataset = rdflib.Dataset(default_union=True)
        t = time.perf_counter()
        dataset.parse(data=data, format="nquads")
        loads.append(("rdflib Dataset in memory, parse N-Quads", time.perf_counter() - t))

    print("| load | seconds | quads/s |\n|---|---:|---:|")
    for name, seconds in loads:
        print(f"| {name} | {seconds:.2f} | {nquads / seconds:,.0f} |")

    print(
        "\n| query | rows | oxigraph p50 ms | p95 ms | n "
        "| rdflib p50 ms | p95 ms | n | rdflib/oxigraph (p50) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    pools = pools_for(articles)
    for name, make in queries(pools).items():
        ox_times, ox_rows = timed(
            _ox_runner(store, make, random.Random(1)), reps=reps, budget=budget
        )
        line = (
            f"| {name} | {ox_rows} | {fmt_ms(pct(ox_times, 50))} | {fmt_ms(pct(ox_times, 95))}"
            f" | {len(ox_times)} |"
        )
        if dataset is not None:
            rd_times, rd_rows = timed(
                _rdflib_runner(dataset, make, random.Random(1)),
                reps=min(reps, len(ox_times)),
                budget=budget,
            )
            check = "" if rd_rows == _last_rows(store, make, len(rd_times)) else " (rows differ!)"
            ratio = pct(rd_times, 50) / pct(ox_times, 50)
            line += (
                f" {fmt_ms(pct(rd_times, 50))} | {fmt_ms(pct(rd_times, 95))} | {len(rd_times)} |"
                f" {ratio:,.1f}x{check} |"
            )
        else:
            line += " – | – | – | – |"
        print(line, flush=True)
    store.close()


def _ox_runner(store, make, rng) -> Callable[[], int]:  # noqa: ANN001
    return lambda: len(store.query(make(rng)).rows)


def _rdflib_runner(dataset, make, rng) -> Callable[[], int]:  # noqa: ANN001
    return lambda: len(list(dataset.query(make(rng))))


def _last_rows(store, make, n: int) -> int:  # noqa: ANN001
    """Oxigraph's row count for the n-th parameter set (the one rdflib ran last)."""
    rng = random.Random(1)
    for _ in range(n - 1):
        make(rng)
    return len(store.query(make(rng)).rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="triples")
    parser.add_argument("--reps", type=int, default=20, help="runs per query and engine")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per query and engine")
    parser.add_argument("--no-rdflib", action="store_true", help="measure Oxigraph only")
    args = parser.parse_args(argv)
    print(
        f"python {sys.version.split()[0]}, rdflib {rdflib.__version__}, "
        f"pyoxigraph {__import__('pyoxigraph').__version__}"
    )
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for size in args.sizes:
            bench(
                size,
                reps=args.reps,
                budget=args.budget,
                rdflib_on=not args.no_rdflib,
                workdir=Path(tmp),
            )


if __name__ == "__main__":
    main()
