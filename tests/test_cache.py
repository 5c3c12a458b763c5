"""The cache folder: where it is, what an entry holds, what cleanup may delete, racing writers."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from termbase import Termbase, cache
from termbase.cli import main

REPO = Path(__file__).resolve().parent.parent
TEXT = "Tokaev met Berdimuhamedov in Astana."


def _spot(path: Path) -> list[tuple[str | None, int, int]]:
    return [(h.concept, h.start, h.end) for h in Termbase.load([path]).spot(TEXT)]


def test_folder_is_the_environment_variable_or_the_user_cache(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    monkeypatch.setenv("TERMBASE_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("TERMBASE_CACHE_DIR")
    assert cache.cache_dir() == Path(platformdirs.user_cache_dir("termbase", appauthor=False))


def test_entries_hold_the_manifest_named_files_with_the_umask_mode(cache_folder: Path, synthetic_path: Path) -> None:
    old = os.umask(0o022)
    try:
        _spot(synthetic_path)
    finally:
        os.umask(old)
    entries = [p for kind in cache_folder.iterdir() if kind.is_dir() for p in kind.iterdir()]
    assert sorted(p.parent.name for p in entries) == ["fuzzy", "glossary", "spot"]
    for entry in entries:
        manifest = json.loads((entry / "manifest.json").read_text("ascii"))
        assert sorted(manifest["files"]) == sorted(p.name for p in entry.iterdir() if p.name != "manifest.json")
        for path in entry.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert stat.S_IMODE((cache_folder / "key").stat().st_mode) == 0o600
    assert sorted(p.name for p in synthetic_path.parent.iterdir()) == ["cache", "synthetic.yaml"]  # the test's own


def test_new_code_means_new_keys(cache_folder: Path, synthetic_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _spot(synthetic_path)
    before = sorted(p.name for p in (cache_folder / "spot").iterdir())
    monkeypatch.setattr(cache, "_code_digest", "0" * 64)  # what an edited inflection rule does to it
    assert _spot(synthetic_path) == first
    after = sorted(p.name for p in (cache_folder / "spot").iterdir())
    assert len(after) == 1 and after != before  # the same glossary files: the old entry replaced


def test_a_symlinked_folder_never_loses_files_no_manifest_names(cache_folder: Path, synthetic_path: Path,
                                                                 tmp_path: Path) -> None:
    """``.termbase-cache`` as a symlink to a user folder once lost the user's ``spot-*`` files."""
    user = tmp_path / "user-folder"
    user.mkdir()
    mine = {"spot-notes.json": "{}", "spot-1.ar.automaton": "mine", "manifest.json": '{"files": {"x": "y"}}'}
    for name, text in mine.items():
        (user / name).write_text(text)
    cache_folder.mkdir()
    (cache_folder / "spot").symlink_to(user)
    first = _spot(synthetic_path)
    assert _spot(synthetic_path) == first
    main(["cache", "clear"])
    assert all((user / name).read_text() == text for name, text in mine.items())


def test_a_forged_manifest_cannot_name_files_outside_its_entry(cache_folder: Path, synthetic_path: Path,
                                                               tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    _spot(synthetic_path)
    (entry,) = (cache_folder / "spot").iterdir()
    fields = json.loads((entry / "manifest.json").read_text("ascii"))
    fields["files"]["../../../victim.txt"] = "0" * 64
    fields["files"][str(victim)] = "0" * 64
    (entry / "manifest.json").write_text(json.dumps(fields), "ascii")
    _spot(synthetic_path)  # a miss: rebuilt and stored again
    main(["cache", "clear"])
    assert victim.read_text() == "keep me"


def test_cache_info_and_clear(cache_folder: Path, synthetic_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _spot(synthetic_path)
    foreign = cache_folder / "glossary" / "not-ours.txt"
    foreign.write_text("a file no manifest names")
    assert main(["cache", "info", "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["folder"] == str(cache_folder)
    assert sorted(e["kind"] for e in info["entries"]) == ["fuzzy", "glossary", "spot"]
    assert all(e["valid"] and e["bytes"] > 0 for e in info["entries"])
    assert main(["cache", "info"]) == 0
    text = capsys.readouterr().out
    assert str(cache_folder) in text and "spot" in text
    assert main(["cache", "clear"]) == 0
    out = capsys.readouterr().out
    assert "removed 3 entries" in out
    assert foreign.read_text() == "a file no manifest names"  # not ours to delete
    assert sorted(str(p.relative_to(cache_folder)) for p in cache_folder.rglob("*")) == [
        "glossary", "glossary/not-ours.txt"]


def test_racing_cold_processes_agree(cache_folder: Path, synthetic_path: Path) -> None:
    script = (
        "import json, sys; from termbase import Termbase\n"
        "tb = Termbase.load([sys.argv[1]])\n"
        f"print(json.dumps([(h.concept, h.start, h.end) for h in tb.spot({TEXT!r})]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.Popen([sys.executable, "-c", script, str(synthetic_path)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env) for _ in range(6)]
    results = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), [err for _, err in results]
    assert all(err == b"" for _, err in results), [err for _, err in results]
    outputs = {out for out, _ in results}
    assert len(outputs) == 1
    assert [list(hit) for hit in _spot(synthetic_path)] == json.loads(outputs.pop())
    assert len(list((cache_folder / "spot").iterdir())) == 1
    assert len(list((cache_folder / "glossary").iterdir())) == 1
