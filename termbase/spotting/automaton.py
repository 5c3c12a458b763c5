"""The compiled spotting index: one Aho-Corasick automaton per language over stem keys.

Each key — a folded stem — is a word of the automaton. The folded text is scanned backwards (the
words are stored reversed), so a match ends where its word begins. In English a key has a separator
on both sides. In Arabic a key of :data:`MIN_STEM` letters or more is a word with the separator
after it only, and a match counts when a separator comes before the stem, or a clitic chain that
the key accepts (و, بال, لل …) with a separator before it, read off the text by array operations;
a shorter key, which would end too many longer words, is a word once per chain it accepts
(indexing every key so made the Arabic automaton 18 times larger: 3.4 M words at 100k terms).
Only whole words reach the spotter. The clitics and articles that news copy writes apart
(لـ, الـ) are words of the automaton too. Exact spotting is one pass over the text
whatever the size of the glossary; :meth:`SpotIndex.scan` returns its matches as arrays.

The index is stored in the user's cache (:mod:`termbase.cache`), keyed on the glossaries' digest
and the digest of the code that builds it, every file verified against the entry's manifest before
it is read: the keys as text, the entry tables as memory-mapped numpy arrays (never pickles), and
no automaton file — each language's automaton is made again from its keys on first use.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any, NamedTuple, overload

import ahocorasick
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
    surface_forms,
)
from termbase.spotting.readings import Plain, Reading, read_attached, read_detached

__all__ = ["TABLES", "Matches", "SpotIndex"]

Positions = npt.NDArray[np.int64]

TABLES = "concepts.json"
"""The cache entry file naming the concepts and languages; see :meth:`SpotIndex.save` for the rest."""
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
STEM = PREFIX_MASK
"""Prefix number of a stem word of the automaton: the chain before it is read off the text."""
MIN_STEM = 5
"""Arabic keys this long or longer are stem words; shorter ones are indexed with each chain."""
assert len(PREFIXES) < STEM
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
        self.automata = _Automata()
        self.entries: dict[str, Sequence[tuple[KeyEntry, ...]]] = {}
        self.key_lengths: dict[str, Positions] = {}
        """Per language, the length of each key, by key number (detached words: 0)."""
        self.readings: dict[str, dict[int, Reading]] = {}
        """Per language, memo of :meth:`reading` by match value."""
        self.plain_readings: dict[str, dict[int, Plain]] = {}
        """Per language, the plain ones among them, flattened (what the spotter looks up first)."""
        self._detached_readings: dict[tuple[str, int, str], Reading] = {}
        self.accepted: dict[str, Positions] = {}
        """Per prefixed language, by key number, the bit mask of the prefix numbers its entries accept."""

    @classmethod
    def build(cls, concepts: Sequence[Concept]) -> SpotIndex:
        """Generate every surface form of every term and compile the automata."""
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
        if not keys and lang not in PREFIXED_LANGUAGES:  # every term folds to nothing ("...", U+200D):
            return  # the language spots nothing (an automaton without words cannot even scan)
        self.entries[lang] = [entries for _, entries in keys]
        self.key_lengths[lang] = _key_lengths([key for key, _ in keys], lang)
        if lang in PREFIXED_LANGUAGES:
            self.accepted[lang] = np.array([_prefix_mask(_accepted(entries)) for _, entries in keys] + [0],
                                           dtype=np.int64)
        self.automata.add(lang, [key for key, _ in keys], self.accepted.get(lang))

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
        if lang in PREFIXED_LANGUAGES:
            return self._scan_stems(lang, padded, len(folded), raw)
        # A reversed word ends on the separator before the match: reversed position ``end`` is
        # padded position ``len(padded) - 1 - end``, folded position one less, and the match
        # starts just after it.
        starts = len(folded) + 1 - raw[:, 0]
        values = raw[:, 1]
        stops = starts + self.key_lengths[lang][values >> PREFIX_BITS]
        return Matches(starts, starts, stops, values, [])

    def _scan_stems(self, lang: str, padded: str, length: int, raw: Positions) -> Matches:
        """Matches of a prefixed language. A whole word (a short key with its chain, or a clitic
        written apart) starts after the separator it ends on; a stem word is a word only when
        what stands between the separator before it and the stem is nothing or a clitic chain
        that one of the key's entries accepts."""
        values = raw[:, 1]
        numbers = values >> PREFIX_BITS
        apart = numbers == len(self.entries[lang])
        detached: list[tuple[int, int, str]] = []
        if apart.any():  # clitics and articles written apart are whole words (separator both sides)
            starts = length + 1 - raw[apart, 0]
            words = (values[apart] & PREFIX_MASK).tolist()
            detached = [(start, start + len(PREFIXES[word]), PREFIXES[word])
                        for start, word in zip(starts.tolist(), words)]
            raw, numbers, values = raw[~apart], numbers[~apart], values[~apart]
        stem_word = (values & PREFIX_MASK) == STEM
        whole = ~stem_word
        whole_prefix = values[whole] & PREFIX_MASK
        whole_stems = length + 1 - raw[whole, 0] + _PREFIX_LENGTHS[whole_prefix]
        whole_numbers = numbers[whole]
        raw, numbers = raw[stem_word], numbers[stem_word]
        # the reversed stem word ends on the stem's first letter: folded position length - end
        stems = length - raw[:, 0]
        codes = (np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.int64) if len(stems)
                 else np.zeros(0, dtype=np.int64))
        prefix = np.full(len(stems), -1, dtype=np.int64)
        before = codes[stems]  # padded position s holds the folded letter before the stem
        prefix[before == _SPACE] = 0
        glued = np.flatnonzero(before != _SPACE)
        for size, (hashes, prefix_numbers) in _PREFIX_TABLES.items():
            if not len(glued):
                break
            at = stems[glued]
            ok = at - size >= 0
            at = np.where(ok, at, size)
            ok &= codes[at - size] == _SPACE  # a separator before the prefix
            hashed = np.zeros(len(at), dtype=np.int64)
            for offset in range(size):
                hashed = hashed * _HASH_BASE + _hash_letter(codes[at - size + 1 + offset])
            found = np.minimum(np.searchsorted(hashes, hashed), len(hashes) - 1)
            ok &= hashes[found] == hashed
            prefix[glued[ok]] = prefix_numbers[found[ok]]
            glued = glued[~ok]
        keep = prefix >= 0
        keep[keep] = (self.accepted[lang][numbers[keep]] >> prefix[keep]) & 1 == 1
        stems = np.concatenate((stems[keep], whole_stems))
        numbers = np.concatenate((numbers[keep], whole_numbers))
        prefix = np.concatenate((prefix[keep], whole_prefix))
        starts = stems - _PREFIX_LENGTHS[prefix]
        stops = stems + self.key_lengths[lang][numbers]
        # one word read two ways (وباث as the key وباث, or و + باث): the longer key wins
        order = np.lexsort((_PREFIX_LENGTHS[prefix], stops, starts))
        starts, stems, stops, numbers, prefix = (a[order] for a in (starts, stems, stops, numbers, prefix))
        if len(starts) > 1:
            first = np.ones(len(starts), dtype=bool)
            first[1:] = (starts[1:] != starts[:-1]) | (stops[1:] != stops[:-1])
            starts, stems, stops, numbers, prefix = (a[first] for a in (starts, stems, stops, numbers, prefix))
        return Matches(starts, stems, stops, numbers << PREFIX_BITS | prefix, detached)

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
    # ``concepts.json``, the concept ids the rows number and the languages. No automaton file: a
    # language's automaton is made again from its keys when a text in it is first scanned (one
    # word per key: 0.4-0.5 s at 100k terms, quicker than pyahocorasick's own load of the same
    # automaton, and no native loader ever reads cached bytes). Key entries are made from the
    # rows only when a match needs them.

    def save(self, writer: EntryWriter) -> None:
        """Write the automata and tables into a new cache entry."""
        self._save(writer)

    def _save(self, writer: EntryWriter) -> None:
        concept_numbers: dict[str, int] = {}
        term_positions: dict[int, tuple[int, int]] = {}  # id(term) -> (concept number, position)
        for lang in self.automata:
            entries = self.entries[lang]
            keys: list[str] = []
            rows: list[tuple[int, int, int, int]] = []
            offsets = [0]
            for number in range(len(entries)):
                group = entries[number]
                keys.append(group[0].form.key)
                for entry in group:
                    where = term_positions.get(id(entry.term))
                    if where is None:
                        concept = entry.concept
                        concept_number = concept_numbers.get(concept.id)
                        if concept_number is None:
                            concept_number = concept_numbers[concept.id] = len(concept_numbers)
                        for position, term in enumerate(concept.terms):
                            term_positions.setdefault(id(term), (concept_number, position))
                        where = term_positions.get(id(entry.term))
                        if where is None:  # a term equal to one of the concept's, not the same object
                            where = (concept_number, concept.terms.index(entry.term))
                    rows.append((where[0], where[1], _DEFINITENESS_CODE[entry.form.definiteness],
                                 int(entry.form.variant)))
                offsets.append(len(rows))
            writer.write_bytes(f"{lang}.keys", "\n".join(keys).encode("utf-8"))
            _save_array(writer, f"{lang}.rows.npy", np.array(rows, dtype=np.int32).reshape(-1, 4))
            _save_array(writer, f"{lang}.offsets.npy", np.array(offsets, dtype=np.int64))
            if lang in self.accepted:
                _save_array(writer, f"{lang}.accepted.npy", self.accepted[lang])
        tables = {"concepts": list(concept_numbers), "languages": sorted(self.automata)}
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
            by_id = {c.id: c for c in concepts}
            numbered = [by_id[concept_id] for concept_id in tables["concepts"]]
            tags = {term.lang for concept in concepts for term in concept.terms}
            if sorted(tables["languages"]) != sorted({primary_language(tag) for tag in tags}):
                return None
            sizes = np.array([len(concept.terms) for concept in numbered], dtype=np.int64)
            firsts = np.concatenate(([0], np.cumsum(sizes)))
            term_langs = [primary_language(term.lang) for concept in numbered for term in concept.terms]
            index = cls()
            for lang in tables["languages"]:
                keys = entry.read_bytes(f"{lang}.keys").decode("utf-8").split("\n")
                rows = _load_array(entry, f"{lang}.rows.npy", np.int32, 2)
                offsets = _load_array(entry, f"{lang}.offsets.npy", np.int64, 1)
                if (len(offsets) != len(keys) + 1 or offsets[0] != 0 or offsets[-1] != len(rows)
                        or np.any(np.diff(offsets) <= 0) or rows.shape[1:] != (4,)):
                    return None
                if len(rows) and (rows[:, 0].min() < 0 or rows[:, 0].max() >= len(numbered) or rows[:, 1].min() < 0
                                  or not set(np.unique(rows[:, 2]).tolist()) <= set(range(len(_DEFINITENESS)))):
                    return None
                if len(rows):  # every row names a term of its concept, in this language
                    if np.any(rows[:, 1] >= sizes[rows[:, 0]]):
                        return None
                    in_lang = np.array([tag == lang for tag in term_langs], dtype=bool)
                    if not in_lang[firsts[rows[:, 0]] + rows[:, 1]].all():
                        return None
                if lang in PREFIXED_LANGUAGES:
                    accepted = _load_array(entry, f"{lang}.accepted.npy", np.int64, 1)
                    if len(accepted) != len(keys) + 1:
                        return None
                    index.accepted[lang] = accepted
                if len(set(keys)) != len(keys):
                    return None
                index.automata.add(lang, keys, index.accepted.get(lang))
                index.entries[lang] = _StoredEntries(lang, keys, rows, offsets, numbered)
                index.key_lengths[lang] = _key_lengths(keys, lang)
            return index
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None


