"""HTML rendering with Jinja2 (autoescaping on: every value from the store is escaped)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from kg.serve.describe import Page
from kg.store import QueryResult, Term
from kg.store.results import PREFIXES


@dataclass(frozen=True, slots=True)
class Example:
    name: str
    title: str
    query: str


@cache
def examples() -> tuple[Example, ...]:
    """The example queries shipped in ``kg/serve/examples/*.rq``, in file-name order."""
    folder = resources.files("kg.serve") / "examples"
    found = []
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if not item.name.endswith(".rq"):
            continue
        text = item.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = (
            first.removeprefix("# title:").strip() if first.startswith("# title:") else item.name
        )
        found.append(Example(item.name.removesuffix(".rq"), title, text))
    return tuple(found)


def linkable(iri: str) -> bool:
    """Whether a page may make ``iri`` a link: only http and https IRIs."""
    return iri[:8].lower().startswith(("http://", "https://"))


class Renderer:
    """Renders pages; IRIs under ``base_iri`` link to this server's ``/id/...`` pages."""

    def __init__(self, base_iri: str) -> None:
        self.base_iri = base_iri
        self.env = Environment(
            loader=PackageLoader("kg.serve", "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["short"] = short
        self.env.filters["href"] = self.href
        self.env.globals["term"] = self.term
        self.env.globals["highlight"] = highlight

    def href(self, iri: str) -> str:
        """Where a link to ``iri`` points: this server for minted IRIs, the IRI itself for
        http(s) IRIs, nowhere (``#``) for any other scheme (``javascript:``, ``data:``...)."""
        if iri.startswith(self.base_iri):
            return "/id/" + iri[len(self.base_iri) :]
        if linkable(iri):
            return iri
        return "#"

    def term(self, term: Term, label: str | None) -> Markup:
        """One term as HTML: a link (with its label) for an http(s) IRI, text for a literal
        or an IRI of another scheme (a ``javascript:`` IRI in the data is never a link)."""
        if term.kind == "iri" and not (
            term.value.startswith(self.base_iri) or linkable(term.value)
        ):
            return Markup('<span title="{}">{}</span>').format(
                term.value, label or short(term.value)
            )
        if term.kind == "iri":
            text = label or short(term.value)
            external = "" if term.value.startswith(self.base_iri) else ' rel="external"'
            return Markup('<a href="{}" title="{}"{}>{}</a>').format(
                self.href(term.value), term.value, Markup(external), text
            )
        if term.kind == "bnode":
            return Markup('<span class="muted">_:{}</span>').format(term.value)
        return escape(term.value)

    def resource(self, page: Page, *, data_href: str) -> str:
        return self.env.get_template("resource.html").render(page=page, data_href=data_href)

    def query_page(self, *, endpoint: str, query: str, formats: list[tuple[str, str]]) -> str:
        return self.env.get_template("query.html").render(
            endpoint=endpoint, query=query, formats=formats, examples=examples()
        )

    def results(self, result: QueryResult, *, query: str) -> str:
        turtle = result.serialize("turtle").decode("utf-8") if result.kind == "graph" else ""
        count = len(result.triples) if result.kind == "graph" else len(result.rows)
        return self.env.get_template("results.html").render(
            result=result, query=query, turtle=turtle, count=count
        )


def short(iri: str) -> str:
    """Compact an IRI with the known prefixes (``nkg:Person``); others unchanged."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def highlight(context: str, text: str) -> Markup:
    """The context sentence with the first occurrence of the mention text marked."""
    at = context.find(text)
    if at < 0 or not text:
        return escape(context)
    return Markup("{}<mark>{}</mark>{}").format(
        context[:at], context[at : at + len(text)], context[at + len(text) :]
    )
