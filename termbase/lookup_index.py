"""Search structures of a termbase for lookup: dictionaries for exact and folded keys, and a
fuzzy index over unique folded keys sorted by length.

Fuzzy scores are rapidfuzz ``fuzz.ratio`` (normalized Indel similarity) between folded keys.
A ratio of at least ``c`` is only possible when the lengths are close and the two strings share
enough characters, so a query scores only the keys that pass both bounds, and each unique key
is scored once however many terms share it. The result is exactly what a scan of every term
would give.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload
from functools import cached_property
from itertools import accumulate, chain

import numpy as np
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
      only the best k (:meth:`search_arrays`) may raise the cutoff between two rings.
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
        # the postings again as arrays, the entries of key p at _post_entries[_post_starts[p]:_post_starts[p + 1]]
        # (made last, so that the coded keys above lie side by side in memory, as the candidates are read)
        sizes = np.fromiter(map(len, self.postings), dtype=np.int64, count=len(self.postings))
        self._post_starts = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        self._post_entries = np.fromiter(chain.from_iterable(self.postings), dtype=np.int64,
                                         count=int(self._post_starts[-1]))
        self._single = bool((sizes == 1).all())

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
        for entries, scores in self.search_arrays(query_key, RisingCutoff(score_cutoff)):
            yield from zip(entries.tolist(), scores.tolist())

    def search_arrays(self, query_key: str, cutoff: RisingCutoff) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Entries and their scores (two arrays), one pair per ring of key lengths, nearest the
        query's length first.

        Each pair holds every key of its ring scoring at least ``cutoff.value`` as read when the
        ring starts; the reader may raise the cutoff between two pairs (a top-k search that has
        found k results), and the later rings then skip the keys that can no longer reach it.
        """
        if cutoff.value > 100.0 or not self.keys:
            return
        if cutoff.value == 100.0:
            position = self._position.get(query_key)
            if position is not None:
                yield self._entries_of(np.array([position], dtype=np.int64), np.array([100.0]))
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
            positions: list[np.ndarray] = []
            scores: list[np.ndarray] = []
            spans = [(query_length - far, query_length + far)] if near == 0 else [
                (query_length - far, query_length - near), (query_length + near, query_length + far)]
            for span_low, span_high in spans:
                span_low, span_high = max(span_low, low), min(span_high, high)
                if span_low <= span_high:
                    span_positions, span_scores = self._score_lengths(coded_query, score_cutoff, span_low, span_high)
                    positions.append(span_positions)
                    scores.append(span_scores)
            if positions:
                yield self._entries_of(np.concatenate(positions), np.concatenate(scores))
            else:
                yield np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)

    def _entries_of(self, positions: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The entries of the keys at ``positions``, each with the score of its key."""
        starts = self._post_starts[positions]
        if self._single:
            return self._post_entries[starts], scores
        sizes = self._post_starts[positions + 1] - starts
        total = int(sizes.sum())
        offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        return self._post_entries[np.repeat(starts, sizes) + offsets], np.repeat(scores, sizes)

    def _score_lengths(self, coded_query: str, score_cutoff: float, low: int,
                       high: int) -> tuple[np.ndarray, np.ndarray]:
        """Positions and scores of the keys of length ``low`` to ``high`` that reach the cutoff."""
        nothing = np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        first, last = int(self._starts[low]), int(self._starts[high + 1])
        if first == last:
            return nothing
        # rapidfuzz turns the cutoff into a distance and may drop a score equal to it (or keep
        # 0 for a tiny cutoff) by rounding: ask for a little more, then cut exactly here
        asked = max(score_cutoff - _CUTOFF_SLACK, 0.0)
        if last - first <= self.small_window or score_cutoff <= 0.0:
            choices, offset, positions = self._coded[first:last], first, None
        else:
            positions = self._filter(coded_query, score_cutoff, low, high, first, last)
            choices, offset = self._coded[positions], 0
        if not len(choices):
            return nothing
        scores = process.cdist([coded_query], choices, scorer=fuzz.ratio, processor=None, score_cutoff=asked,
                               dtype=np.float64)[0]
        hits = np.flatnonzero(scores >= score_cutoff)
        found = hits + offset if positions is None else positions[hits]
        return found.astype(np.int64, copy=False), scores[hits]

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
                 tables: tuple[HashedKeys, HashedKeys] | None = None, keys: Sequence[str] | None = None) -> None:
        """Index ``concepts``; with ``tables`` (exact, folded, as :meth:`load` reads them), built from those;
        ``keys``: the terms folded, as :func:`~termbase.term_keys.term_keys` gives them (folded here if not)."""
        self._small_window = small_window
        self._concepts = concepts
        self._entries: Sequence[_Entry] = _Entries(concepts)
        self._fuzzy: dict[str, FuzzyKeyIndex] = {}
        if keys is not None:
            self.__dict__["_keys"] = list(keys)
        if tables is None:
            self._build(concepts)
        else:
            self._exact, self._folded = tables

    def _build(self, concepts: Sequence[Concept]) -> None:
        texts = [term.text for concept in track(concepts, "building the lookup index", unit="concept")
                 for term in concept.terms]
        keys = self.__dict__.get("_keys")  # given to the constructor, or folded here
        if keys is None:
            keys = self.__dict__["_keys"] = list(map(fold, texts))
        self._exact = HashedKeys.of(texts)
        self._folded = HashedKeys.of(keys)

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

    @cached_property
    def _entry_table(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """Per entry, as arrays: the dense rank of its concept's id (equal ids, equal ranks),
        its term's status rank and the number of its language tag; and the tags by number."""
        concepts = self._concepts
        ids = np.array([concept.id for concept in concepts], dtype=str)
        id_ranks = np.unique(ids, return_inverse=True)[1].reshape(-1).astype(np.int64)
        sizes = np.fromiter((len(concept.terms) for concept in concepts), dtype=np.int64, count=len(concepts))
        tags: dict[str, int] = {}
        terms = [term for concept in concepts for term in concept.terms]
        statuses = np.fromiter((term.status.rank for term in terms), dtype=np.int64, count=len(terms))
        langs = np.fromiter((tags.setdefault(term.lang, len(tags)) for term in terms), dtype=np.int64,
                            count=len(terms))
        return np.repeat(id_ranks, sizes), statuses, langs, list(tags)

    def _found(self, query: str, lang: str | None, score_cutoff: float,
               limit: int | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Entries (of the wanted language) that reach the cutoff, with a score and the rank of
        their kind of match, as three arrays; an entry found more than once is there more than once.

        With a ``limit``, only the entries :meth:`rank` can show are sure to be there: once
        ``limit`` concepts have a score, the cutoff rises to the lowest of the best ``limit``
        concept scores. Every entry scoring at least that is still found (the cutoff is
        inclusive), so the ranking, its ties and their count are those of the full search;
        entries found earlier below the final cutoff stay, and sort after them.
        """
        exact = self._exact_scores(query)
        entries = [np.fromiter(exact, dtype=np.int64, count=len(exact))]
        scores = [np.full(len(exact), 100.0)]
        kinds = [np.fromiter((kind.rank for _, kind in exact.values()), dtype=np.int64, count=len(exact))]
        key = fold(query)
        indexes = [self._fuzzy_index(index_lang) for index_lang in self._fuzzy_entries
                   if lang is None or same_language(index_lang, primary_language(lang))] if key else []
        # read after the fuzzy indexes are built: its passes would leave gaps among their coded keys
        concept_of, _, lang_of, tags = self._entry_table
        wanted = None if lang is None else np.array([same_language(tag, lang) for tag in tags], dtype=bool)

        def keep(found: np.ndarray) -> np.ndarray:
            return found if wanted is None else wanted[lang_of[found]]

        if wanted is not None:
            mask = keep(entries[0])
            entries, scores, kinds = [entries[0][mask]], [scores[0][mask]], [kinds[0][mask]]
        if not indexes:
            return entries[0], scores[0], kinds[0]
        cutoff = RisingCutoff(score_cutoff)
        fuzzy = MatchKind.FUZZY.rank

        def raise_cutoff() -> None:
            """Raise the cutoff to the lowest of the best ``limit`` concept scores found so far."""
            if limit is None or limit <= 0:
                return
            concepts, found = concept_of[np.concatenate(entries)], np.concatenate(scores)
            order = np.lexsort((found, concepts))
            concepts = concepts[order]
            last = np.append(concepts[1:] != concepts[:-1], True) if len(concepts) else concepts.astype(bool)
            best = found[order][last]  # each concept's best score
            if len(best) >= limit:
                cutoff.raise_to(float(np.partition(best, len(best) - limit)[len(best) - limit]))

        raise_cutoff()
        for index in indexes:
            for found, found_scores in index.search_arrays(key, cutoff):
                if wanted is not None:
                    mask = keep(found)
                    found, found_scores = found[mask], found_scores[mask]
                entries.append(found)
                scores.append(found_scores)
                kinds.append(np.full(len(found), fuzzy, dtype=np.int64))
                raise_cutoff()
        return np.concatenate(entries), np.concatenate(scores), np.concatenate(kinds)

    def find(self, query: str, *, lang: str | None, score_cutoff: float) -> list[Match]:
        """Every term matching ``query`` (one match per term, its best, unranked)."""
        entries, scores, kinds = self._found(query, lang, score_cutoff, None)
        order = np.lexsort((kinds, -scores, entries))
        first = np.append(True, entries[order][1:] != entries[order][:-1]) if len(order) else order.astype(bool)
        matches = []
        for entry, score, kind in zip(entries[order][first].tolist(), scores[order][first].tolist(),
                                      kinds[order][first].tolist()):
            item = self._entries[entry]
            matches.append(Match(item.concept, item.term, score, self._kind_of(kind)))
        return matches

    def rank(self, query: str, *, lang: str | None, score_cutoff: float, limit: int | None) -> Matches:
        """The best ``limit`` concepts for ``query``: :func:`~termbase.lookup.rank_matches` of
        :meth:`find`, in numpy passes over the entries found, however many share the top score.

        A concept's level is the best (score, kind of match) of its entries, its term the best
        (status, text) at that level; concepts sort by level, then the status of their term, then
        id. The concepts at the top level are counted, to report how many the limit left out.
        """
        entries, scores, kinds = self._found(query, lang, score_cutoff, limit)
        if not len(entries):
            return Matches([])
        concept_of, status_of, _, _ = self._entry_table
        concepts, statuses = concept_of[entries], status_of[entries]
        order = np.lexsort((statuses, kinds, -scores, concepts))
        sorted_concepts = concepts[order]
        starts = np.flatnonzero(np.append(True, sorted_concepts[1:] != sorted_concepts[:-1]))
        heads = order[starts]  # per concept, its entry at its best level with the best status
        ranking = np.lexsort((concepts[heads], statuses[heads], kinds[heads], -scores[heads]))
        top = heads[ranking[0]]
        tied = int(np.count_nonzero((scores[heads] == scores[top]) & (kinds[heads] == kinds[top])))
        shown = ranking if limit is None else ranking[:max(limit, 0)]
        ranked: list[Match] = []
        for group in shown.tolist():
            head = int(heads[group])
            level = (scores[head], kinds[head], statuses[head])
            end = starts[group + 1] if group + 1 < len(starts) else len(order)
            run = [int(e) for e in order[starts[group]:end]
                   if (scores[e], kinds[e], statuses[e]) == level]  # the entries equal to the head
            item = min((self._entries[int(entries[e])] for e in run), key=lambda i: i.term.text)
            ambiguous = tied > 1 and bool(scores[head] == scores[top] and kinds[head] == kinds[top])
            ranked.append(Match(item.concept, item.term, float(scores[head]), self._kind_of(int(kinds[head])),
                                ambiguous))
        shown_tied = sum(1 for match in ranked if match.ambiguous)
        return Matches(ranked, more_tied=tied - shown_tied if tied > 1 else 0)

    @staticmethod
    def _kind_of(rank: int) -> MatchKind:
        return next(kind for kind in MatchKind if kind.rank == rank)
