"""The compiled spotting index: one Aho-Corasick automaton per language over stem keys.

Each key — a folded stem — is indexed with a separator on both sides and, in Arabic, once more with
every clitic chain it accepts glued in front (و, بال, لل …), so only whole words reach Python: a key
that merely ends a longer word never matches. The words are stored reversed and the padded folded
text is scanned backwards, so that the many prefixed variants of a key share their path through the
automaton (the stem comes first) instead of repeating it. The clitics and articles that news copy
writes apart (لـ, الـ) are words of the automaton too. Exact spotting is one pass over the text
whatever the size of the glossary; :meth:`SpotIndex.scan` returns its matches as arrays.

The index is stored in the user's cache (:mod:`termbase.cache`), keyed on the glossaries' digest
and the digest of the code that builds it, and verified before pyahocorasick sees a byte. The
automaton stores integers only, and the tables are JSON, so loading it never unpickles anything.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import Any, NamedTuple

import ahocorasick
import numpy as np
import numpy.typing as npt

from termbase._gc import gc_paused
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
    surface_forms,
)
from termbase.spotting.readings import Plain, Reading, read_attached, read_detached

__all__ = ["TABLES", "Matches", "SpotIndex"]

Positions = npt.NDArray[np.int64]

TABLES = "tables.json"
"""The cache entry file of the tables; each language's automaton is ``<lang>.automaton``."""
_DEFINITENESS = list(Definiteness)
_DEFINITENESS_CODE = {d: code for code, d in enumerate(_DEFINITENESS)}
ALL_PREFIXES = INDEFINITE_PREFIXES | DEFINITE_PREFIXES
"""Every attached prefix that :meth:`SurfaceForm.accepts` can accept (ل + ل… is among them)."""
PREFIXES: tuple[str, ...] = ("",) + tuple(sorted(ALL_PREFIXES - {""}))
"""Prefix numbers: an automaton value is ``key number << PREFIX_BITS | prefix number``."""
PREFIX_BITS = 6
PREFIX_MASK = (1 << PREFIX_BITS) - 1
"""``value & PREFIX_MASK`` is the prefix number of an automaton value."""
_PREFIX_NUMBER = {prefix: number for number, prefix in enumerate(PREFIXES)}
_PREFIX_LENGTHS = np.array([len(prefix) for prefix in PREFIXES], dtype=np.int64)
DETACHED_WORDS = DETACHED_CLITICS | DETACHED_ARTICLES
"""Clitics and articles written apart; in prefixed languages the automaton finds them too, under
the key number one past the last key, so that one scan tells where they stand."""
PREFIXED_LANGUAGES = frozenset({"ar"})
"""Languages whose keys are also indexed with the clitic chains they accept glued in front."""


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
    """Per language: an automaton from key to key number, and the entries of each key."""

    def __init__(self) -> None:
        self.automata: dict[str, Any] = {}
        self.entries: dict[str, list[tuple[KeyEntry, ...]]] = {}
        self.key_lengths: dict[str, Positions] = {}
        """Per language, the length of each key, by key number (detached words: 0)."""
        self.readings: dict[str, dict[int, Reading]] = {}
        """Per language, memo of :meth:`reading` by match value."""
        self.plain_readings: dict[str, dict[int, Plain]] = {}
        """Per language, the plain ones among them, flattened (what the spotter looks up first)."""
        self._detached_readings: dict[tuple[str, int, str], Reading] = {}

    @classmethod
    def build(cls, concepts: Sequence[Concept]) -> SpotIndex:
        """Generate every surface form of every term and compile the automata."""
        with gc_paused():
            return cls._build(concepts)

    @classmethod
    def _build(cls, concepts: Sequence[Concept]) -> SpotIndex:
        by_lang: dict[str, dict[str, list[KeyEntry]]] = {}
        for concept in track(concepts, "building the spotting index", unit="concept"):
            for term in concept.terms:
                keys = by_lang.setdefault(primary_language(term.lang), {})
                for form in surface_forms(term):
                    keys.setdefault(form.key, []).append(KeyEntry(concept, term, form))
        index = cls()
        for lang, keys in by_lang.items():
            order = _frequent_letters_first(keys)
            index._add_language(lang, [(key, tuple(keys[key])) for key in sorted(keys, key=order)])
        return index

    def _add_language(self, lang: str, keys: list[tuple[str, tuple[KeyEntry, ...]]]) -> None:
        self.entries[lang] = [entries for _, entries in keys]
        self.key_lengths[lang] = _key_lengths([key for key, _ in keys], lang)
        accepted = [_accepted(entries) for _, entries in keys] if lang in PREFIXED_LANGUAGES else None
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for number, (key, _) in enumerate(keys):
            for prefix in _indexed_prefixes(accepted[number] if accepted is not None else None):
                automaton.add_word(_indexed_word(prefix, key), number << PREFIX_BITS | _PREFIX_NUMBER[prefix])
        if lang in PREFIXED_LANGUAGES:
            for word in sorted(DETACHED_WORDS):
                if not automaton.exists(_indexed_word(word, "")):  # a key of that spelling stays a key
                    automaton.add_word(_indexed_word(word, ""), len(keys) << PREFIX_BITS | _PREFIX_NUMBER[word])
        automaton.make_automaton()
        self.automata[lang] = automaton

    # -- scanning -----------------------------------------------------------------------------

    def scan(self, lang: str, folded: str) -> Matches:
        """Every whole-word match of a key of ``lang`` in the ``folded`` text, in one backward pass.

        Overlapping matches (nested terms) are all returned; choosing among them is the caller's.
        """
        automaton = self.automata.get(lang)
        if automaton is None:
            empty = np.zeros(0, dtype=np.int64)
            return Matches(empty, empty, empty, empty, [])
        padded = " " + folded + " "
        raw = np.fromiter(chain.from_iterable(automaton.iter(padded[::-1])), dtype=np.int64).reshape(-1, 2)
        raw = raw[::-1]  # the backward scan reports the last word first
        # A reversed word ends on the separator before the match: reversed position ``end`` is
        # padded position ``len(padded) - 1 - end``, folded position one less, and the match
        # starts just after it.
        starts = len(folded) + 1 - raw[:, 0]
        values = raw[:, 1]
        numbers = values >> PREFIX_BITS
        stems = starts + _PREFIX_LENGTHS[values & PREFIX_MASK]
        stops = stems + self.key_lengths[lang][numbers]
        detached: list[tuple[int, int, str]] = []
        apart = numbers == len(self.entries[lang])
        if apart.any():
            words = (values[apart] & PREFIX_MASK).tolist()
            detached = [(start, stop, PREFIXES[word]) for start, stop, word
                        in zip(starts[apart].tolist(), stems[apart].tolist(), words)]
            kept = ~apart
            starts, stems, stops, values = starts[kept], stems[kept], stops[kept], values[kept]
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
    # Per language, the automaton file maps each key (plus the separator) to its number, and the
    # JSON table lists the keys in number order and, per key, its entries as
    # ``[concept number, term position in the concept, definiteness code, variant]``, concept
    # numbers referring to the table's list of concept ids.

    def save(self, writer: EntryWriter) -> None:
        """Write the automata and tables into a new cache entry."""
        with gc_paused():
            self._save(writer)

    def _save(self, writer: EntryWriter) -> None:
        concept_numbers: dict[str, int] = {}
        term_positions: dict[int, tuple[int, int]] = {}  # id(term) -> (concept number, position)
        tables: dict[str, Any] = {"concepts": [], "languages": {}}
        for lang, automaton in self.automata.items():
            automaton.save(str(writer.path(f"{lang}.automaton")))
            keys: list[str] = []
            table: list[list[list[int]]] = []
            for entries in self.entries[lang]:
                keys.append(entries[0].form.key)
                rows = []
                for entry in entries:
                    where = term_positions.get(id(entry.term))
                    if where is None:
                        concept = entry.concept
                        number = concept_numbers.get(concept.id)
                        if number is None:
                            number = concept_numbers[concept.id] = len(concept_numbers)
                        for position, term in enumerate(concept.terms):
                            term_positions.setdefault(id(term), (number, position))
                        where = term_positions.get(id(entry.term))
                        if where is None:  # a term equal to one of the concept's, not the same object
                            where = (number, concept.terms.index(entry.term))
                    rows.append([where[0], where[1], _DEFINITENESS_CODE[entry.form.definiteness],
                                 int(entry.form.variant)])
                table.append(rows)
            tables["languages"][lang] = {"keys": keys, "entries": table, "words": len(automaton)}
        tables["concepts"] = list(concept_numbers)
        writer.write_bytes(TABLES, json.dumps(tables, ensure_ascii=False).encode("utf-8"))

    @classmethod
    def load(cls, entry: Entry, concepts: Sequence[Concept]) -> SpotIndex | None:
        """The index stored in a cache entry, or ``None`` when it is unusable (every file is
        verified against the entry's manifest before it is parsed or loaded)."""
        with gc_paused():
            return cls._load(entry, concepts)

    @classmethod
    def _load(cls, entry: Entry, concepts: Sequence[Concept]) -> SpotIndex | None:
        try:
            tables = json.loads(entry.read_bytes(TABLES))
            by_id = {c.id: c for c in concepts}
            numbered = [by_id[concept_id] for concept_id in tables["concepts"]]
            languages: dict[str, str] = {}  # language tag -> primary subtag
            index = cls()
            for lang, table in tables["languages"].items():
                keys = table["keys"]
                entries: list[tuple[KeyEntry, ...]] = []
                for key, rows in zip(keys, table["entries"], strict=True):
                    if type(key) is not str:
                        return None
                    group = []
                    for number, position, definiteness, variant in rows:
                        concept = numbered[number]
                        term = concept.terms[position]
                        term_lang = languages.get(term.lang)
                        if term_lang is None:
                            term_lang = languages[term.lang] = primary_language(term.lang)
                        if number < 0 or position < 0 or term_lang != lang:
                            return None
                        group.append(KeyEntry(concept, term, SurfaceForm(key, _DEFINITENESS[definiteness],
                                                                         bool(variant))))
                    if not group:
                        return None
                    entries.append(tuple(group))
                automaton = ahocorasick.load(str(entry.verified_path(f"{lang}.automaton")), _refuse_objects)
                if len(automaton) != table["words"] or len(automaton) < len(entries):
                    return None
                index.automata[lang] = automaton
                index.entries[lang] = entries
                index.key_lengths[lang] = _key_lengths(keys, lang)
            return index
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None


