"""``TranslationMemory``: store segment pairs, retrieve fuzzy matches with a CAT-style match %.

Retrieval (:meth:`TranslationMemory.search`) tokenizes the new source like the stored ones
(:mod:`termbase.tm.tokens`, or sentencepiece pieces in subword mode), takes candidates from the
inverted index (:mod:`termbase.tm.candidates`, never dropping a segment that can reach
``min_score``), rescores them exactly (rapidfuzz Levenshtein over token sequences) in order of
their upper bound until no further candidate can enter the top ``limit``, then applies the rules
of :mod:`termbase.tm.scoring`. The result equals a brute-force scan of every segment.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Callable

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Levenshtein

from termbase.langtags import primary_language
from termbase.tm.candidates import CandidateIndex
from termbase.tm.scoring import (
    EXACT_SCORE,
    Difference,
    differences,
    final_score,
    fuzzy_score,
    normalize_text,
)
from termbase.tm.store import ImportResult, Store, StoredSegment, Unit
from termbase.tm.subword import SubwordModel
from termbase.tm.tokens import tokenize, tokens

__all__ = ["DEFAULT_MIN_SCORE", "LanguageIndex", "TmMatch", "TranslationMemory", "language_group", "mark_differences"]

DEFAULT_MIN_SCORE = 70
"""The usual lowest fuzzy match CAT tools offer."""
_MAX_CODE = 0x10FFFF - 0x800
_MARK_OPEN, _MARK_CLOSE = "⟦", "⟧"


def language_group(tag: str | None) -> str:
    """The primary subtag, lower-cased: the unit of tokenization and indexing (``ar-EG`` → ``ar``)."""
    return primary_language(tag or "")


@dataclass(frozen=True, slots=True)
class TmMatch:
    """A stored segment retrieved for a new source, with its match % and the evidence.

    ``score`` is the final match % (0–101), ``fuzzy`` the token score before the exact, format,
    multiple-translation and context rules; ``differences`` index into ``query_tokens`` and
    ``stored_tokens``; ``marked`` is the stored source with differing words between ⟦ ⟧.
    """

    segment: StoredSegment
    score: int
    fuzzy: int
    distance: int
    translations: int
    context: bool
    query_tokens: tuple[str, ...]
    stored_tokens: tuple[str, ...]
    differences: tuple[Difference, ...]
    marked: str


@dataclass(slots=True)
class LanguageIndex:
    """The candidate index of one source language: row ``i`` is segment ``ids[i]``."""

    ids: list[int] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    sequences: list[list[int]] = field(default_factory=list)
    vocabulary: dict[str, int] = field(default_factory=dict)
    index: CandidateIndex | None = None
    target_codes: npt.NDArray[np.int64] | None = None
    target_names: dict[str, int] = field(default_factory=dict)


def _encode(ids: npt.NDArray[np.int64]) -> str | list[int]:
    """Token ids as a string of code points (rapidfuzz's fastest path), or a list when too many."""
    if len(ids) and int(ids.max()) > _MAX_CODE:
        return [int(i) for i in ids]
    shifted = ids + (ids >= 0xD800) * 0x800  # skip the surrogate range
    return shifted.astype("<u4").tobytes().decode("utf-32-le")


class TranslationMemory:
    """A translation memory in one SQLite file (see :mod:`termbase.tm.store`).

    ``tokenization`` is ``"word"`` (folded, clitic-aware words) or ``"subword"``: sentencepiece
    pieces from ``subword_model`` (a ``.model`` file), or from a model trained on the memory's own
    sources when it is None.
    """

    def __init__(
        self, path: str | Path, *, tokenization: str = "word", subword_model: str | Path | None = None,
    ) -> None:
        if tokenization not in ("word", "subword"):
            raise ValueError(f"tokenization must be 'word' or 'subword', not {tokenization!r}")
        self.store = Store(path)
        self.path = self.store.path
        self.tokenization = tokenization
        self._subword_path = subword_model
        self._subword: SubwordModel | None = None
        self._indexes: dict[bool, dict[str, LanguageIndex]] = {}
        self._indexed_at: dict[bool, int] = {}

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self.store.close()

    def __len__(self) -> int:
        return self.store.count()

    # -- writing ---------------------------------------------------------------------------
    def add(self, source: str, target: str, **details: object) -> ImportResult:
        """Store one pair (keyword details as in :class:`Unit`); a stored pair is not added twice."""
        return self.store.write([Unit(source, target, **details)])  # type: ignore[arg-type]

    def add_units(self, units: Iterable[Unit], *, progress: Callable[[int], None] | None = None) -> ImportResult:
        """Store many units in one transaction: all of them, or none when anything fails."""
        return self.store.write(units, progress=progress)

    # -- reading ---------------------------------------------------------------------------
    def segments(self) -> list[StoredSegment]:
        """Every stored segment, by id."""
        return self.store.segments()

    def _match_tokens(self, text: str, lang: str) -> list[str]:
        if self.tokenization == "subword":
            return self._subword_model().pieces(text)
        return tokens(text, lang)

    def _subword_model(self) -> SubwordModel:
        if self._subword is None:
            if self._subword_path is not None:
                self._subword = SubwordModel.load(self._subword_path)
            else:
                self._subword = SubwordModel.train(row.source for row in self.store.iter_segments())
        return self._subword

    def _index(self, group: str, *, words: bool = False) -> LanguageIndex | None:
        """The index of source language ``group``, rebuilt when segments were added since."""
        subword = self.tokenization == "subword" and not words
        last = self.store.last_id()
        if self._indexed_at.get(subword) != last:
            self._indexes[subword] = self._build(subword)
            self._indexed_at[subword] = last
        return self._indexes[subword].get(group)

    def word_index(self, group: str) -> LanguageIndex | None:
        """The word-token index of source language ``group`` (whatever the match tokenization)."""
        return self._index(group, words=True)

    def _build(self, subword: bool) -> dict[str, LanguageIndex]:
        indexes: dict[str, LanguageIndex] = {}
        rows: Iterable[tuple[int, str, str, list[str]]]
        if subword:
            if self._subword_path is None:
                self._subword = None  # retrained on the memory as it is now
            model = self._subword_model()
            rows = (
                (row.id, row.source_lang, row.target_lang, model.pieces(row.source))
                for row in self.store.iter_segments()
            )
        else:
            rows = ((id_, sl, tl, text.split()) for id_, sl, tl, text in self.store.token_rows())
        for id_, source_lang, target_lang, words in rows:
            group = language_group(source_lang)
            entry = indexes.get(group)
            if entry is None:
                entry = indexes[group] = LanguageIndex()
            vocabulary = entry.vocabulary
            entry.ids.append(id_)
            entry.targets.append(language_group(target_lang))
            entry.sequences.append([vocabulary.setdefault(word, len(vocabulary)) for word in words])
        for entry in indexes.values():
            entry.index = CandidateIndex.from_sequences(entry.sequences, len(entry.vocabulary))
            entry.sequences = []
            names = entry.target_names
            entry.target_codes = np.array([names.setdefault(t, len(names)) for t in entry.targets], dtype=np.int64)
            entry.targets = []
        return indexes

    def search(
        self,
        text: str,
        *,
        source_lang: str = "ar",
        target_lang: str | None = None,
        limit: int = 5,
        min_score: int = DEFAULT_MIN_SCORE,
        previous: str | None = None,
        next: str | None = None,  # noqa: A002 - the neighbour after, named as CAT tools do
    ) -> list[TmMatch]:
        """The best ``limit`` stored segments for ``text`` scoring at least ``min_score``, best first.

        Ties are broken by segment id (oldest first). ``previous``/``next`` are the neighbouring
        source segments of ``text`` in its document, for 101 % context matches.
        """
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if not 0 <= min_score <= 101:
            raise ValueError("min_score must be between 0 and 101")
        entry = self._index(language_group(source_lang))
        if entry is None or entry.index is None or entry.target_codes is None:
            return []
        index = entry.index
        query_words = self._match_tokens(text, source_lang)
        unknown: dict[str, int] = {}
        size = len(entry.vocabulary)
        query_ids = [
            entry.vocabulary[w] if w in entry.vocabulary else unknown.setdefault(w, size + len(unknown))
            for w in query_words
        ]
        query = np.array(query_ids, dtype=np.int64)
        rows, bounds = index.candidates([int(i) for i in query_ids], min(min_score, EXACT_SCORE))
        if target_lang is not None:
            code = entry.target_names.get(language_group(target_lang))
            keep = entry.target_codes[rows] == code if code is not None else np.zeros(len(rows), bool)
            rows, bounds = rows[keep], bounds[keep]
        encoded_query = _encode(query)
        context_wanted = previous is not None or next is not None
        # Phase 1: exact token scores in bound order, until no later row can enter the top `limit`.
        # The final score lies within [fuzzy - 2, fuzzy + 1] (format and multiple-translation
        # penalties below, the context bonus above).
        lows: list[int] = []  # min-heap of the best `limit` lower bounds of final scores
        scored: list[tuple[int, int, int]] = []  # (row, fuzzy, distance)
        n = len(query_words)
        for position in range(len(rows)):
            bound = int(bounds[position])
            if len(lows) >= limit and bound + 1 < lows[0]:
                break
            row = int(rows[position])
            stored = index.row(row)
            distance = Levenshtein.distance(encoded_query, _encode(stored))
            fuzzy = fuzzy_score(n, len(stored), distance)
            if fuzzy + (1 if context_wanted else 0) < min_score:
                continue
            scored.append((row, fuzzy, distance))
            low = fuzzy - 2
            if len(lows) < limit:
                heapq.heappush(lows, low)
            elif low > lows[0]:
                heapq.heapreplace(lows, low)
        if not scored:
            return []
        floor = lows[0] if len(lows) >= limit else -10
        survivors = [item for item in scored if item[1] + 1 >= floor]
        # Phase 2: the rules that need the stored text.
        segments = {s.id: s for s in self.store.segments(entry.ids[row] for row, _, _ in survivors)}
        wanted_text = normalize_text(text)
        results: list[tuple[int, int, int, int, bool, StoredSegment]] = []
        for row, fuzzy, distance in survivors:
            segment = segments[entry.ids[row]]
            identical = fuzzy == EXACT_SCORE and normalize_text(segment.source) == wanted_text
            context = identical and context_wanted and self._context_matches(segment.id, previous, next)
            translations = self.store.translations(segment)
            score = final_score(fuzzy=fuzzy, identical=identical, translations=translations, context=context)
            if score >= min_score:
                results.append((score, fuzzy, distance, translations, context, segment))
        results.sort(key=lambda item: (-item[0], item[5].id))
        query_marks = [t.text for t in tokenize(text, source_lang)]
        return [self._match(query_marks, query_words, *item) for item in results[:limit]]

    def _context_matches(self, segment_id: int, previous: str | None, next: str | None) -> bool:  # noqa: A002
        want_previous = normalize_text(previous) if previous is not None else None
        want_next = normalize_text(next) if next is not None else None
        for before, after in self.store.contexts(segment_id):
            if want_previous is not None and (before is None or normalize_text(before) != want_previous):
                continue
            if want_next is not None and (after is None or normalize_text(after) != want_next):
                continue
            return True
        return False

    def _match(self, query_marks: Sequence[str], query_words: Sequence[str], score: int, fuzzy: int,
               distance: int, translations: int, context: bool, segment: StoredSegment) -> TmMatch:
        stored_words = self._match_tokens(segment.source, segment.source_lang)
        return TmMatch(
            segment=segment, score=score, fuzzy=fuzzy, distance=distance, translations=translations,
            context=context, query_tokens=tuple(query_words), stored_tokens=tuple(stored_words),
            differences=tuple(differences(query_words, stored_words)),
            marked=mark_differences(query_marks, segment.source, segment.source_lang),
        )


def mark_differences(query_tokens: Sequence[str], stored: str, stored_lang: str) -> str:
    """``stored`` with the words that differ from the query's word tokens between ⟦ ⟧ (whatever the mode)."""
    stored_tokens = tokenize(stored, stored_lang)
    spans = []
    for diff in differences(query_tokens, [t.text for t in stored_tokens]):
        a, b = diff.stored
        if b > a:
            spans.append((stored_tokens[a].start, stored_tokens[b - 1].end))
    out, last = [], 0
    for start, end in spans:
        out += [stored[last:start], _MARK_OPEN, stored[start:end], _MARK_CLOSE]
        last = end
    out.append(stored[last:])
    return "".join(out)
