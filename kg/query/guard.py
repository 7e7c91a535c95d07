"""Outbound requests named in SPARQL: ``SERVICE <url>`` in a query and ``LOAD <url>`` in an
update make the engine fetch that URL. An anonymous endpoint that fetches whatever a query
names is a server-side request forgery hole (any service on the loopback or the local network
becomes reachable through it) and a way to tie up its threads on hosts that never answer.

Both are refused unless the URL starts with one of the prefixes the operator allowed
(``kg serve --allow-remote PREFIX``, ``kg query --allow-remote PREFIX``): the default allows
nothing. The check parses the request with rdflib's SPARQL grammar only when the keyword
``SERVICE`` or ``LOAD`` occurs in it at all, so ordinary queries pay nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef

from kg.errors import InputError


class RemoteRefused(InputError):
    """A request that would fetch a URL the operator has not allowed (HTTP 403, exit 3)."""


_KEYWORD = re.compile(r"(?<![\w:?$])(service|load)(?![\w:])", re.IGNORECASE)
#: the parse-tree nodes that name a URL to fetch, and the attribute holding it
_OUTBOUND = {"ServiceGraphPattern": ("SERVICE", "term"), "Load": ("LOAD", "iri")}


def check_outbound(sparql: str, *, update: bool = False, allow: Sequence[str] = ()) -> None:
    """Refuse a query (or an update) that would fetch a URL outside ``allow``.

    Raises:
        RemoteRefused: KG267, with the keyword and the URL (or the variable) it names; also
            when the request mentions SERVICE or LOAD but cannot be parsed to check it.
    """
    if not _KEYWORD.search(sparql):
        return
    try:
        tree = parseUpdate(sparql) if update else parseQuery(sparql)
    except Exception as e:  # rdflib's grammar lags the engine's in places: refuse, to be safe
        raise RemoteRefused(
            "KG267",
            f"the request names SERVICE or LOAD and could not be checked ({type(e).__name__}); "
            "remote requests are not allowed",
        ) from e
    for node in _walk(tree):
        keyword, attr = _OUTBOUND[node.name]
        target = node.get(attr)
        url = str(target) if isinstance(target, URIRef) else None
        if url is not None and any(url.startswith(prefix) for prefix in allow):
            continue
        shown = f"<{url}>" if url is not None else f"?{target}"
        raise RemoteRefused(
            "KG267",
            f"{keyword} {shown} is not allowed: this endpoint makes no remote request "
            "unless its operator allows the URL (--allow-remote)",
        )


def _walk(node: object) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        if node.name in _OUTBOUND:
            yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple, ParseResults)):
        for item in node:
            yield from _walk(item)
