"""The HTTP application: SPARQL endpoint, linked-data pages, query page (Starlette).

Routes:
    ``GET /``                 query page with example queries
    ``GET|POST /sparql``      SPARQL 1.1 Protocol; without a query: the service description
                              (or the query page, for a browser)
    ``POST /update``          SPARQL 1.1 Update (needs the write token)
    ``GET /id/{path}``        the resource ``<base IRI><path>``: HTML or RDF by ``Accept``
    ``GET /{path}``           the resource whose IRI is this URL, when the base IRI points here

Dereferencing answers 200 directly (no 303): the representation is chosen by ``Accept``
(or ``?format=``), with ``Vary: Accept``; ``curl -H 'Accept: text/turtle' <IRI>`` gets the
description without following a redirect.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import InputError, StoreError
from kg.query.guard import RemoteRefused
from kg.serve import negotiate
from kg.serve.describe import description_query, page_facts
from kg.serve.pages import Renderer, examples
from kg.serve.protocol import BodyTooLarge, SparqlRequest, UnsupportedMediaType, read_request
from kg.serve.runner import QueryRunner, ServeConfig
from kg.serve.service import service_description
from kg.store import MEDIA_TYPES, QueryResult, QueryTimeout, ResultTooLarge, Store

TEXT_TYPES = {"text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples"}
FORMAT_NAMES = [
    ("html", "HTML table"),
    ("json", "SPARQL JSON"),
    ("xml", "SPARQL XML"),
    ("csv", "CSV"),
    ("tsv", "TSV"),
    ("turtle", "Turtle (CONSTRUCT/DESCRIBE)"),
    ("jsonld", "JSON-LD (CONSTRUCT/DESCRIBE)"),
]


def error(status: int, message: str, **headers: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers or None)


def _media_header(media: str) -> str:
    return f"{media}; charset=utf-8" if media in TEXT_TYPES or media == "text/html" else media


def _pick(request: Request, kind: str, fmt: str | None, *, html: bool) -> str | None:
    """The media type to answer with, or ``None`` (406)."""
    if fmt is not None:
        name = negotiate.FORMAT_PARAMS.get(fmt)
        if name == "html":
            return negotiate.HTML if html else None
        media = MEDIA_TYPES.get(name or "")
        return media if media in negotiate.offers_for(kind) else None
    return negotiate.choose(request.headers.get("accept"), negotiate.offers_for(kind, html=html))


def create_app(store: Store, config: ServeConfig | None = None) -> Starlette:
    """Build the ASGI application serving ``store``."""
    config = config or ServeConfig()
    runner = QueryRunner(store, config)
    renderer = Renderer(config.base_iri)

    def not_acceptable(kind: str) -> PlainTextResponse:
        offers = ", ".join(negotiate.offers_for(kind, html=False))
        return error(406, f"none of the accepted media types can be served; offered: {offers}")

    async def run_query(request: Request, op: SparqlRequest) -> Response:
        assert op.query is not None
        fmt = op.format
        if fmt is not None and fmt not in negotiate.FORMAT_PARAMS:
            return error(
                406, f"unknown format {fmt!r}; use one of: {', '.join(negotiate.FORMAT_PARAMS)}"
            )
        if fmt is None and not any(
            _pick(request, kind, None, html=True) for kind in ("select", "graph")
        ):
            return not_acceptable("select")
        result: QueryResult = await runner.query(
            op.query, default_graphs=op.default_graphs or None, named_graphs=op.named_graphs or None
        )
        media = _pick(request, result.kind, fmt, html=True)
        if media is None:
            return not_acceptable(result.kind)
        headers = {"Vary": "Accept"}
        if media == negotiate.HTML:
            return HTMLResponse(renderer.results(result, query=op.query), headers=headers)
        body = result.serialize(negotiate.format_of(media))
        return Response(body, media_type=_media_header(media), headers=headers)

    async def run_update(request: Request, update: str) -> Response:
        if config.write_token is None:
            return error(
                403,
                "this endpoint is read-only (start kg serve with --write-token to allow updates)",
            )
        sent = request.headers.get("authorization", "")
        if not hmac.compare_digest(sent.encode(), f"Bearer {config.write_token}".encode()):
            return error(
                403, "SPARQL Update needs the header 'Authorization: Bearer <write token>'"
            )
        await runner.update(update)
        return Response(status_code=204)

    async def sparql(request: Request) -> Response:
        try:
            op = await read_request(request)
            if op.update is not None:
                return await run_update(request, op.update)
            if op.query is None:
                return await describe_service(request, op)
            return await run_query(request, op)
        except UnsupportedMediaType as e:
            return error(415, str(e))
        except BodyTooLarge as e:
            return error(413, str(e))
        except QueryTimeout as e:
            return error(
                503,
                f"{e} (the server's --timeout); narrow the query or add a LIMIT",
                **{"Retry-After": "1"},
            )
        except RemoteRefused as e:
            return error(403, str(e))
        except InputError as e:
            return error(400, str(e))
        except StoreError as e:
            return error(500, str(e))

    async def update_route(request: Request) -> Response:
        return await sparql(request)

    async def describe_service(request: Request, op: SparqlRequest) -> Response:
        media = _pick(request, "graph", op.format, html=True)
        if media == negotiate.HTML:
            return await index(request)
        if media is None:
            return not_acceptable("graph")
        endpoint = str(request.url.replace(query=""))
        body = service_description(
            endpoint, negotiate.format_of(media), updates=config.write_token is not None
        )
        return Response(body, media_type=_media_header(media), headers={"Vary": "Accept"})

    async def index(request: Request) -> Response:
        params = request.query_params
        chosen = {ex.name: ex.query for ex in examples()}
        default = examples()[0].query if examples() else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
        query = params.get("query") or chosen.get(params.get("example", ""), default)
        endpoint = str(request.url.replace(path="/sparql", query=""))
        html = renderer.query_page(endpoint=endpoint, query=query, formats=FORMAT_NAMES)
        return HTMLResponse(html)

    async def resource(request: Request, iri: str) -> Response:
        fmt = request.query_params.get("format")
        if fmt is not None and fmt not in negotiate.FORMAT_PARAMS:
            return error(406, f"unknown format {fmt!r}")
        media = _pick(request, "graph", fmt, html=True)
        if media is None:
            return not_acceptable("graph")
        headers = {"Vary": "Accept"}
        try:
            if media == negotiate.HTML:
                page = await page_facts(runner, iri)
                if page is None:
                    return error(404, f"nothing is known about <{iri}>")
                html = renderer.resource(page, data_href=request.url.path)
                return HTMLResponse(html, headers=headers)
            result = await runner.query(description_query(iri))
        except QueryTimeout as e:
            return error(503, str(e), **{"Retry-After": "1"})
        except ResultTooLarge as e:
            return error(400, f"{e}; query the endpoint with SPARQL instead")
        except (InputError, StoreError):
            return error(404, f"not a resource of this server: {iri!r}")
        if not result.triples:
            return error(404, f"nothing is known about <{iri}>")
        body = result.serialize(negotiate.format_of(media))
        return Response(body, media_type=_media_header(media), headers=headers)

    async def minted(request: Request) -> Response:
        rest = _safe_rest(request, "/id/")
        if rest is None:
            return error(404, "not found")
        return await resource(request, config.base_iri + rest)

    async def fallback(request: Request) -> Response:
        raw = request.scope.get("raw_path") or request.url.path.encode()
        if _unsafe(raw.decode("latin-1")) or _unsafe(request.url.path):
            return error(404, "not found")
        iri = f"{request.url.scheme}://{request.url.netloc}{raw.decode('latin-1')}"
        if iri.startswith(config.base_iri) and iri != config.base_iri:
            return await resource(request, iri)
        return error(404, "not found")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        runner.close()

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/update", update_route, methods=["POST"]),
        Route("/id/{rest:path}", minted, methods=["GET"]),
        Route("/{rest:path}", fallback, methods=["GET"]),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(
            QueryApiCors,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Accept", "Content-Type"],
            max_age=3600,
        ),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.runner = runner
    return app


#: the query API, the only routes other web sites may call from a browser (CORS)
CORS_PATHS = ("/sparql",)
#: pages load nothing from elsewhere: no script at all, the inline stylesheet of base.html,
#: no framing by other sites, forms posting only here
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class QueryApiCors(CORSMiddleware):
    """CORS for the query API only (``--cors-origin``, ``*`` by default, none with an empty
    list): pages and updates are never readable by, nor sent from, another site's scripts.
    ``Authorization`` is not an allowed header, so a page elsewhere cannot use a write token
    that a user's browser could be tricked into sending."""

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http" or scope["path"] not in CORS_PATHS or not self.allow_origins:
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


class SecurityHeaders:
    """``Content-Security-Policy``, ``X-Content-Type-Options`` and ``Referrer-Policy`` on
    every response (pure ASGI, so streamed bodies pass untouched)."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for name, value in (
                    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ):
                    if name not in names:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _unsafe(path: str) -> bool:
    """Dot segments, backslashes, NULs or control characters: never a minted IRI."""
    segments = path.split("/")
    return (
        any(s in (".", "..") for s in segments)
        or any(c in path for c in '\\\x00<>" {}|^`')
        or any(ord(c) < 0x20 for c in path)
    )


def _safe_rest(request: Request, prefix: str) -> str | None:
    """The raw path after ``prefix``, or ``None`` when it is empty or unsafe."""
    raw = (request.scope.get("raw_path") or request.url.path.encode()).decode("latin-1")
    if not raw.startswith(prefix):
        return None
    rest = raw[len(prefix) :]
    if not rest or _unsafe(rest) or _unsafe(request.url.path):
        return None
    return rest
