"""Offset maps of folded running text: every folded span maps back to the original text."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from termbase.normalize import FoldedText, fold, fold_char, fold_text
from termbase.normalize.folding import _fold_text_by_character

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyzABCKTZéüşÖñ"
SPACES = " \t\n\u00a0\u202f"  # includes no-break spaces
PUNCTUATION = ".,;:!?()«»\"'’-–—،؛؟&+%"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0301\u0308"
TATWEEL = "\u0640"
FORMAT_MARKS = "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202e\u2066\u2067\u2069\u2060\ufeff\u00ad"
PRESENTATION_FORMS = "ﻻﻷﻵﺗﺮﺍﻣﺐﻛﺎﺯﺧﺴﺘﻥﺓﻯﷲＡｂﬁ"
PERSIAN_AND_DIGITS = "کی٠١٢٣۴۵۶7"

ALPHABET = (
    ARABIC_LETTERS + LATIN_LETTERS + SPACES + PUNCTUATION + DIACRITICS + TATWEEL + FORMAT_MARKS
    + PRESENTATION_FORMS + PERSIAN_AND_DIGITS
)

texts = st.text(alphabet=ALPHABET, max_size=40)
SETTINGS = settings(max_examples=400, deadline=None)

_RUNS = re.compile(r"[^ ]+")


def _char_by_char(text: str) -> str:
    """The oracle: fold each character on its own, then collapse runs of spaces."""
    return re.sub("  +", " ", "".join(fold_char(c) for c in text))


def _attached(char: str) -> bool:
    return char == TATWEEL or unicodedata.category(char) == "Mn"


@SETTINGS
@given(texts)
@example("ترا\u200cمب")
@example("ﺗﺮﺍﻣﺐ ﻻ")
@example("\u200c  ،\u00a0مُصْطَلَح  ")
def test_folded_is_char_by_char(text: str) -> None:
    folded = fold_text(text)
    assert folded.original == text
    assert folded.folded == _char_by_char(text)
    assert fold(text) == folded.folded.strip(" ")


@SETTINGS
@given(texts)
@example("تُوكَايِيف، وَبوتين")
@example("ﻻ ﷲ\u200f")
@example("a\u0301\u0640 b")
@example("\u064eab")
def test_runs_map_back(text: str) -> None:
    """Each word of the folded text maps back to an original substring that folds to it."""
    folded = fold_text(text)
    previous_end = 0
    for run in _RUNS.finditer(folded.folded):
        start, end = folded.original_span(run.start(), run.end())
        assert 0 <= start < end <= len(text)
        assert start >= previous_end, "spans of successive words overlap"
        previous_end = end
        piece = text[start:end]
        assert piece == folded.original_text(run.start(), run.end())
        assert fold(piece) == run.group()
        # never cut a base character from its combining marks (or attached tatweel)
        assert not _attached(text[start])
        if end < len(text):
            assert not _attached(text[end])


@SETTINGS
@given(texts, st.data())
def test_any_span_is_monotonic_and_in_bounds(text: str, data: st.DataObject) -> None:
    folded = fold_text(text)
    n = len(folded.folded)
    if n == 0:
        return
    start = data.draw(st.integers(0, n - 1))
    end = data.draw(st.integers(start + 1, n))
    a, b = folded.original_span(start, end)
    assert 0 <= a < b <= len(text)
    if end < n:
        # a longer folded span never maps to a shorter original one
        a2, b2 = folded.original_span(start, end + 1)
        assert a2 == a
        assert b2 >= b
    if start + 1 < end:
        a3, b3 = folded.original_span(start + 1, end)
        assert a3 >= a
        assert b3 == b
    for i in range(start, end):
        ai, bi = folded.original_span(i, i + 1)
        assert a <= ai < bi <= b


@SETTINGS
@given(st.lists(st.text(alphabet=ARABIC_LETTERS + LATIN_LETTERS, min_size=1, max_size=8), min_size=1, max_size=6),
       st.lists(st.sampled_from([" ", "  ", "\u00a0", "، ", " - ", "\u200c ", ", "]), min_size=5, max_size=5))
def test_words_of_plain_text(words: list[str], separators: list[str]) -> None:
    """Between plain words the n-th folded word maps back to exactly the n-th original word."""
    text = words[0]
    positions = [(0, len(words[0]))]
    for i, word in enumerate(words[1:]):
        text += separators[i % len(separators)]
        positions.append((len(text), len(text) + len(word)))
        text += word
    folded = fold_text(text)
    runs = list(_RUNS.finditer(folded.folded))
    assert [folded.original_span(r.start(), r.end()) for r in runs] == positions


PLAIN = ARABIC_LETTERS + LATIN_LETTERS + SPACES + PUNCTUATION + PERSIAN_AND_DIGITS
"""Characters that each fold to exactly one: texts of these take the array path that removes nothing."""
REMOVABLE = PLAIN + DIACRITICS + TATWEEL + FORMAT_MARKS
"""Plus characters that fold to nothing: the array path that removes them."""


def _maps(text: str, folded: FoldedText) -> tuple[str, list[int], list[int]]:
    return folded.folded, list(folded.starts), list(folded.ends)


def test_the_plain_alphabet_removes_nothing() -> None:
    """The premise of the next test: otherwise it would not reach the path it is meant for."""
    assert all(len(fold_char(c)) == 1 for c in PLAIN)
    assert any(fold_char(c) == "" for c in REMOVABLE)


@SETTINGS
@given(st.text(alphabet=PLAIN, max_size=60))
@example("")
@example("  ")
@example("a ،  b")
def test_array_path_without_removals_agrees_with_character_path(text: str) -> None:
    assert _maps(text, fold_text(text)) == _maps(text, _fold_text_by_character(text))


@SETTINGS
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
@example("Tokayev's  C5+1\t\x00\x7f")
def test_ascii_path_agrees_with_character_path(text: str) -> None:
    assert _maps(text, fold_text(text)) == _maps(text, _fold_text_by_character(text))


@SETTINGS
@given(st.text(alphabet=REMOVABLE, max_size=60))
@example("\u200c")
@example("ـــ  \u064e")
def test_array_path_with_removals_agrees_with_character_path(text: str) -> None:
    assert _maps(text, fold_text(text)) == _maps(text, _fold_text_by_character(text))


SPAN_CASES = [
    # (text, folded word, original substring)
    ("قال تُوكَايِيف اليوم", "توكاييف", "تُوكَايِيف"),
    ("قال توكايـــيف اليوم", "توكاييف", "توكايـــيف"),
    ("قال ترا\u200cمب", "ترامب", "ترا\u200cمب"),
    ("زار ﺗﺮﺍﻣﺐ", "ترامب", "ﺗﺮﺍﻣﺐ"),
    ("Kassym–Jomart  Tokayev", "tokayev", "Tokayev"),
    ("President\u00a0Tokayev’s", "tokayev", "Tokayev"),
    ("الرئيس \u202bترامب\u202c قال", "ترامب", "ترامب"),
    ("عامَ ٢٠٢٥م", "2025م", "٢٠٢٥م"),
    ("Cafe\u0301 noir", "cafe", "Cafe\u0301"),
]


@pytest.mark.parametrize(("text", "word", "original"), SPAN_CASES)
def test_span_of_word(text: str, word: str, original: str) -> None:
    folded = fold_text(text)
    start = folded.folded.index(word)
    assert folded.original_text(start, start + len(word)) == original


@pytest.mark.parametrize(("start", "end"), [(-1, 1), (0, 0), (2, 1), (0, 99)])
def test_bad_span(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        fold_text("abc def").original_span(start, end)