def _frequent_letters_first(keys: Iterable[str]) -> Callable[[str], str]:
    """Sort key that makes the automaton list each node's children most frequent letter first.

    pyahocorasick looks a child up by scanning the node's list of children in the order they
    were added; adding the keys in the order of their reversed letters, ranked by how often each
    letter occurs in the keys, puts the common letters at the front of every list. Measured on
    100k generated terms per language: 5 % (Arabic) to 15 % (English) off the scan.

    The order also settles a word that two readings share (وباث as the key وباث, or و + باث):
    the automaton keeps one value per word, the last one added, and a key sorts after every key
    it ends with, so the longer key — the word as the glossary writes it — always wins.
    """
    counts = Counter(chain.from_iterable(keys))
    ranks = str.maketrans({letter: chr(rank) for rank, (letter, _) in enumerate(counts.most_common())})
    return lambda key: key[::-1].translate(ranks)


def _key_lengths(keys: list[str], lang: str) -> Positions:
    """Key lengths by key number; in prefixed languages one more, 0, for the detached words."""
    lengths = [len(key) for key in keys] + ([0] if lang in PREFIXED_LANGUAGES else [])
    return np.array(lengths, dtype=np.int64)


_ACCEPTED: dict[tuple[int, bool], frozenset[str]] = {}


