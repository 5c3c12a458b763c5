"""The disk cache of the spotting index: built once, reused, rebuilt, harmless when broken."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from termbase import Termbase
from termbase.spotting import SpotIndex

TEXT = "زار وواشنطن وبيشكيك والكرملين، ثم دول آسيا الوسطى."
EXPECTED = [
    ("washington", "وواشنطن"),
    ("bishkek", "وبيشكيك"),
    ("kremlin", "والكرملين"),
    ("central-asian-countries", "دول آسيا الوسطى"),
]


@pytest.fixture
def glossary(tmp_path: Path, spot_glossary_path: Path) -> Path:
    path = tmp_path / "glossaries" / "spotting.yaml"
    path.parent.mkdir()
    shutil.copy(spot_glossary_path, path)
    return path


def _spot(path: Path) -> list[tuple[str | None, str]]:
    return [(h.concept, h.text) for h in Termbase.load([path]).spot(TEXT, fuzzy=False)]


def _forbid_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(cls: type, concepts: Any) -> SpotIndex:
        raise AssertionError("the index was built again instead of loaded from the cache")

    monkeypatch.setattr(SpotIndex, "build", classmethod(refuse))


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = SpotIndex.build.__func__  # type: ignore[attr-defined]

    def counting(cls: type[SpotIndex], concepts: Any) -> SpotIndex:
        calls.append(1)
        result: SpotIndex = original(cls, concepts)
        return result

    monkeypatch.setattr(SpotIndex, "build", classmethod(counting))
    return calls


def test_built_once_then_loaded(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _spot(glossary) == EXPECTED
    cache = glossary.parent / ".termbase-cache"
    spot_files = [p for p in cache.iterdir() if p.name.startswith("spot-")]  # beside the glossary's own cache
    assert sorted(p.suffix for p in spot_files) == [".automaton", ".automaton", ".json"]
    _forbid_build(monkeypatch)
    assert _spot(glossary) == EXPECTED


def test_rebuilt_when_a_glossary_changes(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _spot(glossary) == EXPECTED
    before = {p.name for p in (glossary.parent / ".termbase-cache").iterdir()}
    glossary.write_text(
        glossary.read_text("utf-8").replace("{term: بيشكيك,", "{term: بشكيك,"), encoding="utf-8"
    )
    builds = _count_builds(monkeypatch)
    assert _spot(glossary) == [e for e in EXPECTED if e[0] != "bishkek"]
    assert builds == [1]
    after = {p.name for p in (glossary.parent / ".termbase-cache").iterdir()}
    assert before.isdisjoint(after)  # the stale generation is gone
    assert _spot(glossary) == [e for e in EXPECTED if e[0] != "bishkek"]
    assert builds == [1]


@pytest.mark.parametrize("damage", ["json-garbage", "json-truncated", "automaton-garbage", "automaton-missing",
                                    "json-wrong-entries"])
def test_corrupt_cache_is_rebuilt(glossary: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    assert _spot(glossary) == EXPECTED
    cache = glossary.parent / ".termbase-cache"
    (table,) = cache.glob("spot-*.json")
    automaton = sorted(cache.glob("*.ar.automaton"))[0]
    if damage == "json-garbage":
        table.write_bytes(b"\x00\xff not json")
    elif damage == "json-truncated":
        table.write_bytes(table.read_bytes()[:50])
    elif damage == "automaton-garbage":
        automaton.write_bytes(os.urandom(64))
    elif damage == "automaton-missing":
        automaton.unlink()
    else:
        table.write_text(table.read_text("utf-8").replace('"entries": [[[', '"entries": [[[1, ', 1), "utf-8")
    builds = _count_builds(monkeypatch)
    assert _spot(glossary) == EXPECTED
    assert builds == [1]
    # the rebuilt cache is good again
    _forbid_build(monkeypatch)
    assert _spot(glossary) == EXPECTED


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_read_only_folder_still_spots(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = glossary.parent
    folder.chmod(0o555)
    try:
        builds = _count_builds(monkeypatch)
        assert _spot(glossary) == EXPECTED
        assert _spot(glossary) == EXPECTED
        assert builds == [1, 1]  # nothing cached, nothing crashed
        assert not (folder / ".termbase-cache").exists()
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_read_only_cache_folder_with_a_stale_cache(glossary: Path) -> None:
    assert _spot(glossary) == EXPECTED
    cache = glossary.parent / ".termbase-cache"
    glossary.write_text(glossary.read_text("utf-8").replace("{term: بيشكيك,", "{term: بشكيك,"), "utf-8")
    cache.chmod(0o555)
    try:
        assert _spot(glossary) == [e for e in EXPECTED if e[0] != "bishkek"]
    finally:
        cache.chmod(0o755)


def test_termbase_without_files_builds_in_memory(spot_tb: Termbase) -> None:
    tb = Termbase(list(spot_tb))
    assert [(h.concept, h.text) for h in tb.spot(TEXT, fuzzy=False)] == EXPECTED


def test_unwritable_cache_is_harmless(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only checkout looks like to the cache, also when the tests run as root."""
    import termbase.spotting.automaton as index_module

    def refuse_save(self: SpotIndex, folder: Path, stamp: str) -> None:
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(SpotIndex, "save", refuse_save)
    assert _spot(glossary) == EXPECTED
    monkeypatch.setattr(index_module.os, "access", lambda path, mode: False)
    builds = _count_builds(monkeypatch)
    assert _spot(glossary) == EXPECTED
    assert builds == [1]
