"""Match tokens: folded, clitic-aware Arabic words and Moses-tokenized English, with spans."""

from __future__ import annotations

import pytest

from termbase.tm.tokens import split_clitic, tokenize, tokens

CLITIC_CASES = [
    ("والنفط", ("و", "النفط")),
    ("بالاتحاد", ("ب", "الاتحاد")),
    ("للولايات", ("ل", "الولايات")),
    ("وللدول", ("ول", "الدول")),
    ("فبالتعاون", ("فب", "التعاون")),
    ("واشنطن", ("", "واشنطن")),  # starts with و, but و + اشنطن is not a word
    ("وزير", ("", "وزير")),
    ("الولايات", ("", "الولايات")),
    ("وال", ("", "وال")),  # nothing left after the article
]


@pytest.mark.parametrize(("word", "expected"), CLITIC_CASES)
def test_split_clitic(word: str, expected: tuple[str, str]) -> None:
    assert split_clitic(word) == expected


def test_arabic_tokens_fold_and_split() -> None:
    text = "وأكّد للولايات المتحدة «C5+1» والهيدروكربونات"
    assert tokens(text, "ar") == ["واكد", "ل", "الولايات", "المتحده", "c5+1", "و", "الهيدروكربونات"]


def test_spans_cover_the_original() -> None:
    text = "وأكّد للولايات المتحدة، والنفط"
    found = tokenize(text, "ar")
    assert [t.text for t in found] == tokens(text, "ar")
    assert [text[t.start:t.end] for t in found] == ["وأكّد", "ل", "لولايات", "المتحدة", "و", "النفط"]


def test_english_tokens_follow_moses() -> None:
    text = "The U.S. president's 1,000 jobs."
    assert tokens(text, "en") == ["the", "us", "president", "s", "1000", "jobs"]
    assert [text[t.start:t.end] for t in tokenize(text, "en")] == ["The", "U.S.", "president", "'s", "1,000", "jobs"]
