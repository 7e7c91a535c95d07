"""Wire-service furniture: the dateline ("DAMASCUS, July 16 (Reuters) -") and the credit
lines (bylines, "Additional reporting by", "Writing by", "Editing by", photo credits
"REUTERS/Name", "(AFP / Name)", "AP writer X contributed").

The dateline's place is a place of the article and its agency an organisation; the people
of credit lines are the article's metadata, not entities of what it reports. The patterns
are in ``data/patterns/credit_lines.txt`` (regular expressions with a ``names`` group).
"""

from __future__ import annotations

import re
from functools import cache

from kg.resolve.lexicon import patterns_dir

#: "DAMASCUS, July 16 (Reuters) -", "BEIRUT (AP) —", "KHARTOUM, Sudan -": a line that opens
#: with a place in capitals, an optional date or country, an optional agency, then a dash
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})"
    r"(?:, [A-Z][a-z]+\.?(?: \d{1,2})?)?"
    r"(?: \((?P<agency>[A-Z][A-Za-z. ]{1,30})\))?"
    r" ?[-—–]{1,2} ",
    re.MULTILINE,
)


@cache
def _credit_patterns() -> tuple[re.Pattern[str], ...]:
    path = patterns_dir() / "credit_lines.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(
        re.compile(ln, re.MULTILINE) for ln in lines if ln.strip() and not ln.startswith("#")
    )


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the names of credit lines.

    >>> t = "Body.\\n\\nAdditional reporting by Sami Aboud in Amman; Editing by Peter Graves"
    >>> [t[b:e] for b, e in credit_spans(t)]
    ['Sami Aboud', 'Peter Graves']
    """
    spans = {
        (m.start("names"), m.end("names"))
        for pattern in _credit_patterns()
        for m in pattern.finditer(text)
    }
    return sorted(spans)


def dateline(text: str) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """The (place, agency) spans of the article's dateline, if its first lines have one.

    >>> t = "By A Writer\\n\\nBEIRUT (AFP) - Clashes broke out."
    >>> (pb, pe), (ab, ae) = dateline(t)
    >>> t[pb:pe], t[ab:ae]
    ('BEIRUT', 'AFP')
    """
    m = DATELINE.search(text, 0, min(len(text), 600))
    if m is None:
        return None
    agency = (m.start("agency"), m.end("agency")) if m.group("agency") else None
    return (m.start("place"), m.end("place")), agency
