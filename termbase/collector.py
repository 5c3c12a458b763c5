"""The cyclic garbage collector held off while termbase builds something large, then put back.

Loading a large glossary and building its indexes allocate millions of objects that all stay
alive; collections during that work walk every one of them again and again, which once made a
100k-concept load several times slower than the work itself. :func:`collector_paused` disables
the collector for the duration of a ``with`` block and restores the state it found when the
outermost block ends: a library call leaves ``gc.isenabled()``, the thresholds and the frozen
objects (``gc.get_freeze_count()``) as they were. Blocks nest and may run in several threads at
once: the first to enter records whether the collector was on, the last to leave switches it back
on only then. While a block runs, no thread of the process collects cycles (reference counting
still frees everything else); an application that wants its long-lived objects out of later
collections may call ``gc.freeze()`` itself, as the ``termbase`` program does not need to (it runs
with the collector off). ``benchmarks/bench_gc.py`` measures the effect.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; the outermost block restores what it found."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
