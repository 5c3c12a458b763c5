"""The head words of ``spotting/data/name_heads.json``: words that make a name part of a longer
proper name of another thing (Nazarbayev University, Tashkent region, بنك كازاخستان الوطني), and the
heads of natural features that ``spotting/data/geographic_heads.json`` says name another thing
(بحر, خليج, جزر: بحر الصين الجنوبي is a sea), and the English heads of a town (the city of). Read by
:mod:`termbase.spotting.embedded`, :mod:`termbase.spotting.bodies` and :mod:`termbase.spotting.teams`,
and by :mod:`termbase.spotting.telling` for the administrative heads (a region named after its
centre: the bare name is the city)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from termbase.arabic import construct_duals
from termbase.normalize import fold

__all__ = ["NameHeads", "name_heads"]


@dataclass(frozen=True, slots=True)
class NameHeads:
    """The head words of ``spotting/data/name_heads.json``, folded."""

    en_organisation: frozenset[str]
    en_region: frozenset[str]
    en_settlement: frozenset[str]
    """Heads of a town written before "of" and a place (the city of Balkhash)."""
    en_before: frozenset[str]
    """English heads written before the name, with no "of" (Air Astana)."""
    en_roles: frozenset[str]
    """Capitalised words next to a name that keep it the place or person (President, Ministry, Monday)."""
    ar_before: frozenset[tuple[str, ...]]
    """Arabic heads before the name, as folded words without clitics or article (خطوط جويه)."""
    ar_after: frozenset[str]
    ar_region: frozenset[tuple[str, ...]]
    """Arabic region heads before the name (ولايه), with the construct dual of each (ولايتي)."""
    ar_place_before: frozenset[tuple[str, ...]]
    """Arabic heads read before a place name only (منتخب أوزبكستان is a team; المنتخب before a person
    is "elect"), with the heads of another natural feature that ``geographic_heads.json`` leaves out
    of the fuzzy pass (بحر الصين الجنوبي is a sea)."""
    ar_before_by_last: Mapping[str, tuple[tuple[str, ...], ...]]
    """:attr:`ar_before` by the last word of each head, the word a name follows."""
    ar_region_by_last: Mapping[str, tuple[tuple[str, ...], ...]]
    """:attr:`ar_region` by the last word of each head."""
    ar_place_before_by_last: Mapping[str, tuple[tuple[str, ...], ...]]
    """:attr:`ar_place_before` by the last word of each head."""


def _by_last_word(heads: frozenset[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Multi-word heads grouped by their last word."""
    grouped: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for head in heads:
        grouped[head[-1]].append(head)
    return {last: tuple(group) for last, group in grouped.items()}


@cache
def name_heads() -> NameHeads:
    """The head words of the shipped data file."""
    raw = json.loads(resources.files("termbase.spotting").joinpath("data", "name_heads.json").read_text("utf-8"))

    def words(key: str, group: str) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(fold(word).split(" ")) for word in raw[key][group])

    features = json.loads(resources.files("termbase.spotting").joinpath("data", "geographic_heads.json")
                          .read_text("utf-8"))["other_feature_ar"]
    ar_before, ar_region = words("ar", "before"), words("ar", "region")
    # the dual heads two coordinated names, as a plural English head does (ولايتي واشنطن وأوريغون)
    ar_region |= frozenset((dual,) for head in ar_region if len(head) == 1 for dual in construct_duals(head[0]))
    ar_place = words("ar", "place_before") | frozenset((fold(word),) for word in features)
    return NameHeads(frozenset(fold(w) for w in raw["en"]["organisation"]),
                     frozenset(fold(w) for w in raw["en"]["region"]),
                     frozenset(fold(w) for w in raw["en"]["settlement"]),
                     frozenset(fold(w) for w in raw["en"]["before"]),
                     frozenset(fold(w) for w in raw["en"]["roles"]),
                     ar_before, frozenset(fold(w) for w in raw["ar"]["after"]), ar_region, ar_place,
                     _by_last_word(ar_before), _by_last_word(ar_region), _by_last_word(ar_place))