def _accepted(entries: tuple[KeyEntry, ...]) -> frozenset[str]:
    """Union of the prefixes the entries' forms accept (which depends on the definiteness and on
    whether the key starts with ل only, so it is computed once per such class)."""
    if len(entries) == 1:
        return _accepted_by(entries[0].form)
    return frozenset().union(*(_accepted_by(entry.form) for entry in entries))


def _accepted_by(form: SurfaceForm) -> frozenset[str]:
    kind = (id(form.definiteness), form.key.startswith("ل"))  # members are singletons; id() hashes fast
    found = _ACCEPTED.get(kind)
    if found is None:
        found = _ACCEPTED[kind] = frozenset(p for p in ALL_PREFIXES if form.accepts(p))
    return found


def _indexed_prefixes(accepted: frozenset[str] | None) -> Iterable[str]:
    """The prefixes a key is indexed with: always none (a detached clitic or article may stand in
    the word before), and in Arabic every clitic chain that one of its entries accepts."""
    return ("",) if accepted is None else sorted(accepted | {""})


def _indexed_word(prefix: str, key: str) -> str:
    """The automaton word of a key: separator, prefix, key, separator — reversed, because the
    folded text is scanned backwards so that a match ends where its word begins."""
    return (" " + prefix + key + " ")[::-1]


def _refuse_objects(data: bytes) -> object:
    """Deserializer for automaton values: ours are integers, so any object means a foreign file."""
    raise ValueError("the cached automaton holds objects, not key numbers")


def cache_parts() -> tuple[str, ...]:
    """What a stored index depends on besides the glossaries and termbase's code: the folding
    scheme's name and the automaton library's version (its file format)."""
    from importlib.metadata import version

    return (FOLDING_SCHEME, f"pyahocorasick-{version('pyahocorasick')}")
