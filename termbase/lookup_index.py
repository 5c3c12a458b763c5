"""Search structures of a termbase for lookup: dictionaries for exact and folded keys, and a
fuzzy index over unique folded keys sorted by length.

Fuzzy scores are rapidfuzz ``fuzz.ratio`` (normalized Indel similarity) between folded keys.
A ratio of at least ``c`` is only possible when the lengths are close and the two strings share
enough characters, so a query scores only the keys that pass both bounds, and each unique key
is scored once however many terms share it. The result is exactly what a scan of every term
would give.
"""

from __future__ import annotations

import heapq
import json
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload
from functools import cached_property
from itertools import accumulate

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from termbase.cache import Entry, EntryWriter
from termbase.hashed_keys import HashedKeys
from termbase.langtags import primary_language, same_language
from termbase.lookup import Match, Matches
from termbase.matches import MatchKind
from termbase.model import Concept, Term
from termbase.normalize import fold
from termbase.progress import track

__all__ = ["LOOKUP_SCHEME", "FuzzyKeyIndex", "LookupIndex", "RisingCutoff", "count_bound", "length_window", "word_keys"]

MIN_TOKEN_LENGTH = 3
"""Words of a multi-word term shorter than this are not fuzzy keys of their own."""

_NO_LIMIT = 1 << 30
_CUTOFF_SLACK = 0.5  # points; far above the rounding error, filtered exactly below
_ROUNDING = 1e-6
"""Characters of margin when a count bound is compared with a cutoff (floating-point ratios)."""
SMALL_WINDOW = 4096
"""Windows of at most this many keys are scored directly: the count filter would cost more."""
_MAX_COLUMNS = 64
"""Characters beyond the most frequent 63 of an index share one count column (a looser bound)."""
_COUNT_CAP = 255
_CAPPED = 3
"""The index keeps ``min(count, t)`` for t up to this, so a query character seen at most this
many times costs one add per key instead of a minimum and an add."""
_RINGS = ((0, 1), (2, 4), (5, 9), (10, _NO_LIMIT))
"""Key lengths searched together, as distances from the query's length, nearest first."""
_TABLES = "lookup.json"
LOOKUP_SCHEME = "lookup-hashed-1"
"""The layout of a stored lookup index (part of its cache key)."""


def word_keys(key: str) -> tuple[str, ...]:
    """The fuzzy keys of the words of a folded key (multi-word keys only)."""
    words = key.split(" ")
    return tuple(w for w in dict.fromkeys(words) if len(w) >= MIN_TOKEN_LENGTH) if len(words) > 1 else ()


def length_window(length: int, score_cutoff: float) -> tuple[int, int]:
    """Smallest and largest key length whose ratio with a ``length``-long query can reach the cutoff.

    ``ratio <= 200 * min(a, b) / (a + b)``, hence the window; one extra on each side absorbs
    floating-point rounding, and :meth:`FuzzyKeyIndex.search` then applies the cutoff exactly.
    """
    c = max(0.0, min(score_cutoff, 100.0)) / 100.0
    if c <= 0.0:
        return 0, _NO_LIMIT
    low = int(length * c / (2.0 - c)) - 1
    high = min(length * (2.0 - c) / c + 1, _NO_LIMIT)  # a tiny cutoff would overflow to inf
    return max(low, 0), int(high)


def count_bound(query_counts: Mapping[str, int], key: str) -> int:
    """Characters two strings can have in common: ``sum(min(count in query, count in key))``.

    Every common subsequence uses each character at most as often as either string holds it,
    so this bounds the longest common subsequence, and ``fuzz.ratio <= 200 * bound / (a + b)``.
    """
    counts = Counter(key)
    return sum(min(n, counts[char]) for char, n in query_counts.items())


class RisingCutoff:
    """A score cutoff that the reader of a search may raise as results come in (never lower)."""

    __slots__ = ("value",)

    def __init__(self, value: float) -> None:
        self.value = value

    def raise_to(self, value: float) -> None:
        """Raise the cutoff to ``value`` if that is higher."""
        if value > self.value:
            self.value = value


