"""Reading articles: ``.txt``/``.md`` files with an optional YAML front-matter block.

A front-matter block opens the file with a line ``---`` and closes with the next line
``---``; everything after the closing line (and its newline) is the body, unchanged, and all
offsets point into it. Recognised keys: ``title``, ``published`` (an ISO date), ``url``,
``language``, ``source``, ``licence`` (also ``license``); other keys are kept as strings.

The front matter is read as data, never as a program: YAML anchors and aliases are refused
(an alias is how a few hundred bytes expand into gigabytes), the block is at most
:data:`MAX_FRONT_MATTER` characters, and a value must be a scalar (text, number, date,
true/false) or, for a key newskg does not read, a flat list of scalars.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

import yaml

from kg.errors import InputError
from kg.model import Article

ARTICLE_SUFFIXES = (".txt", ".md")
#: the largest front-matter block read, in characters: a front matter is a few lines of keys.
MAX_FRONT_MATTER = 65_536
#: publication dates outside these years are refused as typos (KG207): dates are resolved
#: relative to ``published``, and the far ends of Python's date range overflow.
PUBLISHED_YEARS = (1800, 2200)
_KNOWN_KEYS = ("title", "published", "url", "language", "source", "licence", "license")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)


IGNORE_FILE = ".kgignore"


def list_folder(folder: Path, suffixes: Iterable[str]) -> list[Path]:
    """The article files under ``folder`` (sorted): files with one of ``suffixes``, except
    hidden files and folders (``.git/``, editor and temporary files), and except what the
    folder's ``.kgignore`` excludes.

    ``.kgignore`` holds one pattern a line (``#`` starts a comment), matched against the
    path relative to the folder in the manner of ``.gitignore``: ``patterns/`` excludes a
    subfolder, ``README.md`` a file of that name at any depth, ``notes/*.txt`` a glob.
    newskg's own ``data/`` folder ships one, so that ``kg build data/`` builds the bundled
    articles and not the lexicons, word lists and READMEs beside them.
    """
    wanted = {s.lower() for s in suffixes}
    rules = _ignore_rules(folder / IGNORE_FILE)
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in wanted
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and not _ignored(p.relative_to(folder), rules)
    )


def _ignore_rules(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _ignored(relative: Path, rules: list[str]) -> bool:
    posix = relative.as_posix()
    for rule in rules:
        pattern = rule.strip("/")
        if rule.endswith("/"):  # a folder: anything under it
            if any(fnmatch.fnmatchcase(part, pattern) for part in relative.parts[:-1]) or (
                "/" in pattern and fnmatch.fnmatchcase(posix, pattern + "/*")
            ):
                return True
        elif "/" in pattern:  # a path relative to the folder
            if fnmatch.fnmatchcase(posix, pattern):
                return True
        elif fnmatch.fnmatchcase(relative.name, pattern):  # a name at any depth
            return True
    return False


def find_articles(paths: Iterable[Path]) -> list[Path]:
    """Expand the given paths: a file is taken as it is, a directory gives its article
    files (:func:`list_folder` with ``.txt`` and ``.md``).

    Raises:
        InputError: a path does not exist, or a directory holds no article.
    """
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError("KG201", f"{path}: no such file or directory")
        if path.is_dir():
            files = list_folder(path, ARTICLE_SUFFIXES)
            if not files:
                raise InputError(
                    "KG202",
                    f"{path}: directory holds no article ({', '.join(ARTICLE_SUFFIXES)} files)",
                )
            found.extend(files)
        else:
            found.append(path)
    return found


def read_article(path: Path) -> Article:
    """Read one article file.

    Raises:
        InputError: the file is missing, empty, binary, not UTF-8, or its front matter is
            malformed.
    """
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError("KG201", f"{path}: cannot read ({e.strerror})") from e
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), "utf-8")
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        # text with a byte-order mark: read as its mark says (offsets count characters)
        try:
            return parse_article(raw.decode(encoding).removeprefix("\ufeff"), path=path)
        except UnicodeDecodeError as e:
            raise InputError(
                "KG204", f"{path}: not valid {encoding.upper()} text (byte {e.start})"
            ) from e
    if b"\x00" in raw:
        hint = (
            " (UTF-16 text without a byte-order mark? save it as UTF-8)"
            if _looks_utf16(raw)
            else ""
        )
        raise InputError("KG203", f"{path}: binary file, not a text article{hint}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError("KG204", f"{path}: not UTF-8 text (byte {e.start})") from e
    return parse_article(text.removeprefix("\ufeff"), path=path)


def _looks_utf16(raw: bytes) -> bool:
    """Most odd or most even bytes zero: ASCII text in UTF-16 without a byte-order mark."""
    sample = raw[:4096]
    if len(sample) < 4:
        return False
    half = len(sample) // 2
    return sample[1::2].count(0) > 0.9 * half or sample[0::2].count(0) > 0.9 * half


def parse_article(text: str, *, path: Path | None = None) -> Article:
    """Split front matter from body and build an :class:`Article`.

    >>> a = parse_article("---\\ntitle: T\\npublished: 2025-03-08\\n---\\nBody text.")
    >>> a.title, a.published.isoformat(), a.body
    ('T', '2025-03-08', 'Body text.')
    """
    where = str(path) if path else "<text>"
    meta: dict[str, object] = {}
    body = text
    if text.startswith("---"):
        m = _FRONT_MATTER.match(text)
        if m is None:
            raise InputError("KG205", f"{where}: front matter opened with '---' but never closed")
        if len(m.group(1)) > MAX_FRONT_MATTER:
            raise InputError(
                "KG205", f"{where}: front matter longer than {MAX_FRONT_MATTER:,} characters"
            )
        try:
            loaded = yaml.load(m.group(1), Loader=_DataLoader)  # noqa: S506 (no tags, no aliases)
        except _AliasRefused as e:
            raise InputError(
                "KG205",
                f"{where}: front matter uses a YAML anchor or alias ({e}); write values out",
            ) from e
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = f" (line {mark.line + 2})" if mark is not None else ""
            raise InputError("KG205", f"{where}: malformed front matter{line}") from e
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise InputError("KG205", f"{where}: front matter is not a mapping of keys to values")
        meta = {str(k).lower(): v for k, v in loaded.items()}
        _check_values(meta, where)
        body = text[m.end() :]
    return article_from_fields(body, meta, where=where, path=path)


class _AliasRefused(yaml.YAMLError):
    pass


class _DataLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses anchors and aliases (``&a``, ``*a``, ``<<: *a``)."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _AliasRefused(f"alias *{event.anchor}")
        if getattr(event, "anchor", None) is not None:
            raise _AliasRefused(f"anchor &{event.anchor}")
        return super().compose_node(parent, index)


_SCALARS = (str, int, float, bool, date)


def _check_values(meta: dict[str, object], where: str) -> None:
    """A known key holds one scalar; another key a scalar or a flat list of scalars."""
    for key, value in meta.items():
        if value is None or isinstance(value, _SCALARS):
            continue
        if (
            key not in _KNOWN_KEYS
            and isinstance(value, list)
            and all(v is None or isinstance(v, _SCALARS) for v in value)
        ):
            continue
        kind = "a mapping" if isinstance(value, dict) else f"a {type(value).__name__}"
        want = "a single value" if key in _KNOWN_KEYS else "a single value or a flat list"
        raise InputError("KG205", f"{where}: front matter {key!r} is {kind}, expected {want}")


def article_from_fields(
    body: str, meta: dict[str, object], *, where: str, path: Path | None = None
) -> Article:
    """An :class:`Article` from its body and its front-matter keys (lower-case names), as
    read from a file's front matter or from a JSON Lines record.

    Raises:
        InputError: an empty body (KG206) or a ``published`` value that is not a date (KG207).
    """
    meta = dict(meta)
    if not body.strip():
        raise InputError("KG206", f"{where}: empty article (no text after the front matter)")
    language = str(meta.pop("language", "en") or "en").strip().lower()
    title = _str(meta.pop("title", None)) or _first_line(body)
    licence = _str(meta.pop("licence", None)) or _str(meta.pop("license", None))
    return Article(
        body=body,
        path=path,
        title=title,
        published=_date(meta.pop("published", None), where),
        url=_str(meta.pop("url", None)),
        language=language,
        source=_str(meta.pop("source", None)),
        licence=licence,
        extra=tuple(sorted((k, str(v)) for k, v in meta.items())),
    )


def read_articles(paths: Iterable[Path]) -> Iterator[Article]:
    """Read every article under the given paths, in order."""
    for path in find_articles(paths):
        yield read_article(path)


def _str(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _first_line(body: str) -> str | None:
    for line in body.splitlines():
        if line.strip():
            return line.strip()[:200]
    return None


def _date(value: object, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip()[:10])
        except ValueError as e:
            raise InputError(
                "KG207",
                f"{where}: front matter 'published' is not an ISO date (YYYY-MM-DD): "
                f"{str(value)[:40]!r}",
            ) from e
    low, high = PUBLISHED_YEARS
    if not low <= day.year <= high:
        raise InputError(
            "KG207",
            f"{where}: front matter 'published' {day.isoformat()} is outside the years "
            f"{low}-{high}",
        )
    return day
