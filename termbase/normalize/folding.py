"""Folding of Arabic and Latin text into match keys, with a map back to the original offsets.

One scheme serves lookup keys and running text alike: every character is folded on its own
(diacritics and format marks removed, letter variants unified, compatibility forms expanded by
NFKC, Latin lower-cased without accents), punctuation and white space become a single space.
:func:`fold_text` keeps a compact offset map so that any span of the folded text maps back to
the exact span of the original string.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

import numpy as np
import numpy.typing as npt

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


class _FoldTable(dict[int, str]):
    """The translation table of :func:`fold`: one for the process, filled on demand (``str.translate``
    asks it for each character; a character not seen before is folded once by :func:`fold_char`)."""

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = fold_char(chr(codepoint))
        return folded


_TABLE = _FoldTable()


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A text, its folded form, and the map from folded spans back to original spans.

    ``starts[i]`` and ``ends[i]`` delimit the original characters that produced folded
    character ``i``: a collapsed run of separators maps to the whole run, and the combining marks
    and tatweel that follow a letter belong to it.
    """

    original: str
    folded: str
    starts: Sequence[int]
    ends: Sequence[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of folded ``[start, end)`` (``end > start``).

        The end reaches over combining marks and tatweel attached to the last character, so a
        span never cuts a base letter from its marks.
        """
        if not 0 <= start < end <= len(self.folded):
            raise ValueError(f"span [{start}, {end}) is not inside the folded text")
        return self.starts[start], self.ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        """The original substring behind folded ``[start, end)``."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


_DELETE = 0xFFFFFFFF
_EXPAND = 0xFFFFFFFE
_UNKNOWN = 0xFFFFFFFD  # above every code point: one comparison finds all three
_SPACE = ord(_SEPARATOR)

Codes = npt.NDArray[np.uint32]
Offsets = npt.NDArray[np.int64]


class _CodeTable:
    """The folded code point of every code point met so far, filled lazily (no Unicode scan),
    and whether it attaches to the letter before it (combining marks, tatweel)."""

    def __init__(self) -> None:
        self.mapped = np.full(0x110000, _UNKNOWN, dtype=np.uint32)
        self.attached = np.zeros(0x110000, dtype=np.bool_)
        self.keeps_attached = False
        """Whether a character that attaches folds to something: then even a text with nothing
        removed needs the marks' pass."""

    def fold(self, codes: Codes) -> tuple[Codes, bool]:
        """The folded code of each code, and whether any is removed or expands to several."""
        mapped: Codes = np.take(self.mapped, codes)  # take gathers about twice as fast as indexing
        if not (mapped >= _UNKNOWN).any():
            return mapped, False
        unknown = codes[mapped == _UNKNOWN]
        if unknown.size:
            for code in np.unique(unknown).tolist():
                char = chr(code)
                folded = fold_char(char)
                self.mapped[code] = ord(folded) if len(folded) == 1 else (_EXPAND if folded else _DELETE)
                self.attached[code] = _attaches(char)
                self.keeps_attached |= bool(folded) and self.attached[code]
            mapped = np.take(self.mapped, codes)
        return mapped, bool((mapped >= _EXPAND).any())


def _attaches(char: str) -> bool:
    """True for a character that belongs to the letter before it: a combining mark or tatweel."""
    return char == _ATTACHED or unicodedata.category(char) == "Mn"


_CODES: _CodeTable | None = None


def _memory(values: Offsets) -> Sequence[int]:
    return np.ascontiguousarray(values, dtype=np.int64).data


def fold_text(text: str) -> FoldedText:
    """Fold running text, keeping the offset map (no stripping, runs of separators collapse).

    The common case runs as a handful of array operations over the code points; a text with a
    character that folds to several (a ligature like ﻻ) takes the character-by-character path.
    """
    ascii_table = _ascii_table() if text.isascii() else None  # isascii() reads a flag of the string
    if ascii_table is not None:
        folded_ascii, starts, ends = _collapse_spaces(np.frombuffer(text.encode("ascii").translate(ascii_table),
                                                                    dtype=np.uint8))
        return FoldedText(text, folded_ascii.tobytes().decode("ascii"), _memory(starts), _memory(ends))
    global _CODES
    if _CODES is None:
        _CODES = _CodeTable()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    mapped, changes_length = _CODES.fold(codes)
    if not changes_length and not _CODES.keeps_attached:
        folded, starts, ends = _collapse_spaces(mapped)
    elif (mapped == _EXPAND).any():
        return _fold_text_by_character(text)
    else:
        folded, starts, ends = _fold_removing(codes, mapped, _CODES.attached)
    return FoldedText(text, folded.tobytes().decode("utf-32-le", "surrogatepass"),
                      _memory(starts), _memory(ends))


@cache
def _ascii_table() -> bytes | None:
    """``bytes.translate`` table folding ASCII text, when every ASCII character folds to one ASCII
    character (as the shipped rules have it); None otherwise."""
    folded = [fold_char(chr(code)) for code in range(128)]
    if all(len(char) == 1 and char.isascii() for char in folded):
        return bytes(ord(char) for char in folded) + bytes(128)  # bytes.translate wants all 256
    return None


_Folded = TypeVar("_Folded", Codes, npt.NDArray[np.uint8])


def _collapse_spaces(mapped: _Folded) -> tuple[_Folded, Offsets, Offsets]:
    """Folded codes and offsets of a text where every character folds to one: only runs of
    separators change the length, each kept as its first and reaching to the run's end.

    Nothing is removed, so a character ends where the next kept one starts: starts and ends are
    two views of one array of boundaries.
    """
    spaces = mapped == _SPACE
    repeated = spaces[1:] & spaces[:-1]
    if not repeated.any():
        bounds = np.arange(mapped.size + 1, dtype=np.int64)
        return mapped, bounds[:-1], bounds[1:]
    first_of_run = np.ones(mapped.size + 1, dtype=np.bool_)  # one more: the end of the text
    first_of_run[1:-1] = ~repeated
    bounds = np.flatnonzero(first_of_run)
    return np.take(mapped, bounds[:-1]), bounds[:-1], bounds[1:]


def _fold_removing(codes: Codes, mapped: Codes, attached: npt.NDArray[np.bool_]) -> tuple[Codes, Offsets, Offsets]:
    """Folded codes and offsets of a text where some characters are removed (marks, tatweel,
    format characters): each character's end reaches over the marks attached to it."""
    keep = mapped != _DELETE
    folded = mapped[keep]
    starts = np.flatnonzero(keep)
    ends = starts + 1
    spaces = folded == _SPACE
    if folded.size > 1:
        repeated = spaces[1:] & spaces[:-1]
        if repeated.any():
            first_of_run = np.ones(folded.size, dtype=np.bool_)
            first_of_run[1:] = ~repeated
            kept = np.flatnonzero(first_of_run)
            last_of_group = np.append(kept[1:], folded.size) - 1
            folded, starts, ends = folded[kept], starts[kept], ends[last_of_group]
    marks = attached[codes]
    if marks.any():  # let each character's end reach over the marks that follow it
        positions = np.arange(codes.size + 1)
        free = np.where(np.append(~marks, True), positions, codes.size)
        ends = np.minimum.accumulate(free[::-1])[::-1][ends]
    return folded, starts, ends


def _fold_text_by_character(text: str) -> FoldedText:
    """:func:`fold_text` one character at a time, for texts with expanding characters."""
    starts: list[int] = []
    ends: list[int] = []
    pieces: list[str] = []
    for position, char in enumerate(text):
        for folded in fold_char(char):
            if folded == _SEPARATOR and pieces and pieces[-1] == _SEPARATOR:
                ends[-1] = position + 1
                continue
            pieces.append(folded)
            starts.append(position)
            ends.append(position + 1)
    for i, stop in enumerate(ends):
        while stop < len(text) and _attaches(text[stop]):
            stop += 1
        ends[i] = stop
    return FoldedText(text, "".join(pieces), starts, ends)


@cache
def _ascii_letters_fold_lower() -> bool:
    """Whether the rules fold each ASCII letter to its lower case, as they do unless one maps it."""
    return all(fold_char(char) == char.lower() for char in string.ascii_letters)


def fold(text: str) -> str:
    """The match key of ``text``: folded, separators collapsed to one space, stripped."""
    if text.isascii() and text.isalpha() and _ascii_letters_fold_lower():
        return text.lower()  # a word of English letters, the most common text folded
    folded = text.translate(_TABLE)
    if "  " in folded:
        folded = _RUNS_OF_SPACES.sub(_SEPARATOR, folded)
    return folded.strip(_SEPARATOR)
