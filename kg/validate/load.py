"""Read an RDF file of any usual format into a Dataset, with one clear error line if it cannot.

Files are untrusted input, read without reaching out and without expanding: an RDF/XML file
that declares XML entities is refused (checked with defusedxml before rdflib parses it: entity
expansion is how a 1 KB "billion laughs" file becomes gigabytes, and external entities read
local files or URLs), and a JSON-LD file whose ``@context`` (or ``@import``) names a remote
document is refused rather than fetched: inline the context.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.errors import InputError

#: file suffix -> rdflib parser name
FORMATS: dict[str, str] = {
    ".trig": "trig",
    ".nq": "nquads",
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def rdf_format(path: Path) -> str:
    """The rdflib format name for ``path``'s suffix.

    Raises:
        InputError: (KG210) for a suffix that names no RDF format.
    """
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = " ".join(sorted(FORMATS))
        raise InputError(
            "KG210", f"{path}: unknown RDF file suffix {path.suffix!r} (known: {known})"
        ) from None


def load_rdf(path: Path | str) -> Dataset:
    """Parse an RDF file into a Dataset; the format comes from the suffix.

    Triple formats (Turtle, N-Triples, RDF/XML) land in the default graph; TriG, N-Quads and
    JSON-LD keep their named graphs.

    Raises:
        InputError: (KG201) missing or unreadable file, (KG210) unknown suffix, (KG211) empty
            file, (KG212) binary or non-UTF-8 file, (KG213) malformed RDF; the message is one
            line naming the file and the problem.
    """
    path = Path(path)
    fmt = rdf_format(path)
    if not path.is_file():
        what = "is a directory, not a file" if path.is_dir() else "no such file"
        raise InputError("KG201", f"{path}: {what}")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError("KG201", f"{path}: cannot read ({e.strerror})") from e
    if not raw.strip():
        raise InputError("KG211", f"{path}: empty file, no RDF in it")
    if b"\x00" in raw[:8192]:
        raise InputError("KG212", f"{path}: binary file, not {fmt} RDF")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError("KG212", f"{path}: not UTF-8 text (byte {e.start})") from e
    if fmt == "xml":
        _check_xml(raw, path)
    elif fmt == "json-ld":
        _check_jsonld(text, path)
    dataset = Dataset()
    try:
        dataset.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as e:  # rdflib's parsers raise many unrelated exception types
        raise InputError("KG213", f"{path}: malformed {fmt} RDF: {_one_line(e)}") from e
    return dataset


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:300] + ("..." if len(text) > 300 else "") if text else type(error).__name__


def _check_xml(raw: bytes, path: Path) -> None:
    """Refuse entity declarations, external references and DTD tricks (defusedxml)."""
    from xml.sax import SAXException
    from xml.sax.handler import ContentHandler

    import defusedxml.sax
    from defusedxml import DefusedXmlException

    try:
        defusedxml.sax.parseString(raw, ContentHandler())
    except DefusedXmlException as e:
        raise InputError(
            "KG213",
            f"{path}: RDF/XML that declares or references XML entities is not read "
            f"({type(e).__name__}); expand the entities",
        ) from e
    except SAXException as e:
        raise InputError("KG213", f"{path}: malformed xml RDF: {_one_line(e)}") from e


def _check_jsonld(text: str, path: Path) -> None:
    """Refuse a remote ``@context`` or ``@import``: reading a file never fetches a URL."""
    import json

    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise InputError("KG213", f"{path}: malformed json-ld RDF: {_one_line(e)}") from e
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key in ("@context", "@import"):
                value = node.get(key)
                refs = value if isinstance(value, list) else [value]
                remote = next((r for r in refs if isinstance(r, str)), None)
                if remote is not None:
                    raise InputError(
                        "KG213",
                        f"{path}: JSON-LD {key} refers to {remote[:100]!r}, which is not "
                        "fetched; inline the context",
                    )
            stack.extend(node.values())
