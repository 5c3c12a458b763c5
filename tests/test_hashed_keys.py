"""The hashes of many keys made at once with array operations equal those of each key made alone
with Python integers (the oracle: the formula of :mod:`termbase.hashed_keys`, one code point at a
time), for any strings: empty ones, astral code points, lone surrogates, keys longer than a pass."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from termbase import hashed_keys
from termbase.hashed_keys import HashedKeys, key_hash, key_hashes

_MASK = (1 << 64) - 1


def _by_hand(key: str) -> int:
    """The module docstring's formula, written out: the polynomial, then splitmix64's finalizer."""
    n = len(key)
    p = n * pow(0x100000001B3, n, 1 << 64)
    for i, char in enumerate(key):
        p += ord(char) * pow(0x100000001B3, n - 1 - i, 1 << 64)
    z = p & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


TEXTS = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=12)


@settings(max_examples=300)
@given(st.lists(TEXTS, max_size=40))
def test_key_hashes_equal_key_hash_of_each(keys: list[str]) -> None:
    assert key_hashes(keys).tolist() == [key_hash(key) for key in keys] == [_by_hand(key) for key in keys]


@given(st.lists(TEXTS, min_size=1, max_size=30), st.integers(1, 8))
def test_passes_of_any_size_give_the_same_hashes(keys: list[str], chunk: int) -> None:
    whole = key_hashes(keys).tolist()
    saved = hashed_keys._CHUNK
    hashed_keys._CHUNK = chunk  # many passes, a key longer than one
    try:
        assert key_hashes(keys).tolist() == whole
    finally:
        hashed_keys._CHUNK = saved


def test_a_lookup_finds_each_key_among_its_hash_equals() -> None:
    keys = ["", "Kazakhstan", "كازاخستان", "kazakhstan", "Kazakhstan", "\U0001d400", "\ud800x"]
    table = HashedKeys.of(keys)
    for number, key in enumerate(keys):
        assert number in table.get(key)
        assert all(keys[other] == key or key_hash(keys[other]) == key_hash(key) for other in table.get(key))
