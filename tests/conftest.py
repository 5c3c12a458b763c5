"""Shared fixtures: repository paths, a small synthetic glossary, the shipped termbase."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# The whole suite (and every process it starts) uses a cache folder of its own, removed at the end:
# never the user's cache, so a warm cache can never make a test pass.
SUITE_CACHE = Path(tempfile.mkdtemp(prefix="termbase-test-cache-"))
os.environ["TERMBASE_CACHE_DIR"] = str(SUITE_CACHE)

from termbase import Termbase  # noqa: E402 - after the cache folder is chosen


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(SUITE_CACHE, ignore_errors=True)


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder for one test (``TERMBASE_CACHE_DIR``)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TERMBASE_CACHE_DIR", str(folder))
    return folder

SYNTHETIC_GLOSSARY = textwrap.dedent(
    """\
    glossary:
      id: synthetic
      title: Synthetic test glossary
      description: A few concepts written for the tests, in Arabic and English.
      license: CC0-1.0
      sources:
        - written for the test suite

    concepts:
    - id: kazakhstan
      subject: geography
      definition:
        en: Country in Central Asia.
        ar: دولة في آسيا الوسطى.
      note:
        - Largest country of Central Asia.
        - Second note.
      related: [astana]
      sources: ["https://example.org/kz"]
      xref: ["https://www.wikidata.org/wiki/Q232"]
      graphic: ["https://example.org/kz.png"]
      customer: newsroom
      history:
        - {action: origination, date: 2024-01-02, by: tester}
        - {action: modification, date: 2024-02-03}
      terms:
        en:
        - {term: Kazakhstan, status: preferred, type: fullForm, pos: properNoun}
        - {term: Kazakstan, status: deprecated, type: romanizedForm, note: 1990s spelling, sources: [LoC 1997]}
        ar:
        - {term: كازاخستان, status: preferred, type: fullForm, pos: properNoun, gender: feminine}

    - id: astana
      subject: geography
      definition: Capital of Kazakhstan.
      related: [kazakhstan]
      sources: ["written for the test suite (2024-01-02)"]
      terms:
        en:
        - {term: Astana, status: preferred, pos: properNoun}
        - {term: Nur-Sultan, status: deprecated, note: name from 2019 to 2022}
        ar:
        - {term: أستانا, status: preferred}
        - {term: نور سلطان, status: deprecated}

    - id: kassym-jomart-tokayev
      subject: people
      definition:
        en: President of Kazakhstan since 2019.
      related: [kazakhstan]
      sources: ["written for the test suite (2024-01-02)"]
      offices:
        - {office: President of Kazakhstan, from: 2019-03-20}
      terms:
        en:
        - {term: Kassym-Jomart Tokayev, status: preferred, type: fullForm, pos: properNoun}
        - {term: Tokayev, status: admitted, type: shortForm, pos: properNoun}
        - {term: Tokaev, status: deprecated, type: transliteratedForm, note: older romanisation}
        ar:
        - {term: قاسم جومارت توكاييف, status: preferred, type: fullForm, pos: properNoun}
        - {term: توكاييف, status: admitted, type: shortForm}
        - {term: توكايف, status: admitted, type: shortForm}

    - id: gurbanguly-berdimuhamedov
      subject: people
      related: [serdar-berdimuhamedov]
      sources: ["written for the test suite (2024-01-02)"]
      terms:
        en:
        - {term: Gurbanguly Berdimuhamedov, status: preferred, type: fullForm}
        - {term: Berdimuhamedov, status: admitted, type: shortForm}
        ar:
        - {term: قربان قولي بردي محمدوف, status: preferred, type: fullForm}
        - {term: بردي محمدوف, status: admitted, type: shortForm}

    - id: serdar-berdimuhamedov
      subject: people
      related: [gurbanguly-berdimuhamedov]
      sources: ["written for the test suite (2024-01-02)"]
      terms:
        en:
        - {term: Serdar Berdimuhamedov, status: preferred, type: fullForm}
        - {term: Berdimuhamedov, status: admitted, type: shortForm}
        ar:
        - {term: سردار بردي محمدوف, status: preferred, type: fullForm}
        - {term: بردي محمدوف, status: admitted, type: shortForm}

    - id: kyrgyzstan
      subject: geography
      sources: ["written for the test suite (2024-01-02)"]
      terms:
        en:
        - {term: Kyrgyzstan, status: preferred, type: shortForm}
        - {term: Kirghizia, status: deprecated, type: transliteratedForm}
        ar:
        - {term: قيرغيزستان, status: preferred, type: shortForm}
        - {term: قرغيزستان, status: admitted, type: variant}

    - id: shanghai-cooperation-organisation
      subject: organizations
      sources: ["written for the test suite (2024-01-02)"]
      terms:
        en:
        - {term: Shanghai Cooperation Organisation, status: preferred, type: fullForm}
        - {term: SCO, status: admitted, type: acronym}
        - {term: Shanghai Cooperation Organization, status: admitted, type: variant, usage: en-US}
        ar:
        - {term: منظمة شنغهاي للتعاون, status: preferred, type: fullForm}

    - id: uranium
      subject: minerals
      sources: ["written for the test suite (2024-01-02)"]
      terms:
        en:
        - {term: uranium, status: preferred, pos: noun}
        ar:
        - {term: اليورانيوم, status: preferred, pos: noun}
        - {term: يورانيوم, status: admitted, pos: noun, case_sensitive: true}
    """
)
"""A clean glossary (no lint findings) that exercises every field of the format."""

SYNTHETIC_CONCEPT_IDS = (
    "kazakhstan",
    "astana",
    "kassym-jomart-tokayev",
    "gurbanguly-berdimuhamedov",
    "serdar-berdimuhamedov",
    "kyrgyzstan",
    "shanghai-cooperation-organisation",
    "uranium",
)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The root of the repository."""
    return REPO


