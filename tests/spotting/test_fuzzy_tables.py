"""The fuzzy spotter's bucketed tables, made with one stable sort of the whole table, against a
brute-force oracle that sorts the keys one by one: grouped by first letter in first-seen order, each
letter's keys by length then first seen, each key with its place in its letter's first-seen order and
its members as given."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from termbase.spotting.fuzzy import _Sorted

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
