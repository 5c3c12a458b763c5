"""The fuzzy spotter's bucketed tables, made with one stable sort of the whole table, against a
brute-force oracle that sorts the keys one by one: grouped by first letter in first-seen order, each
letter's keys by length then first seen, each key with its place in its letter's first-seen order and
its members as given."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from termbase.spotting.fuzzy import _Sorted, _stem_skeleton, _stem_skeletons, _word_keys, arabic_skeleton, romanization_key

KEYS = st.text(alphabet="abcكزس", max_size=6)
GROUPS = st.dictionaries(KEYS, st.lists(st.integers(0, 10**6), max_size=4), max_size=40)


def _oracle(groups: dict[str, list[int]]) -> tuple[list[str], list[list[int]], list[int], dict[str, tuple[int, int]]]:
    keys = list(groups)
    letters = list(dict.fromkeys(key[:1] for key in keys))
    ordered = sorted(keys, key=lambda key: (letters.index(key[:1]), len(key), keys.index(key)))
    places = [[k for k in keys if k[:1] == key[:1]].index(key) for key in ordered]
    ranges: dict[str, tuple[int, int]] = {}
    for at, key in enumerate(ordered):
        start, _ = ranges.get(key[:1], (at, at))
        ranges[key[:1]] = (start, at + 1)
    return ordered, [groups[key] for key in ordered], places, ranges


@settings(max_examples=400)
@given(GROUPS)
def test_sorted_tables_equal_the_one_by_one_sort(groups: dict[str, list[int]]) -> None:
    made = _Sorted.of(groups)
    ordered, members, places, ranges = _oracle(groups)
    assert made.keys == ordered
    assert [made.members[made.offsets[k]:made.offsets[k + 1]].tolist() for k in range(len(ordered))] == members
    assert made.places.tolist() == places
    assert made.ranges == ranges and list(made.ranges) == list(ranges)
    assert all(made.get(key) == groups[key] for key in groups)
    made.check(10**6 + 1)


ARABIC_WORDS = st.text(alphabet="اويىءعضظذصثطقحغگچبتكلمنهسزجة" + "ab\U0001d400 ", min_size=1, max_size=9)


@settings(max_examples=400)
@given(st.lists(ARABIC_WORDS, max_size=30))
def test_stem_skeletons_made_together_equal_each_made_alone(words: list[str]) -> None:
    assert _stem_skeletons(words) == frozenset(map(_stem_skeleton, words))


def test_stem_skeletons_of_named_words() -> None:
    """Hand-worked: long vowels after the first letter dropped, ض/ظ/ذ → ز, ق → ك, ص → س, runs made one."""
    words = ["جاباروف", "جباروف", "اوزبكستان", "قاضي", "صححه"]
    assert _stem_skeletons(words) == {"جبرف", "ازبكستن", "كز", "سه"} == frozenset(map(_stem_skeleton, words))


LATIN_WORDS = st.text(alphabet="dzhjkgpqwyovefaiænß", min_size=1, max_size=10)


@settings(max_examples=400)
@given(st.lists(ARABIC_WORDS, max_size=30))
def test_arabic_keys_made_together_equal_each_made_alone(words: list[str]) -> None:
    assert _word_keys("ar", words) == [arabic_skeleton(word) for word in words]


@settings(max_examples=400)
@given(st.lists(LATIN_WORDS, max_size=30), st.sampled_from(["en", "ru", "fr"]))
def test_romanisation_keys_made_together_equal_each_made_alone(words: list[str], lang: str) -> None:
    assert _word_keys(lang, words) == [romanization_key(word) for word in words]


def test_keys_of_named_words() -> None:
    """Hand-worked: Zhaparov and Japarov share japarov; Dzhabarov's dzh is j; a doubled letter is one."""
    assert _word_keys("en", ["zhaparov", "japarov", "dzhabarov", "tokayev", "khodzhayev", "ossetia"]) == [
        "japarov", "japarov", "jabarov", "tokaiov", "hojaiov", "osetia"]
    assert _word_keys("ar", ["جاباروف", "جباروف", "دوشانبي", "دوشنبه"]) == ["جبرف", "جبرف", "دشنب", "دشنب"]
