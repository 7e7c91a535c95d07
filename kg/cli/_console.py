"""Consoles and error handling shared by the commands: results go to stdout, everything
else (progress, diagnostics, errors) to stderr."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from kg.errors import KgError

#: diagnostics and progress (stderr); results are written to stdout. Neither console
#: turns ``:name:`` into an emoji: paths and messages such as ``news.jsonl:100: ...``
#: are printed as they are.
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 a graph does not conform to the shapes (or a check failed); "
    "2 usage error; 3 bad input or configuration; 4 an external service failed."
)


def out() -> Console:
    """A console on the current stdout (for tables): the terminal's width on a terminal,
    else wide enough that no cell is cut when the output is piped or saved."""
    width = None if sys.stdout.isatty() else 10_000
    return Console(file=sys.stdout, highlight=False, soft_wrap=True, width=width, emoji=False)


def say(message: str) -> None:
    """One diagnostic line on stderr, printed as is (no markup)."""
    err.print(message, markup=False)


def write_stdout(data: bytes | str) -> None:
    """Write a result to stdout as it is."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # the reader went away (`kg build ... | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


@contextmanager
def handled() -> Iterator[None]:
    """Turn a :class:`KgError` into one line ``error: KGnnn: message`` on stderr and its
    exit code; never a traceback."""
    try:
        yield
    except KgError as e:
        say(f"error: {e.code}: {e.message}")
        raise typer.Exit(e.exit_code) from None
