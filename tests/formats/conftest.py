"""Paths shared by the format tests: tests/data/formats and the official standards folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared_paths import shared

TESTS = Path(__file__).resolve().parent.parent
DATA = TESTS / "data" / "formats"


@pytest.fixture
def data() -> Path:
    """The folder of the format test files."""
    return DATA


@pytest.fixture
def standards() -> Path:
    """The official standards folder (../shared/standards); the test is skipped without it."""
    return shared("standards")
