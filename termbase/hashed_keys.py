"""String keys found through their 64-bit hashes: two numpy arrays (the hashes sorted, and the
entry each belongs to), which a cache entry can hold and memory-map. A look-up gives the entries
whose key may be the query's; the caller compares the keys themselves, so a collision never gives a
wrong answer. The lookup index's exact and folded tables and the word-frequency lists use it.

The hash of a key of ``n`` code points ``c[0] .. c[n - 1]`` is a polynomial over them, seeded with
the length and its bits then spread (splitmix64's finalizer), all modulo 2**64:

    p = n * P**n + c[0] * P**(n - 1) + ... + c[n - 1],   h = mix(p)

so that a table's hundreds of thousands of keys are hashed together with array operations
(:func:`key_hashes`), and one query with Python integers (:func:`key_hash`), to the same value.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["HashedKeys", "key_hash", "key_hashes"]

_MASK = (1 << 64) - 1
_P = 0x100000001B3
"""P of the polynomial: odd (FNV's 64-bit prime)."""
_MIX = (0xBF58476D1CE4E5B9, 0x94D049BB133111EB)
"""splitmix64's finalizer multipliers."""
_CHUNK = 1 << 20
"""Code points hashed per array pass by :func:`key_hashes` (bounds its temporary arrays)."""


def key_hash(key: str) -> int:
    """A 64-bit hash of ``key``, the same in every process (Python's own ``hash`` of a string is not)."""
    value = len(key)
    for code in map(ord, key):
        value = (value * _P + code) & _MASK
    value ^= value >> 30
    value = (value * _MIX[0]) & _MASK
    value ^= value >> 27
    value = (value * _MIX[1]) & _MASK
    return value ^ (value >> 31)


def key_hashes(keys: Sequence[str]) -> npt.NDArray[np.uint64]:
    """:func:`key_hash` of each of ``keys``, with array operations over their code points."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    powers = _powers(int(lengths.max()) + 1 if len(keys) else 1)
    sums = np.zeros(len(keys), dtype=np.uint64)
    total = np.cumsum(lengths)
    first = 0
    while first < len(keys):  # keys whose code points make about one chunk at a time
        done = int(total[first - 1]) if first else 0
        last = max(first + 1, int(np.searchsorted(total, done + _CHUNK, side="right")))
        sizes = lengths[first:last]
        codes = np.frombuffer("".join(keys[first:last]).encode("utf-32-le", "surrogatepass"),
                              dtype=np.uint32).astype(np.uint64)
        ends = np.cumsum(sizes)
        exponents = np.repeat(ends - 1, sizes) - np.arange(len(codes), dtype=np.int64)
        terms = codes * powers[exponents]
        filled = np.flatnonzero(sizes)
        if filled.size:
            sums[first + filled] = np.add.reduceat(terms, (ends - sizes)[filled])
        first = last
    with np.errstate(over="ignore"):
        value = lengths.astype(np.uint64) * powers[lengths] + sums
        value ^= value >> np.uint64(30)
        value *= np.uint64(_MIX[0])
        value ^= value >> np.uint64(27)
        value *= np.uint64(_MIX[1])
        value ^= value >> np.uint64(31)
    return value


def _powers(count: int) -> npt.NDArray[np.uint64]:
    """``P**k`` modulo 2**64 for ``k`` below ``count``."""
    powers = [1] * count
    for k in range(1, count):
        powers[k] = (powers[k - 1] * _P) & _MASK
    return np.array(powers, dtype=np.uint64)


class HashedKeys:
    """Entries by the hash of a string key: the hashes sorted, equal hashes' entries in entry order.
    A look-up gives the entries whose key may be the query's; the caller compares the keys."""

    def __init__(self, hashes: npt.NDArray[np.uint64], entries: npt.NDArray[np.int32]) -> None:
        self.hashes = hashes
        self.entries = entries

    @classmethod
    def of(cls, keys: Sequence[str]) -> HashedKeys:
        """The keys of entries ``0 .. len(keys) - 1``, in entry order."""
        hashes = key_hashes(keys)
        order = np.argsort(hashes, kind="stable")
        return cls(hashes[order], order.astype(np.int32))

    def get(self, key: str) -> list[int]:
        """The entries whose key has the hash of ``key``."""
        hashes, value = self.hashes, key_hash(key)
        end = start = int(hashes.searchsorted(np.uint64(value)))
        while end < len(hashes) and hashes[end] == value:  # mostly none or one
            end += 1
        found: list[int] = self.entries[start:end].tolist()
        return found

    def check(self, count: int) -> None:
        """Raise ValueError unless the tables fit ``count`` entries."""
        if (len(self.hashes) != count or len(self.entries) != count or np.any(self.hashes[1:] < self.hashes[:-1])
                or (count and (self.entries.min() < 0 or self.entries.max() >= count))):
            raise ValueError("stored hash tables do not fit their keys")
