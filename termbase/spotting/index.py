"""The compiled spotting index: one Aho-Corasick automaton per language over stem keys.

Each key — a folded stem — is indexed with a separator on both sides and, in Arabic, once more with
every clitic chain it accepts glued in front (و, بال, لل …), so only whole words reach Python: a key
that merely ends a longer word never matches. The words are stored reversed and the padded folded
text is scanned backwards, so that the many prefixed variants of a key share their path through the
automaton (the stem comes first) instead of repeating it. Exact spotting is one pass over the text
whatever the size of the glossary.

The index is saved next to the glossaries (``.termbase-cache/``) and rebuilt when their digest,
the folding scheme or the termbase version changes. The automaton stores integers only, and the
tables are JSON, so loading a cache never unpickles anything.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from termbase._gc import gc_paused
from termbase.glossary_cache import CACHE_FOLDER
from termbase.model import Concept, Term
from termbase.normalize import FOLDING_SCHEME
from termbase.spotting.forms import (
    DEFINITE_PREFIXES,
    INDEFINITE_PREFIXES,
    Definiteness,
    SurfaceForm,
    surface_forms,
)
from termbase.textio import atomic_write_text

__all__ = ["KeyEntry", "SpotIndex", "cache_folder", "language_of"]

CACHE_FORMAT = 3
_DEFINITENESS = list(Definiteness)
_DEFINITENESS_CODE = {d: code for code, d in enumerate(_DEFINITENESS)}
ALL_PREFIXES = INDEFINITE_PREFIXES | DEFINITE_PREFIXES
"""Every attached prefix that :meth:`SurfaceForm.accepts` can accept (ل + ل… is among them)."""
PREFIXES: tuple[str, ...] = ("",) + tuple(sorted(ALL_PREFIXES - {""}))
"""Prefix numbers: an automaton value is ``key number << PREFIX_BITS | prefix number``."""
PREFIX_BITS = 6
_PREFIX_NUMBER = {prefix: number for number, prefix in enumerate(PREFIXES)}
PREFIXED_LANGUAGES = frozenset({"ar"})
"""Languages whose keys are also indexed with the clitic chains they accept glued in front."""


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """One term reachable through a key, and the surface form that produced the key."""

    concept: Concept
    term: Term
    form: SurfaceForm


def language_of(tag: str) -> str:
    """Primary language subtag (``en-US`` -> ``en``)."""
    return tag.split("-")[0].lower()


class SpotIndex:
    """Per language: an automaton from key to key number, and the entries of each key."""

    def __init__(self) -> None:
        self.automata: dict[str, Any] = {}
        self.entries: dict[str, list[tuple[KeyEntry, ...]]] = {}
        self.key_lengths: dict[str, list[int]] = {}
        self.accepted_entries: dict[str, dict[tuple[int, str, bool], list[KeyEntry]]] = {}
        """Per language, memo of the entries of a key that accept a prefix (attached or detached)."""

    @classmethod
    def build(cls, concepts: Sequence[Concept]) -> SpotIndex:
        """Generate every surface form of every term and compile the automata."""
        with gc_paused():
            return cls._build(concepts)

    @classmethod
    def _build(cls, concepts: Sequence[Concept]) -> SpotIndex:
        by_lang: dict[str, dict[str, list[KeyEntry]]] = {}
        for concept in concepts:
            for term in concept.terms:
                keys = by_lang.setdefault(language_of(term.lang), {})
                for form in surface_forms(term):
                    keys.setdefault(form.key, []).append(KeyEntry(concept, term, form))
        index = cls()
        for lang, keys in by_lang.items():
            index._add_language(lang, [(key, tuple(entries)) for key, entries in keys.items()])
        return index

    def _add_language(self, lang: str, keys: list[tuple[str, tuple[KeyEntry, ...]]]) -> None:
        self.entries[lang] = [entries for _, entries in keys]
        self.key_lengths[lang] = [len(key) for key, _ in keys]
        accepted = [_accepted(entries) for _, entries in keys] if lang in PREFIXED_LANGUAGES else None
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for number, (key, _) in enumerate(keys):
            for prefix in _indexed_prefixes(accepted[number] if accepted is not None else None):
                automaton.add_word(_indexed_word(prefix, key), number << PREFIX_BITS | _PREFIX_NUMBER[prefix])
        automaton.make_automaton()
        self.automata[lang] = automaton

    # -- disk cache ---------------------------------------------------------------------------
    #
    # Per language, the automaton file maps each key (plus the separator) to its number, and the
    # JSON table lists the keys in number order and, per key, its entries as
    # ``[concept number, term position in the concept, definiteness code, variant]``, concept
    # numbers referring to the table's list of concept ids.

    def save(self, folder: Path, stamp: str) -> None:
        """Write the automata and tables to ``folder`` (atomically, file by file)."""
        with gc_paused():
            self._save(folder, stamp)

    def _save(self, folder: Path, stamp: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        concept_numbers: dict[str, int] = {}
        term_positions: dict[int, tuple[int, int]] = {}  # id(term) -> (concept number, position)
        tables: dict[str, Any] = {"format": CACHE_FORMAT, "stamp": stamp, "concepts": [], "languages": {}}
        for lang, automaton in self.automata.items():
            fd, temp = tempfile.mkstemp(dir=folder, prefix=".automaton.", suffix=".tmp")
            os.close(fd)
            try:
                automaton.save(temp)
                os.replace(temp, folder / f"{stamp}.{lang}.automaton")
            finally:
                Path(temp).unlink(missing_ok=True)
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
        atomic_write_text(folder / f"{stamp}.json", json.dumps(tables, ensure_ascii=False))
        for stale in folder.glob("spot-*"):
            if not stale.name.startswith(stamp + "."):
                stale.unlink(missing_ok=True)

    @classmethod
    def load(cls, folder: Path, stamp: str, concepts: Sequence[Concept]) -> SpotIndex | None:
        """The cached index for ``stamp``, or ``None`` when absent or unusable."""
        with gc_paused():
            return cls._load(folder, stamp, concepts)

    @classmethod
    def _load(cls, folder: Path, stamp: str, concepts: Sequence[Concept]) -> SpotIndex | None:
        path = folder / f"{stamp}.json"
        try:
            tables = json.loads(path.read_text("utf-8"))
            if tables.get("format") != CACHE_FORMAT or tables.get("stamp") != stamp:
                return None
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
                            term_lang = languages[term.lang] = language_of(term.lang)
                        if number < 0 or position < 0 or term_lang != lang:
                            return None
                        group.append(KeyEntry(concept, term, SurfaceForm(key, _DEFINITENESS[definiteness],
                                                                         bool(variant))))
                    if not group:
                        return None
                    entries.append(tuple(group))
                automaton = ahocorasick.load(str(folder / f"{stamp}.{lang}.automaton"), _refuse_objects)
                if len(automaton) != table["words"] or len(automaton) < len(entries):
                    return None
                index.automata[lang] = automaton
                index.entries[lang] = entries
                index.key_lengths[lang] = [len(key) for key in keys]
            return index
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None


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


def cache_folder(glossary_paths: Iterable[str]) -> Path | None:
    """Where to keep the index: ``.termbase-cache`` beside the first glossary, if writable."""
    for path in glossary_paths:
        folder = Path(path).resolve().parent / CACHE_FOLDER
        parent = folder.parent
        if (folder.is_dir() and os.access(folder, os.W_OK)) or (not folder.exists() and os.access(parent, os.W_OK)):
            return folder
    return None


def cache_stamp(digest: str, version: str) -> str:
    """Name of a cache generation: glossary digest, folding scheme, termbase version."""
    return f"spot-{digest}-{FOLDING_SCHEME}-{version}-{CACHE_FORMAT}"
