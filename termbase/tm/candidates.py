"""Candidate generation for fuzzy retrieval: a token inverted index with a count filter.

Every stored source is a sequence of token ids. The index holds, per token id, the sorted row
numbers of the segments containing it (a row once per occurrence) and every segment's length.
For a query of ``n`` tokens and a minimum score ``S``, a stored segment of ``m`` tokens can reach
``S`` only if it shares ``t(M) = ceil(S·M / 100)`` tokens with the query (multiset intersection),
``M = max(n, m)`` (:func:`termbase.tm.scoring.required_shared`). Since ``M ≥ n``, every such
segment shares at least ``t_min = ceil(S·n / 100)`` tokens, so it contains one of the
``n − t_min + 1`` rarest query tokens (the other ``t_min − 1`` cannot supply ``t_min`` shared
tokens alone): only those tokens' rows are read (prefix filtering). Candidates too short or too
long to share ``t(M)`` tokens are dropped, then the shared count of each is summed over the query
tokens, rarest first, by binary search in their rows; after each token a candidate that could not
reach ``t(M)`` even sharing every token still to count is dropped, so the long rows of frequent
tokens are searched for few candidates. Nothing that can reach ``S`` is dropped; what is left is rescored
exactly with rapidfuzz.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from termbase.tm.scoring import required_shared

__all__ = ["CandidateIndex"]

Rows = npt.NDArray[np.int64]


class CandidateIndex:
    """Inverted index over token-id sequences (row ``i`` is ``sequences[i]``)."""

    def __init__(self, flat: npt.NDArray[np.int64], offsets: npt.NDArray[np.int64], vocabulary: int) -> None:
        """``flat[offsets[i]:offsets[i+1]]`` are the token ids of row ``i``; ids are below ``vocabulary``."""
        self.flat = flat
        self.offsets = offsets
        self.lengths = np.diff(offsets)
        rows = np.repeat(np.arange(len(self.lengths), dtype=np.int64), self.lengths)
        order = np.argsort(flat, kind="stable")
        self.postings = rows[order]
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

    def rows_of(self, token: int) -> Rows:
        """The rows holding ``token``, sorted, a row once per occurrence (empty for an unknown id)."""
        if token < 0 or token + 1 >= len(self.starts):
            return np.empty(0, dtype=np.int64)
        return self.postings[self.starts[token]:self.starts[token + 1]]

    def candidates(self, query: Sequence[int], min_score: int) -> tuple[Rows, Rows]:
        """Rows that may reach ``min_score`` (0–100) and the bound on their score, best bound first.

        ``query`` holds token ids; a token the memory does not contain has an id of at least the
        vocabulary size. The bound is ``floor(100 × shared / M)``; ties by row.
        """
        n = len(query)
        t_min = required_shared(n, min_score)
        wanted = Counter(query)
        if t_min == 0:
            rows = np.arange(len(self.lengths), dtype=np.int64)
        else:
            by_rarity = sorted(query, key=lambda t: (len(self.rows_of(t)), t))
            prefix = set(by_rarity[: n - t_min + 1])
            lists = [self.rows_of(t) for t in prefix if t >= 0]
            if not lists:
                return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
            rows = np.unique(np.concatenate(lists))
        # Count shared tokens, rarest first; after each token drop the rows that cannot reach
        # their t(M) even if they share every query token still to count.
        longest = np.maximum(self.lengths[rows], n)
        need = -(-min_score * longest // 100)
        keep = np.minimum(self.lengths[rows], n) >= need  # shared ≤ min(n, m)
        rows, longest, need = rows[keep], longest[keep], need[keep]
        shared = np.zeros(len(rows), dtype=np.int64)
        remaining = n
        for token in sorted(wanted, key=lambda t: (len(self.rows_of(t)), t)):
            count = wanted[token]
            remaining -= count
            postings = self.rows_of(token)
            if len(postings):
                present = np.searchsorted(postings, rows, side="right") - np.searchsorted(postings, rows, side="left")
                np.minimum(present, count, out=present)
                shared += present
            keep = shared + remaining >= need
            if not keep.all():
                rows, shared, longest, need = rows[keep], shared[keep], longest[keep], need[keep]
        bound = np.where(longest == 0, 100, shared * 100 // np.maximum(longest, 1))
        order = np.lexsort((rows, -bound))
        return rows[order], bound[order]
