"""The Wikidata client against recorded responses replayed through httpx.MockTransport."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from kg.errors import ServiceError
from kg.link.client import API_URL, SPARQL_URL, WikidataClient
from tests.link.helpers import RECORDED


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


def ok(name: str) -> httpx.Response:
    return httpx.Response(200, content=recorded(name), headers={"Content-Type": "application/json"})


class Script:
    """A transport handler answering with the given responses in turn, recording requests."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers: Iterator[httpx.Response | Exception] = iter(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = next(self.answers)
        if isinstance(answer, Exception):
            raise answer
        return answer


def client(
    handler: Callable[[httpx.Request], httpx.Response], tmp_path: Path, **kw: object
) -> tuple[WikidataClient, list[float]]:
    slept: list[float] = []
    c = WikidataClient(
        transport=httpx.MockTransport(handler),
        cache_dir=tmp_path / "cache",
        sleep=slept.append,
        clock=lambda: 1000.0,
        min_interval=0.0,
        **kw,  # type: ignore[arg-type]
    )
    return c, slept


def test_search_success_is_polite(tmp_path: Path) -> None:
    script = Script(ok("wbsearchentities_ahmed_al_sharaa.json"))
    c, slept = client(script, tmp_path)
    results = c.search("Ahmed al-Sharaa")
    assert [r["id"] for r in results] == ["Q990000001", "Q713715"]
    (req,) = script.requests
    assert str(req.url).startswith(API_URL)
    assert req.url.params["action"] == "wbsearchentities"
    assert req.url.params["maxlag"] == "5" and req.url.params["format"] == "json"
    ua = req.headers["User-Agent"]
    assert ua.startswith("newskg/") and "https://" in ua
    assert slept == []


def test_429_waits_as_long_as_retry_after_says(tmp_path: Path) -> None:
    script = Script(
        httpx.Response(429, text="Too many requests", headers={"Retry-After": "7"}),
        ok("wbsearchentities_empty.json"),
    )
    c, slept = client(script, tmp_path)
    assert c.search("Muqdad Fatiha") == []
    assert slept == [7.0] and len(script.requests) == 2


def test_maxlag_error_is_retried_after_the_lag(tmp_path: Path) -> None:
    lag = httpx.Response(
        200,
        content=recorded("maxlag_error.json"),
        headers={"Retry-After": "5", "X-Database-Lag": "5"},
    )
    script = Script(lag, ok("wbsearchentities_empty.json"))
    c, slept = client(script, tmp_path)
    assert c.search("Muqdad Fatiha") == []
    assert slept == [5.0]


def test_5xx_then_success_backs_off_exponentially(tmp_path: Path) -> None:
    script = Script(
        httpx.Response(502),
        httpx.Response(503),
        httpx.Response(500),
        ok("wbsearchentities_empty.json"),
    )
    c, slept = client(script, tmp_path, backoff=1.5)
    assert c.search("x") == []
    assert slept == [1.5, 3.0, 6.0]


def test_repeated_failure_is_one_service_error(tmp_path: Path) -> None:
    script = Script(*[httpx.Response(503)] * 4)
    c, slept = client(script, tmp_path, retries=4)
    with pytest.raises(ServiceError, match=r"^KG404: .*failed 4 times \(last: HTTP 503\)") as e:
        c.search("x")
    assert e.value.exit_code == 4 and len(slept) == 3


def test_timeout_is_retried_then_reported(tmp_path: Path) -> None:
    script = Script(httpx.ReadTimeout("slow"), ok("wbsearchentities_empty.json"))
    c, _ = client(script, tmp_path)
    assert c.search("x") == []
    always = Script(*[httpx.ConnectTimeout("slow")] * 3)
    c, _ = client(always, tmp_path / "b", retries=3)
    with pytest.raises(ServiceError, match="timed out"):
        c.search("x")


def test_no_network_is_one_clear_line(tmp_path: Path) -> None:
    c, _ = client(Script(httpx.ConnectError("Name or service not known")), tmp_path)
    with pytest.raises(ServiceError, match=r"^KG401: .*cannot reach Wikidata") as e:
        c.search("x")
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("body", [b"<html>Wikimedia error</html>", b'{"search": [', b"[1, 2]"])
def test_malformed_json_is_a_service_error(tmp_path: Path, body: bytes) -> None:
    c, _ = client(Script(httpx.Response(200, content=body)), tmp_path)
    with pytest.raises(ServiceError, match="KG403"):
        c.search("x")


def test_api_error_other_than_maxlag_is_not_retried(tmp_path: Path) -> None:
    error = {
        "error": {"code": "no-such-entity", "info": 'Could not find an entity with the ID "Q0".'}
    }
    script = Script(httpx.Response(200, json=error))
    c, _ = client(script, tmp_path)
    with pytest.raises(ServiceError, match="no-such-entity"):
        c.get_entities(["Q0"])
    assert len(script.requests) == 1


def test_cache_hit_sends_no_second_request(tmp_path: Path) -> None:
    script = Script(ok("wbsearchentities_ahmed_al_sharaa.json"))
    c, _ = client(script, tmp_path)
    first = c.search("Ahmed al-Sharaa")
    second = c.search("Ahmed al-Sharaa")
    assert first == second and c.requests == 1 and len(script.requests) == 1
    files = list((tmp_path / "cache").iterdir())
    assert len(files) == 1 and files[0].suffix == ".json"  # no temporary file left behind
    fresh, _ = client(Script(), tmp_path)  # a new client reads the same cache from disk
    assert fresh.search("Ahmed al-Sharaa") == first and fresh.requests == 0


def test_failures_are_not_cached(tmp_path: Path) -> None:
    c, _ = client(Script(httpx.Response(200, content=b"oops")), tmp_path)
    with pytest.raises(ServiceError):
        c.search("x")
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())


def test_rate_limit_spaces_requests(tmp_path: Path) -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    script = Script(ok("wbsearchentities_empty.json"), ok("wbsearchentities_empty.json"))
    c = WikidataClient(
        transport=httpx.MockTransport(script),
        use_cache=False,
        min_interval=0.5,
        sleep=sleep,
        clock=lambda: now[0],
    )
    c.search("a")
    now[0] += 0.1
    c.search("b")
    assert slept == [pytest.approx(0.4)]


def test_retry_after_longer_than_max_wait_gives_up(tmp_path: Path) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "3600"}))
    c, slept = client(script, tmp_path, max_wait=60.0)
    with pytest.raises(ServiceError, match="retry after 3600"):
        c.search("x")
    assert slept == []


def test_get_entities_skips_missing_items(tmp_path: Path) -> None:
    script = Script(ok("wbgetentities_city.json"))
    c, _ = client(script, tmp_path)
    entities = c.get_entities(["Q3766", "Q990000009"])
    assert list(entities) == ["Q3766"]
    assert script.requests[0].url.params["ids"] == "Q3766|Q990000009"


def test_sparql_returns_bindings(tmp_path: Path) -> None:
    script = Script(ok("sparql_snapshot.json"))
    c, _ = client(script, tmp_path)
    rows = c.sparql("SELECT ?item WHERE { ?item ?p ?o } LIMIT 1")
    assert rows[0]["item"]["value"] == "http://www.wikidata.org/entity/Q3766"
    (req,) = script.requests
    assert req.method == "POST" and str(req.url) == SPARQL_URL
    assert b"query=SELECT" in req.content and req.headers["User-Agent"].startswith("newskg/")
    assert req.headers["Accept"] == "application/sparql-results+json"
    assert json.loads(recorded("sparql_snapshot.json"))["results"]["bindings"] == rows
