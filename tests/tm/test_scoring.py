"""The match % formula, one table per rule (expectations worked out by hand from the formula)."""

from __future__ import annotations

import pytest

from termbase.tm.scoring import final_score, fuzzy_score, normalize_text, required_shared

# (n, m, d) → floor(100 × (M − d) / M), M = max(n, m)
FUZZY_CASES = [
    (10, 10, 0, 100),
    (10, 10, 1, 90),
    (30, 30, 1, 96),  # 96.67
    (29, 30, 2, 93),  # 93.33
    (3, 3, 1, 66),  # 66.67
    (3, 4, 1, 75),
    (7, 5, 3, 57),  # 57.14
    (1, 1, 1, 0),
    (0, 4, 4, 0),
    (0, 0, 0, 100),
    (200, 200, 1, 99),  # 99.5: a fuzzy score never reaches 100
]


@pytest.mark.parametrize(("n", "m", "d", "expected"), FUZZY_CASES)
def test_fuzzy_score(n: int, m: int, d: int, expected: int) -> None:
    assert fuzzy_score(n, m, d) == expected


FINAL_CASES = [
    # fuzzy, identical text, translations, context → final
    (100, True, 1, False, 100),
    (100, False, 1, False, 99),  # same tokens, other punctuation/case/diacritics
    (100, True, 2, False, 99),  # two translations of this source
    (100, False, 2, False, 98),
    (100, True, 1, True, 101),
    (100, True, 3, True, 101),  # the context picks the translation
    (96, False, 1, False, 96),
    (96, False, 2, False, 95),
    (0, False, 2, False, 0),
]


@pytest.mark.parametrize(("fuzzy", "identical", "translations", "context", "expected"), FINAL_CASES)
def test_final_score(fuzzy: int, identical: bool, translations: int, context: bool, expected: int) -> None:
    assert final_score(fuzzy=fuzzy, identical=identical, translations=translations, context=context) == expected


@pytest.mark.parametrize(("longest", "min_score", "expected"), [
    (10, 70, 7), (11, 70, 8), (3, 70, 3), (30, 96, 29), (30, 97, 30), (5, 0, 0), (7, 100, 7),
])
def test_required_shared(longest: int, min_score: int, expected: int) -> None:
    assert required_shared(longest, min_score) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("  a \t b\n", "a b"),
    ("e\u0301t\u00e9", "\u00e9t\u00e9"),  # NFC
    ("قمة  البيت", "قمة البيت"),
])
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize_text(text) == expected
