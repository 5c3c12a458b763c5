"""The match percentage of a stored segment for a new one (the formula README.md documents).

With ``n`` and ``m`` the token counts of the new and the stored source, ``d`` their token-level
Levenshtein distance (insert, delete, substitute: 1 each) and ``M = max(n, m)``::

    fuzzy = floor(100 × (M − d) / M)                      0 … 99 whenever a token differs
    100   the texts are identical (after Unicode NFC and collapsing white space)
    99    same tokens, different text: punctuation, case, diacritics, letter variants (FORMAT_PENALTY)
    − 1   the memory holds more than one translation of this source (MULTIPLE_TRANSLATIONS_PENALTY)
    101   an identical text whose stored neighbour (the segment before it in its document, and the
          one after it when the query gives that too) is identical to the new segment's neighbour

A score is never below 0. Since every penalty only lowers ``fuzzy``, the candidate filter may bound
the score by ``fuzzy`` alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

__all__ = [
    "CONTEXT_SCORE",
    "EXACT_SCORE",
    "FORMAT_PENALTY",
    "MULTIPLE_TRANSLATIONS_PENALTY",
    "Difference",
    "differences",
    "final_score",
    "fuzzy_score",
    "normalize_text",
    "required_shared",
]

EXACT_SCORE = 100
CONTEXT_SCORE = 101
FORMAT_PENALTY = 1
MULTIPLE_TRANSLATIONS_PENALTY = 1

_SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The text exact matches compare: NFC, runs of white space as one space, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fuzzy_score(n: int, m: int, distance: int) -> int:
    """``floor(100 × (M − d) / M)`` with ``M = max(n, m)``; 100 for two empty token lists."""
    longest = max(n, m)
    if longest == 0:
        return EXACT_SCORE
    return 100 * (longest - distance) // longest


def required_shared(longest: int, min_score: int) -> int:
    """Fewest shared tokens a segment needs to reach ``min_score`` when ``M = longest``.

    ``fuzzy ≥ S`` ⟺ ``100 (M − d) ≥ S·M``, and ``d ≥ M − shared`` (every unshared token costs an
    edit), so ``shared ≥ ceil(S·M / 100)``.
    """
    return -(-min_score * longest // 100)


def final_score(
    *, fuzzy: int, identical: bool, translations: int, context: bool,
) -> int:
    """Apply exact, format, multiple-translation and context rules to a ``fuzzy`` score."""
    if identical and context:
        return CONTEXT_SCORE
    score = EXACT_SCORE if identical else min(fuzzy, EXACT_SCORE - FORMAT_PENALTY)
    if translations > 1:
        score -= MULTIPLE_TRANSLATIONS_PENALTY
    return max(score, 0)


@dataclass(frozen=True, slots=True)
class Difference:
    """One edit between the new and the stored tokens: ``op`` is ``replace``, ``insert`` or ``delete``.

    ``query`` and ``stored`` are token index ranges ``(start, end)`` into each token list
    (``insert``: tokens only the stored segment has; ``delete``: tokens only the new one has).
    """

    op: str
    query: tuple[int, int]
    stored: tuple[int, int]


def differences(query: Sequence[str], stored: Sequence[str]) -> list[Difference]:
    """The token edits from ``query`` to ``stored`` (rapidfuzz opcodes, equal runs left out)."""
    return [
        Difference(op.tag, (op.src_start, op.src_end), (op.dest_start, op.dest_end))
        for op in Levenshtein.opcodes(list(query), list(stored))
        if op.tag != "equal"
    ]
