"""Candidate generation for fuzzy retrieval: a token inverted index with a count filter.

Every stored source is a sequence of token ids. The index holds, per token id, the segments
containing it (a segment once per occurrence), ordered by segment length, then row number, and
every segment's length. For a query of ``n`` tokens and a minimum score ``S``, a stored segment of
``m`` tokens can reach ``S`` only if it shares ``t(m) = ceil(S·M / 100)`` tokens with the query
(multiset intersection), ``M = max(n, m)`` (:func:`termbase.tm.scoring.required_shared`), so only
lengths ``ceil(S·n/100) ≤ m ≤ floor(100·n/S)`` can (shared ≤ min(n, m)).

Prefix filter by length: sort the query's token positions rarest first. The ``n − t(m)`` positions
after the first ``n − t(m) + 1`` can supply at most ``t(m) − 1`` shared tokens, so such a segment
holds a token of one of the first ``n − t(m) + 1`` positions. Read the other way, the token at
rank ``i`` (0-based) is needed only for segments with ``t(m) ≤ n − i``, i.e. ``m ≤ n`` or
``m ≤ floor(100·(n − i)/S)``: its rows are read in that length range only, one slice of its
length-ordered postings. Then the shared count of each candidate is summed over the query tokens,
rarest first, by binary search in their postings; after each token a candidate that could not
reach ``t(m)`` even sharing every token still to count is dropped, so the long rows of frequent
tokens are searched for few candidates. Nothing that can reach ``S`` is dropped; what is left is
rescored exactly with rapidfuzz.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from termbase.tm.scoring import required_shared

__all__ = ["CandidateIndex"]

Rows = npt.NDArray[np.int64]
_SHIFT = 32
_ROW = (1 << _SHIFT) - 1


class CandidateIndex:
    """Inverted index over token-id sequences (row ``i`` is ``sequences[i]``)."""

    def __init__(self, flat: npt.NDArray[np.int64], offsets: npt.NDArray[np.int64], vocabulary: int) -> None:
        """``flat[offsets[i]:offsets[i+1]]`` are the token ids of row ``i``; ids are below ``vocabulary``."""
        self.flat = flat
        self.offsets = offsets
        self.lengths = np.diff(offsets)
        rows = np.repeat(np.arange(len(self.lengths), dtype=np.int64), self.lengths)
        keys = (self.lengths[rows] << _SHIFT) | rows  # sorted by length, then row
        del rows
        by_key = np.argsort(keys, kind="stable")
        order = by_key[np.argsort(flat[by_key], kind="stable")]
        del by_key
        self.postings = keys[order]
        """Per token, ``(length << 32) | row`` of each occurrence, ascending (a slice per token)."""
        counts = np.bincount(flat, minlength=vocabulary) if len(flat) else np.zeros(vocabulary, np.int64)
        self.starts = np.zeros(vocabulary + 1, dtype=np.int64)
        np.cumsum(counts, out=self.starts[1:])

    @classmethod
    def from_sequences(cls, sequences: Sequence[Sequence[int]], vocabulary: int) -> CandidateIndex:
        """Build from a list of token-id sequences."""
        lengths = np.fromiter((len(s) for s in sequences), dtype=np.int64, count=len(sequences))
        offsets = np.zeros(len(sequences) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        flat = np.fromiter((t for s in sequences for t in s), dtype=np.int64, count=int(offsets[-1]))
        return cls(flat, offsets, vocabulary)

    def __len__(self) -> int:
        return len(self.lengths)

    def row(self, row: int) -> npt.NDArray[np.int64]:
        """The token ids of ``row``."""
        return self.flat[self.offsets[row]:self.offsets[row + 1]]

    def keys_of(self, token: int) -> Rows:
        """``(length << 32) | row`` of the rows holding ``token``, ascending, once per occurrence."""
        if token < 0 or token + 1 >= len(self.starts):
            return np.empty(0, dtype=np.int64)
        return self.postings[self.starts[token]:self.starts[token + 1]]

    def rows_of(self, token: int) -> Rows:
        """The rows holding ``token``, a row once per occurrence (empty for an unknown id)."""
        return np.sort(self.keys_of(token) & _ROW)

    def candidates(self, query: Sequence[int], min_score: int) -> tuple[Rows, Rows]:
        """Rows that may reach ``min_score`` (0–100) and the bound on their score, best bound first.

        ``query`` holds token ids; a token the memory does not contain has an id of at least the
        vocabulary size. The bound is ``floor(100 × shared / M)``; ties by row.
        """
        n = len(query)
        t_min = required_shared(n, min_score)
        wanted = Counter(query)
        frequency = {t: len(self.keys_of(t)) for t in wanted}
        by_rarity = sorted(query, key=lambda t: (frequency[t], t))
        if t_min == 0:
            keys = np.sort((self.lengths << _SHIFT) | np.arange(len(self.lengths), dtype=np.int64))
        else:
            longest = 100 * n // min_score  # shared ≤ min(n, m) < t(m) beyond this length
            low = t_min << _SHIFT
            slices, first = [], set()
            for rank, token in enumerate(by_rarity[: n - t_min + 1]):
                if token in first:
                    continue
                first.add(token)
                postings = self.keys_of(token)
                high = (min(longest, 100 * (n - rank) // min_score) + 1) << _SHIFT
                a, b = np.searchsorted(postings, (low, high))
                if b > a:
                    slices.append(postings[a:b])
            if not slices:
                return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
            keys = np.sort(np.concatenate(slices))  # np.unique hashes: many times slower here
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        # Count shared tokens, rarest first; after each token drop the rows that cannot reach
        # their t(M) even if they share every query token still to count.
        lengths = keys >> _SHIFT
        longest_of = np.maximum(lengths, n)
        need = -(-min_score * longest_of // 100)
        keep = np.minimum(lengths, n) >= need  # shared ≤ min(n, m)
        keys, longest_of, need = keys[keep], longest_of[keep], need[keep]
        shared = np.zeros(len(keys), dtype=np.int64)
        remaining = n
        for token in sorted(wanted, key=lambda t: (frequency[t], t)):
            count = wanted[token]
            remaining -= count
            postings = self.keys_of(token)
            if len(postings):
                present = np.searchsorted(postings, keys, side="right") - np.searchsorted(postings, keys, side="left")
                np.minimum(present, count, out=present)
                shared += present
            keep = shared + remaining >= need
            if not keep.all():
                keys, shared, longest_of, need = keys[keep], shared[keep], longest_of[keep], need[keep]
        rows = keys & _ROW
        bound = np.where(longest_of == 0, 100, shared * 100 // np.maximum(longest_of, 1))
        order = np.lexsort((rows, -bound))
        return rows[order], bound[order]
