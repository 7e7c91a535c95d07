"""Atomic file writes: the one implementation every writer of newskg uses."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from kg.errors import InputError


def write_atomic(path: Path, data: bytes | str, *, mkdir: bool = False) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` through a temporary file in the
    same folder, flushed to disk, then ``os.replace``: readers see the old file or the new
    one, never a partial one, and nothing is left behind on failure.

    Args:
        path: the file to write.
        data: its whole content.
        mkdir: create the parent folders first.

    Raises:
        InputError: the file cannot be written (KG221).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        if mkdir:
            folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise InputError("KG221", f"{path}: cannot write ({e.strerror or e})") from e
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
