"""The fuzzy spotter's tables in the cache: a stored spotter finds what a freshly built one finds, it
is read instead of built once stored, and a damaged or forged entry is a miss (built again).

The oracle is the build itself: the spotter of a :class:`Termbase` made from concepts in memory
(which is never stored) on the labelled news sentences of ``benchmarks/accuracy/data``, whose
names and misspellings exercise the fuzzy pass, and the seed article pair.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from cache_forgery import forge
from termbase import Termbase
from termbase.glossary import shipped_glossary_paths
from termbase.spotting.fuzzy import FuzzySpotter

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "benchmarks" / "accuracy" / "data"


def _texts() -> list[tuple[str, str]]:
    texts = [(json.loads(line)["text"], lang) for lang in ("ar", "en")
             for line in (DATA / f"spans.{lang}.jsonl").read_text("utf-8").splitlines() if line.strip()]
    texts.append(((REPO / "seeds" / "c5plus1-summit.ar.txt").read_text("utf-8"), "ar"))
    texts.append(((REPO / "examples" / "c5plus1-summit.draft.en.txt").read_text("utf-8"), "en"))
    return texts


def _spotted(termbase: Termbase) -> list[list[tuple[object, ...]]]:
    return [[(h.start, h.end, h.concept, h.candidates, str(h.match), h.score, h.confidence, h.term, h.reasons)
             for h in termbase.spot(text, lang=lang)] for text, lang in _texts()]


@pytest.fixture(scope="module")
def expected() -> list[list[tuple[object, ...]]]:
    """What a spotter built in memory finds (the concepts of the shipped glossaries, no files)."""
    loaded = Termbase.load()
    return _spotted(Termbase(loaded.concepts.values()))


@pytest.fixture(autouse=True)
def _empty_cache(cache_folder: Path) -> Path:
    return cache_folder


def _entry() -> Path:
    folder = Path(os.environ["TERMBASE_CACHE_DIR"]) / "fuzzy"
    (entry,) = [p for p in folder.iterdir() if not p.name.startswith(".")]
    return entry


def _forbid_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: FuzzySpotter, concepts: object, folded_terms: object) -> None:
        raise AssertionError("the fuzzy spotter was built, not read from the cache")
    monkeypatch.setattr(FuzzySpotter, "_build", refuse)


def test_a_stored_spotter_finds_what_a_built_one_finds(expected: list[list[tuple[object, ...]]],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert sum(map(len, expected)) > 300
    assert _spotted(Termbase.load()) == expected  # built and stored
    files = sorted(p.name for p in _entry().iterdir())
    assert "fuzzy.json" in files and "ar.rows.npy" in files and "en.pairs.members.npy" in files
    assert not any(p.name.startswith("fuzzy") for path in shipped_glossary_paths() for p in path.parent.iterdir())
    _forbid_build(monkeypatch)
    assert _spotted(Termbase.load()) == expected  # read


def _shift(array: np.ndarray, column: int | None, value: int) -> np.ndarray:  # type: ignore[type-arg]
    changed = array.copy()
    if column is None:
        changed[-1] = value
    else:
        changed[0, column] = value
    return changed


@pytest.mark.parametrize("damage", ["json-garbage", "json-other-concepts-forged", "rows-wrong-concept-forged",
                                    "rows-wrong-term-forged", "rows-wrong-flags-forged", "rows-pickle-forged",
                                    "offsets-reversed-forged", "members-out-of-range-forged", "places-short-forged",
                                    "members-missing"])
def test_a_damaged_entry_is_built_again(expected: list[list[tuple[object, ...]]], damage: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert _spotted(Termbase.load()) == expected
    entry = _entry()
    rows, table = entry / "ar.rows.npy", entry / "fuzzy.json"
    if damage == "json-garbage":
        table.write_bytes(b"\x00\xff not json")
    elif damage == "json-other-concepts-forged":
        tables = json.loads(table.read_text("utf-8"))
        tables["concepts"] = tables["concepts"][::-1]
        table.write_text(json.dumps(tables), "utf-8")
        forge(entry, table.name)
    elif damage.startswith("rows-wrong"):
        column, value = {"concept": (0, 10**6), "term": (1, 10**3), "flags": (4, 8)}[damage.split("-")[2]]
        np.save(rows, _shift(np.load(rows), column, value))
        forge(entry, rows.name)
    elif damage == "rows-pickle-forged":
        np.save(rows, np.array([object()], dtype=object), allow_pickle=True)
        forge(entry, rows.name)
    elif damage == "offsets-reversed-forged":
        offsets = entry / "en.keys.offsets.npy"
        np.save(offsets, np.load(offsets)[::-1].copy())
        forge(entry, offsets.name)
    elif damage == "members-out-of-range-forged":
        members = entry / "ar.longer.members.npy"
        np.save(members, _shift(np.load(members), None, 10**6))
        forge(entry, members.name)
    elif damage == "places-short-forged":
        places = entry / "en.words.places.npy"
        np.save(places, np.load(places)[:-1].copy())
        forge(entry, places.name)
    else:
        (entry / "en.pairs.members.npy").unlink()
    builds: list[int] = []
    build = FuzzySpotter._build
    monkeypatch.setattr(FuzzySpotter, "_build", lambda self, concepts, folded_terms: builds.append(1) or build(self, concepts, folded_terms))
    assert _spotted(Termbase.load()) == expected
    assert builds == [1]
    assert _spotted(Termbase.load()) == expected  # and stored again
    assert builds == [1]
