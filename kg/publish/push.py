"""Load a dataset into an external SPARQL store over the SPARQL 1.1 Graph Store HTTP Protocol.

One ``PUT`` per named graph (replace semantics: the graph on the server becomes exactly
ours), body in N-Triples, with the datatypes the shapes declare (a store may have reduced
them, see :mod:`kg.publish.datatypes`). Transport errors and 5xx answers are retried with exponential
backoff. After each graph is stored, a small state file records its IRI and content hash
(written atomically), so ``resume=True`` skips graphs already pushed with the same content.
After the last graph, the SPARQL endpoint (when given) is asked how many triples each graph
holds, and a difference is an error.

Errors are :class:`~kg.errors.ServiceError` (exit 4): unreachable server, credentials
rejected (401/403), a 5xx answer after the retries, another refusal, a count mismatch.
Nothing is written locally before the first graph is stored.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import ServiceError
from kg.fileio import write_atomic
from kg.publish.datatypes import declared_datatypes, restore_datatypes
from kg.publish.source import DEFAULT_GRAPH, Quads, graph_hash, load_quads

STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Credentials:
    """HTTP Basic (user and password) or a bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def auth(self) -> httpx.Auth | None:
        if self.user is not None:
            return httpx.BasicAuth(self.user, self.password or "")
        return None

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


@dataclass(slots=True)
class PushReport:
    graph_store: str
    pushed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    verified: bool = False
    requests: int = 0


def push(
    source: Dataset | bytes | str | Path | Quads,
    graph_store: str,
    *,
    state_path: Path,
    endpoint: str | None = None,
    credentials: Credentials | None = None,
    resume: bool = False,
    retries: int = 3,
    backoff: float = 0.5,
    timeout: float = 60.0,
    transport: httpx.BaseTransport | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    shapes: Sequence[Path] | None = None,
) -> PushReport:
    """PUT every graph of ``source`` to ``graph_store``.

    Args:
        source: anything :func:`kg.publish.load_quads` takes (store folder, file, Dataset).
        graph_store: the Graph Store Protocol URL (Oxigraph ``/store``, Fuseki ``/<ds>``).
        state_path: where the resume state is kept.
        endpoint: SPARQL query endpoint, to verify the triple counts afterwards.
        credentials: Basic user/password or a bearer token.
        resume: skip graphs the state file records as pushed with the same content.
        retries: extra attempts on a transport error or 5xx answer.
        backoff: first wait in seconds between attempts (doubled each time).
        timeout: seconds per request.
        transport: an httpx transport (tests).
        on_progress: called as ``(graph, done, total)`` after each graph.
        sleep: waits between attempts (tests pass a no-op).
        shapes: shapes files whose declared datatypes are given back to literals a store
            reduced (see :mod:`kg.publish.datatypes`); default the shipped shapes.

    Raises:
        ServiceError: the store cannot be reached, refuses, or fails (see module doc).
    """
    from kg.validate import load_shapes

    quads, _ = restore_datatypes(load_quads(source), declared_datatypes(load_shapes(shapes)))
    groups = quads.by_graph()
    creds = credentials or Credentials()
    state = _read_state(state_path, graph_store) if resume else {}
    report = PushReport(graph_store)
    with httpx.Client(
        transport=transport, timeout=timeout, auth=creds.auth(), headers=creds.headers()
    ) as client:
        total = len(groups)
        for done, (name, members) in enumerate(sorted(groups.items()), 1):
            digest = graph_hash(members)
            if resume and state.get(name) == digest:
                report.skipped.append(name)
            else:
                body = ox.serialize([q.triple for q in members], format=ox.RdfFormat.N_TRIPLES)
                params = {"default": ""} if name == DEFAULT_GRAPH else {"graph": name}
                _send(
                    client,
                    "PUT",
                    graph_store,
                    params=params,
                    content=body,
                    headers={"Content-Type": "application/n-triples"},
                    what=f"graph <{name}>" if name else "the default graph",
                    retries=retries,
                    backoff=backoff,
                    sleep=sleep,
                    report=report,
                )
                state[name] = digest
                _write_state(state_path, graph_store, state)
                report.pushed.append(name)
            if on_progress:
                on_progress(name, done, total)
        if endpoint:
            _verify(
                client,
                endpoint,
                groups,
                retries=retries,
                backoff=backoff,
                sleep=sleep,
                report=report,
            )
            report.verified = True
    return report


def _send(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    what: str,
    retries: int,
    backoff: float,
    sleep: Callable[[float], None],
    report: PushReport,
    **kwargs: object,
) -> httpx.Response:
    attempt = 0
    while True:
        attempt += 1
        report.requests += 1
        try:
            response = client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TransportError as e:
            if attempt > retries:
                raise ServiceError(
                    "KG410",
                    f"{url}: unreachable while sending {what} after {attempt} "
                    f"attempt(s) ({type(e).__name__}: {str(e) or 'no detail'})",
                ) from e
        else:
            status = response.status_code
            if status in (401, 403):
                raise ServiceError(
                    "KG411",
                    f"{url}: credentials rejected (HTTP {status}); check --user and "
                    "--password, or --token",
                )
            if status < 300:
                return response
            if status < 500:
                raise ServiceError(
                    "KG413", f"{url}: refused {what} (HTTP {status}: {_first_line(response)})"
                )
            if attempt > retries:
                raise ServiceError(
                    "KG412",
                    f"{url}: server error HTTP {status} for {what} after {attempt} "
                    f"attempt(s) ({_first_line(response)})",
                )
        sleep(backoff * 2 ** (attempt - 1))


_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _verify(
    client: httpx.Client,
    endpoint: str,
    groups: dict[str, list[ox.Quad]],
    *,
    retries: int,
    backoff: float,
    sleep: Callable[[float], None],
    report: PushReport,
) -> None:
    response = _send(
        client,
        "POST",
        endpoint,
        data={"query": _COUNTS},
        headers={"Accept": "application/sparql-results+json"},
        what="the count query",
        retries=retries,
        backoff=backoff,
        sleep=sleep,
        report=report,
    )
    try:
        rows = response.json()["results"]["bindings"]
        counts = {r["g"]["value"]: int(r["n"]["value"]) for r in rows}
    except (ValueError, KeyError, TypeError) as e:
        raise ServiceError("KG414", f"{endpoint}: unreadable answer to the count query") from e
    for name, members in sorted(groups.items()):
        if name and counts.get(name, 0) != len(members):
            raise ServiceError(
                "KG414",
                f"{endpoint}: graph <{name}> holds {counts.get(name, 0)} triples, "
                f"pushed {len(members)} (push again without --resume)",
            )


def _first_line(response: httpx.Response) -> str:
    text = response.text.strip().splitlines()
    return text[0][:200] if text else response.reason_phrase


def _read_state(path: Path, graph_store: str) -> dict[str, str]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}  # an unreadable state only costs a full push
    if doc.get("version") != STATE_VERSION or doc.get("graph_store") != graph_store:
        return {}
    graphs = doc.get("graphs", {})
    return {str(k): str(v) for k, v in graphs.items()} if isinstance(graphs, dict) else {}


def _write_state(path: Path, graph_store: str, state: dict[str, str]) -> None:
    doc = {
        "version": STATE_VERSION,
        "graph_store": graph_store,
        "graphs": dict(sorted(state.items())),
    }
    write_atomic(path, json.dumps(doc, indent=1, sort_keys=True) + "\n", mkdir=True)
