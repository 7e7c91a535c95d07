"""A cache keyed by the identity of its arguments, for values derived from objects that are
loaded once and live as long as the process (lexicons, a pipeline's vocabulary) but are
unhashable, or slow to hash on every call (a tuple does not keep its hash)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

R = TypeVar("R")

#: results kept per function: one per lexicon or pipeline in use, and a few spare
SIZE = 4


def by_identity(fn: Callable[..., R]) -> Callable[..., R]:
    """Remember the last :data:`SIZE` results of ``fn`` by the identity (``is``) of its
    positional arguments. The arguments are kept with their result, so that an identity
    cannot be reused by another object while it is cached.

    Example:
        >>> calls = []
        >>> @by_identity
        ... def size(words):
        ...     calls.append(1)
        ...     return len(words)
        >>> words = ["a", "b"]
        >>> size(words), size(words), size(["a", "b"]), len(calls)
        (2, 2, 2, 2)
    """
    recent: list[tuple[tuple[object, ...], R]] = []

    @functools.wraps(fn)
    def cached(*args: object) -> R:
        for known, value in recent:
            if len(known) == len(args) and all(a is b for a, b in zip(known, args, strict=True)):
                return value
        value = fn(*args)
        recent[:] = [*recent[-(SIZE - 1) :], (args, value)]
        return value

    return cached
