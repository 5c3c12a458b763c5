"""The fuzzy pass scans only the key lengths that can reach its cutoff: the candidates are those of a
scan of the whole first-letter bucket, in the same order (brute-force oracle: plain rapidfuzz)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from termbase.model import Concept, PartOfSpeech, Term, TermStatus
from termbase.spotting import fuzzy
from termbase.spotting.fuzzy import (KEY_CUTOFF, SPELLING_CUTOFF, _extract, _KeyTable, _NameWord, _NameWords,
                                     _Sorted, _word_tables, arabic_skeleton, romanization_key)

# few letters, so that close strings, equal scores and every length relation are common
_LATIN = "aeikhosvyz"
_ARABIC = "اكقتطسصهحيوبن"


@st.composite
def _near(draw: st.DrawFn, alphabet: str) -> tuple[list[str], str]:
    """A query and strings made from it by cutting a piece out and putting letters in (many of them
    near the cutoff, of every length around the query's), unrelated strings mixed in."""
    query = draw(st.text(alphabet, min_size=1, max_size=14))
    strings = []
    for _ in range(draw(st.integers(0, 60))):
        if draw(st.integers(0, 3)) == 0:
            strings.append(draw(st.text(alphabet, min_size=1, max_size=14)))
            continue
        i = draw(st.integers(1, len(query)))
        j = draw(st.integers(i, len(query)))
        strings.append(query[:i] + draw(st.text(alphabet, max_size=4)) + query[j:])
    return list(dict.fromkeys(strings)), query


_CASES = st.one_of(_near(_LATIN), _near(_ARABIC))


def _scan(query: str, strings: list[str], cutoff: float) -> list[tuple[str, float]]:
    """The whole list, as the fuzzy pass scanned a bucket before the length window."""
    return [(choice, score) for choice, score, _ in process.extract(
        query, strings, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None)]


@settings(max_examples=400, deadline=None)
@given(_CASES, st.sampled_from([KEY_CUTOFF, SPELLING_CUTOFF, 50.0, 80.0, 100.0]))
def test_length_window_equals_the_whole_bucket(case: tuple[list[str], str], cutoff: float) -> None:
    strings, query = case
    bucket = _Sorted.of({s: [] for s in strings}).bucket(query[:1])
    whole = [s for s in strings if s[:1] == query[:1]]
    assert _extract(query, bucket, cutoff) == _scan(query, whole, cutoff)


def _table(words: list[str], arabic: bool) -> _KeyTable:
    items = []
    for n, word in enumerate(words):
        term = Term(word, "ar" if arabic else "en", TermStatus.PREFERRED, pos=PartOfSpeech.PROPER_NOUN)
        items.append(_NameWord(word, Concept(f"c{n}", (term,)), term, (word,), 0))
    lang = "ar" if arabic else "en"
    by_key, by_word, _, _, _ = _word_tables(lang, items)
    return _KeyTable(lang, _NameWords([], np.zeros((len(items), 5), dtype=np.int32), list(items)), by_key, by_word)


def _whole_bucket(words: list[str], arabic: bool) -> object:
    """``_extract`` replaced by a scan of the whole first-letter bucket, in first-seen order."""
    key_of = arabic_skeleton if arabic else romanization_key
    keys, spellings = list(dict.fromkeys(map(key_of, words))), list(dict.fromkeys(words))

    def scan(query: str, bucket: object, cutoff: float) -> list[tuple[str, float]]:
        source = keys if cutoff == KEY_CUTOFF else spellings
        return _scan(query, [s for s in source if s[:1] == query[:1]], cutoff)
    return scan


def _described(found: list[fuzzy._Candidate]) -> list[tuple[int, float, tuple[object, ...]]]:
    return [(id(c.item), c.score, c.evidence) for c in found]


@settings(max_examples=300, deadline=None)
@given(_CASES)
def test_candidates_equal_a_whole_bucket_scan(case: tuple[list[str], str]) -> None:
    words, query = case
    arabic = query[:1] in _ARABIC
    table = _table(words, arabic)
    for query in [query, *words[:4]]:
        windowed = _described(table.candidates(query))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(fuzzy, "_extract", _whole_bucket(words, arabic))
            assert windowed == _described(table.candidates(query))
