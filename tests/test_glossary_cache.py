"""The cache of parsed glossaries: reused while the file is unchanged, equal to a fresh parse,
and harmless when stale, corrupt or unwritable."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cache_forgery import forge
import termbase.glossary as glossary_module
from termbase import GlossarySchemaError, Termbase, load_glossary
from termbase.glossary import Glossary, parse_glossary, shipped_glossary_paths


@pytest.fixture(autouse=True)
def _empty_cache(cache_folder: Path) -> Path:
    return cache_folder


def _cache_files(path: Path) -> list[Path]:
    """The cached payloads (one per glossary content); ``path`` names the glossary, which
    nothing is written beside."""
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []
    folder = Path(os.environ["TERMBASE_CACHE_DIR"]) / "glossary"
    return sorted(folder.glob("*/glossary.json")) if folder.is_dir() else []


def _fresh(path: Path) -> Glossary:
    """What parsing the file gives, without any cache."""
    return parse_glossary(path.read_text("utf-8"), str(path))


def _forbid_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> Glossary:
        raise AssertionError("the glossary was parsed again instead of read from the cache")

    monkeypatch.setattr(glossary_module, "parse_glossary", refuse)


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = glossary_module.parse_glossary

    def counting(text: str, path: str = "<string>", *, digest: str | None = None) -> Glossary:
        calls.append(path)
        return original(text, path, digest=digest)

    monkeypatch.setattr(glossary_module, "parse_glossary", counting)
    return calls


def test_first_load_writes_the_cache_and_the_second_reads_it(
    synthetic_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_glossary(synthetic_path)
    (cache,) = _cache_files(synthetic_path)
    assert (cache.parent / "manifest.json").is_file()
    _forbid_parse(monkeypatch)
    second = load_glossary(synthetic_path)
    assert second == first
    assert second is not first


def test_cached_glossary_equals_a_fresh_parse(synthetic_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_glossary(synthetic_path)
    _forbid_parse(monkeypatch)
    cached = load_glossary(synthetic_path)
    monkeypatch.undo()
    fresh = _fresh(synthetic_path)
    assert cached == fresh
    assert cached.info == fresh.info
    assert cached.concepts == fresh.concepts
    assert cached.concept_lines == fresh.concept_lines
    assert cached.term_lines == fresh.term_lines
    # value types are the same, not merely equal (enums, tuples, read-only mappings)
    for mine, theirs in zip(cached.concepts, fresh.concepts, strict=True):
        assert type(mine.definitions) is type(theirs.definitions)
        for a, b in zip(mine.terms, theirs.terms, strict=True):
            assert (type(a.status), type(a.type), type(a.pos), type(a.gender)) == (
                type(b.status), type(b.type), type(b.pos), type(b.gender))
            assert type(a.notes) is tuple and type(a.sources) is tuple


@pytest.mark.parametrize("path", shipped_glossary_paths(), ids=lambda p: p.name)
def test_every_shipped_glossary_round_trips(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    load_glossary(copy)
    _forbid_parse(monkeypatch)
    cached = load_glossary(copy)
    monkeypatch.undo()
    assert cached == _fresh(copy)


def test_default_id_and_path_come_from_the_file_loaded(synthetic_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = synthetic_path.with_name("no-header.yaml")
    path.write_text("concepts:" + synthetic_path.read_text("utf-8").split("concepts:", 1)[1], encoding="utf-8")
    load_glossary(path)
    monkeypatch.chdir(path.parent)
    _forbid_parse(monkeypatch)
    cached = load_glossary("no-header.yaml")
    monkeypatch.undo()
    assert cached.info.path == "no-header.yaml"
    assert cached.info.id == "no-header"
    assert {c.glossary for c in cached.concepts} == {"no-header"}
    assert cached == parse_glossary(path.read_text("utf-8"), "no-header.yaml")


def test_same_content_under_another_name_keeps_its_own_id(tmp_path: Path, synthetic_path: Path) -> None:
    body = "concepts:" + synthetic_path.read_text("utf-8").split("concepts:", 1)[1]
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(body, encoding="utf-8")
    second.write_text(body, encoding="utf-8")
    assert load_glossary(first).info.id == "first"
    assert load_glossary(second).info.id == "second"
    assert load_glossary(second).info.id == "second"  # from the cache
    assert load_glossary(first).concepts[0].glossary == "first"


def test_changed_file_is_parsed_again_and_the_stale_cache_replaced(
    synthetic_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_glossary(synthetic_path)
    (before,) = _cache_files(synthetic_path)
    synthetic_path.write_text(
        synthetic_path.read_text("utf-8").replace("{term: Kazakstan,", "{term: Qazaqstan,"), encoding="utf-8"
    )
    parses = _count_parses(monkeypatch)
    changed = load_glossary(synthetic_path)
    assert parses == [str(synthetic_path)]
    assert "Qazaqstan" in [t.text for t in changed.concepts[0].terms]
    (after,) = _cache_files(synthetic_path)  # one cache file per glossary file
    assert after != before
    assert load_glossary(synthetic_path) == changed
    assert parses == [str(synthetic_path)]


@pytest.mark.parametrize(
    "damage", ["garbage", "truncated", "empty", "payload-edited", "payload-forged", "wrong-shape-forged",
               "manifest-garbage", "manifest-missing", "manifest-other-key", "signing-key-replaced"]
)
def test_damaged_or_forged_cache_is_ignored_and_rewritten(
    synthetic_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    good = load_glossary(synthetic_path)
    (cache,) = _cache_files(synthetic_path)
    data = cache.read_bytes()
    manifest = cache.parent / "manifest.json"
    if damage == "garbage":
        cache.write_bytes(b"\x00\xff not json at all")
    elif damage == "truncated":
        cache.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        cache.write_bytes(b"")
    elif damage == "payload-edited":  # same length, valid JSON, but not what was written
        cache.write_bytes(data.replace(b"Kazakhstan", b"Kazakhstam"))
    elif damage == "payload-forged":  # ... and the manifest's digest recomputed: a silently wrong glossary
        cache.write_bytes(data.replace(b"Kazakhstan", b"Kazakhstam"))
        forge(cache.parent, cache.name)
    elif damage == "wrong-shape-forged":  # valid JSON of the wrong shape, digest recomputed: once a traceback
        cache.write_bytes(json.dumps({"header": {}, "concepts": [[1, 2, 3]]}).encode())
        forge(cache.parent, cache.name)
    elif damage == "manifest-garbage":
        manifest.write_bytes(b"{\x00")
    elif damage == "manifest-missing":
        manifest.unlink()
    elif damage == "manifest-other-key":
        fields = json.loads(manifest.read_text("ascii"))
        fields["key"] = "0" * 40
        manifest.write_text(json.dumps(fields), "ascii")
    else:
        (Path(os.environ["TERMBASE_CACHE_DIR"]) / "key").write_bytes(os.urandom(32))
    parses = _count_parses(monkeypatch)
    assert load_glossary(synthetic_path) == good
    assert parses == [str(synthetic_path)]
    # rewritten: the next load reads it again
    _forbid_parse(monkeypatch)
    assert load_glossary(synthetic_path) == good
    assert len(_cache_files(synthetic_path)) == 1


def test_unwritable_cache_folder_is_harmless(
    synthetic_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cache folder that cannot be created (below a file: refused even to root)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("TERMBASE_CACHE_DIR", str(blocker / "cache"))
    parses = _count_parses(monkeypatch)
    first = load_glossary(synthetic_path)
    second = load_glossary(synthetic_path)
    assert first == second == _fresh(synthetic_path)
    assert parses == [str(synthetic_path)] * 2  # nothing cached, nothing crashed
    assert blocker.read_text() == "x"
    notes = [line for line in capsys.readouterr().err.splitlines() if "cache could not be written" in line]
    assert len(notes) == 1 and str(blocker) in notes[0]  # one line, once per process


def test_unreadable_cache_is_a_miss(synthetic_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_glossary(synthetic_path)
    (cache,) = _cache_files(synthetic_path)
    real_read_bytes = Path.read_bytes

    def refuse_cache(self: Path) -> bytes:
        if self.name == cache.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse_cache)
    parses = _count_parses(monkeypatch)
    assert load_glossary(synthetic_path) == _fresh(synthetic_path)
    assert parses == [str(synthetic_path)]


def test_malformed_glossary_writes_no_cache_and_fails_the_same_way(
    write_glossary: Callable[[str], Path]
) -> None:
    path = write_glossary(
        """\
        concepts:
        - id: astana
          terms:
            en:
            - {term: Astana, status: favourite}
        """
    )
    for _ in range(2):
        with pytest.raises(GlossarySchemaError) as info:
            load_glossary(path)
        assert info.value.line == 5
        assert "unknown status 'favourite'" in str(info.value)
    assert _cache_files(path) == []


def test_termbase_from_the_cache_checks_the_same(synthetic_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = Termbase.load([synthetic_path])
    _forbid_parse(monkeypatch)
    cached = Termbase.load([synthetic_path])
    assert list(cached) == list(parsed)
    assert cached.digest == parsed.digest
    text = "Tokaev met Berdimuhamedov in Astana."
    assert [(h.concept, h.text) for h in cached.spot(text)] == [(h.concept, h.text) for h in parsed.spot(text)]
