"""``termbase.arabic.bare_readings``: a word read with each clitic chain set aside, checked against
the chains written out by hand from Arabic grammar (conjunction, then preposition, then article)."""

from __future__ import annotations

import pytest

from termbase.arabic import bare_readings

CASES = [  # word, its readings longest chain first, the word itself last
    ("لبنك", ("بنك", "لبنك")),
    ("وبالمعادن", ("معادن", "المعادن", "بالمعادن", "وبالمعادن")),
    ("فللكرملين", ("كرملين", "لكرملين", "للكرملين", "فللكرملين")),
    ("كازاخستان", ("ازاخستان", "كازاخستان")),
    ("طشقند", ("طشقند",)),
    ("", ("",)),
]


@pytest.mark.parametrize(("word", "readings"), CASES)
def test_readings_longest_chain_first(word: str, readings: tuple[str, ...]) -> None:
    assert bare_readings(word) == readings
