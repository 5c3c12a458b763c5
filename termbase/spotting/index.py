"""The compiled spotting index: one Aho-Corasick automaton per language over stem keys.

Keys are folded stems followed by a separator, matched against the folded text padded with
separators, so a key only matches where a word ends; what stands between the previous
separator and the key is the clitic prefix, checked against the key's accepted prefixes. Exact
spotting is therefore one pass over the text whatever the size of the glossary.

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

CACHE_FORMAT = 1
_DEFINITENESS = {d.value: d for d in Definiteness}
ALL_PREFIXES = INDEFINITE_PREFIXES | DEFINITE_PREFIXES
"""Every attached prefix that :meth:`SurfaceForm.accepts` can accept (ل + ل… is among them)."""


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
        self._accepted: dict[str, list[frozenset[str]]] = {}

    def accepted_prefixes(self, lang: str) -> list[frozenset[str]]:
        """Per key number, the attached clitic chains that at least one of its entries accepts."""
        accepted = self._accepted.get(lang)
        if accepted is None:
            accepted = self._accepted[lang] = [_accepted(entries) for entries in self.entries[lang]]
        return accepted

    @classmethod
    def build(cls, concepts: Sequence[Concept]) -> SpotIndex:
        """Generate every surface form of every term and compile the automata."""
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
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for number, (key, _) in enumerate(keys):
            automaton.add_word(key + " ", number)
        automaton.make_automaton()
        self.automata[lang] = automaton
        self.entries[lang] = [entries for _, entries in keys]
        self.key_lengths[lang] = [len(key) for key, _ in keys]
        self.accepted_prefixes(lang)

    # -- disk cache ---------------------------------------------------------------------------

    def save(self, folder: Path, stamp: str) -> None:
        """Write the automata and tables to ``folder`` (atomically, file by file)."""
        folder.mkdir(parents=True, exist_ok=True)
        tables: dict[str, Any] = {"format": CACHE_FORMAT, "stamp": stamp, "languages": {}}
        for lang, automaton in self.automata.items():
            fd, temp = tempfile.mkstemp(dir=folder, prefix=".automaton.", suffix=".tmp")
            os.close(fd)
            try:
                automaton.save(temp)
                os.replace(temp, folder / f"{stamp}.{lang}.automaton")
            finally:
                Path(temp).unlink(missing_ok=True)
            tables["languages"][lang] = {
                "lengths": self.key_lengths[lang],
                "entries": [
                    [[e.concept.id, e.term.text, e.form.key, e.form.definiteness.value, e.form.variant]
                     for e in entries]
                    for entries in self.entries[lang]
                ],
            }
        atomic_write_text(folder / f"{stamp}.json", json.dumps(tables, ensure_ascii=False))
        for stale in folder.glob("spot-*"):
            if not stale.name.startswith(stamp + "."):
                stale.unlink(missing_ok=True)

    @classmethod
    def load(cls, folder: Path, stamp: str, concepts: Sequence[Concept]) -> SpotIndex | None:
        """The cached index for ``stamp``, or ``None`` when absent or unusable."""
        path = folder / f"{stamp}.json"
        try:
            tables = json.loads(path.read_text("utf-8"))
            if tables.get("format") != CACHE_FORMAT or tables.get("stamp") != stamp:
                return None
            by_id = {c.id: c for c in concepts}
            terms = {(c.id, language_of(t.lang), t.text): t for c in concepts for t in c.terms}
            index = cls()
            for lang, table in tables["languages"].items():
                entries: list[tuple[KeyEntry, ...]] = [
                    tuple(
                        KeyEntry(by_id[cid], terms[(cid, lang, text)],
                                 SurfaceForm(key, _DEFINITENESS[definiteness], bool(variant)))
                        for cid, text, key, definiteness, variant in raw_entries
                    )
                    for raw_entries in table["entries"]
                ]
                automaton = ahocorasick.load(str(folder / f"{stamp}.{lang}.automaton"), _refuse_objects)
                index.automata[lang] = automaton
                index.entries[lang] = entries
                index.key_lengths[lang] = list(table["lengths"])
                index.accepted_prefixes(lang)
            return index
        except (OSError, ValueError, KeyError, TypeError):
            return None


_ACCEPTED: dict[tuple[Definiteness, bool], frozenset[str]] = {}


def _accepted(entries: tuple[KeyEntry, ...]) -> frozenset[str]:
    """Union of the prefixes the entries' forms accept (which depends on the definiteness and on
    whether the key starts with ل only, so it is computed once per such class)."""
    sets = []
    for entry in entries:
        form = entry.form
        kind = (form.definiteness, form.key.startswith("ل"))
        found = _ACCEPTED.get(kind)
        if found is None:
            found = _ACCEPTED[kind] = frozenset(p for p in ALL_PREFIXES if form.accepts(p))
        sets.append(found)
    return sets[0] if len(sets) == 1 else frozenset().union(*sets)


def _refuse_objects(data: bytes) -> object:
    """Deserializer for automaton values: ours are integers, so any object means a foreign file."""
    raise ValueError("the cached automaton holds objects, not key numbers")


def cache_folder(glossary_paths: Iterable[str]) -> Path | None:
    """Where to keep the index: ``.termbase-cache`` beside the first glossary, if writable."""
    for path in glossary_paths:
        folder = Path(path).resolve().parent / ".termbase-cache"
        parent = folder.parent
        if (folder.is_dir() and os.access(folder, os.W_OK)) or (not folder.exists() and os.access(parent, os.W_OK)):
            return folder
    return None


def cache_stamp(digest: str, version: str) -> str:
    """Name of a cache generation: glossary digest, folding scheme, termbase version."""
    return f"spot-{digest}-{FOLDING_SCHEME}-{version}-{CACHE_FORMAT}"
