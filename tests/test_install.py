"""A fresh, non-editable install, used as a new user would use it.

The wheel is built (with build isolation, so ``setuptools>=77`` comes from the registry) from a copy
of the checkout, installed into a new virtual environment, and run from another folder by an
unprivileged user for whom the environment is read-only (``nobody`` through ``setpriv`` when the
tests run as root; the current user with the environment made read-only otherwise):

- the first and the second ``termbase check`` of the seed pair give the report of the checkout;
- nothing is written anywhere but the user's cache folder: not into site-packages, not beside a
  ``-g`` glossary, not into the working folder;
- the wheel carries the shipped glossaries, found through ``importlib.resources`` only (a stray
  ``site-packages/glossaries`` folder changes nothing);
- an edited inflection rule in the installed code makes new cache keys (no stale hit);
- ``pip uninstall`` removes every file the install added.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from unprivileged import NOBODY, POSSIBLE, WHY_NOT, unprivileged

REPO = Path(__file__).resolve().parent.parent
SEED_AR = REPO / "seeds" / "c5plus1-summit.ar.txt"
DRAFT = REPO / "examples" / "c5plus1-summit.draft.en.txt"
GLOSSARY = """\
concepts:
- id: summit
  terms:
    en:
    - {term: summit, status: preferred, pos: noun}
"""


def _run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done  # type: ignore[no-any-return]


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for path in folder.rglob("*"):
        info = os.lstat(path)
        found[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def base() -> Iterator[Path]:
    """A folder another user can enter (pytest's are private)."""
    folder = Path(tempfile.mkdtemp(prefix="termbase-install-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o700)
    shutil.rmtree(folder)


def test_the_wheel_carries_the_glossaries_and_the_licence(built_wheel: Path) -> None:
    names = zipfile.ZipFile(built_wheel).namelist()
    shipped = sorted(p.name for p in (REPO / "glossaries").glob("*.yaml"))
    assert sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("termbase/glossaries/") and n.endswith(".yaml")) \
        == shipped
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(built_wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text
    assert not any(n.startswith("glossaries/") for n in names)


def _as_user(command: list[str], home: Path, cwd: Path, venv: Path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": f"{venv / 'bin'}:/usr/bin:/bin", "LANG": "C.UTF-8",
           "TMPDIR": str(home / "tmp")}
    return subprocess.run(unprivileged(command), capture_output=True, text=True, env=env, cwd=cwd, timeout=600)


def test_fresh_install_as_an_unprivileged_user(built_wheel: Path, base: Path) -> None:
    if not POSSIBLE:
        pytest.skip(WHY_NOT)
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    _run([str(venv / "bin" / "pip"), "install", "-q", str(built_wheel)])
    site = Path(_run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
                .stdout.strip())
    (site / "glossaries").mkdir()  # a stray folder of that name, as another package could leave
    (site / "glossaries" / "other.yaml").write_text(GLOSSARY, "utf-8")
    record = next(site.glob("termbase-*.dist-info")) / "RECORD"
    installed = {line.split(",")[0] for line in record.read_text("utf-8").splitlines() if line}

    home, work = base / "home", base / "work"
    (home / "tmp").mkdir(parents=True)
    work.mkdir()
    shutil.copy(SEED_AR, work / "article.ar.txt")
    shutil.copy(DRAFT, work / "draft.en.txt")
    (work / "mine").mkdir()
    (work / "mine" / "my.yaml").write_text(GLOSSARY, "utf-8")
    (work / "text.txt").write_text("Two summits and one summit.\n", "utf-8")
    if os.geteuid() == 0:
        for path in [home, *home.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
    else:
        for path in [venv, *venv.rglob("*"), work, *work.rglob("*")]:
            if not path.is_symlink():
                path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    before = {name: _snapshot(folder) for name, folder in (("venv", venv), ("work", work))}

    expected = subprocess.run([sys.executable, "-m", "termbase", "check", str(SEED_AR), str(DRAFT), "--format", "json"],
                              capture_output=True, text=True, cwd=REPO, timeout=600)
    check = ["termbase", "check", "article.ar.txt", "draft.en.txt", "--format", "json"]
    first = _as_user(check, home, work, venv)
    cache = home / ".cache" / "termbase"
    entries = _snapshot(cache)
    second = _as_user(check, home, work, venv)
    for run in (first, second):
        assert run.returncode == 1 and run.stderr == "", run.stderr  # findings; no note, no traceback
        assert json.loads(run.stdout)["issues"] == json.loads(expected.stdout)["issues"]
    assert {Path(p).parts[0] for p in entries} >= {"glossary", "spot", "key"}
    assert _snapshot(cache) == entries  # the second run read the cache and wrote nothing

    spot = ["termbase", "spot", "-g", "mine/my.yaml", "text.txt", "--format", "json"]
    hits = [h["text"] for h in json.loads(_as_user(spot, home, work, venv).stdout)["hits"]]
    assert hits == ["summits", "summit"]
    stray = _as_user([str(venv / "bin" / "python"), "-c", "import termbase; print(len(termbase.Termbase.load()))"], home, work, venv)
    assert stray.returncode == 0, stray.stderr
    assert int(stray.stdout) > 500  # the shipped glossaries, not the stray folder's one concept
    after = {name: _snapshot(folder) for name, folder in (("venv", venv), ("work", work))}
    assert after == before  # nothing written outside the cache folder (no .termbase-cache, no .pyc)
    assert sorted(p.name for p in home.iterdir()) == [".cache", "tmp"] and list((home / "tmp").iterdir()) == []
    assert sorted(p.name for p in (home / ".cache").iterdir()) == ["termbase"]

    # An edited inflection rule (English plurals) in the installed code: new keys, no stale hit.
    forms = site / "termbase" / "spotting" / "forms.py"
    forms.chmod(0o644)
    source = forms.read_text("utf-8")
    rule = '    return [word + "s"]\n'
    assert source.count(rule) == 1
    forms.write_text(source.replace(rule, '    return [word + "z"]\n'), "utf-8")
    changed = [h["text"] for h in json.loads(_as_user(spot, home, work, venv).stdout)["hits"]]
    assert changed == ["summit"]  # what a cold run of the edited code finds
    forms.write_text(source, "utf-8")

    if os.geteuid() != 0:
        for path in [venv, *venv.rglob("*")]:
            if not path.is_symlink():
                path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o200)
    _run([str(venv / "bin" / "pip"), "uninstall", "-y", "-q", "termbase"])
    left = [name for name in installed if (site / name).exists() or (site / name).is_symlink()]
    assert left == []
    assert [p for p in site.iterdir() if p.name.startswith("termbase")] == []
    assert not (venv / "bin" / "termbase").exists()
