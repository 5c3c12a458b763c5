"""Arabic names that are also common words: a hit needs the text's support.

Folding and the missing short vowels make some one-word Arabic names spell an ordinary word:
ترميز is Termez and "encoding", كابل is Kabul and "cable", مالي is Mali and "financial". Such a
form is recognised from a frequency list, not by hand: the word with the article (ال + form) is
frequent (wordfreq Zipf, :data:`COMMON_WORD_ZIPF`) and not much rarer than the bare form — names
rarely take the article (واشنطن 4.9, الواشنطن 2.9), common nouns and adjectives do (الترميز).

A hit through such a term is kept only when the rest of the text bears the name reading out:
another mention of the same concept, or a mention of a concept close to it in the glossary — one
it relates to, or one related to that (Termez ← Uzbekistan ← Uzbek). "ترميز البيانات" in a text
about computing names no place and is no hit; "جسر ترميز - هيراتون الذي يربط بين أوزبكستان
وأفغانستان" is Termez. Any place of the text would not do: a story about a submarine كابل in the
Red Sea names Asia and the Middle East, not Kabul.

The preferred term needs the same support when it is an ordinary word as well — مالي is Mali and
"financial" (غلاف مالي, a financial envelope) — except that a preposition right before it also
bears the name out (في مالي, بمالي, شمال مالي: a preposition or a word naming part of a place
takes a noun, the adjective follows one; ``spotting/data/arabic_name_cues.json``). A preferred term whose form with the article is much
*more* frequent than the bare form is a name that takes the article (البخاري, the nisba of
بخارى), not an ordinary word, and stands on its own.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources
from itertools import compress
from operator import attrgetter

from termbase.arabic import ARTICLE, bare_readings
from termbase.matches import Hit, MatchKind
from termbase.model import Concept, PartOfSpeech, Term, TermStatus
from termbase.normalize import fold
from termbase.spotting.wordlist import zipf

__all__ = ["COMMON_WORD_GAP", "COMMON_WORD_ZIPF", "Neighbourhoods", "is_common_arabic_word", "is_homograph",
           "is_ordinary_name_word", "name_cues", "supported"]

COMMON_WORD_ZIPF = 3.0
"""A one-word Arabic name whose form with the article (ال + form) is this frequent (wordfreq Zipf
scale) and not much rarer than the bare form is also a common noun or adjective: مالي "financial",
بنين "sons", ترميز "encoding". (Names take the article rarely: واشنطن 4.9, الواشنطن 2.9.)"""
COMMON_WORD_GAP = 0.75
"""How much rarer (in Zipf units) the form with the article may be than the bare form."""
_NOUN_POS = (PartOfSpeech.PROPER_NOUN, None)


def is_common_arabic_word(key: str) -> bool:
    """Whether the folded one-word Arabic form ``key`` is also a common word (see the module)."""
    if key.startswith(ARTICLE) or " " in key:
        return False
    with_article = zipf(ARTICLE + key, "ar")
    return with_article >= COMMON_WORD_ZIPF and with_article >= zipf(key, "ar") - COMMON_WORD_GAP


def is_ordinary_name_word(key: str) -> bool:
    """Whether the folded preferred name ``key`` is an ordinary word too (مالي "financial"): a
    common word (:func:`is_common_arabic_word`) whose form with the article is not much more
    frequent than the bare form — البخاري (4.6) against بخاري (3.5) is the nisba of a name."""
    return is_common_arabic_word(key) and zipf(ARTICLE + key, "ar") <= zipf(key, "ar") + COMMON_WORD_GAP


def is_homograph(term: Term | None) -> bool:
    """Whether ``term`` is a one-word Arabic name term that is also a common word: a listed
    variant that spells a common word (ترميز beside ترمذ, كابل beside كابول), or a preferred term
    that is an ordinary word as well (:func:`is_ordinary_name_word`: مالي, not بخارى). Asked of
    the terms a text's hits carry, not of the whole glossary ahead of time."""
    return (term is not None and term.lang.startswith("ar") and term.pos in _NOUN_POS
            and (is_ordinary_name_word(fold(term.text)) if term.status is TermStatus.PREFERRED
                 else is_common_arabic_word(fold(term.text))))


@cache
def name_cues() -> tuple[frozenset[str], frozenset[str]]:
    """The folded cue words written apart and the prepositions glued (``spotting/data/arabic_name_cues.json``)."""
    raw = json.loads(resources.files("termbase.spotting").joinpath("data", "arabic_name_cues.json").read_text("utf-8"))
    return frozenset(fold(w) for w in raw["before"]), frozenset(fold(w) for w in raw["glued"])


def _after_cue(hit: Hit, text: str) -> bool:
    """Whether a cue word stands right before ``hit`` (في مالي, لشمال مالي) or a preposition is
    glued to it (بمالي)."""
    apart, glued = name_cues()
    if any(letter in glued for letter in fold(hit.prefix)):
        return True
    before = text[max(0, hit.start - 16):hit.start]
    words = before.split()
    if not words or not before[-1:].isspace():
        return False
    word = fold(words[-1])
    return any(bare in apart for bare in bare_readings(word))


_concept_of = attrgetter("concept")


class Neighbourhoods:
    """The concepts two steps away or nearer in the glossary's ``related`` links (read both
    ways), per concept, made on demand."""

    def __init__(self, concepts: Mapping[str, Concept]) -> None:
        self._concepts = concepts
        self._links: dict[str, set[str]] | None = None
        self._found: dict[str, frozenset[str]] = {}

    def _linked(self) -> dict[str, set[str]]:
        if self._links is None:
            links: dict[str, set[str]] = defaultdict(set)
            for concept in self._concepts.values():
                for other in concept.related:
                    links[concept.id].add(other)
                    links[other].add(concept.id)
            self._links = links
        return self._links

    def __call__(self, concept_id: str) -> frozenset[str]:
        found = self._found.get(concept_id)
        if found is None:
            links = self._linked()
            near = set(links.get(concept_id, ()))
            for step in list(near):
                near |= links.get(step, set())
            found = self._found[concept_id] = frozenset(near)
        return found


def supported(hits: Sequence[Hit], homographs: Sequence[int], neighbours: Callable[[str], frozenset[str]],
              text: str) -> list[Hit]:
    """``hits`` without the common-word homographs (``homographs``: the positions of the hits
    whose term :func:`is_homograph` finds one, in order) that nothing else in the text supports
    (and, for a preferred term, no preposition before it). Only the homographs are looked at one
    by one: in a long text they are a few of many hits."""
    others = bytearray(b"\x01") * len(hits)
    for position in homographs:
        others[position] = 0
    # Only the concepts a homograph could be supported by are looked for among the other hits.
    wanted: set[str] = set()
    for position in homographs:
        hit = hits[position]
        if hit.concept is not None and hit.match is not MatchKind.FUZZY:
            wanted.add(hit.concept)
            wanted.update(neighbours(hit.concept))
    named = wanted.intersection(map(_concept_of, compress(hits, others))) if wanted else wanted
    kept = bytearray(b"\x01") * len(hits)
    dropped = False
    for position in homographs:
        hit = hits[position]
        if hit.concept is not None and hit.match is not MatchKind.FUZZY:
            # (a fuzzy hit is another spelling, كابول for كابل: the common word is not written)
            near = neighbours(hit.concept)
            if hit.concept not in named and not (named & near) and not (
                    hit.term is not None and hit.term.status is TermStatus.PREFERRED and _after_cue(hit, text)):
                kept[position], dropped = 0, True
    return list(compress(hits, kept)) if dropped else list(hits)
