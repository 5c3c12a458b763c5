"""The synthetic QA glossary for the CLI tests (tests/data/qa/glossary.yaml).

Names, a forbidden and a deprecated variant, two approved spellings of one name (Rahmon,
Rakhmon) and a term written the same in both languages (C5+1), so that each check's
mechanism can be tested apart from the shipped glossaries.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from termbase import Termbase

DATA = Path(__file__).resolve().parent.parent / "data" / "qa"
REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="session")
def qa_glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The QA glossary, copied to a temporary folder."""
    path = tmp_path_factory.mktemp("qa") / "qa.yaml"
    shutil.copyfile(DATA / "glossary.yaml", path)
    return path


@pytest.fixture(scope="session")
def qa_termbase(qa_glossary: Path) -> Termbase:
    """A termbase of the QA glossary, loaded once."""
    return Termbase.load([qa_glossary])
