"""Fixtures of the interchange tests: the official standards folder and the shipped glossaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared_paths import shared
from termbase.glossary import load_glossaries
from termbase.model import Glossary


@pytest.fixture(scope="session")
def tbx_standards() -> Path:
    """``../shared/standards/tbx`` (the official TBX schemas and test files); skipped without it."""
    return shared("standards", "tbx")


@pytest.fixture(scope="session")
def shipped() -> list[Glossary]:
    """The shipped glossaries, loaded once."""
    return load_glossaries()
