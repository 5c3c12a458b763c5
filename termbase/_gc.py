"""Pausing the cyclic garbage collector while a large structure is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector disabled, then restore its state.

    Building a glossary or an index allocates millions of objects that all stay alive; the
    collector, triggered by allocations, would traverse them again and again (the oldest
    generation each time the heap grows by a quarter), which made loading 100k concepts several
    times slower than the work itself. These structures hold no reference cycles to reclaim, and
    reference counting still frees everything else at once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