@pytest.fixture(scope="session")
def glossaries_dir() -> Path:
    """The folder of the shipped glossaries."""
    return REPO / "glossaries"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The folder of the example scripts."""
    return REPO / "examples"


CHECKOUT_LEFT_OUT = shutil.ignore_patterns(".git", ".venv*", "__pycache__", "build", "dist", "*.egg-info",
                                          ".pytest_cache", ".mypy_cache", ".hypothesis", ".termbase-cache")
"""What a copy of the checkout leaves out: the version-control folder, environments, build output and tool caches."""


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built once (with build isolation) from a copy of the checkout.

    Built from a copy so that the build's own output (``build/``, ``*.egg-info``) never lands in
    the checkout.
    """
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "checkout"
    shutil.copytree(REPO, source, symlinks=True, ignore=CHECKOUT_LEFT_OUT)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder / "dist"),
                           str(source)], capture_output=True, text=True, timeout=600, cwd=folder, check=False)
    assert done.returncode == 0, f"pip wheel failed: {done.stderr.strip()[-500:]}"
    (wheel,) = (folder / "dist").glob("termbase-*.whl")
    return wheel


@pytest.fixture
def write_glossary(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write YAML text to ``tmp_path/<name>`` and return the path (dedents the text)."""

    def write(text: str, name: str = "test.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def synthetic_path(tmp_path: Path) -> Path:
    """The synthetic glossary written to a temporary file."""
    path = tmp_path / "synthetic.yaml"
    path.write_text(SYNTHETIC_GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def synthetic_termbase(tmp_path_factory: pytest.TempPathFactory) -> Termbase:
    """A termbase of the synthetic glossary, loaded once per session."""
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.yaml"
    path.write_text(SYNTHETIC_GLOSSARY, encoding="utf-8")
    return Termbase.load([path])


@pytest.fixture(scope="session")
def shipped_termbase() -> Termbase:
    """The shipped glossaries, loaded once per session."""
    return Termbase.load()


QA_DATA = REPO / "tests" / "data" / "qa"


@pytest.fixture(scope="session")
def qa_glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic QA glossary (tests/data/qa/glossary.yaml), copied to a temporary folder.

    Names, a forbidden and a deprecated variant, two approved spellings of one name (Rahmon,
    Rakhmon) and a term written the same in both languages (C5+1), so that each check's
    mechanism can be tested apart from the shipped glossaries.
    """
    path = tmp_path_factory.mktemp("qa") / "qa.yaml"
    shutil.copyfile(QA_DATA / "glossary.yaml", path)
    return path


@pytest.fixture(scope="session")
def qa_termbase(qa_glossary: Path) -> Termbase:
    """A termbase of the QA glossary, loaded once."""
    return Termbase.load([qa_glossary])
