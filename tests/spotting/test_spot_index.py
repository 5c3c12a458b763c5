"""The disk cache of the spotting index: built once, reused, rebuilt, harmless when broken."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cache_forgery import forge
from termbase import Termbase
from termbase.cache import Entry
from termbase.spotting import SpotIndex
from unprivileged import POSSIBLE, WHY_NOT, WHY_NOT_HERE, checkout_importable, unprivileged, world_readable_folder

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
    def refuse(cls: type, concepts: Any, **options: Any) -> SpotIndex:
        raise AssertionError("the index was built again instead of loaded from the cache")

    monkeypatch.setattr(SpotIndex, "build", classmethod(refuse))


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = SpotIndex.build.__func__  # type: ignore[attr-defined]

    def counting(cls: type[SpotIndex], concepts: Any, **options: Any) -> SpotIndex:
        calls.append(1)
        result: SpotIndex = original(cls, concepts, **options)
        return result

    monkeypatch.setattr(SpotIndex, "build", classmethod(counting))
    return calls


@pytest.fixture(autouse=True)
def _empty_cache(cache_folder: Path) -> Path:
    return cache_folder


def _entries(kind: str = "spot") -> list[Path]:
    folder = Path(os.environ["TERMBASE_CACHE_DIR"]) / kind
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def test_built_once_then_loaded(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _spot(glossary) == EXPECTED
    (entry,) = _entries()
    assert sorted(p.name for p in entry.iterdir()) == [
        "ar.accepted.npy", "ar.keys", "ar.offsets.npy", "ar.rows.npy", "concepts.json",
        "en.keys", "en.offsets.npy", "en.rows.npy", "manifest.json",
    ]
    assert sorted(p.name for p in glossary.parent.iterdir()) == ["spotting.yaml"]  # nothing beside the glossary
    _forbid_build(monkeypatch)
    assert _spot(glossary) == EXPECTED


def test_rebuilt_when_a_glossary_changes(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _spot(glossary) == EXPECTED
    before = _entries()
    glossary.write_text(
        glossary.read_text("utf-8").replace("{term: بيشكيك,", "{term: بشكيك,"), encoding="utf-8"
    )
    builds = _count_builds(monkeypatch)
    assert _spot(glossary) == [e for e in EXPECTED if e[0] != "bishkek"]
    assert builds == [1]
    after = _entries()
    assert len(after) == 1 and set(before).isdisjoint(after)  # the entry of the old content is gone
    assert _spot(glossary) == [e for e in EXPECTED if e[0] != "bishkek"]
    assert builds == [1]


@pytest.mark.parametrize("damage", ["json-garbage", "json-truncated", "keys-garbage", "keys-duplicated-forged",
                                    "json-no-languages-forged", "rows-garbage",
                                    "rows-wrong-concept-forged", "rows-wrong-term-forged", "rows-pickle-forged",
                                    "offsets-wrong-forged", "keys-missing"])
def test_corrupt_cache_is_rebuilt(glossary: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    assert _spot(glossary) == EXPECTED
    (entry,) = _entries()
    table = entry / "concepts.json"
    keys = entry / "ar.keys"
    rows = entry / "ar.rows.npy"
    if damage == "json-garbage":
        table.write_bytes(b"\x00\xff not json")
    elif damage == "json-truncated":
        table.write_bytes(table.read_bytes()[:50])
    elif damage == "keys-garbage":
        keys.write_bytes(b"\xff\xfe" + os.urandom(64))
    elif damage == "keys-duplicated-forged":  # as many keys, one of them twice
        lines = keys.read_text("utf-8").split("\n")
        keys.write_text("\n".join([lines[0], *lines[:-1]]), "utf-8")
        forge(entry, keys.name)
    elif damage == "rows-garbage":
        rows.write_bytes(os.urandom(64))
    elif damage.startswith("rows-wrong"):  # well-formed arrays naming a concept or term that is not there
        array = np.load(rows)
        array[0, 0 if "concept" in damage else 1] = 10_000
        np.save(rows, array)
        forge(entry, rows.name)
    elif damage == "rows-pickle-forged":  # an object array: numpy must refuse to unpickle it
        np.save(rows, np.array([object()], dtype=object), allow_pickle=True)
        forge(entry, rows.name)
    elif damage == "offsets-wrong-forged":
        offsets = entry / "ar.offsets.npy"
        np.save(offsets, np.load(offsets)[::-1].copy())
        forge(entry, offsets.name)
    elif damage == "keys-missing":
        (entry / "en.keys").unlink()
    else:  # well-formed, wrong, and its digest recomputed: once trusted forever
        tables = json.loads(table.read_text("utf-8"))
        tables["languages"] = []
        table.write_text(json.dumps(tables), "utf-8")
        forge(entry, table.name)
    builds = _count_builds(monkeypatch)
    assert _spot(glossary) == EXPECTED
    assert builds == [1]
    # the rebuilt cache is good again
    _forbid_build(monkeypatch)
    assert _spot(glossary) == EXPECTED


def _read_as_entry(folder: Path) -> Entry:
    """The files of ``folder`` as a verified entry (their digests taken as they now are), so that a
    loader's own checks are what refuses a wrong file, not the manifest's."""
    files = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.iterdir()
             if path.name != "manifest.json"}
    return Entry(folder, files, {})


def test_a_row_naming_its_concepts_term_in_another_language_is_refused(glossary: Path) -> None:
    assert _spot(glossary) == EXPECTED
    (folder,) = _entries()
    concepts = list(Termbase.load([glossary]).concepts.values())
    assert SpotIndex.load(_read_as_entry(folder), concepts) is not None
    rows = folder / "ar.rows.npy"
    array = np.load(rows)
    english = np.load(folder / "en.rows.npy")
    at = int(np.flatnonzero(np.isin(array[:, 0], english[:, 0]))[0])
    array[at, 1] = english[english[:, 0] == array[at, 0]][0, 1]  # the row's concept's English term
    np.save(rows, array)
    assert SpotIndex.load(_read_as_entry(folder), concepts) is None


_SPOT_TWICE = """
import json, sys
from termbase import Termbase
from termbase.spotting import SpotIndex
builds = []
original = SpotIndex.build.__func__
SpotIndex.build = classmethod(lambda cls, concepts, **options: builds.append(1) or original(cls, concepts, **options))
text, path = sys.argv[1], sys.argv[2]
runs = [[(h.concept, h.text) for h in Termbase.load([path]).spot(text, fuzzy=False)] for _ in range(2)]
print(json.dumps({"runs": runs, "builds": len(builds)}))
"""


@pytest.mark.skipif(not POSSIBLE, reason=WHY_NOT)
@pytest.mark.skipif(POSSIBLE and not checkout_importable(), reason=WHY_NOT_HERE)
def test_read_only_cache_still_spots(glossary: Path) -> None:
    """A cache folder the user cannot write to: every run builds in memory, nothing fails (run as
    ``nobody`` when the tests run as root, whom permission bits do not stop)."""
    with world_readable_folder() as folder:
        shutil.copy(glossary, folder / "spotting.yaml")
        cache = folder / "cache"
        cache.mkdir(mode=0o555)
        cache.chmod(0o555)
        env = {**os.environ, "TERMBASE_CACHE_DIR": str(cache), "HOME": str(folder), "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(unprivileged([sys.executable, "-c", _SPOT_TWICE, TEXT, str(folder / "spotting.yaml")]),
                              capture_output=True, text=True, env=env, cwd="/", timeout=300, check=False)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        assert f"could not be written in {cache} (Permission denied)" in done.stderr  # said, not raised
        result = json.loads(done.stdout)
        assert [[tuple(hit) for hit in run] for run in result["runs"]] == [EXPECTED, EXPECTED]
        assert result["builds"] == 2  # nothing cached, nothing crashed
        assert list(cache.iterdir()) == []


def test_termbase_without_files_builds_in_memory(spot_tb: Termbase) -> None:
    tb = Termbase(list(spot_tb))
    assert [(h.concept, h.text) for h in tb.spot(TEXT, fuzzy=False)] == EXPECTED


def test_unwritable_cache_is_harmless(glossary: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A cache folder that cannot be created (below a file: refused even to root)."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TERMBASE_CACHE_DIR", str(blocker / "cache"))
    builds = _count_builds(monkeypatch)
    assert _spot(glossary) == EXPECTED
    assert _spot(glossary) == EXPECTED
    assert builds == [1, 1]
