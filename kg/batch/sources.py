"""Where a batch's articles come from: files, folders, JSON Lines files and stdin.

``kg build DIR|FILE...|-`` takes:

- ``.txt``/``.md`` files (front matter + body, see :mod:`kg.ingest`), and folders of them;
- ``.jsonl`` files (also found in folders): one article per line, a JSON object with the
  body under ``text`` and any front-matter key (``title``, ``published``, ``url``,
  ``language``, ``source``, ``licence``; others are kept as extra keys). Offsets point into
  ``text`` exactly as given (after JSON decoding, counted in code points, like Python
  strings). The article's identity is the same as for a file: a hash of its ``url``, else of
  its ``text``; the line number is only where errors are reported (``file.jsonl:LINE``);
- ``-``: JSON Lines on stdin.

Articles are read lazily, one at a time, so a batch of any size holds one article in memory
(plus those in flight to worker processes).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.errors import InputError
from kg.ingest import ARTICLE_SUFFIXES, article_from_fields, list_folder, read_article
from kg.model import Article

JSONL_SUFFIX = ".jsonl"
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Item:
    """One article of a batch, or the reason it could not be read."""

    source: str
    article: Article | None = None
    error: InputError | None = None


def expand(paths: Iterable[Path | str]) -> list[Path | str]:
    """The files a batch reads, in order: a folder gives its ``.txt``, ``.md`` and ``.jsonl``
    files (:func:`kg.ingest.list_folder`: sorted, hidden and ``.kgignore``-d ones left out),
    ``-`` stays as it is.

    Raises:
        InputError: a path does not exist (KG201) or a folder holds no article (KG202).
    """
    found: list[Path | str] = []
    for raw in paths:
        if str(raw) == STDIN:
            found.append(STDIN)
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError("KG201", f"{path}: no such file or directory")
        if path.is_dir():
            files = list_folder(path, (*ARTICLE_SUFFIXES, JSONL_SUFFIX))
            if not files:
                raise InputError(
                    "KG202", f"{path}: directory holds no article (.txt, .md or .jsonl files)"
                )
            found.extend(files)
        else:
            found.append(path)
    return found


def count(files: Iterable[Path | str]) -> int | None:
    """How many articles the files hold (a ``.jsonl`` counts its non-blank lines); ``None``
    when one of them is stdin."""
    total = 0
    for f in files:
        if f == STDIN:
            return None
        path = Path(f)
        if path.suffix.lower() == JSONL_SUFFIX:
            try:
                with path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def iter_items(files: Iterable[Path | str], *, stdin: IO[str] | None = None) -> Iterator[Item]:
    """Every article of the files, in order, each read when it is needed."""
    for f in files:
        if f == STDIN:
            yield from iter_jsonl(stdin if stdin is not None else sys.stdin, "<stdin>")
            continue
        path = Path(f)
        if path.suffix.lower() == JSONL_SUFFIX:
            try:
                with path.open(encoding="utf-8", errors="strict", newline="") as fh:
                    yield from iter_jsonl(fh, str(path))
            except OSError as e:
                yield Item(str(path), error=InputError("KG201", f"{path}: cannot read ({e})"))
            except UnicodeDecodeError as e:
                yield Item(str(path), error=InputError("KG204", f"{path}: not UTF-8 ({e})"))
            continue
        try:
            yield Item(str(path), article=read_article(path))
        except InputError as e:
            yield Item(str(path), error=e)


def iter_jsonl(lines: Iterable[str], name: str) -> Iterator[Item]:
    """The articles of a JSON Lines stream; a bad line is an :class:`Item` with its error."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            yield Item(where, article=article_from_record(line, where=where))
        except InputError as e:
            yield Item(where, error=e)


def article_from_record(line: str, *, where: str) -> Article:
    """One JSON Lines record -> :class:`Article`.

    Raises:
        InputError: not a JSON object (KG209), no string ``text`` (KG206), a bad ``published``
            date (KG207).
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError("KG209", f"{where}: not a JSON object ({e.msg})") from None
    if not isinstance(record, dict):
        raise InputError("KG209", f"{where}: not a JSON object")
    meta = {str(k).lower(): v for k, v in record.items()}
    text = meta.pop("text", None)
    if not isinstance(text, str):
        raise InputError("KG206", f"{where}: no article text (a string under 'text')")
    if "\x00" in text:
        raise InputError("KG203", f"{where}: binary data, not a text article")
    meta = {k: v for k, v in meta.items() if v is not None}
    return article_from_fields(text, meta, where=where)