class _Codes(dict[int, str]):
    """``str.translate`` table of an index alphabet; characters outside it become the sentinel."""

    def __init__(self, alphabet: Iterable[str]) -> None:
        super().__init__()
        for number, char in enumerate(alphabet, start=1):
            self[ord(char)] = chr(number if number < 0xD800 else number + 0x800)  # no surrogates
        number = len(self) + 1
        self.sentinel = chr(number if number < 0xD800 else number + 0x800)

    def __missing__(self, codepoint: int) -> str:
        return self.sentinel

    def column(self, code: str) -> int:
        """Count column of a coded character (the rarest characters share the last one)."""
        number = ord(code)
        number = number if number < 0xD800 else number - 0x800
        return min(number - 1, _MAX_COLUMNS - 1)


class FuzzyKeyIndex:
    """Unique keys sorted by length, each with the ids of the entries it stands for.

    A search returns exactly the keys a scan of every key would return, and scores only a
    small share of them:

    * a cutoff of 100 can only be met by the query key itself: one dictionary look-up;
    * the length window: ``ratio <= 200 min(a, b) / (a + b)`` (keys are sorted by length, so
      the window is one slice), narrowed by the query characters that no key contains;
    * the character count filter (q-gram count filtering with q = 1): a key can share at most
      ``sum(min(count in query, count in key))`` characters with the query in any common
      subsequence, so a key whose bound gives ``200 * bound / (a + b) < cutoff`` is dropped
      before rapidfuzz sees it. The counts are one ``uint8`` column per character of the index
      alphabet (the rarest characters share one column, which only loosens the bound), kept
      also as ``min(count, t)`` for t up to 3, so a query reads only the columns of its own
      characters and pays one add per key for each;
    * the survivors are taken from an object array in one gather and scored by one rapidfuzz
      ``cdist`` row, in a compact code (the index alphabet renumbered from 1, most frequent
      first), a one-to-one renaming that leaves every ratio unchanged but lets rapidfuzz use
      its 8-bit paths for Arabic too;
    * lengths are searched in rings, nearest the query's length first, and a reader that needs
      only the best k (:meth:`search_batches`) may raise the cutoff between two rings.
    """

    def __init__(self, entries: Iterable[tuple[str, int]], *, small_window: int = SMALL_WINDOW) -> None:
        self.small_window = small_window
        postings: dict[str, list[int]] = defaultdict(list)
        for key, entry in entries:
            if key:
                postings[key].append(entry)
        self.keys: list[str] = sorted(sorted(postings), key=len)  # by (length, key): the sort is stable
        self.postings: list[tuple[int, ...]] = [
            tuple(entries) if len(entries) == 1 else tuple(dict.fromkeys(entries))
            for entries in map(postings.__getitem__, self.keys)
        ]
        del postings
        self._position: dict[str, int] = {key: position for position, key in enumerate(self.keys)}
        alphabet: Counter[str] = Counter()
        for key in self.keys:
            alphabet.update(key)
        self._codes = _Codes(char for char, _ in alphabet.most_common())
        # an object array: gathering the candidates by their positions is one numpy take
        self._coded = np.empty(len(self.keys), dtype=object)
        self._coded[:] = [key.translate(self._codes) for key in self.keys]
        lengths = np.fromiter(map(len, self.keys), dtype=np.int64, count=len(self.keys))
        self.max_length = int(lengths[-1]) if len(lengths) else 0
        # first position of each length: keys of length n are self.keys[starts[n]:starts[n + 1]]
        self._starts = np.searchsorted(lengths, np.arange(self.max_length + 2)).astype(np.int64)
        self._counts = self._count_columns(lengths)
        # min(count, t) for t = 1 … _CAPPED: one add per character the query holds at most _CAPPED times
        self._capped = np.empty((_CAPPED, *self._counts.shape), dtype=np.uint8)
        for t in range(1, _CAPPED + 1):
            np.minimum(self._counts, t, out=self._capped[t - 1])
        self._fills: dict[int, np.ndarray] = {}

    def _count_columns(self, lengths: np.ndarray) -> np.ndarray:
        """Per-key character counts, one ``uint8`` row per column."""
        columns = min(_MAX_COLUMNS, len(self._codes) or 1)
        counts = np.zeros((columns, len(self.keys)), dtype=np.uint8)
        block = 1 << 16
        for start in range(0, len(self.keys), block):
            coded = self._coded[start:start + block]
            chars = np.frombuffer("".join(coded).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
            chars = np.where(chars >= 0xD800, chars - 0x800, chars) - 1
            np.minimum(chars, columns - 1, out=chars)
            rows = np.repeat(np.arange(len(coded), dtype=np.int64), lengths[start:start + block])
            table = np.bincount(chars * len(coded) + rows, minlength=columns * len(coded))
            np.minimum(table, _COUNT_CAP, out=table)
            counts[:, start:start + len(coded)] = table.reshape(columns, len(coded))
        return counts

    def __len__(self) -> int:
        return len(self.keys)

    def search(self, query_key: str, score_cutoff: float) -> Iterator[tuple[int, float]]:
        """Yield ``(entry, score)`` for every key scoring at least ``score_cutoff`` (in no set order)."""
        for batch in self.search_batches(query_key, RisingCutoff(score_cutoff)):
            yield from batch

    def search_batches(self, query_key: str, cutoff: RisingCutoff) -> Iterator[list[tuple[int, float]]]:
        """Lists of ``(entry, score)``, one per ring of key lengths, nearest the query's length first.

        Each list holds every key of its ring scoring at least ``cutoff.value`` as read when the
        ring starts; the reader may raise the cutoff between two lists (a top-k search that has
        found k results), and the later rings then skip the keys that can no longer reach it.
        """
        if cutoff.value > 100.0 or not self.keys:
            return
        if cutoff.value == 100.0:
            position = self._position.get(query_key)
            if position is not None:
                yield [(entry, 100.0) for entry in self.postings[position]]
            return
        coded_query = query_key.translate(self._codes)
        query_length = len(query_key)
        known = query_length - coded_query.count(self._codes.sentinel)
        for near, far in _RINGS:
            score_cutoff = cutoff.value
            low, high = length_window(query_length, score_cutoff)
            if score_cutoff > 0.0:
                if 200.0 * known < (score_cutoff - _CUTOFF_SLACK) * (query_length + known):
                    return
                high = int(min(high, 200.0 * known / score_cutoff - query_length + 1))  # inf for tiny cutoffs
            low, high = max(low, 0), min(high, self.max_length)
            if low > high:
                return
            found: list[tuple[int, float]] = []
            spans = [(query_length - far, query_length + far)] if near == 0 else [
                (query_length - far, query_length - near), (query_length + near, query_length + far)]
            for span_low, span_high in spans:
                span_low, span_high = max(span_low, low), min(span_high, high)
                if span_low <= span_high:
                    for position, score in self._score_lengths(coded_query, score_cutoff, span_low, span_high):
                        entries = self.postings[position]
                        if len(entries) == 1:
                            found.append((entries[0], score))
                        else:
                            found.extend([(entry, score) for entry in entries])
            yield found

    def _score_lengths(self, coded_query: str, score_cutoff: float, low: int, high: int) -> list[tuple[int, float]]:
        """``(position, score)`` of the keys of length ``low`` to ``high`` that reach the cutoff."""
        first, last = int(self._starts[low]), int(self._starts[high + 1])
        if first == last:
            return []
        # rapidfuzz turns the cutoff into a distance and may drop a score equal to it (or keep
        # 0 for a tiny cutoff) by rounding: ask for a little more, then cut exactly here
        asked = max(score_cutoff - _CUTOFF_SLACK, 0.0)
        if last - first <= self.small_window or score_cutoff <= 0.0:
            choices, offset, positions = self._coded[first:last], first, None
        else:
            positions = self._filter(coded_query, score_cutoff, low, high, first, last)
            choices, offset = self._coded[positions], 0
        if not len(choices):
            return []
        scores = process.cdist([coded_query], choices, scorer=fuzz.ratio, processor=None, score_cutoff=asked,
                               dtype=np.float64)[0]
        hits = np.flatnonzero(scores >= score_cutoff)
        found = hits + offset if positions is None else positions[hits]
        return list(zip(found.tolist(), scores[hits].tolist()))

    def _filter(self, coded_query: str, score_cutoff: float, low: int, high: int,
                first: int, last: int) -> np.ndarray:
        """Positions in ``[first, last)`` whose character count bound can reach ``score_cutoff``.

        The bound is compared with the cutoff itself, not with the slack asked of rapidfuzz: a
        ratio is ``200 L / (a + b)`` up to a few units in the last place, far inside ``_ROUNDING``.
        """
        wanted: Counter[int] = Counter()
        sentinel = self._codes.sentinel
        for code in coded_query:
            if code != sentinel:
                wanted[self._codes.column(code)] += 1
        query_length = len(coded_query)
        # least count each key length needs: 200 * bound >= score_cutoff * (query_length + length)
        lengths = np.arange(low, high + 1, dtype=np.float64)
        needed = np.ceil(score_cutoff * (query_length + lengths) / 200.0 - _ROUNDING).astype(np.int64)
        sizes = np.diff(self._starts[low:high + 2])
        need = np.repeat(np.minimum(needed, 255).astype(np.uint8), sizes)
        if query_length >= _COUNT_CAP:  # counts are capped at 255: the bound would not hold
            return np.arange(first, last, dtype=np.int64)
        size = last - first
        total = np.zeros(size, dtype=np.uint8)
        scratch = np.empty(size, dtype=np.uint8)
        for column, count in wanted.items():
            if count <= _CAPPED:  # min(n, count) is stored: one add
                total += self._capped[count - 1, column, first:last]
            else:  # numpy's minimum is vectorised only between two arrays, not with a scalar
                total += np.minimum(self._counts[column, first:last], self._filled(count, size), out=scratch)
        return np.flatnonzero(total >= need) + first

    def _filled(self, value: int, size: int) -> np.ndarray:
        """A read-only ``uint8`` array of ``size`` copies of ``value`` (kept between searches)."""
        filled = self._fills.get(value)
        if filled is None or len(filled) < size:
            filled = self._fills[value] = np.full(max(size, len(self.keys)), value, dtype=np.uint8)
            filled.flags.writeable = False
        return filled[:size]


@dataclass(frozen=True, slots=True)
class _Entry:
    concept: Concept
    term: Term


class _Entries(Sequence[_Entry]):
    """Every term of the concepts, numbered concept by concept, made an entry when asked for."""

    def __init__(self, concepts: Sequence[Concept]) -> None:
        self._concepts = concepts
        self._firsts = list(accumulate((len(concept.terms) for concept in concepts), initial=0))

    def __len__(self) -> int:
        return self._firsts[-1]

    @overload
    def __getitem__(self, entry: int) -> _Entry: ...

    @overload
    def __getitem__(self, entry: slice) -> Sequence[_Entry]: ...

    def __getitem__(self, entry: int | slice) -> _Entry | Sequence[_Entry]:
        if isinstance(entry, slice):
            return [self[number] for number in range(*entry.indices(len(self)))]
        if not 0 <= entry < len(self):
            raise IndexError(entry)
        number = bisect_right(self._firsts, entry) - 1
        concept = self._concepts[number]
        return _Entry(concept, concept.terms[entry - self._firsts[number]])

    def __iter__(self) -> Iterator[_Entry]:
        return (_Entry(concept, term) for concept in self._concepts for term in concept.terms)


class LookupIndex:
    """Exact, folded and fuzzy access to every term of a list of concepts.

    Exact and folded look-ups go through :class:`HashedKeys` (two numpy arrays per table), which a
    stored index maps from the user's cache (:meth:`save`, :meth:`load`): a check, which asks only
    those, reads no term it is not looking for. The fuzzy keys are made on the first fuzzy lookup.
    """

    def __init__(self, concepts: Sequence[Concept], *, small_window: int = SMALL_WINDOW,
                 tables: tuple[HashedKeys, HashedKeys] | None = None) -> None:
        """Index ``concepts``; with ``tables`` (exact, folded, as :meth:`load` reads them), built from those."""
        self._small_window = small_window
        self._concepts = concepts
        self._entries: Sequence[_Entry] = _Entries(concepts)
        self._fuzzy: dict[str, FuzzyKeyIndex] = {}
        if tables is None:
            self._build(concepts)
        else:
            self._exact, self._folded = tables

    def _build(self, concepts: Sequence[Concept]) -> None:
        texts = [term.text for concept in track(concepts, "building the lookup index", unit="concept")
                 for term in concept.terms]
        keys = self.__dict__["_keys"] = list(map(fold, texts))
        self._exact = HashedKeys.of(texts, len(texts))
        self._folded = HashedKeys.of(keys, len(keys))

    # -- stored in the cache: ``lookup.json`` (the concept ids), and the hashes and entries of
    # the exact and folded tables as ``.npy`` arrays, loaded memory-mapped.

    def save(self, writer: EntryWriter) -> None:
        """Write the exact and folded tables into a new cache entry."""
        writer.write_bytes(_TABLES, json.dumps({"concepts": [c.id for c in self._concepts]},
                                               ensure_ascii=False).encode("utf-8"))
        for name, table in (("exact", self._exact), ("folded", self._folded)):
            writer.write_array(f"{name}.hashes.npy", table.hashes)
            writer.write_array(f"{name}.entries.npy", table.entries)

    @classmethod
    def load(cls, entry: Entry, concepts: Sequence[Concept]) -> LookupIndex | None:
        """The index stored in a cache entry for ``concepts``, or ``None`` when it is unusable
        (every file is verified against the entry's manifest before it is parsed or mapped)."""
        try:
            if json.loads(entry.read_bytes(_TABLES))["concepts"] != [c.id for c in concepts]:
                return None
            exact, folded = (
                HashedKeys(entry.array(f"{name}.hashes.npy", np.uint64, 1), entry.array(f"{name}.entries.npy", np.int32, 1))
                for name in ("exact", "folded"))
            index = cls(concepts, tables=(exact, folded))
            index._exact.check(len(index._entries))
            index._folded.check(len(index._entries))
            return index
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    @cached_property
    def _keys(self) -> list[str]:
        """The folded key of every entry (made at build; for a stored index, on the first fuzzy lookup)."""
        return [fold(item.term.text) for item in self._entries]

    @cached_property
    def _fuzzy_entries(self) -> dict[str, list[tuple[str, int]]]:
        """Per primary language, the fuzzy keys (whole term, then its words) and their entries.

        Made on the first fuzzy lookup: exact and folded look-ups (all a check asks) never need them.
        """
        self._entries = list(self._entries)  # fuzzy lookups read entries by the thousand: made once, held
        fuzzy_entries: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for entry, (item, key) in enumerate(zip(self._entries, self._keys)):
            bucket = fuzzy_entries[primary_language(item.term.lang)]
            bucket.append((key, entry))
            bucket.extend((token, entry) for token in word_keys(key))
        return dict(fuzzy_entries)

    def _fuzzy_index(self, lang: str) -> FuzzyKeyIndex:
        """The fuzzy index of one language, built on the first fuzzy lookup in it."""
        index = self._fuzzy.get(lang)
        if index is None:
            index = self._fuzzy[lang] = FuzzyKeyIndex(self._fuzzy_entries[lang], small_window=self._small_window)
        return index

    def __len__(self) -> int:
        return len(self._entries)

    def _exact_scores(self, query: str) -> dict[int, tuple[float, MatchKind]]:
        scores: dict[int, tuple[float, MatchKind]] = {}
        entries = self._entries
        for entry in self._exact.get(query):
            if entries[entry].term.text == query:
                scores[entry] = (100.0, MatchKind.EXACT)
        key = fold(query)
        for entry in self._folded.get(key):
            if fold(entries[entry].term.text) == key:
                scores.setdefault(entry, (100.0, MatchKind.NORMALIZED))
        return scores

    def _matches(self, scores: dict[int, tuple[float, MatchKind]], lang: str | None) -> list[Match]:
        matches = []
        for entry, (score, kind) in scores.items():
            item = self._entries[entry]
            if lang is not None and not same_language(item.term.lang, lang):
                continue
            matches.append(Match(item.concept, item.term, score, kind))
        return matches

    def find_exact(self, query: str, *, lang: str | None) -> list[Match]:
        """Terms written exactly like ``query`` or folding to the same key (no fuzzy index needed)."""
        return self._matches(self._exact_scores(query), lang)

    def _scores(self, query: str, lang: str | None, score_cutoff: float,
                limit: int | None = None) -> dict[int, tuple[float, MatchKind]]:
        """Best score and kind of match of each entry that reaches the cutoff.

        With a ``limit``, only the entries :meth:`rank` can show are sure to be there: once
        ``limit`` concepts (of the wanted language) have a score, the cutoff rises to the lowest
        of the best ``limit`` concept scores. Every entry scoring at least that is still found
        (the cutoff is inclusive), so the ranking, its ties and their count are those of the
        full search; entries found earlier below the final cutoff stay, and sort after them.
        """
        scores = self._exact_scores(query)
        key = fold(query)
        if not key:
            return scores
        cutoff = RisingCutoff(score_cutoff)
        concept_best: dict[str, float] = {}

        entries = self._entries

        def note(found: Iterable[tuple[int, float]]) -> None:
            """Raise the best score of the concept of each entry found, then the cutoff."""
            for entry, score in found:
                item = entries[entry]
                if lang is None or same_language(item.term.lang, lang):
                    concept_id = item.concept.id
                    if concept_best.get(concept_id, -1.0) < score:
                        concept_best[concept_id] = score
            if limit is not None and limit > 0 and len(concept_best) >= limit:
                cutoff.raise_to(heapq.nlargest(limit, concept_best.values())[-1])

        note((entry, score) for entry, (score, _) in scores.items())
        fuzzy = MatchKind.FUZZY
        for index_lang in self._fuzzy_entries:
            if lang is not None and not same_language(index_lang, primary_language(lang)):
                continue
            for batch in self._fuzzy_index(index_lang).search_batches(key, cutoff):
                better: list[tuple[int, float]] = []
                for entry, score in batch:
                    current = scores.get(entry)
                    if current is None or (current[1] is fuzzy and score > current[0]):
                        scores[entry] = (score, fuzzy)
                        better.append((entry, score))
                note(better)
        return scores

    def find(self, query: str, *, lang: str | None, score_cutoff: float) -> list[Match]:
        """Every term matching ``query`` (one match per term, unranked)."""
        return self._matches(self._scores(query, lang, score_cutoff), lang)

    def rank(self, query: str, *, lang: str | None, score_cutoff: float, limit: int | None) -> Matches:
        """The best ``limit`` concepts for ``query``: :func:`~termbase.lookup.rank_matches` of
        :meth:`find`, without making a match for every term when thousands share the top score.

        Terms are taken one score level (score and kind of match) at a time, best level first;
        a concept is placed at the first level where it appears, by its best term there, and
        the walk stops once ``limit`` concepts are placed (the top level is always counted
        whole, to report how many concepts it ties).
        """
        levels: dict[tuple[float, int], list[int]] = defaultdict(list)
        for entry, (score, kind) in self._scores(query, lang, score_cutoff, limit).items():
            if lang is None or same_language(self._entries[entry].term.lang, lang):
                levels[(-score, kind.rank)].append(entry)
        placed: set[str] = set()
        ranked: list[Match] = []
        tied = 0
        for number, level in enumerate(sorted(levels)):
            best: dict[str, tuple[tuple[int, str], int]] = {}
            for entry in levels[level]:
                item = self._entries[entry]
                concept_id = item.concept.id
                if concept_id in placed:
                    continue
                order = (item.term.status.rank, item.term.text)
                current = best.get(concept_id)
                if current is None or order < current[0]:
                    best[concept_id] = (order, entry)
            if number == 0:
                tied = len(best)
            score, kind = -level[0], self._kind_of(level[1])
            for concept_id in sorted(best, key=lambda c: (best[c][0][0], c, best[c][0][1])):
                if limit is not None and len(ranked) >= limit:
                    break
                item = self._entries[best[concept_id][1]]
                ranked.append(Match(item.concept, item.term, score, kind, number == 0 and tied > 1))
            placed.update(best)
            if limit is not None and len(ranked) >= limit:
                break
        shown = sum(1 for match in ranked if match.ambiguous)
        return Matches(ranked, more_tied=tied - shown if tied > 1 else 0)

    @staticmethod
    def _kind_of(rank: int) -> MatchKind:
        return next(kind for kind in MatchKind if kind.rank == rank)
