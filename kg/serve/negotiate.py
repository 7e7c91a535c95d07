"""Content negotiation: pick a result format from an ``Accept`` header.

Only the q-value ranking of media ranges is done here (RFC 9110, section 12.5.1); the HTTP
parsing itself is Starlette's.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.store.results import GRAPH_FORMATS, MEDIA_TYPES, SOLUTION_FORMATS

HTML = "text/html"
#: extra media types accepted as aliases of a format
ALIASES: dict[str, str] = {
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/x-turtle": "turtle",
    "text/plain": "ntriples",
    "application/json+ld": "jsonld",
}
#: the ``format`` request parameter (for links and forms) -> format name
FORMAT_PARAMS = {name: name for name in MEDIA_TYPES} | {
    "html": "html",
    "ttl": "turtle",
    "nt": "ntriples",
}


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; an absent or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges = []
    for order, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        main, _, sub = media.partition("/")
        ranges.append(MediaRange(main, sub, q, order))
    return ranges


def choose(header: str | None, offers: list[str]) -> str | None:
    """The offered media type the client prefers, or ``None`` when it accepts none of them.

    Each offer gets the q of the most specific range matching it; ties keep the server's
    order of offers (its first offer is its default).
    """
    ranges = parse_accept(header)
    best: tuple[float, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        matching = [r for r in ranges if r.matches(offer)]
        if not matching:
            continue
        top = max(matching, key=lambda r: (r.specificity, r.q))
        if top.q <= 0:
            continue
        score = (top.q, -index)
        if best is None or score > best:
            best, chosen = score, offer
    return chosen


def offers_for(kind: str, *, html: bool = False) -> list[str]:
    """Media types offered for a result kind (``graph`` or solutions), default first.

    HTML comes last, so that ``*/*`` (curl) gets data while a browser, which names
    ``text/html`` explicitly, gets a page.
    """
    names = list(GRAPH_FORMATS) if kind == "graph" else list(SOLUTION_FORMATS)
    offers = [MEDIA_TYPES[n] for n in names]
    offers += [alias for alias, n in ALIASES.items() if n in names]
    return [*offers, HTML] if html else offers


def format_of(media_type: str) -> str:
    """The format name of a media type offered by :func:`offers_for`."""
    for name, media in MEDIA_TYPES.items():
        if media == media_type:
            return name
    return ALIASES.get(media_type, "html")
