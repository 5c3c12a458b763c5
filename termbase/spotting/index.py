"""The compiled spotting index: per language, a hashed table of the word runs of its stem keys.

Each key — a folded stem — is one or more whole words. A text is folded, cut into words, and
every run of words whose hash is a key's (:mod:`termbase.spotting.ngrams`) is compared with the
key: in English a key is a run of whole words. In Arabic a run may also begin inside its first
word, after a clitic chain glued to it (و, بال, لل …). A small glossary's table holds each key
after each chain it accepts too, so a word is looked up whole, as in English; a large one's holds
the keys alone, the chains a word begins with are read off the text by array operations, the tail
after each is looked up, and the match counts when the key accepts the chain. The clitics
and articles that news copy writes apart (لـ, الـ) are looked up the same way, as words.
Exact spotting costs a few array passes over the text whatever the size of the glossary;
:meth:`SpotIndex.scan` returns its matches as arrays.

The index is stored in the user's cache (:mod:`termbase.cache`), keyed on the glossaries' digest
and the digest of the code that builds it, every file verified against the entry's manifest before
it is read: the keys as text and the entry tables as memory-mapped numpy arrays (never pickles).
The hash tables are not stored: a language's table is made again from its keys, with array
operations, when a text in it is first scanned.
"""

from __future__ import annotations

import json
from itertools import chain
from operator import attrgetter
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple, overload

import numpy as np
import numpy.typing as npt

from termbase.cache import Entry, EntryWriter
from termbase.langtags import primary_language
from termbase.model import Concept
from termbase.normalize import FOLDING_SCHEME
from termbase.progress import track
from termbase.arabic import DEFINITE_PREFIXES, DETACHED_ARTICLES, DETACHED_CLITICS, INDEFINITE_PREFIXES
from termbase.spotting.forms import (
    Definiteness,
    KeyEntry,
    SurfaceForm,
    is_collective,
    place_nisbas,
    state_styles,
    styled_names,
    surface_forms,
)
from termbase.spotting.ngrams import KeyTable, TextWords, tail_hashes, text_words, word_hash, word_tail_hashes
from termbase.spotting.readings import Plain, Reading, read_attached, read_detached
from termbase.term_keys import term_keys

__all__ = ["TABLES", "Matches", "SpotIndex"]

Positions = npt.NDArray[np.int64]

TABLES = "concepts.json"
"""The cache entry file naming the concepts and languages; see :meth:`SpotIndex.save` for the rest."""
INDEX_SCHEME = "spot-word-runs-1"
"""Name and version of the index layout; part of a stored index's cache key."""
_DEFINITENESS = list(Definiteness)
_DEFINITENESS_CODE = {d: code for code, d in enumerate(_DEFINITENESS)}
ALL_PREFIXES = INDEFINITE_PREFIXES | DEFINITE_PREFIXES
"""Every attached prefix that :meth:`SurfaceForm.accepts` can accept (ل + ل… is among them)."""
PREFIXES: tuple[str, ...] = ("",) + tuple(sorted(ALL_PREFIXES - {""}))
"""Prefix numbers: a match value is ``key number << PREFIX_BITS | prefix number``."""
PREFIX_BITS = 6
PREFIX_MASK = (1 << PREFIX_BITS) - 1
"""``value & PREFIX_MASK`` is the prefix number of a match value."""
_PREFIX_NUMBER = {prefix: number for number, prefix in enumerate(PREFIXES)}
_PREFIX_LENGTHS = np.array([len(prefix) for prefix in PREFIXES], dtype=np.int64)
_terms_of = attrgetter("terms")
_CHAIN_INITIALS = frozenset(prefix[0] for prefix in PREFIXES if prefix)
_LONGEST_PREFIX = max(len(prefix) for prefix in PREFIXES)
assert len(PREFIXES) <= PREFIX_MASK
DETACHED_WORDS = DETACHED_CLITICS | DETACHED_ARTICLES
"""Clitics and articles written apart; in prefixed languages the scan reports where they stand."""
PREFIXED_LANGUAGES = frozenset({"ar"})
"""Languages whose keys are also found with the clitic chains they accept glued in front."""
_FEW_LETTERS = 1000
"""Texts of up to this many characters (folded) are scanned word by word in Python
(:meth:`SpotIndex._scan_few`): a sentence or a segment, not an article."""


