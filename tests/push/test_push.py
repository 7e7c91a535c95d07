"""kg push against a real Oxigraph server, and its failures (unreachable, 401, 500,
interrupted then resumed)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ServiceError
from kg.publish.push import Credentials, push
from tests.push.conftest import OxigraphServer, free_port
from tests.push.samples import extra_graph_iri, store_nquads


def _dataset(nquads: bytes) -> Dataset:
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    return ds


def assert_same_graphs(expected: bytes, actual: bytes) -> None:
    a, b = _dataset(expected), _dataset(actual)
    names_a = {g.identifier for g in a.graphs() if len(g)}
    names_b = {g.identifier for g in b.graphs() if len(g)}
    assert names_a == names_b
    for name in names_a:
        assert isomorphic(a.graph(name), b.graph(name)), name


class CutAfter(httpx.BaseTransport):
    """Real HTTP for the first ``n`` requests, then every request fails to connect."""

    def __init__(self, n: int) -> None:
        self.inner = httpx.HTTPTransport()
        self.left = n
        self.requests: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(f"{request.method} {request.url.params.get('graph', '')}")
        if self.left <= 0:
            raise httpx.ConnectError("connection cut (test)", request=request)
        self.left -= 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_push_to_oxigraph_round_trips(oxigraph_server: OxigraphServer, tmp_path: Path) -> None:
    data = store_nquads()
    state = tmp_path / "state.json"
    report = push(
        data,
        oxigraph_server.store_url,
        endpoint=oxigraph_server.query_url,
        state_path=state,
    )
    assert len(report.pushed) == 5 and report.skipped == [] and report.verified
    assert report.requests == 6  # five PUTs and the count query
    assert_same_graphs(data, oxigraph_server.nquads())
    recorded = json.loads(state.read_text())
    assert sorted(recorded["graphs"]) == sorted(report.pushed)
    # replace semantics: pushing again changes nothing, and a changed graph is replaced
    push(data, oxigraph_server.store_url, state_path=state)
    assert_same_graphs(data, oxigraph_server.nquads())
    extra1 = f"<{extra_graph_iri(1)}>".encode()
    smaller = b"\n".join(
        line
        for line in data.splitlines()
        if not (line.endswith(extra1 + b" .") and b"/dc/terms/title>" in line)
    )
    assert len(smaller.splitlines()) == len(data.splitlines()) - 1
    again = push(smaller + b"\n", oxigraph_server.store_url, state_path=state, resume=True)
    assert len(again.pushed) == 1 and len(again.skipped) == 4
    assert_same_graphs(smaller + b"\n", oxigraph_server.nquads())


def test_interrupted_push_then_resume(oxigraph_server: OxigraphServer, tmp_path: Path) -> None:
    """The server stops after two graphs; the resumed push sends only the other three."""
    data = store_nquads()
    state = tmp_path / "state.json"
    done: list[str] = []

    def stop_after_two(graph: str, n: int, total: int) -> None:
        done.append(graph)
        if n == 2:
            oxigraph_server.stop()

    with pytest.raises(ServiceError) as e:
        push(
            data,
            oxigraph_server.store_url,
            state_path=state,
            on_progress=stop_after_two,
            retries=2,
            sleep=lambda s: None,
        )
    assert e.value.code == "KG410" and e.value.exit_code == 4
    assert sorted(json.loads(state.read_text())["graphs"]) == sorted(done)
    oxigraph_server.start()  # same folder: the two graphs are still there
    counting = CutAfter(100)
    report = push(
        data,
        oxigraph_server.store_url,
        endpoint=oxigraph_server.query_url,
        state_path=state,
        resume=True,
        transport=counting,
    )
    assert sorted(report.skipped) == sorted(done)
    assert len(report.pushed) == 3 and not set(report.pushed) & set(done)
    assert [r.split()[0] for r in counting.requests] == ["PUT"] * 3 + ["POST"]
    assert report.verified
    assert_same_graphs(data, oxigraph_server.nquads())


def test_connection_cut_mid_push_then_resume(
    oxigraph_server: OxigraphServer, tmp_path: Path
) -> None:
    data = store_nquads()
    state = tmp_path / "state.json"
    cut = CutAfter(3)
    with pytest.raises(ServiceError):
        push(
            data,
            oxigraph_server.store_url,
            state_path=state,
            transport=cut,
            retries=1,
            sleep=lambda s: None,
        )
    assert len(json.loads(state.read_text())["graphs"]) == 3
    assert len(cut.requests) == 5  # three PUTs, then the fourth tried twice
    report = push(data, oxigraph_server.store_url, state_path=state, resume=True)
    assert len(report.skipped) == 3 and len(report.pushed) == 2
    assert_same_graphs(data, oxigraph_server.nquads())


def test_resume_with_a_wiped_server_is_caught_by_the_count_check(
    oxigraph_server: OxigraphServer, tmp_path: Path
) -> None:
    data = store_nquads()
    state = tmp_path / "state.json"
    push(data, oxigraph_server.store_url, state_path=state)
    httpx.post(oxigraph_server.base + "/update", data={"update": "CLEAR ALL"}).raise_for_status()
    with pytest.raises(ServiceError) as e:
        push(
            data,
            oxigraph_server.store_url,
            endpoint=oxigraph_server.query_url,
            state_path=state,
            resume=True,
        )
    assert e.value.code == "KG414" and "without --resume" in e.value.message


def test_unreachable_endpoint_exit_4_and_nothing_written(tmp_path: Path) -> None:
    source = tmp_path / "data.nq"
    source.write_bytes(store_nquads())
    url = f"http://127.0.0.1:{free_port()}"
    state = tmp_path / "state.json"
    result = CliRunner().invoke(
        app,
        [
            "push",
            "--endpoint",
            f"{url}/query",
            "--graph-store",
            f"{url}/store",
            "--store",
            str(source),
            "--state",
            str(state),
            "--retries",
            "0",
        ],
    )
    assert result.exit_code == 4
    assert result.stderr.startswith("error: KG410") and result.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.nq"]


def _mock(status: int, seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, text="nope\nmore")

    return httpx.MockTransport(handler)


def test_401_is_a_credentials_error(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    state = tmp_path / "state.json"
    with pytest.raises(ServiceError) as e:
        push(
            store_nquads(),
            "http://store.test/ds",
            state_path=state,
            transport=_mock(401, seen),
            credentials=Credentials(token="t0k"),
        )
    assert e.value.code == "KG411" and "credentials" in e.value.message and e.value.exit_code == 4
    assert len(seen) == 1 and seen[0].headers["Authorization"] == "Bearer t0k"
    assert not state.exists()


def test_500_retried_then_fails(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    waits: list[float] = []
    state = tmp_path / "state.json"
    with pytest.raises(ServiceError) as e:
        push(
            store_nquads(),
            "http://store.test/ds",
            state_path=state,
            transport=_mock(500, seen),
            retries=2,
            backoff=0.5,
            sleep=waits.append,
        )
    assert e.value.code == "KG412" and "HTTP 500" in e.value.message and "nope" in e.value.message
    assert e.value.exit_code == 4
    assert len(seen) == 3 and waits == [0.5, 1.0]
    assert not state.exists()


def test_5xx_then_success_and_basic_auth(tmp_path: Path) -> None:
    answers = iter([503, 502, 204, 204, 204, 204, 204])
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(next(answers))

    report = push(
        store_nquads(),
        "http://store.test/ds",
        state_path=tmp_path / "s.json",
        transport=httpx.MockTransport(handler),
        credentials=Credentials("u", "p"),
        sleep=lambda s: None,
    )
    assert len(report.pushed) == 5 and len(seen) == 7
    assert all(r.method == "PUT" and r.headers["Authorization"].startswith("Basic ") for r in seen)
    assert seen[0].headers["Content-Type"] == "application/n-triples"
    assert seen[0].url.params["graph"] == seen[2].url.params["graph"]


@pytest.fixture()
def stub_401() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="test"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/ds"
    finally:
        server.shutdown()
        server.server_close()


def test_cli_401_one_line_exit_4(stub_401: str, tmp_path: Path) -> None:
    source = tmp_path / "data.nq"
    source.write_bytes(store_nquads())
    result = CliRunner().invoke(
        app,
        [
            "push",
            "--endpoint",
            stub_401,
            "--store",
            str(source),
            "--user",
            "u",
            "--password",
            "wrong",
        ],
    )
    assert result.exit_code == 4
    assert result.stderr.startswith("error: KG411") and "credentials" in result.stderr
    assert not (tmp_path / "data.nq.push-state.json").exists()


def test_cli_push_to_oxigraph(oxigraph_server: OxigraphServer, tmp_path: Path) -> None:
    source = tmp_path / "data.nq"
    source.write_bytes(store_nquads())
    args = [
        "push",
        "--endpoint",
        oxigraph_server.query_url,
        "--graph-store",
        oxigraph_server.store_url,
        "--store",
        str(source),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("5 graph(s) pushed, 0 skipped, counts verified")
    assert (tmp_path / "data.nq.push-state.json").is_file()
    result = CliRunner().invoke(app, [*args, "--resume"])
    assert result.stdout.startswith("0 graph(s) pushed, 5 skipped, counts verified")


def test_pushed_graphs_carry_the_declared_datatypes(tmp_path: Path) -> None:
    bodies: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(request.read())
        return httpx.Response(204)

    data = store_nquads()
    assert b"XMLSchema#nonNegativeInteger" not in data  # the store reduced them
    push(
        data,
        "http://store.test/ds",
        state_path=tmp_path / "s.json",
        transport=httpx.MockTransport(handler),
    )
    sent = b"".join(bodies)
    assert (
        b'nif-core#beginIndex> "0"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>' in sent
    )
    assert b'nif-core#beginIndex> "0"^^<http://www.w3.org/2001/XMLSchema#integer>' not in sent
