"""Progress of long work on standard error, on a terminal only; one-line notes.

Every build or check that can take more than about a second goes through :func:`track` (an
iterable) or :func:`progress_bar` (a count): nothing is drawn unless standard error is a
terminal, and even then only once the work has run for :data:`DELAY` seconds, so short work and
redirected or captured output stay quiet. The bar is tqdm's, without its monitor thread, and is
erased when the work ends.

:func:`note` prints one line (``termbase: note: …``) once per process and message: what a user
should know but that changes no result, such as a cache that could not be written.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["DELAY", "Progress", "note", "progress_bar", "track"]

DELAY = 1.0
"""Seconds of work before a bar appears."""

_T = TypeVar("_T")


def _terminal() -> Any:
    """Standard error when it is a terminal, else None."""
    stream = sys.stderr
    try:
        return stream if stream is not None and stream.isatty() else None
    except (AttributeError, ValueError):  # replaced by an object without isatty, or closed
        return None


class Progress:
    """A count of work done; :meth:`advance` is cheap, and a no-op off a terminal."""

    def __init__(self, bar: Any) -> None:
        self._bar = bar

    def advance(self, amount: int = 1) -> None:
        """Count ``amount`` more units done."""
        if self._bar is not None:
            self._bar.update(amount)


def _open(description: str, total: int | None, unit: str, items: Iterable[Any] | None = None) -> Any:
    stream = _terminal()
    if stream is None:
        return None
    from tqdm import tqdm  # imported on a terminal only: it takes longer than the rest of this module

    class _Bar(tqdm):  # type: ignore[type-arg]
        monitor_interval = 0  # no monitor thread: the bar refreshes when it is updated

    return _Bar(items, total=total, desc=description, unit=unit, file=stream, delay=DELAY, leave=False,
                dynamic_ncols=True, unit_scale=total is not None and total >= 10_000)


@contextmanager
def progress_bar(description: str, total: int | None = None, *, unit: str = "it") -> Iterator[Progress]:
    """A bar for ``total`` units of work (unknown when None) while the block runs."""
    bar = _open(description, total, unit)
    try:
        yield Progress(bar)
    finally:
        if bar is not None:
            bar.close()


def track(items: Iterable[_T], description: str, *, total: int | None = None, unit: str = "it") -> Iterable[_T]:
    """``items`` with a bar (``total`` defaults to ``len(items)`` when it has one).

    Off a terminal this returns ``items`` itself, so a loop over it costs nothing more.
    """
    if _terminal() is None:
        return items
    if total is None:
        total = len(items) if hasattr(items, "__len__") else None  # type: ignore[arg-type]
    return _tracked(items, description, total, unit)


def _tracked(items: Iterable[_T], description: str, total: int | None, unit: str) -> Iterator[_T]:
    bar = _open(description, total, unit, items)
    if bar is None:
        yield from items
        return
    try:
        yield from bar
    finally:
        bar.close()


_noted: set[str] = set()
_noted_lock = threading.Lock()


def note(message: str) -> None:
    """Print ``termbase: note: message`` on standard error, once per process for each message."""
    with _noted_lock:
        if message in _noted:
            return
        _noted.add(message)
    stream = sys.stderr
    if stream is not None:
        try:
            print(f"termbase: note: {message}", file=stream, flush=True)
        except (OSError, ValueError):  # a closed or broken standard error loses the note, nothing else
            pass
