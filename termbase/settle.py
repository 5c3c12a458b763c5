"""Long-lived objects handed to the cyclic garbage collector's permanent generation.

Loading a large glossary and building its indexes allocate millions of objects that all stay
alive; each full collection walks every one of them again, which once made a 100k-concept load
several times slower than the work itself. :func:`settle` calls :func:`gc.freeze`, so that later
collections skip everything alive at that moment. The collector is never switched off or on (that
is process-wide state that one thread could change inside another's work). The cost, stated: a
reference cycle that is alive when :func:`settle` runs and dropped later is not collected (call
:func:`gc.unfreeze` to hand everything back). ``benchmarks/bench_gc.py`` measures the effect.
"""

from __future__ import annotations

import gc

__all__ = ["settle"]


def settle() -> None:
    """Move every object alive now to the collector's permanent generation."""
    gc.freeze()
