"""The Wikidata client: the project's only HTTP code (httpx).

Etiquette (https://www.mediawiki.org/wiki/API:Etiquette, https://meta.wikimedia.org/wiki/User-Agent_policy,
https://www.mediawiki.org/wiki/Manual:Maxlag_parameter): a descriptive User-Agent with the
project name, version and a contact URL; ``maxlag=5`` on every API request; retries with
exponential backoff that honour ``Retry-After`` on 429, 503 and the ``maxlag`` error; at
most one request per ``min_interval`` seconds; timeouts; and an on-disk JSON cache, so
that the same question is asked once.

Errors: after ``retries`` failed attempts, on a timeout, a transport error (no network) or
a malformed answer, a :class:`~kg.errors.ServiceError` (exit code 4) with one line naming
the endpoint and the problem.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx

from kg.errors import ServiceError
from kg.fileio import write_atomic

API_URL = "https://www.wikidata.org/w/api.php"
SPARQL_URL = "https://query.wikidata.org/sparql"
CONTACT_URL = "https://w3id.org/newskg"
_SPARQL_ACCEPT = {"Accept": "application/sparql-results+json"}


def user_agent() -> str:
    from kg import __version__

    return f"newskg/{__version__} ({CONTACT_URL}) httpx/{httpx.__version__}"


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/newskg/wikidata``, else ``~/.cache/...``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newskg" / "wikidata"


class WikidataClient:
    """Wikidata API and SPARQL endpoint through one httpx client.

    Args:
        transport: httpx transport (``httpx.MockTransport`` in tests); default the network.
        cache_dir: where answers are cached as JSON files; ``None`` disables the cache.
        retries: attempts per request before giving up.
        backoff: first wait in seconds; doubled on each retry (unless ``Retry-After`` says).
        max_wait: no single wait is longer than this.
        min_interval: least time between two requests (the rate limit).
        timeout: seconds for connect and read.
        sleep: the sleep function (injectable so tests do not wait).
        clock: the monotonic clock (injectable with ``sleep``).
    """

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        cache_dir: Path | None = None,
        use_cache: bool = True,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        min_interval: float = 0.2,
        timeout: float = 20.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cache_dir = (cache_dir or default_cache_dir()) if use_cache else None
        self.retries, self.backoff, self.max_wait = retries, backoff, max_wait
        self.min_interval = min_interval
        self.sleep, self.clock = sleep, clock
        self.requests = 0  # requests actually sent (for tests and reports)
        self._last: float | None = None
        self._http = httpx.Client(
            transport=transport,
            headers={"User-Agent": user_agent(), "Accept": "application/json"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> WikidataClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the three endpoints ---------------------------------------------------------------
    def search(self, text: str, *, language: str = "en", limit: int = 7) -> list[dict[str, Any]]:
        """``wbsearchentities``: items whose label or alias matches ``text``."""
        data = self._api(
            {
                "action": "wbsearchentities",
                "search": text,
                "language": language,
                "uselang": language,
                "type": "item",
                "limit": str(limit),
            }
        )
        results = data.get("search")
        if not isinstance(results, list):
            raise ServiceError("KG403", f"{API_URL}: wbsearchentities answer has no 'search' list")
        return results

    def get_entities(self, ids: list[str], *, language: str = "en") -> dict[str, dict[str, Any]]:
        """``wbgetentities``: labels, aliases, descriptions and claims of items (50 a call)."""
        out: dict[str, dict[str, Any]] = {}
        unique = sorted(set(ids), key=lambda q: (len(q), q))
        for i in range(0, len(unique), 50):
            data = self._api(
                {
                    "action": "wbgetentities",
                    "ids": "|".join(unique[i : i + 50]),
                    "props": "labels|aliases|descriptions|claims",
                    "languages": language,
                }
            )
            entities = data.get("entities")
            if not isinstance(entities, dict):
                raise ServiceError("KG403", f"{API_URL}: wbgetentities answer has no 'entities'")
            out.update({k: v for k, v in entities.items() if "missing" not in v})
        return out

    def sparql(self, query: str) -> list[dict[str, Any]]:
        """Run a SELECT query on the Wikidata Query Service; the result bindings."""
        # POST (SPARQL 1.1 Protocol, form-encoded): long VALUES blocks do not fit in a URL
        data = self._get(SPARQL_URL, {"query": query, "format": "json"}, post=True)
        try:
            return list(data["results"]["bindings"])
        except (KeyError, TypeError) as e:
            raise ServiceError(
                "KG403", f"{SPARQL_URL}: SPARQL answer has no results.bindings"
            ) from e

    # -- plumbing --------------------------------------------------------------------------
    def _api(self, params: dict[str, str]) -> dict[str, Any]:
        return self._get(API_URL, {**params, "format": "json", "formatversion": "2", "maxlag": "5"})

    def _cache_file(self, url: str, params: dict[str, str]) -> Path | None:
        if self.cache_dir is None:
            return None
        key = json.dumps([url, sorted(params.items())], ensure_ascii=False)
        return self.cache_dir / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.json"

    def _get(self, url: str, params: dict[str, str], *, post: bool = False) -> dict[str, Any]:
        cached = self._cache_file(url, params)
        if cached is not None and cached.is_file():
            try:
                return json.loads(cached.read_text(encoding="utf-8"))
            except ValueError:
                cached.unlink(missing_ok=True)  # a damaged cache entry is asked again
        data = self._fetch(url, params, post=post)
        if cached is not None:
            write_atomic(cached, json.dumps(data, ensure_ascii=False, sort_keys=True), mkdir=True)
        return data

    def _fetch(self, url: str, params: dict[str, str], *, post: bool) -> dict[str, Any]:
        problem = "no attempt made"
        for attempt in range(self.retries):
            self._throttle()
            try:
                self.requests += 1
                response = (
                    self._http.post(url, data=params, headers=_SPARQL_ACCEPT)
                    if post
                    else self._http.get(url, params=params)
                )
            except httpx.TimeoutException:
                problem = "timed out"
                self._wait(attempt, None)
                continue
            except httpx.TransportError as e:
                raise ServiceError("KG401", f"{url}: cannot reach Wikidata ({e})") from e
            if response.status_code in (429, 503) or response.status_code >= 500:
                problem = f"HTTP {response.status_code}"
                self._wait(attempt, response.headers.get("Retry-After"))
                continue
            if response.status_code >= 400:
                raise ServiceError("KG402", f"{url}: HTTP {response.status_code} from Wikidata")
            try:
                data = response.json()
            except ValueError as e:
                raise ServiceError("KG403", f"{url}: malformed JSON from Wikidata") from e
            if not isinstance(data, dict):
                raise ServiceError("KG403", f"{url}: unexpected JSON from Wikidata (not an object)")
            error = data.get("error")
            if isinstance(error, dict) and error.get("code") == "maxlag":
                problem = "replication lag (maxlag)"
                self._wait(attempt, response.headers.get("Retry-After"))
                continue
            if isinstance(error, dict):
                code, info = error.get("code", "?"), error.get("info", "")
                raise ServiceError("KG402", f"{url}: Wikidata API error {code}: {info}")
            return data
        raise ServiceError(
            "KG404",
            f"{url}: Wikidata failed {self.retries} times (last: {problem}); try again later",
        )

    def _throttle(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.min_interval:
            self.sleep(self.min_interval - (now - self._last))
        self._last = self.clock()

    def _wait(self, attempt: int, retry_after: str | None) -> None:
        if attempt + 1 >= self.retries:
            return
        delay = self.backoff * (2**attempt)
        asked = _retry_after_seconds(retry_after)
        if asked is not None:
            if asked > self.max_wait:
                raise ServiceError(
                    "KG404",
                    f"Wikidata asks to retry after {asked:.0f} s (more than {self.max_wait:.0f} s)",
                )
            delay = max(delay, asked)
        self.sleep(min(delay, self.max_wait))


def _retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date (RFC 9110, 10.2.3)."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
