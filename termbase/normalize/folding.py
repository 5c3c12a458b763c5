"""Folding of Arabic and Latin text into match keys, with a map back to the original offsets.

One scheme serves lookup keys and running text alike: every character is folded on its own
(diacritics and format marks removed, letter variants unified, compatibility forms expanded by
NFKC, Latin lower-cased without accents), punctuation and white space become a single space.
:func:`fold_text` keeps a compact offset map so that any span of the folded text maps back to
the exact span of the original string.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from termbase.normalize.charmap import load_rules

__all__ = ["FOLDING_SCHEME", "FoldedText", "fold", "fold_char", "fold_text"]

FOLDING_SCHEME = "termbase-fold-1"
"""Name and version of the folding scheme; part of every reproducibility signature."""

_SEPARATOR = " "
_RUNS_OF_SPACES = re.compile("  +")
_ATTACHED = "\u0640"  # tatweel attaches to the letter before it, like a combining mark
_FOLD_CACHE: dict[str, str] = {}


def _fold_uncached(char: str) -> str:
    rules = load_rules()
    if char in rules.remove:
        return ""
    if char in rules.mapping:
        return "".join(_fold_uncached(c) if c != char else c for c in rules.mapping[char])
    if char in rules.keep:
        return char
    compat = unicodedata.normalize("NFKC", char)
    if compat != char:
        return "".join(fold_char(c) for c in compat)
    category = unicodedata.category(char)
    if category == "Mn":
        return ""
    if category[0] in "ZP" or category == "Cc":
        return _SEPARATOR
    if category == "Cf":
        return ""
    lowered = char.lower()
    stripped = "".join(
        c
        for c in unicodedata.normalize("NFKD", lowered)
        if unicodedata.category(c) != "Mn"
    )
    return stripped or lowered


def fold_char(char: str) -> str:
    """Fold one character: ``""`` when removed, ``" "`` for a separator, else its folded form."""
    folded = _FOLD_CACHE.get(char)
    if folded is None:
        folded = _FOLD_CACHE[char] = _fold_uncached(char)
    return folded


def _table(text: str) -> tuple[dict[int, str], str]:
    """Translation table for the characters of ``text`` and a class of length-changing ones."""
    table: dict[int, str] = {}
    changing: list[str] = []
    for char in set(text):
        folded = fold_char(char)
        if folded != char:
            table[ord(char)] = folded
            if len(folded) != 1:
                changing.append(char)
    pattern = "[" + "".join(re.escape(c) for c in sorted(changing)) + "]" if changing else ""
    return table, pattern


@dataclass(frozen=True, slots=True)
class _Stage:
    """Offset map of one rewriting step: identity except for the listed pieces.

    A piece says that output ``[out_start, out_end)`` came from input ``[in_start, in_end)``;
    pieces are sorted and disjoint. A removal has ``out_start == out_end``.
    """

    out_starts: list[int] = field(default_factory=list)
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)

    def add(self, out_start: int, out_end: int, in_start: int, in_end: int) -> None:
        self.out_starts.append(out_start)
        self.pieces.append((out_start, out_end, in_start, in_end))

    def char_range(self, index: int) -> tuple[int, int]:
        """Input range that produced output character ``index``."""
        i = bisect_right(self.out_starts, index) - 1
        if i < 0:
            return index, index + 1
        _, out_end, in_start, in_end = self.pieces[i]
        if index < out_end:
            return in_start, in_end
        shifted = index - out_end + in_end
        return shifted, shifted + 1


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A text, its folded form, and the map from folded spans back to original spans."""

    original: str
    folded: str
    _stages: tuple[_Stage, ...] = ()

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of folded ``[start, end)`` (``end > start``).

        The end reaches over combining marks and tatweel attached to the last character, so a
        span never cuts a base letter from its marks.
        """
        if not 0 <= start < end <= len(self.folded):
            raise ValueError(f"span [{start}, {end}) is not inside the folded text")
        first, last = start, end - 1
        for stage in reversed(self._stages):
            first = stage.char_range(first)[0]
            last = stage.char_range(last)[1] - 1
        original = self.original
        stop = last + 1
        while stop < len(original) and (
            original[stop] == _ATTACHED or unicodedata.category(original[stop]) == "Mn"
        ):
            stop += 1
        return first, stop

    def original_text(self, start: int, end: int) -> str:
        """The original substring behind folded ``[start, end)``."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


def fold_text(text: str) -> FoldedText:
    """Fold running text, keeping the offset map (no stripping, runs of separators collapse)."""
    table, pattern = _table(text)
    translated = text.translate(table)
    stages: list[_Stage] = []
    if pattern:
        stage = _Stage()
        shift = 0
        for match in re.finditer(pattern, text):
            at = match.start()
            width = len(table[ord(text[at])])
            out_start = at + shift
            stage.add(out_start, out_start + width, at, at + 1)
            shift += width - 1
        stages.append(stage)
    if "  " in translated:
        stage = _Stage()
        removed = 0
        for match in _RUNS_OF_SPACES.finditer(translated):
            out_start = match.start() - removed
            stage.add(out_start, out_start + 1, match.start(), match.end())
            removed += match.end() - match.start() - 1
        translated = _RUNS_OF_SPACES.sub(_SEPARATOR, translated)
        stages.append(stage)
    return FoldedText(text, translated, tuple(stages))


def fold(text: str) -> str:
    """The match key of ``text``: folded, separators collapsed to one space, stripped."""
    table, _ = _table(text)
    folded = text.translate(table)
    if "  " in folded:
        folded = _RUNS_OF_SPACES.sub(_SEPARATOR, folded)
    return folded.strip(_SEPARATOR)
