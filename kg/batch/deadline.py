"""A time limit on building one article, so that one pathological article (an endless loop
in a rule, a parse that never ends) cannot stall a batch.

The limit is a ``SIGALRM`` timer (:func:`signal.setitimer`) whose handler raises
:class:`ArticleTimeout` in the code that is running: it interrupts Python code, which is
where newskg's own steps run; a long stretch of compiled code (inside spaCy's parser) is
interrupted when it returns to Python. Signals reach only the main thread of a process, so
the limit holds in ``kg build`` (the calling process with ``--workers 1``, and each process
of ``--workers N``, whose tasks run in their main thread) but not in a thread (a Dask worker
runs tasks in threads): there, :func:`deadline` does nothing, as documented in
``docs/scale.md``.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: seconds one article may take to build before it is skipped (``kg build --timeout``)
DEFAULT_TIMEOUT = 120.0


class ArticleTimeout(Exception):
    """Building an article took longer than its time limit."""


def enforceable() -> bool:
    """Whether a limit can be set here (a main thread on a system with ``SIGALRM``)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block once it has run ``seconds`` (wall clock).

    ``None`` or ``0`` sets no limit, and so does a thread other than the main one.

    Example:
        >>> with deadline(5):
        ...     total = sum(range(10))
        >>> total
        45
    """
    if not seconds or seconds <= 0 or not enforceable():
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise ArticleTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
