"""The SPARQL 1.1 Protocol request side: which query, update and dataset a request carries.

Accepted (SPARQL 1.1 Protocol, sections 2.1 and 2.2): GET with ``query``; POST with an
``application/x-www-form-urlencoded`` body (``query`` or ``update``) or a direct
``application/sparql-query`` / ``application/sparql-update`` body. ``default-graph-uri``
and ``named-graph-uri`` may be repeated. ``format`` (not in the protocol) overrides
``Accept``, for links and forms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs

from starlette.requests import Request

from kg.errors import InputError
from kg.store.results import MEDIA_TYPES

MEDIA_FORMATS = {media: name for name, media in MEDIA_TYPES.items()}

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"


#: largest POST body accepted (a query or an update), in bytes
MAX_BODY = 10_000_000


class BodyTooLarge(InputError):
    """The POST body is larger than :data:`MAX_BODY` (413)."""


class UnsupportedMediaType(InputError):
    """The POST body has a content type the protocol does not define (415)."""


@dataclass(slots=True)
class SparqlRequest:
    query: str | None = None
    update: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None


def _one(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name)
    if not found:
        return None
    if name == "format":  # SPARQLWrapper repeats it: "tsv" and "text/tab-separated-values"
        found = list(dict.fromkeys(MEDIA_FORMATS.get(f, f) for f in found))
    if len(found) > 1:
        raise InputError("KG260", f"parameter {name!r} given {len(found)} times; give it once")
    return found[0]


def _from_params(values: dict[str, list[str]]) -> SparqlRequest:
    return SparqlRequest(
        query=_one(values, "query"),
        update=_one(values, "update"),
        default_graphs=values.get("default-graph-uri", []),
        named_graphs=values.get("named-graph-uri", []),
        format=_one(values, "format"),
    )


async def read_request(request: Request) -> SparqlRequest:
    """Extract the SPARQL operation of a GET or POST request.

    Raises:
        InputError: KG260 a parameter is repeated, KG261 the body is not UTF-8, KG262 an
            update sent with GET or both ``query`` and ``update`` given.
        UnsupportedMediaType: KG263 a POST body of another type.
        BodyTooLarge: KG266 a POST body over :data:`MAX_BODY` bytes.
    """
    url_params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "GET":
        parsed = _from_params(url_params)
        if parsed.update is not None:
            raise InputError("KG262", "a SPARQL Update must be sent with POST, not GET")
        return parsed
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY:
            raise BodyTooLarge("KG266", f"request body larger than {MAX_BODY:,} bytes")
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError("KG261", f"request body is not UTF-8 (byte {e.start})") from e
    if media == FORM:
        parsed = _from_params(parse_qs(body, keep_blank_values=True))
        parsed.format = parsed.format or _one(url_params, "format")
    elif media in (QUERY_BODY, UPDATE_BODY):
        parsed = _from_params(url_params)
        if media == QUERY_BODY:
            parsed.query = body
        else:
            parsed.update = body
    else:
        raise UnsupportedMediaType(
            "KG263",
            f"POST body of type {media or 'none'!r}; use {FORM}, {QUERY_BODY} or {UPDATE_BODY}",
        )
    if parsed.query is not None and parsed.update is not None:
        raise InputError("KG262", "a request carries either 'query' or 'update', not both")
    return parsed
