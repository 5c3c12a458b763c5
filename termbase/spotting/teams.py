"""A country named for its national team in a match report: "India face Pakistan in their World Cup
fixture", وستلعب قطر مباراة دور الستة عشر أمام العراق.

Sport copy names a national team by its country, with no head word (منتخب, team) to tell it from
the state. A sentence reports a match when it holds a word that news copy uses for a match and
hardly for anything else (``spotting/data/match_cues.json``: fixture, innings, vs, مباراة, ركلات
الترجيح) and names two sides at least: two countries, or a country and a national team's head word
(منتخب قطر … الأردن). A country named there is its team, unless the sentence places something in
it — a location preposition before it (in Ahmedabad, المقامة في الإمارات, بقطر) — or a role word
follows it in English (India's Prime Minister): those stay the country.

Only a country counts (a glossary place whose definition begins "Country"), only whole
sentences are read (a document's other sentences tell nothing of this one), and a sentence with one
side only (a country and the cue words) keeps its country: "Qatar hosted the World Cup" is the state.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from termbase.arabic import INDEFINITE_PREFIXES, bare_readings
from termbase.langtags import primary_language
from termbase.matches import Hit
from termbase.model import Concept
from termbase.normalize import fold
from termbase.spotting.casing import SENTENCE_END, WORD, without_possessive
from termbase.spotting.fuzzy import GEOGRAPHY_SUBJECT
from termbase.spotting.heads import name_heads

__all__ = ["MatchCues", "is_country", "match_cues", "national_teams"]

_COUNTRY = re.compile(r"\ACountry\b")
_LOCATION_EN = frozenset({"in", "at", "inside", "within"})
_LOCATION_AR = "في"
_LOCATION_GLUED = "ب"
_POSSESSIVE_START = re.compile(r"\A['’]s?")


@dataclass(frozen=True, slots=True)
class MatchCues:
    """The folded words and phrases of ``spotting/data/match_cues.json``, by language."""

    words: Mapping[str, frozenset[str]]
    phrases: Mapping[str, tuple[tuple[str, ...], ...]]
    sides: frozenset[str]
    team_words: frozenset[str]
    """Each side word after each clitic chain without the article (منتخب, لمنتخب, ومنتخب)."""


@cache
def match_cues() -> MatchCues:
    """The cue words of the shipped data file."""
    raw = json.loads(resources.files("termbase.spotting").joinpath("data", "match_cues.json").read_text("utf-8"))
    sides = frozenset(fold(w) for w in raw["sides"])
    return MatchCues({lang: frozenset(fold(w) for w in raw[lang]) for lang in ("en", "ar")},
                     {lang: tuple(tuple(fold(p).split()) for p in raw[f"{lang}_phrases"]) for lang in ("en", "ar")},
                     sides, frozenset(prefix + side for prefix in INDEFINITE_PREFIXES for side in sides))


def is_country(concept: Concept | None) -> bool:
    """Whether ``concept`` is a country (a place whose English definition begins so)."""
    return concept is not None and concept.subject == GEOGRAPHY_SUBJECT and bool(
        _COUNTRY.match(concept.definitions.get("en", "")))


def _words(sentence: str) -> list[str]:
    """The folded words of ``sentence`` (each distinct word folded once)."""
    words = WORD.findall(sentence)
    folded = {word: fold(word) for word in set(words)}
    return [folded[word] for word in words]


def _reports_match(words: Sequence[str], lang: str, cues: MatchCues) -> bool:
    """Whether the folded ``words`` of a sentence hold a cue word (in Arabic also with clitics glued
    to it: بمباراة) or a cue phrase of ``lang``."""
    present = set(words)
    forms = present if lang != "ar" else {form for word in present for form in bare_readings(word)}
    if not cues.words[lang].isdisjoint(forms):
        return True
    return any(tuple(words[k:k + len(phrase)]) == phrase for phrase in cues.phrases[lang] if phrase[0] in present
               for k in range(len(words) - len(phrase) + 1))


def _names_a_team(words: Sequence[str], cues: MatchCues) -> bool:
    """Whether a word of the sentence is a national team's head word, in Arabic with no article
    (منتخب قطر, لمنتخب; المنتخب is also "elected")."""
    return not cues.team_words.isdisjoint(words)


def _placed(hit: Hit, text: str, lang: str) -> bool:
    """Whether the sentence places something in the country ``hit`` (a location preposition before
    it), or, in English, a role word follows it (India's Prime Minister): it is the country there."""
    before = WORD.findall(text[max(0, hit.start - 20):hit.start])
    if lang == "ar":
        return (bool(before) and fold(before[-1]) == _LOCATION_AR) or _LOCATION_GLUED in hit.prefix
    after = WORD.match(_POSSESSIVE_START.sub("", text[hit.end:hit.end + 40]).lstrip(" \t\u00a0"))
    return (bool(before) and before[-1].lower() in _LOCATION_EN) or (
        after is not None and without_possessive(after.group()) in name_heads().en_roles)


def national_teams(hits: Sequence[Hit], text: str, lang: str, concepts: Mapping[str, Concept]) -> list[Hit]:
    """``hits`` without the countries that a match report names for their national teams (see the module)."""
    lang = primary_language(lang)
    if lang not in ("en", "ar"):
        return list(hits)
    countries = [k for k, hit in enumerate(hits) if hit.concept is not None and is_country(concepts.get(hit.concept))]
    if not countries:
        return list(hits)
    cues = match_cues()
    ends = [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    dropped: set[int] = set()
    start = 0
    for end in ends:
        inside = [k for k in countries if start <= hits[k].start < end]
        if inside:
            words = _words(text[start:end])
            # two sides: two countries, or one and a team's head word
            two_sides = len({hits[k].concept for k in inside}) >= 2 or _names_a_team(words, cues)
            if two_sides and _reports_match(words, lang, cues):
                dropped.update(k for k in inside if not _placed(hits[k], text, lang))
        start = end
    return [hit for k, hit in enumerate(hits) if k not in dropped]