class _Automata(Mapping[str, Any]):
    """The automaton of each language, made from the language's keys when first asked for."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[list[str], Positions | None]] = {}
        self._made: dict[str, Any] = {}

    def add(self, lang: str, keys: list[str], accepted: Positions | None) -> None:
        """The keys of ``lang``, in key number order, and (prefixed languages) their chain masks."""
        self._keys[lang] = (keys, accepted)
        self._made.pop(lang, None)

    def __getitem__(self, lang: str) -> Any:
        made = self._made.get(lang)
        if made is None:
            keys, accepted = self._keys[lang]
            made = self._made[lang] = _automaton(keys, lang, accepted)
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class _StoredEntries(Sequence[tuple[KeyEntry, ...]]):
    """The entries of each key of a stored index, made from its rows when first asked for."""

    def __init__(self, lang: str, keys: list[str], rows: npt.NDArray[np.int32], offsets: Positions,
                 concepts: list[Concept]) -> None:
        self._lang, self._keys, self._rows, self._offsets, self._concepts = lang, keys, rows, offsets, concepts
        self._made: dict[int, tuple[KeyEntry, ...]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, number: int) -> tuple[KeyEntry, ...]: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[tuple[KeyEntry, ...]]: ...

    def __getitem__(self, number: int | slice) -> tuple[KeyEntry, ...] | Sequence[tuple[KeyEntry, ...]]:
        if isinstance(number, slice):
            return [self[i] for i in range(*number.indices(len(self)))]
        made = self._made.get(number)
        if made is None:
            if not 0 <= number < len(self._keys):
                raise IndexError(number)
            key = self._keys[number]
            group = []
            for concept_number, position, definiteness, variant in self._rows[
                    self._offsets[number]:self._offsets[number + 1]].tolist():
                concept = self._concepts[concept_number]
                term = concept.terms[position]  # checked when the index was loaded
                group.append(KeyEntry(concept, term, SurfaceForm(key, _DEFINITENESS[definiteness], bool(variant))))
            made = self._made[number] = tuple(group)
        return made


def _save_array(writer: EntryWriter, name: str, array: npt.NDArray[Any]) -> None:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    writer.write_bytes(name, buffer.getvalue())


def _load_array(entry: Entry, name: str, dtype: Any, dimensions: int) -> npt.NDArray[Any]:
    """A stored array, memory-mapped once its bytes are verified; refused unless of ``dtype``."""
    array: npt.NDArray[Any] = np.load(entry.verified_path(name), mmap_mode="r", allow_pickle=False)
    if array.dtype != dtype or array.ndim != dimensions:
        raise ValueError(f"{name}: not a {dimensions}-d {np.dtype(dtype)} array")
    return array


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


def _prefix_mask(accepted: frozenset[str]) -> int:
    """Bit mask of the prefix numbers a key accepts; no prefix (number 0) always (a detached
    clitic or article may stand in the word before)."""
    return 1 | sum(1 << _PREFIX_NUMBER[prefix] for prefix in accepted)


_HASH_BASE = 0x200


def _hash_letter(codes: Positions) -> Positions:
    """A letter of the Arabic block as 1-256, anything else 0 (never a letter of a chain): four
    letters make an exact 36-bit number."""
    inside = (codes >= 0x0600) & (codes <= 0x06FF)
    return np.where(inside, codes - 0x05FF, 0)


def _prefix_tables() -> dict[int, tuple[Positions, Positions]]:
    """Per prefix length, the sorted hashes of the prefixes' letters and their prefix numbers."""
    tables: dict[int, list[tuple[int, int]]] = {}
    for number, prefix in enumerate(PREFIXES):
        if prefix:
            hashed = 0
            for char in prefix:
                hashed = hashed * _HASH_BASE + int(_hash_letter(np.array([ord(char)]))[0])
            tables.setdefault(len(prefix), []).append((hashed, number))
    return {size: (np.array([h for h, _ in sorted(rows)], dtype=np.int64),
                   np.array([n for _, n in sorted(rows)], dtype=np.int64)) for size, rows in sorted(tables.items())}


