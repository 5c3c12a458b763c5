"""A place or person name inside the proper name of something else: Nazarbayev University.

A glossary name that is the first or last part of a longer proper name whose other part is a head
word of an institution, a publication or an administrative region — Nazarbayev University,
Uzbekistan Airways, the Astana International Financial Centre, The Washington Post, the National
Bank of Kazakhstan, Tashkent region, جامعة نزارباييف, لبنك كازاخستان الوطني, الخطوط الجوية
الأوزبكية, واشنطن بوست, ولاية طشقند — names that other thing, not the place or the person. When
the glossary lists the longer name, the longest match wins already, and :mod:`nested` reads the
region forms of names it nests; this module drops the inner hit when the glossary lacks the
longer name. The head words are data (``spotting/data/name_heads.json``), not code.

Where the head stands:

* English: after the name, capitalised, with at most :data:`MAX_BETWEEN` capitalised words
  between ("Astana International Financial Centre"); a region head right after it in any case
  ("East Kazakhstan oblast", "Tashkent region"); or before it with "of" ("National Bank of
  Kazakhstan"). A possessive ends the name ("Kazakhstan's National Bank" is the country's bank),
  and an office title is no head ("Uzbek President", "Kazakh Foreign Minister" stay).
* Arabic: before the name, its clitics and article aside, with at most :data:`MAX_BETWEEN`
  definite words between (بنك التنمية الآسيوي); a transliterated head after it (واشنطن بوست). An
  adjective (الأوزبكية) belongs to the name only when the head is right before it: in الخطوط الجوية
  الأوزبكية it is the airline's name, in وكالة الأنباء الكازاخستانية it describes the agency.

Only names of places and people are read so (glossary subjects :data:`NAME_SUBJECTS`); a region
head does not take a place that is itself a region or territory (its definition begins so: "the
Central Asia region" is Central Asia, إقليم جزر كوكوس the Cocos Islands).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from termbase.arabic import ARTICLE, bare_readings
from termbase.langtags import primary_language
from termbase.matches import Hit
from termbase.model import Concept, PartOfSpeech
from termbase.normalize import fold
from termbase.spotting.names import PEOPLE_SUBJECT

__all__ = ["MAX_BETWEEN", "NAME_SUBJECTS", "Embedding", "NameHeads", "embedded", "name_heads"]

MAX_BETWEEN = 2
"""Words that may stand between a name and its head: "Astana [International Financial] Centre"."""
NAME_SUBJECTS = frozenset({"geography", PEOPLE_SUBJECT})
"""Glossary subjects whose names institutions and regions are named after."""
_EN_WORD = re.compile(r"[ \t\u00a0]+([A-Za-z][\w'’-]*)")
_EN_HEAD_OF = re.compile(r"([A-Z][\w'’-]*)[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z")
_POSSESSIVE = re.compile(r"['’]s?\Z")
_REGION_DEFINITION = re.compile(r"\A[^,;(.]*\b(?:region|territory|province|state)\b", re.IGNORECASE)
_AR_QUOTES = "«»\"'“”()،,"
_AR_WORDS_BEFORE = 3 + MAX_BETWEEN
"""Arabic words read before a name: a head of up to two words and the definite words between."""
_WINDOW = 80


@dataclass(frozen=True, slots=True)
class NameHeads:
    """The head words of ``spotting/data/name_heads.json``, folded."""

    en_organisation: frozenset[str]
    en_region: frozenset[str]
    ar_before: frozenset[tuple[str, ...]]
    """Arabic heads before the name, as folded words without clitics or article (خطوط جويه)."""
    ar_after: frozenset[str]
    ar_region: frozenset[tuple[str, ...]]


@cache
def name_heads() -> NameHeads:
    """The head words of the shipped data file."""
    raw = json.loads(resources.files("termbase.spotting").joinpath("data", "name_heads.json").read_text("utf-8"))

    def words(key: str, group: str) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(fold(word).split(" ")) for word in raw[key][group])

    return NameHeads(frozenset(fold(w) for w in raw["en"]["organisation"]),
                     frozenset(fold(w) for w in raw["en"]["region"]),
                     words("ar", "before"), frozenset(fold(w) for w in raw["ar"]["after"]), words("ar", "region"))


def _is_region(concept: Concept) -> bool:
    """Whether the glossary defines ``concept`` as a region or territory in the first clause of a
    definition ("The region formed by the five …", "Territory in Oceania", "Xinjiang Uyghur
    Autonomous Region of China"): a region head then names the place itself (إقليم جزر كوكوس)."""
    return concept.subject != PEOPLE_SUBJECT and any(_REGION_DEFINITION.match(text) for text in concept.definitions.values())


@dataclass(frozen=True, slots=True)
class Embedding:
    """What :func:`embedded` reads from the glossary, built once: the concepts of places and
    people, and those among them that are regions or territories."""

    names: frozenset[str]
    regions: frozenset[str]
    heads: NameHeads

    @classmethod
    def build(cls, concepts: Mapping[str, Concept], heads: NameHeads | None = None) -> Embedding:
        """Read ``concepts`` (and the shipped head words unless ``heads`` is given)."""
        names = frozenset(c.id for c in concepts.values() if c.subject in NAME_SUBJECTS)
        regions = frozenset(i for i in names if _is_region(concepts[i]))
        return cls(names, regions, heads or name_heads())


def _english_head(hit: Hit, text: str, heads: NameHeads, region_too: bool) -> str | None:
    """The English head word that makes ``hit`` part of a longer name, or None."""
    if _POSSESSIVE.search(hit.text):
        return None
    position = hit.end
    for between in range(MAX_BETWEEN + 1):
        word = _EN_WORD.match(text, position, position + _WINDOW)
        if word is None:
            break
        written = word.group(1)
        possessive = _POSSESSIVE.search(written)
        folded = (written[:possessive.start()] if possessive else written).lower()
        if between == 0 and region_too and folded in heads.en_region:
            return written
        if not written[:1].isupper():
            break
        if folded in heads.en_organisation:
            return written  # "Nazarbayev University's campus" too
        if possessive:
            break
        position = word.end()
    if text.endswith(("of ", "the "), max(0, hit.start - 4), hit.start):
        before = _EN_HEAD_OF.search(text, max(0, hit.start - _WINDOW), hit.start)
        if before is not None and before.group(1).lower() in heads.en_organisation:
            return before.group(1)
    return None


@lru_cache(maxsize=1 << 14)
def _bare_forms(word: str) -> frozenset[str]:
    """A folded Arabic word with each clitic/article chain it may carry set aside (لبنك: بنك, …)."""
    return frozenset(bare_readings(word))


def _arabic_head(hit: Hit, text: str, heads: NameHeads, adjective: bool, region_too: bool) -> str | None:
    """The Arabic head word that makes ``hit`` part of a longer name, or None."""
    following = text[hit.end:hit.end + _WINDOW].split(maxsplit=1)
    if following and fold(following[0].strip(_AR_QUOTES)) in heads.ar_after:
        return following[0]
    window = text[max(0, hit.start - _WINDOW):hit.start]
    for mark in _AR_QUOTES:
        window = window.replace(mark, " ")
    written = window.split()[-_AR_WORDS_BEFORE:]
    before = [fold(word) for word in written]
    bare = [_bare_forms(word) for word in before]
    candidates = heads.ar_before | heads.ar_region if region_too else heads.ar_before
    for skipped in range((0 if adjective else MAX_BETWEEN) + 1):
        if skipped and (skipped >= len(before) or not before[-skipped].startswith(ARTICLE)):
            break  # only definite words stand between a head and the name (بنك التنمية الآسيوي)
        last = len(before) - skipped - 1  # the word a head would end with
        if last < 0:
            break
        for head in candidates:
            at = last + 1 - len(head)
            if head[-1] in bare[last] and at >= 0 and all(part in bare[at + k] for k, part in enumerate(head)):
                return " ".join(written[at:last + 1])
    return None


def embedded(hits: Sequence[Hit], text: str, lang: str, embedding: Embedding) -> list[Hit]:
    """``hits`` without the names of places and people that a head word makes part of a longer name."""
    lang = primary_language(lang)
    if lang not in ("en", "ar"):
        return list(hits)
    names, heads = embedding.names, embedding.heads
    kept: list[Hit] = []
    for hit in hits:
        ids = (hit.concept,) if hit.concept is not None else hit.candidates
        if not ids or not names.issuperset(ids):
            kept.append(hit)
            continue
        region_too = embedding.regions.isdisjoint(ids)
        if lang == "en":
            head = _english_head(hit, text, heads, region_too)
        else:
            adjective = hit.term is not None and hit.term.pos is PartOfSpeech.ADJECTIVE
            head = _arabic_head(hit, text, heads, adjective, region_too)
        if head is None:
            kept.append(hit)
    return kept
