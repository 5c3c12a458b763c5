"""``termbase.arabic.bare_readings``: a word read with each clitic chain set aside, checked against
the chains written out by hand from Arabic grammar (conjunction, then preposition, then article)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from termbase.arabic import DEFINITE_PREFIXES, INDEFINITE_PREFIXES, bare_readings, clitics_before_article

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


@pytest.mark.parametrize(("chain", "clitics"), [
    ("ال", ""), ("وال", "و"), ("بال", "ب"), ("وبال", "وب"), ("فكال", "فك"),
    ("لل", "ل"), ("ولل", "ول"), ("فلل", "فل"),  # ل + ال is written لل
])
def test_clitics_before_article(chain: str, clitics: str) -> None:
    assert clitics_before_article(chain) == clitics


def test_every_definite_chain_is_its_clitics_and_the_article() -> None:
    for chain in DEFINITE_PREFIXES:
        clitics = clitics_before_article(chain)
        assert clitics in INDEFINITE_PREFIXES
        assert chain == clitics + ("ل" if clitics.endswith("ل") else "ال")  # the article's ا drops after ل


@settings(max_examples=500)
@given(st.text(alphabet="وفبلكالنمسة", max_size=8))
def test_readings_are_every_chain_the_word_begins_with(word: str) -> None:
    chains = sorted(INDEFINITE_PREFIXES | DEFINITE_PREFIXES, key=lambda chain: (-len(chain), chain))
    assert bare_readings(word) == tuple(word[len(chain):] for chain in chains if word.startswith(chain))