_PREFIX_TABLES = _prefix_tables()
_SPACE = ord(" ")


def _automaton(keys: list[str], lang: str, accepted: Positions | None) -> Any:
    """The automaton of a language's keys (in key number order). Reversed words, because the
    folded text is scanned backwards so that a match ends where its word begins: separator, key,
    separator. In a prefixed language a key of :data:`MIN_STEM` letters or more is one word, the
    stem and the separator after it, under the prefix number :data:`STEM` (the clitic chain glued
    in front is read off the text, see :meth:`SpotIndex.scan`); a shorter key, which would end
    too many longer words, is a word once per chain it accepts, as are the clitics and articles
    written apart."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    prefixed = accepted is not None
    masks = accepted.tolist() if accepted is not None else None
    for number, key in enumerate(keys):
        if masks is None:
            automaton.add_word((" " + key + " ")[::-1], number << PREFIX_BITS)
        elif len(key) >= MIN_STEM:
            automaton.add_word((key + " ")[::-1], number << PREFIX_BITS | STEM)
        else:
            mask = masks[number]
            for prefix_number, prefix in enumerate(PREFIXES):
                if mask >> prefix_number & 1:
                    automaton.add_word((" " + prefix + key + " ")[::-1], number << PREFIX_BITS | prefix_number)
    if prefixed:
        for word in sorted(DETACHED_WORDS):
            if not automaton.exists((" " + word + " ")[::-1]):  # a key of that spelling stays a key
                automaton.add_word((" " + word + " ")[::-1], len(keys) << PREFIX_BITS | _PREFIX_NUMBER[word])
    automaton.make_automaton()
    return automaton


def cache_parts() -> tuple[str, ...]:
    """What a stored index depends on besides the glossaries and termbase's code: the folding
    scheme's name and the automaton library's version (its file format)."""
    from importlib.metadata import version

    return (FOLDING_SCHEME, f"pyahocorasick-{version('pyahocorasick')}")
