"""String keys found through their 64-bit hashes: two numpy arrays (the hashes sorted, and the
entry each belongs to), which a cache entry can hold and memory-map. A look-up gives the entries
whose key may be the query's; the caller compares the keys themselves, so a collision never gives a
wrong answer. The lookup index's exact and folded tables and the word-frequency lists use it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

__all__ = ["HashedKeys", "key_hash"]


def key_hash(key: str) -> int:
    """A 64-bit hash of ``key``, the same in every process (Python's own ``hash`` of a string is not)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


class HashedKeys:
    """Entries by the hash of a string key: the hashes sorted, equal hashes' entries in entry order.
    A look-up gives the entries whose key may be the query's; the caller compares the keys."""

    def __init__(self, hashes: npt.NDArray[np.uint64], entries: npt.NDArray[np.int32]) -> None:
        self.hashes = hashes
        self.entries = entries

    @classmethod
    def of(cls, keys: Iterable[str], count: int) -> HashedKeys:
        """The keys of entries ``0 .. count - 1``, in entry order."""
        hashes = np.fromiter(map(key_hash, keys), dtype=np.uint64, count=count)
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