class Matches(NamedTuple):
    """The whole-word matches of one scan, in text order, as positions in the folded text."""

    starts: Positions
    """Where each match begins, its prefix included."""
    stems: Positions
    """Where its key begins, after the prefix."""
    stops: Positions
    """Where its key ends (exclusive)."""
    values: Positions
    """``key number << PREFIX_BITS | prefix number``."""
    detached: list[tuple[int, int, str]]
    """``(start, stop, word)`` of each clitic or article written apart (لـ, الـ)."""

    def take(self, positions: Positions) -> Matches:
        """The matches at ``positions`` (the clitics written apart are kept whole)."""
        return Matches(self.starts[positions], self.stems[positions], self.stops[positions],
                       self.values[positions], self.detached)


class SpotIndex:
    """Per language: a table from key to key number, and the entries of each key."""

    def __init__(self) -> None:
        self.tables = _Tables()
        self.entries: dict[str, _StoredEntries] = {}
        self.readings: dict[str, dict[int, Reading]] = {}
        """Per language, memo of :meth:`reading` by match value."""
        self.plain_readings: dict[str, dict[int, Plain]] = {}
        """Per language, the flat ones among them (:attr:`Reading.flat`: what the spotter looks up first)."""
        self._detached_readings: dict[tuple[str, int, str], Reading] = {}
        self.accepted: dict[str, Positions] = {}
        """Per prefixed language, by key number, the bit mask of the prefix numbers its entries accept."""

    @classmethod
    def build(cls, concepts: Sequence[Concept], *, keys: Sequence[str] | None = None) -> SpotIndex:
        """Generate every surface form of every term and hash the keys (each key's entries kept as rows,
        as a stored index keeps them); ``keys``: the terms folded, as
        :func:`~termbase.term_keys.term_keys` gives them (folded here if not)."""
        return cls._build(concepts, term_keys(concepts) if keys is None else keys)

    @classmethod
    def _build(cls, concepts: Sequence[Concept], folded: Sequence[str]) -> SpotIndex:
        # per language, key -> its entries' rows, four numbers each (as stored: see :meth:`save`, but
        # the concepts numbered in ``concepts`` order); entries are made from them when a match needs them
        by_lang: dict[str, dict[str, list[int]]] = {}
        by_id = {concept.id: concept for concept in concepts}
        styles = state_styles(concepts)
        codes = {id(definiteness): code for definiteness, code in _DEFINITENESS_CODE.items()}  # enums hash slowly
        either = _DEFINITENESS_CODE[Definiteness.EITHER]
        definite = _DEFINITENESS_CODE[Definiteness.DEFINITE]
        languages: dict[str, str] = {}
        folded_terms = iter(folded)
        for number, concept in enumerate(track(concepts, "building the spotting index", unit="concept")):
            for position, term in enumerate(concept.terms):
                lang = languages.get(term.lang)
                if lang is None:
                    lang = languages[term.lang] = primary_language(term.lang)
                keys = by_lang.setdefault(lang, {})
                collective = is_collective(concept, term)
                for form in surface_forms(term, collective=collective, key=next(folded_terms)):
                    rows = keys.get(form.key)
                    if rows is None:
                        rows = keys[form.key] = []
                    rows += (number, position, codes[id(form.definiteness)], form.variant)
            derived = [(term, made, either) for term, made in place_nisbas(concept, by_id)]
            derived += [(term, made, definite) for term, made in styled_names(concept, styles)]
            for term, made, code in derived:  # كازاخستاني of كازاخستان, الجمهورية التونسية of تونس
                keys = by_lang.setdefault(primary_language(term.lang), {})
                position = next(at for at, listed in enumerate(concept.terms) if listed is term)
                for key in made:  # a form the concept lists already stays the listed one
                    rows = keys.setdefault(key, [])
                    if number not in rows[0::4]:
                        rows += (number, position, code, True)
        index = cls()
        for lang, keys in by_lang.items():
            ordered = sorted(keys)
            grouped = list(map(keys.__getitem__, ordered))  # built-ins over a million keys: no generator frames
            offsets = np.zeros(len(ordered) + 1, dtype=np.int64)
            np.cumsum(np.fromiter(map(len, grouped), dtype=np.int64, count=len(ordered)) // 4, out=offsets[1:])
            table = np.fromiter(chain.from_iterable(grouped), dtype=np.int32, count=int(offsets[-1]) * 4).reshape(-1, 4)
            index._add_language(lang, ordered, table, offsets, concepts)
        return index

    def _add_language(self, lang: str, keys: list[str], rows: npt.NDArray[np.int32], offsets: Positions,
                      concepts: Sequence[Concept]) -> None:
        self.entries[lang] = _StoredEntries(lang, keys, rows, offsets, concepts)
        if lang in PREFIXED_LANGUAGES:
            self.accepted[lang] = _accepted_masks(keys, rows, offsets)
        self.tables.add(lang, "\n".join(keys), self.accepted.get(lang))

    # -- scanning -----------------------------------------------------------------------------

    def scan(self, lang: str, folded: str) -> Matches:
        """Every whole-word match of a key of ``lang`` in the ``folded`` text, in text order.

        Overlapping matches (nested terms) are all returned; choosing among them is the caller's.
        """
        table = self.tables.get(lang)
        if table is None:
            empty = np.zeros(0, dtype=np.int64)
            return Matches(empty, empty, empty, empty, [])
        if len(folded) <= _FEW_LETTERS:
            return self._scan_few(lang, folded, table)
        words = text_words(folded)
        every = np.arange(len(words.starts), dtype=np.int64)
        if table.glued:  # the table holds each key after each chain it accepts: whole words only
            runs = table.find(words, every, words.hashes)
            prefixes = runs.heads
            stems = words.starts[runs.queries] + _PREFIX_LENGTHS[prefixes]
        elif lang in PREFIXED_LANGUAGES:
            chained, skips, chains = _glued_chains(words)
            word_numbers = np.concatenate((every, chained))
            hashes = np.concatenate((words.hashes, tail_hashes(words, chained, skips)))
            runs = table.find(words, word_numbers, hashes)
            # where each run's key begins and the chain before it, for the runs found only
            tails = runs.queries - len(every)
            glued = tails >= 0
            prefixes = np.zeros(len(tails), dtype=np.int64)
            prefixes[glued] = chains[tails[glued]]
            stems = words.starts[word_numbers[runs.queries]] + _PREFIX_LENGTHS[prefixes]
        else:
            runs = table.find(words, every, words.hashes)
            stems, prefixes = words.starts[runs.queries], np.zeros(len(runs.queries), dtype=np.int64)
        numbers, stops = runs.keys, runs.stops
        if table.glued:  # a hash names a key and chain up to a collision: the text must spell both
            same = np.flatnonzero(table.spelled(words.codes, stems - _PREFIX_LENGTHS[prefixes], stops, numbers,
                                                prefixes))
        else:
            if lang in PREFIXED_LANGUAGES:  # the key accepts the chain glued to it (no chain: always)
                accepted = np.flatnonzero((self.accepted[lang][numbers] >> prefixes) & 1)
                stems, prefixes, numbers, stops = (stems[accepted], prefixes[accepted], numbers[accepted],
                                                   stops[accepted])
            # a hash names a key up to a collision: the text must spell the key
            same = np.flatnonzero(table.spelled(words.codes, stems, stops, numbers))
        stems, prefixes, numbers, stops = stems[same], prefixes[same], numbers[same], stops[same]
        starts = stems - _PREFIX_LENGTHS[prefixes]
        # one word read two ways (وباث as the key وباث, or و + باث): the longer key wins
        order = np.lexsort((_PREFIX_LENGTHS[prefixes], stops, starts))
        starts, stems, stops, numbers, prefixes = (a[order] for a in (starts, stems, stops, numbers, prefixes))
        if len(starts) > 1 and lang in PREFIXED_LANGUAGES:
            first = np.ones(len(starts), dtype=bool)
            first[1:] = (starts[1:] != starts[:-1]) | (stops[1:] != stops[:-1])
            starts, stems, stops, numbers, prefixes = (a[first] for a in (starts, stems, stops, numbers, prefixes))
        detached = _detached(folded, words, starts, stops) if lang in PREFIXED_LANGUAGES else []
        return Matches(starts, stems, stops, numbers << PREFIX_BITS | prefixes, detached)

    def _scan_few(self, lang: str, folded: str, table: KeyTable) -> Matches:
        """:meth:`scan` of a short text (a sentence, a segment): the same matches in the same
        order, found word by word with Python strings and integers, without the fixed cost of the
        array passes (a hundred numpy calls, most of the time of a sentence's scan)."""
        prefixed = lang in PREFIXED_LANGUAGES
        read_chains = prefixed and not table.glued  # else the table holds the keys after their chains
        word_starts: list[int] = []
        word_stops: list[int] = []
        word_hashes: list[int] = []
        queries: list[tuple[int, int, int, int]] = []  # word number, where its key would begin, chain, hash
        position = 0
        for word in folded.split(" "):
            if word:
                number = len(word_starts)
                word_starts.append(position)
                word_stops.append(position + len(word))
                if read_chains and word[0] in _CHAIN_INITIALS and len(word) > 1:
                    tails = word_tail_hashes(word)  # every clitic chain the word begins with, a letter or more after it
                    for size in range(1, min(_LONGEST_PREFIX, len(word) - 1) + 1):
                        chain = _PREFIX_NUMBER.get(word[:size])
                        if chain is not None:
                            queries.append((number, position + size, chain, tails[size]))
                    hashed = tails[0]
                else:
                    hashed = word_hash(word)
                word_hashes.append(hashed)
                queries.append((number, position, 0, hashed))
            position += len(word) + 1
        accepted = self.accepted.get(lang)
        found: list[tuple[int, int, int, int, int, int]] = []  # start, stop, chain length, stem, key, chain
        for query, number, head, stop in table.find_few(word_hashes, word_stops, [q[0] for q in queries],
                                                        [q[3] for q in queries]):
            _, stem, chain, _ = queries[query]
            if head:  # a chain the table holds glued to the key (and accepted)
                chain, stem = head, stem + len(PREFIXES[head])
                if not folded.startswith(PREFIXES[head], stem - len(PREFIXES[head])):
                    continue  # a hash names a key and chain up to a collision
            elif accepted is not None and not (accepted.item(number) >> chain) & 1:
                continue  # the key does not accept the chain glued to it
            if folded[stem:stop] != table.key(number):  # a hash names a key up to a collision
                continue
            size = len(PREFIXES[chain])
            found.append((stem - size, stop, size, stem, number, chain))
        found.sort()  # the order of :meth:`scan`: by start, stop, then the shorter chain
        if prefixed:  # one word read two ways: the longer key wins
            found = [match for at, match in enumerate(found)
                     if not at or match[:2] != found[at - 1][:2]]
        detached: list[tuple[int, int, str]] = []
        if prefixed:
            spans = {match[:2] for match in found}
            detached = [(start, stop, folded[start:stop]) for start, stop in zip(word_starts, word_stops)
                        if stop - start <= _LONGEST_PREFIX and folded[start:stop] in DETACHED_WORDS
                        and (start, stop) not in spans]
        starts, stems, stops, values = np.array([(start, stem, stop, number << PREFIX_BITS | chain) for start, stop, _,
                                                 stem, number, chain in found], dtype=np.int64).reshape(-1, 4).T.copy()
        return Matches(starts, stems, stops, values, detached)

    def reading(self, lang: str, value: int) -> Reading:
        """What a match value stands for (memoized in :attr:`readings`)."""
        memo = self.readings.setdefault(lang, {})
        found = memo.get(value)
        if found is None:
            entries = self.entries[lang][value >> PREFIX_BITS]
            found = memo[value] = read_attached(entries, PREFIXES[value & PREFIX_MASK])
            flat = found.flat
            if flat is not None:
                self.plain_readings.setdefault(lang, {})[value] = flat
        return found

    def detached_reading(self, lang: str, value: int, word: str) -> Reading:
        """What the key of a match value stands for after ``word`` written apart (memoized)."""
        number = value >> PREFIX_BITS
        found = self._detached_readings.get((lang, number, word))
        if found is None:
            found = self._detached_readings[(lang, number, word)] = read_detached(self.entries[lang][number], word)
        return found

    # -- disk cache ---------------------------------------------------------------------------
    #
    # Per language: ``<lang>.keys`` (the keys in number order, UTF-8, one per line), and numpy
    # arrays loaded memory-mapped: ``<lang>.rows.npy`` ([concept number, term position in the
    # concept, definiteness code, variant] per entry, grouped by key), ``<lang>.offsets.npy``
    # (where each key's rows start) and, in prefixed languages, ``<lang>.accepted.npy``; then
    # ``concepts.json``, the concept ids the rows number and the languages. No hash table file: a
    # language's table is made again from its keys, with array operations, when a text in it is
    # first scanned. Key entries are made from the rows only when a match needs them.

    def save(self, writer: EntryWriter) -> None:
        """Write the keys and entry tables into a new cache entry."""
        self._save(writer)

    def _save(self, writer: EntryWriter) -> None:
        stored = [self.entries[lang] for lang in self.tables]
        # the concepts numbered in the order their first rows come, language after language
        named = np.concatenate([entries.rows[:, 0] for entries in stored]) if stored else np.zeros(0, np.int32)
        seen, first = np.unique(named, return_index=True)
        order = seen[np.argsort(first, kind="stable")]
        renumbered = np.zeros(max(len(entries.concepts) for entries in stored) if stored else 0, dtype=np.int32)
        renumbered[order] = np.arange(len(order), dtype=np.int32)
        for lang, entries in zip(self.tables, stored):
            rows = entries.rows.copy()
            rows[:, 0] = renumbered[rows[:, 0]]
            writer.write_bytes(f"{lang}.keys", "\n".join(entries.keys).encode("utf-8"))
            writer.write_array(f"{lang}.rows.npy", rows)
            writer.write_array(f"{lang}.offsets.npy", np.asarray(entries.offsets, dtype=np.int64))
            if lang in self.accepted:
                writer.write_array(f"{lang}.accepted.npy", self.accepted[lang])
        concepts = stored[0].concepts if stored else []
        tables = {"concepts": [concepts[number].id for number in order.tolist()], "languages": sorted(self.tables)}
        writer.write_bytes(TABLES, json.dumps(tables, ensure_ascii=False).encode("utf-8"))

    @classmethod
    def load(cls, entry: Entry, concepts: Sequence[Concept]) -> SpotIndex | None:
        """The index stored in a cache entry, or ``None`` when it is unusable (every file is
        verified against the entry's manifest before it is parsed, mapped or loaded)."""
        return cls._load(entry, concepts)

    @classmethod
    def _load(cls, entry: Entry, concepts: Sequence[Concept]) -> SpotIndex | None:
        try:
            tables = json.loads(entry.read_bytes(TABLES))
            # every term's language tag read once, numbered: a row's language is then checked with
            # array operations (the rows number the concepts in their own order, see _save)
            positions = {c.id: at for at, c in enumerate(concepts)}
            placed = np.array([positions[concept_id] for concept_id in tables["concepts"]], dtype=np.int64)
            numbered = [concepts[at] for at in placed.tolist()]
            tags = [term.lang for concept in concepts for term in concept.terms]
            tag_numbers = {tag: number for number, tag in enumerate(set(tags))}
            primaries = [primary_language(tag) for tag in tag_numbers]
            if sorted(tables["languages"]) != sorted(set(primaries)):
                return None
            term_tags = np.fromiter(map(tag_numbers.__getitem__, tags), dtype=np.int64, count=len(tags))
            all_sizes = np.fromiter(map(len, map(_terms_of, concepts)), dtype=np.int64, count=len(concepts))
            all_firsts = np.concatenate(([0], np.cumsum(all_sizes)))
            sizes, firsts = all_sizes[placed], all_firsts[placed]
            index = cls()
            for lang in tables["languages"]:
                text = entry.read_bytes(f"{lang}.keys").decode("utf-8")
                keys = text.split("\n") if text else []
                rows = entry.array(f"{lang}.rows.npy", np.int32, 2)
                offsets = entry.array(f"{lang}.offsets.npy", np.int64, 1)
                if (len(offsets) != len(keys) + 1 or offsets[0] != 0 or offsets[-1] != len(rows)
                        or np.any(np.diff(offsets) <= 0) or rows.shape[1:] != (4,)):
                    return None
                if len(rows) and (rows[:, 0].min() < 0 or rows[:, 0].max() >= len(numbered) or rows[:, 1].min() < 0
                                  or not set(np.unique(rows[:, 2]).tolist()) <= set(range(len(_DEFINITENESS)))):
                    return None
                if len(rows):  # every row names a term of its concept, in this language
                    if np.any(rows[:, 1] >= sizes[rows[:, 0]]):
                        return None
                    in_lang = np.array([primary == lang for primary in primaries], dtype=bool)[term_tags]
                    if not in_lang[firsts[rows[:, 0]] + rows[:, 1]].all():
                        return None
                if lang in PREFIXED_LANGUAGES:
                    accepted = entry.array(f"{lang}.accepted.npy", np.int64, 1)
                    if len(accepted) != len(keys):
                        return None
                    index.accepted[lang] = accepted
                if len(set(keys)) != len(keys):
                    return None
                index.tables.add(lang, text, index.accepted.get(lang))
                index.entries[lang] = _StoredEntries(lang, keys, rows, offsets, numbered)
            return index
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None


class _StoredEntries(Sequence[tuple[KeyEntry, ...]]):
    """The entries of each key of an index, built or stored, made from its rows when first asked for."""

    def __init__(self, lang: str, keys: list[str], rows: npt.NDArray[np.int32], offsets: Positions,
                 concepts: Sequence[Concept]) -> None:
        self.lang, self.keys, self.rows, self.offsets, self.concepts = lang, keys, rows, offsets, concepts
        self._made: dict[int, tuple[KeyEntry, ...]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, number: int) -> tuple[KeyEntry, ...]: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[tuple[KeyEntry, ...]]: ...

    def __getitem__(self, number: int | slice) -> tuple[KeyEntry, ...] | Sequence[tuple[KeyEntry, ...]]:
        if isinstance(number, slice):
            return [self[i] for i in range(*number.indices(len(self)))]
        made = self._made.get(number)
        if made is None:
            if not 0 <= number < len(self.keys):
                raise IndexError(number)
            key = self.keys[number]
            group = []
            for concept_number, position, definiteness, variant in self.rows[
                    self.offsets[number]:self.offsets[number + 1]].tolist():
                concept = self.concepts[concept_number]
                term = concept.terms[position]  # checked when the index was loaded
                group.append(KeyEntry(concept, term, SurfaceForm(key, _DEFINITENESS[definiteness], bool(variant))))
            made = self._made[number] = tuple(group)
        return made


def _accepted_masks(keys: Sequence[str], rows: npt.NDArray[np.int32], offsets: Positions) -> Positions:
    """By key number, the bit mask of the prefix numbers the key's entries accept together
    (:func:`_prefix_mask` of the union): what a form accepts depends only on its definiteness and on
    whether its key starts with ل, so each such class's mask is computed once and the rows' masks or-ed."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    by_class = np.array([[_prefix_mask(frozenset(p for p in ALL_PREFIXES if form.accepts(p)))
                          for form in (SurfaceForm("", definiteness, False), SurfaceForm("ل", definiteness, False))]
                         for definiteness in _DEFINITENESS], dtype=np.int64)
    lam = np.fromiter((key.startswith("ل") for key in keys), dtype=bool, count=len(keys))
    row_lam = np.repeat(lam, np.diff(offsets))
    masks: Positions = np.bitwise_or.reduceat(by_class[rows[:, 2], row_lam.astype(np.int64)], offsets[:-1]) | 1
    return masks


def _prefix_mask(accepted: frozenset[str]) -> int:
    """Bit mask of the prefix numbers a key accepts; no prefix (number 0) always (a detached
    clitic or article may stand in the word before)."""
    return 1 | sum(1 << _PREFIX_NUMBER[prefix] for prefix in accepted)


def _chain_tables() -> tuple[npt.NDArray[np.uint8], dict[int, Positions]]:
    """The letters of the clitic chains numbered from 1 (any other code: 0; the last entry, which
    stands for every code past it, is 0), and per chain length the prefix number of every packed
    run of that many such numbers (0: not a chain)."""
    letters = sorted({char for prefix in PREFIXES for char in prefix})
    assert len(letters) < 8  # a letter's number takes three bits
    numbered = np.zeros(max(map(ord, letters)) + 2, dtype=np.uint8)
    for number, char in enumerate(letters, 1):
        numbered[ord(char)] = number
    chains: dict[int, Positions] = {}
    for number, prefix in enumerate(PREFIXES):
        if prefix:
            table = chains.setdefault(len(prefix), np.zeros(8 ** len(prefix), dtype=np.int64))
            packed = 0
            for char in prefix:
                packed = packed * 8 + int(numbered[ord(char)])
            table[packed] = number
    return numbered, dict(sorted(chains.items()))


_CHAIN_LETTERS, _CHAINS = _chain_tables()


def _glued_chains(words: TextWords) -> tuple[Positions, Positions, Positions]:
    """Every clitic chain a word begins with, a letter or more left after it: the word's number,
    the chain's length and its prefix number."""
    lengths = words.stops - words.starts
    codes, last = words.codes, np.uint32(len(_CHAIN_LETTERS) - 1)  # a scalar of the widest code type
    initials = _CHAIN_LETTERS[np.minimum(codes[words.starts], last)]
    chained = np.flatnonzero((initials != 0) & (lengths > 1))
    packed = initials[chained].astype(np.int64)
    found: list[tuple[Positions, Positions, Positions]] = []
    for size, table in _CHAINS.items():
        if size > 1:  # the chain's next letter, words long enough only
            longer = lengths[chained] > size
            chained, packed = chained[longer], packed[longer]
            following = _CHAIN_LETTERS[np.minimum(codes[words.starts[chained] + size - 1], last)]
            keep = np.flatnonzero(following)
            chained, packed = chained[keep], packed[keep] * 8 + following[keep]
        numbers = table[packed]
        ok = np.flatnonzero(numbers)
        found.append((chained[ok], np.full(ok.size, size, dtype=np.int64), numbers[ok]))
    return (np.concatenate([at for at, _, _ in found]), np.concatenate([sizes for _, sizes, _ in found]),
            np.concatenate([numbers for _, _, numbers in found]))


_DETACHED_TABLE = KeyTable("\n".join(sorted(DETACHED_WORDS)))


def _detached(folded: str, words: TextWords, starts: Positions, stops: Positions) -> list[tuple[int, int, str]]:
    """``(start, stop, word)`` of each clitic or article written apart, unless a key match spells
    the same whole word (``starts``/``stops``, in that order): a key of that spelling stays a key."""
    lengths = words.stops - words.starts
    short = np.flatnonzero(lengths <= _LONGEST_PREFIX)
    found = short[_DETACHED_TABLE.holding(words.hashes[short])]
    if not found.size:
        return []
    spans = starts * (len(folded) + 1) + stops  # ascending, as the matches are sorted
    candidates = words.starts[found] * (len(folded) + 1) + words.stops[found]
    place = np.minimum(np.searchsorted(spans, candidates), max(len(spans) - 1, 0))
    free = spans[place] != candidates if len(spans) else np.ones(len(found), dtype=bool)
    apart = [(start, stop, folded[start:stop]) for start, stop
             in zip(words.starts[found[free]].tolist(), words.stops[found[free]].tolist())]
    return [(start, stop, word) for start, stop, word in apart if word in DETACHED_WORDS]


_GLUED_ENTRIES = 1 << 19
"""A prefixed language's table holds each key after each clitic chain it accepts when that makes
at most this many entries (about 18 a key: up to some 29k keys; at 10k terms, with the word
prefixes of the longer keys, a table of 2**21 slots and 44 MB against 2 MB for the keys alone); a
text's words are then looked up whole, its chains never read. A larger glossary's
table holds the keys alone, and the scan looks up each tail left after a chain a word begins with
(:func:`_glued_chains`)."""


class _Tables(Mapping[str, KeyTable]):
    """The key table of each language, made from the language's keys when first asked for."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[str, Positions | None]] = {}
        self._made: dict[str, KeyTable] = {}

    def add(self, lang: str, keys: str, accepted: Positions | None = None) -> None:
        """The keys of ``lang``, one per line in key number order, and in a prefixed language the
        bit mask of the prefix numbers each accepts (:attr:`SpotIndex.accepted`)."""
        self._keys[lang] = (keys, accepted)
        self._made.pop(lang, None)

    def __getitem__(self, lang: str) -> KeyTable:
        made = self._made.get(lang)
        if made is None:
            keys, accepted = self._keys[lang]
            if accepted is not None and _chain_count(accepted) <= _GLUED_ENTRIES:
                made = KeyTable(keys, PREFIXES, accepted)
            else:
                made = KeyTable(keys)
            self._made[lang] = made
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _chain_count(accepted: Positions) -> int:
    """How many (key, prefix) pairs the bit masks ``accepted`` allow, no prefix included."""
    return sum(int(np.count_nonzero((accepted >> number) & 1)) for number in range(len(PREFIXES)))


def cache_parts() -> tuple[str, ...]:
    """What a stored index depends on besides the glossaries and termbase's code: the folding
    scheme's name and the index layout's."""
    return (FOLDING_SCHEME, INDEX_SCHEME)
