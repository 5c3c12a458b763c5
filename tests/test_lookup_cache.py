"""Exact and folded look-ups through hashed tables, built or read from the cache, against a scan
of every term (the oracle: a term matches when its text is the query, or folds to the query's key)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from cache_forgery import forge
from termbase import Termbase
from termbase.lookup_index import LookupIndex
from termbase.matches import MatchKind
from termbase.normalize import fold


def _queries(termbase: Termbase) -> list[str]:
    texts = [term.text for concept in termbase for term in concept.terms]
    return texts[::7] + [text.upper() for text in texts[::11]] + [f" {text}" for text in texts[::13]] + [
        "Tokaev", "توكاييف", "no such term", ""]


def _scan(termbase: Termbase, query: str) -> list[tuple[str, str, str]]:
    key = fold(query)
    found = []
    for concept in termbase:
        for term in concept.terms:
            if term.text == query:
                found.append((concept.id, term.text, str(MatchKind.EXACT)))
            elif fold(term.text) == key:
                found.append((concept.id, term.text, str(MatchKind.NORMALIZED)))
    return sorted(found)


def _found(termbase: Termbase, query: str) -> list[tuple[str, str, str]]:
    return sorted((m.concept.id, m.term.text, str(m.match)) for m in termbase._lookup_index.find_exact(query, lang=None))


@pytest.fixture(autouse=True)
def _empty_cache(cache_folder: Path) -> Path:
    return cache_folder


def _entry() -> Path:
    folder = Path(os.environ["TERMBASE_CACHE_DIR"]) / "lookup"
    (entry,) = [p for p in folder.iterdir() if not p.name.startswith(".")]
    return entry


def test_built_and_stored_look_ups_equal_a_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    built = Termbase.load()
    queries = _queries(built)
    expected = [_scan(built, query) for query in queries]
    assert sum(map(len, expected)) > 500
    assert [_found(built, query) for query in queries] == expected
    monkeypatch.setattr(LookupIndex, "_build", lambda self, concepts: (_ for _ in ()).throw(AssertionError("built")))
    stored = Termbase.load()
    assert [_found(stored, query) for query in queries] == expected
    assert stored.lookup("Tokaev")[0].concept.id == "kassym-jomart-tokayev"  # fuzzy keys made from the terms


@pytest.mark.parametrize("damage", ["bit-flip", "json-other-concepts-forged", "hashes-unsorted-forged",
                                    "entries-out-of-range-forged", "entries-short-forged", "pickle-forged"])
def test_a_damaged_entry_is_built_again(damage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    built = Termbase.load()
    queries = _queries(built)[::5]
    expected = [_found(built, query) for query in queries]
    entry = _entry()
    hashes, entries = entry / "folded.hashes.npy", entry / "exact.entries.npy"
    if damage == "bit-flip":
        data = bytearray(hashes.read_bytes())
        data[len(data) // 2] ^= 4
        hashes.write_bytes(bytes(data))
    elif damage == "json-other-concepts-forged":
        table = entry / "lookup.json"
        table.write_text(json.dumps({"concepts": json.loads(table.read_text("utf-8"))["concepts"][::-1]}), "utf-8")
        forge(entry, table.name)
    elif damage == "hashes-unsorted-forged":
        np.save(hashes, np.load(hashes)[::-1].copy())
        forge(entry, hashes.name)
    elif damage == "entries-out-of-range-forged":
        changed = np.load(entries)
        changed[0] = 10**8
        np.save(entries, changed)
        forge(entry, entries.name)
    elif damage == "entries-short-forged":
        np.save(entries, np.load(entries)[:-1].copy())
        forge(entry, entries.name)
    else:
        np.save(entries, np.array([object()], dtype=object), allow_pickle=True)
        forge(entry, entries.name)
    builds: list[int] = []
    build = LookupIndex._build
    monkeypatch.setattr(LookupIndex, "_build", lambda self, concepts: builds.append(1) or build(self, concepts))
    again = Termbase.load()
    assert [_found(again, query) for query in queries] == expected
    assert builds == [1]
