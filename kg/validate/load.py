"""Read an RDF file of any usual format into a Dataset, with one clear error line if it cannot."""

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
    dataset = Dataset()
    try:
        dataset.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as e:  # rdflib's parsers raise many unrelated exception types
        raise InputError("KG213", f"{path}: malformed {fmt} RDF: {_one_line(e)}") from e
    return dataset


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:300] + ("..." if len(text) > 300 else "") if text else type(error).__name__
