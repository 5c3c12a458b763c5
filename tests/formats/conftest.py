"""Paths shared by the format tests: tests/data/formats and the official standards folder."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
DATA = TESTS / "data" / "formats"
STANDARDS = TESTS.parent.parent / "shared" / "standards"


@pytest.fixture
def data() -> Path:
    """The folder of the format test files."""
    return DATA


@pytest.fixture
def standards() -> Path:
    """The official standards folder (../shared/standards); the test is skipped without it."""
    if not STANDARDS.is_dir():
        pytest.skip(f"standards folder not found: {STANDARDS}")
    return STANDARDS
