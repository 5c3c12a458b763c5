"""Fixtures of the interchange tests: the official standards folder and the shipped glossaries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from termbase.glossary import load_glossaries
from termbase.model import Glossary

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TERMBASE_SHARED", REPO.parent / "shared"))
"""``../shared`` beside the repository (``TERMBASE_SHARED`` points elsewhere, e.g. from a worktree)."""


@pytest.fixture(scope="session")
def tbx_standards() -> Path:
    """``../shared/standards/tbx`` (the official TBX schemas and test files); skipped without it."""
    folder = SHARED / "standards" / "tbx"
    if not folder.is_dir():
        pytest.skip(f"official TBX standards folder not found: {folder} (set TERMBASE_SHARED)")
    return folder


@pytest.fixture(scope="session")
def shipped() -> list[Glossary]:
    """The shipped glossaries, loaded once."""
    return load_glossaries()
