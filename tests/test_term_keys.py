"""The terms folded once and handed to every index build give the indexes each build makes when it
folds the terms itself: the files each stores are byte for byte the same, on the shipped glossaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from termbase import Termbase
from termbase.cache import EntryWriter
from termbase.lookup_index import LookupIndex
from termbase.normalize import fold
from termbase.spotting.fuzzy import FuzzySpotter
from termbase.spotting.index import SpotIndex
from termbase.term_keys import term_keys


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_term_keys_are_each_term_folded_in_order() -> None:
    concepts = list(Termbase.load().concepts.values())
    assert term_keys(concepts) == [fold(term.text) for concept in concepts for term in concept.terms]


@pytest.mark.parametrize("build", [
    lambda concepts, keys: SpotIndex.build(concepts, keys=keys),
    lambda concepts, keys: FuzzySpotter(concepts, keys=keys),
    lambda concepts, keys: LookupIndex(concepts, keys=keys),
], ids=["spotting index", "fuzzy spotter", "lookup index"])
def test_an_index_built_from_shared_keys_stores_what_it_stores_alone(build: object, tmp_path: Path) -> None:
    concepts = list(Termbase.load().concepts.values())
    stored = []
    for name, keys in (("alone", None), ("shared", term_keys(concepts))):
        (tmp_path / name).mkdir()
        index = build(concepts, keys)  # type: ignore[operator]
        index.save(EntryWriter(tmp_path / name))
        stored.append(_files(tmp_path / name))
    assert stored[0] == stored[1] and len(stored[0]) >= 3
