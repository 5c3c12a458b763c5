"""Fixtures of the translation-memory tests: the seed pair and the shared TMX material."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared_paths import shared

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def tmx_dir() -> Path:
    """``../shared/standards/tmx`` (the TMX 1.4b DTD and the LISA compliance kit)."""
    shared("standards", "tmx", "tmx14.dtd")
    return shared("standards", "tmx")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


@pytest.fixture(scope="session")
def seed_pairs() -> list[tuple[str, str]]:
    """The seed article and its reference translation, line by line (the files are line-aligned)."""
    arabic = _lines(REPO / "seeds" / "c5plus1-summit.ar.txt")
    english = _lines(REPO / "seeds" / "c5plus1-summit.en.txt")
    assert len(arabic) == len(english) == 12
    return list(zip(arabic, english, strict=True))


@pytest.fixture(scope="session")
def draft_lines() -> list[str]:
    """The example draft translation of the seed, line by line."""
    return _lines(REPO / "examples" / "c5plus1-summit.draft.en.txt")
