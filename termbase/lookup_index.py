"""Search structures of a termbase for lookup: dictionaries for exact and folded keys, and a
fuzzy index over unique folded keys sorted by length.

Fuzzy scores are rapidfuzz ``fuzz.ratio`` (normalized Indel similarity) between folded keys.
A ratio of at least ``c`` is only possible when the two lengths are close, so a query scans only
the slice of keys whose length can reach the cutoff, and each unique key is scored once however
many terms share it. The result is exactly what a scan of every term would give.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from rapidfuzz import fuzz, process

from termbase._gc import gc_paused
from termbase.langtags import primary_language, same_language
from termbase.lookup import Match
from termbase.matches import MatchKind
from termbase.model import Concept, Term
from termbase.normalize import fold

__all__ = ["FuzzyKeyIndex", "LookupIndex", "term_keys"]

MIN_TOKEN_LENGTH = 3
"""Words of a multi-word term shorter than this are not fuzzy keys of their own."""

_NO_LIMIT = 1 << 30
_CUTOFF_SLACK = 0.5  # points; far above the rounding error, filtered exactly below


def term_keys(term_text: str) -> tuple[str, tuple[str, ...]]:
    """The folded key of a term and the keys of its words (multi-word terms only)."""
    key = fold(term_text)
    words = key.split(" ")
    tokens = tuple(w for w in dict.fromkeys(words) if len(w) >= MIN_TOKEN_LENGTH) if len(words) > 1 else ()
    return key, tokens


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


class FuzzyKeyIndex:
    """Unique keys sorted by length, each with the ids of the entries it stands for.

    Three lossless shortcuts keep a search well below a scan of every key, with the same result:

    * a cutoff of 100 can only be met by the query key itself: one dictionary look-up;
    * characters of the query that no key contains cannot be matched, so with ``m`` known
      characters the score is at most ``200 m / (len(query) + m)`` and keys longer than
      ``200 m / cutoff - len(query)`` cannot reach the cutoff (an Arabic query skips the Latin
      index at once);
    * keys are scored in a compact code (the index alphabet renumbered from 1, most frequent
      first), a one-to-one renaming of characters that leaves every ratio unchanged but lets
      rapidfuzz use its 8-bit paths for Arabic too; keys of one length are one list, so a
      search passes lists to rapidfuzz without copying slices.
    """

    def __init__(self, entries: Iterable[tuple[str, int]]) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        for key, entry in entries:
            if key:
                postings[key].append(entry)
        self.keys: list[str] = sorted(sorted(postings), key=len)  # by (length, key): the sort is stable
        self.lengths: list[int] = [len(k) for k in self.keys]
        self.postings: list[tuple[int, ...]] = [
            tuple(entries) if len(entries) == 1 else tuple(dict.fromkeys(entries))
            for entries in map(postings.__getitem__, self.keys)
        ]
        self._position: dict[str, int] = {key: position for position, key in enumerate(self.keys)}
        alphabet = Counter("".join(self.keys))
        self._codes = _Codes(char for char, _ in alphabet.most_common())
        # keys of each length in code, and the position of the first of them
        self._coded: dict[int, tuple[int, list[str]]] = {}
        start = 0
        for length, group in groupby(self.keys, key=len):
            coded = [key.translate(self._codes) for key in group]
            self._coded[length] = (start, coded)
            start += len(coded)

    def __len__(self) -> int:
        return len(self.keys)

    def search(self, query_key: str, score_cutoff: float) -> Iterator[tuple[int, float]]:
        """Yield ``(entry, score)`` for every key scoring at least ``score_cutoff``.

        Best score first, keys of equal score in index order (the order of a scan of ``keys``).
        """
        if score_cutoff > 100.0:
            return
        if score_cutoff == 100.0:
            position = self._position.get(query_key)
            if position is not None:
                for entry in self.postings[position]:
                    yield entry, 100.0
            return
        low, high = length_window(len(query_key), score_cutoff)
        coded_query = query_key.translate(self._codes)
        if score_cutoff > 0.0:
            known = len(query_key) - coded_query.count(self._codes.sentinel)
            if 200.0 * known < (score_cutoff - _CUTOFF_SLACK) * (len(query_key) + known):
                return
            high = int(min(high, 200.0 * known / score_cutoff - len(query_key) + 1))  # inf for tiny cutoffs
        # rapidfuzz turns the cutoff into a distance and may drop a score equal to it (or keep
        # 0 for a tiny cutoff) by rounding: ask for a little more, then cut exactly here
        asked = max(score_cutoff - _CUTOFF_SLACK, 0.0)
        found: list[tuple[float, int]] = []
        for length in range(max(low, 0), min(high, self.lengths[-1] if self.lengths else 0) + 1):
            group = self._coded.get(length)
            if group is None:
                continue
            start, coded = group
            hits = process.extract(
                coded_query, coded, scorer=fuzz.ratio, processor=None, score_cutoff=asked, limit=None,
            )
            found.extend((-score, start + offset) for _, score, offset in hits if score >= score_cutoff)
        found.sort()
        for negative_score, position in found:
            for entry in self.postings[position]:
                yield entry, -negative_score


@dataclass(frozen=True, slots=True)
class _Entry:
    concept: Concept
    term: Term


class LookupIndex:
    """Exact, folded and fuzzy access to every term of a list of concepts."""

    def __init__(self, concepts: Sequence[Concept]) -> None:
        with gc_paused():
            self._build(concepts)

    def _build(self, concepts: Sequence[Concept]) -> None:
        self._entries: list[_Entry] = []
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._folded: dict[str, list[int]] = defaultdict(list)
        fuzzy_entries: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for concept in concepts:
            for term in concept.terms:
                entry = len(self._entries)
                self._entries.append(_Entry(concept, term))
                self._exact[term.text].append(entry)
                key, tokens = term_keys(term.text)
                self._folded[key].append(entry)
                bucket = fuzzy_entries[primary_language(term.lang)]
                bucket.append((key, entry))
                bucket.extend((token, entry) for token in tokens)
        self._fuzzy_entries = dict(fuzzy_entries)
        self._fuzzy: dict[str, FuzzyKeyIndex] = {}

    def _fuzzy_index(self, lang: str) -> FuzzyKeyIndex:
        """The fuzzy index of one language, built on the first fuzzy lookup in it."""
        index = self._fuzzy.get(lang)
        if index is None:
            with gc_paused():
                index = self._fuzzy[lang] = FuzzyKeyIndex(self._fuzzy_entries[lang])
        return index

    def __len__(self) -> int:
        return len(self._entries)

    def _exact_scores(self, query: str) -> dict[int, tuple[float, MatchKind]]:
        scores: dict[int, tuple[float, MatchKind]] = {}
        for entry in self._exact.get(query, ()):
            scores[entry] = (100.0, MatchKind.EXACT)
        for entry in self._folded.get(fold(query), ()):
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

    def find(self, query: str, *, lang: str | None, score_cutoff: float) -> list[Match]:
        """Every term matching ``query`` (one match per term, unranked)."""
        scores = self._exact_scores(query)
        key = fold(query)
        if key:
            for index_lang in self._fuzzy_entries:
                if lang is not None and not same_language(index_lang, primary_language(lang)):
                    continue
                for entry, score in self._fuzzy_index(index_lang).search(key, score_cutoff):
                    current = scores.get(entry)
                    if current is None or (current[1] is MatchKind.FUZZY and score > current[0]):
                        scores[entry] = (score, MatchKind.FUZZY)
        return self._matches(scores, lang)
