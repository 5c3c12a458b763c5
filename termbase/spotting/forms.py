"""Surface forms of glossary terms as folded match keys.

Arabic terms are indexed by *stem keys*: the folded term with the article of its first word
taken off. A key carries the prefixes it accepts in front of it — the clitics و ف ب ل ك and their
combinations for an indefinite word, the article with or without clitics (ال وال بال لل ولل …) for a
definite one — so that «والنفط» matches «نفط» while words that merely start with those letters
(واشنطن, بيشكيك) are never cut. Common nouns also get their other definiteness (المعادن الحيوية /
معادن حيوية) and sound plural / nisba endings, and the collective name of a people (أوزبك) the
nisba adjective made on it (أوزبكي). Besides its own terms' forms, a concept gets the nisba of a
related place's names when it lists one (:func:`place_nisbas`), and a place its official names in
the styles the glossary shows (:func:`styled_names`: الجمهورية التونسية of تونس). English terms
get their plural (-s, -es after x/z/ch/sh, -ies, and for nouns in -s the -es or -is/-es plural
that English attests). Possessives need no form: the apostrophe folds to a separator.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from termbase.arabic import (
    ARTICLE,
    DEFINITE_PREFIXES,
    DETACHED_ARTICLES,
    DETACHED_CLITICS,
    INDEFINITE_PREFIXES,
    LAM_CHAINS,
    NISBA_ENDINGS,
    has_article,
    is_arabic,
    nisba_forms,
    nisba_stem,
)
from termbase.langtags import same_language
from termbase.model import Concept, PartOfSpeech, Term, TermStatus
from termbase.normalize import fold
from termbase.spotting.fuzzy import GEOGRAPHY_SUBJECT
from termbase.spotting.wordlist import zipf

__all__ = [
    "Definiteness",
    "KeyEntry",
    "Styles",
    "SurfaceForm",
    "english_plurals",
    "is_collective",
    "place_nisbas",
    "state_styles",
    "styled_names",
    "surface_forms",
]

STYLE_CONCEPTS = 2
"""A head word is a style of official names (الجمهورية of الجمهورية الفرنسية) when the names of this
many concepts show it (:func:`state_styles`)."""
ATTESTED_PLURAL_ZIPF = 2.0
"""An -s noun gets an -es plural (gases, crises) only when English uses that word this often."""


class Definiteness(enum.Enum):
    """Which prefixes a stem key accepts."""

    INDEFINITE = "indefinite"  # clitics only
    DEFINITE = "definite"  # the article, with clitics
    EITHER = "either"  # a common noun that may be definite or not


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """A folded key of a term and how it relates to the term as written."""

    key: str
    definiteness: Definiteness
    variant: bool  # True when the key is an inflection or the other definiteness of the term

    def accepts(self, prefix: str) -> bool:
        """Whether ``prefix`` (folded, attached to the key) is a valid clitic chain."""
        if self.definiteness is Definiteness.INDEFINITE:
            return prefix in INDEFINITE_PREFIXES
        if prefix in DEFINITE_PREFIXES:
            return True
        if self.key.startswith("ل") and prefix in LAM_CHAINS:  # ل + اللجنة = للجنة
            return True
        return self.definiteness is Definiteness.EITHER and prefix in INDEFINITE_PREFIXES

    def accepts_detached(self, word: str) -> bool:
        """Whether ``word``, written apart before the key (لـ تركمانستان, الـ كرملين), is its clitic."""
        if word in DETACHED_ARTICLES:
            return self.definiteness is not Definiteness.INDEFINITE
        return word in DETACHED_CLITICS and self.definiteness is not Definiteness.DEFINITE


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """One term reachable through a key, and the surface form that produced the key."""

    concept: Concept
    term: Term
    form: SurfaceForm


def surface_forms(term: Term, *, collective: bool = False, key: str | None = None) -> list[SurfaceForm]:
    """All keys under which ``term`` is spotted in running text; with ``collective`` (see
    :func:`is_collective`) an Arabic term's keys include the nisba adjective made on it. ``key``:
    the term's text folded, when the caller has it."""
    if key is None:
        key = fold(term.text)
    if not key:
        return []
    if is_arabic(term.text):
        return _arabic_forms(term, key, collective)
    return _latin_forms(term, key)


def is_collective(concept: Concept, term: Term) -> bool:
    """Whether ``term`` is the collective name of a people (أوزبك, "the Uzbeks") in a concept that
    is their adjective: a one-word Arabic noun of a concept whose preferred term in some language
    is an adjective (Uzbek). Its nisba (أوزبكي, الأوزبكية) is then the concept's adjective too."""
    if term.pos is not PartOfSpeech.NOUN or " " in term.text.strip() or not is_arabic(term.text):
        return False
    return any(t.pos is PartOfSpeech.ADJECTIVE and t.status is TermStatus.PREFERRED for t in concept.terms)


def place_nisbas(concept: Concept, concepts: Mapping[str, Concept]) -> list[tuple[Term, tuple[str, ...]]]:
    """Nisba adjectives of the names of related places that ``concept`` takes, with the term that
    shows it takes them: an approved Arabic adjective term that is the nisba of a one-word
    proper-noun name of a place the concept relates to (قازاخستاني of قازاخستان) makes the nisba
    of that place's other approved one-word names (كازاخستاني of كازاخستان), and their
    inflections, keys of the term. The people's adjective (كازاخي, of الكازاخ) takes none."""
    found: list[tuple[Term, tuple[str, ...]]] = []
    for term in concept.terms:
        if term.pos is not PartOfSpeech.ADJECTIVE or not term.status.approved or not is_arabic(term.text):
            continue
        key = fold(term.text)
        made: dict[str, None] = {}
        for place in filter(None, map(concepts.get, concept.related)):
            names = [name for _, name in _one_word_names(place, term.lang)]
            if key in (nisba_stem(name) + "ي" for name in names):
                made.update(dict.fromkeys(form for name in names for form in nisba_forms(nisba_stem(name))))
        extra = tuple(form for form in made if form != key)
        if extra:
            found.append((term, extra))
    return found


def _one_word_names(concept: Concept, lang: str) -> list[tuple[Term, str]]:
    """The approved one-word proper-noun names of ``concept`` in ``lang``, each with its folded
    form without the article (المغرب: مغرب)."""
    found = []
    for term in concept.terms:
        if term.pos is not PartOfSpeech.PROPER_NOUN or not term.status.approved or not same_language(term.lang, lang):
            continue
        key = fold(term.text)
        if key and " " not in key:
            found.append((term, key[len(ARTICLE):] if has_article(key) else key))
    return found


_STYLE_ENDINGS = NISBA_ENDINGS[1::-1]
"""The nisba endings a style's adjective may take, feminine (يه, after جمهورية) before masculine (ي,
after اتحاد)."""


class Styles(NamedTuple):
    """The styles of official names a glossary shows (:func:`state_styles`)."""

    heads: frozenset[tuple[str, str]]
    """(head word as folded, nisba ending): (الجمهوريه, يه) for الجمهورية + the feminine nisba."""
    shared: frozenset[str]
    """Folded one-word names that several places list (عمان of Amman and Oman): they take no
    style, whose official name would not tell the places apart."""
    names: Mapping[str, list[tuple[Term, str]]]
    """Each place's approved one-word names, by concept id, with their folded form without the article."""


def state_styles(concepts: Iterable[Concept]) -> Styles:
    """Styles of official names that the glossary's places show: a head word and a nisba ending
    such that :data:`STYLE_CONCEPTS` places or more list a two-word name made of the head and the
    nisba, with the article, of another of their names: الجمهورية الفرنسية beside فرنسا and الجمهورية
    اللبنانية beside لبنان give (الجمهوريه, يه), the feminine nisba after جمهورية."""
    shown: dict[tuple[str, str], set[str]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    named: dict[str, list[tuple[Term, str]]] = {}
    for concept in concepts:
        if concept.subject != GEOGRAPHY_SUBJECT:
            continue
        names = named[concept.id] = _one_word_names(concept, "ar")
        for _, name in names:
            places[name].add(concept.id)
        stems = {nisba_stem(name) for _, name in names}
        for term in concept.terms:
            written = term.text.split()
            if len(written) != 2 or not has_article(written[0]) or not has_article(written[1]):
                continue
            words = fold(term.text).split(" ")
            if len(words) != 2:
                continue
            for ending in _STYLE_ENDINGS:
                if words[1].endswith(ending) and words[1][len(ARTICLE):-len(ending)] in stems:
                    shown[(words[0], ending)].add(concept.id)
                    break
    return Styles(frozenset(style for style, ids in shown.items() if len(ids) >= STYLE_CONCEPTS),
                  frozenset(name for name, ids in places.items() if len(ids) > 1), named)


def styled_names(concept: Concept, styles: Styles) -> list[tuple[Term, tuple[str, ...]]]:
    """The official names of a place in the glossary's :func:`state_styles` (الجمهورية التونسية of
    تونس), as stem keys (the head's article taken off: جمهوريه التونسيه), with the name they are
    made on; none for a concept that is no place of ``styles``."""
    if not styles.heads:
        return []
    return [(term, tuple(f"{head[len(ARTICLE):]} {ARTICLE}{nisba_stem(name)}{ending}"
                         for head, ending in sorted(styles.heads)))
            for term, name in styles.names.get(concept.id, ()) if name not in styles.shared]


def _latin_forms(term: Term, key: str) -> list[SurfaceForm]:
    forms = [SurfaceForm(key, Definiteness.INDEFINITE, False)]
    if term.case_sensitive or term.pos in (PartOfSpeech.PROPER_NOUN, PartOfSpeech.ADJECTIVE):
        return forms
    words = key.split(" ")
    last = words[-1]
    if not last.isalpha() or len(last) < 3:
        return forms
    plurals = english_plurals(last)
    if not plurals:
        return forms  # already a plural (minerals, hydrocarbons)
    forms += [SurfaceForm(" ".join(words[:-1] + [p]), Definiteness.INDEFINITE, True) for p in plurals]
    return forms


def english_plurals(word: str) -> list[str]:
    """Plurals of an English noun: -s, -es after x/z/ch/sh, -ies after a consonant and y; for a
    noun in -s the -es (gases) or -is/-es (crises) plural when English attests it (wordfreq),
    none when the word is already a plural (minerals). Case is kept; endings are lower case."""
    lower = word.lower()
    if lower.endswith(("x", "z", "ch", "sh")):  # tax, speech: taxes, speeches
        return [word + "es"]
    if lower.endswith("s"):
        found = [word + "es"] + ([word[:-2] + "es"] if lower.endswith("is") else [])
        return [plural for plural in found if zipf(plural.lower(), "en") >= ATTESTED_PLURAL_ZIPF]
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def _arabic_forms(term: Term, key: str, collective: bool = False) -> list[SurfaceForm]:
    articles = [has_article(w) for w in term.text.split()]
    words = key.split(" ")
    if len(words) != len(articles):  # punctuation inside the term: keep it as one unit
        articles = [False] * len(words)
    common = term.pos not in (PartOfSpeech.PROPER_NOUN,) and not term.case_sensitive
    variants: list[tuple[list[str], bool]] = [(list(words), False)]
    if common:
        if any(articles):  # المعادن الحيوية -> معادن حيوية
            variants.append(([w[2:] if a else w for w, a in zip(words, articles)], True))
        elif is_arabic(key):  # معادن حيوية -> (ال)معادن الحيوية; construct state: دائرة النفوذ
            variants.append(([words[0]] + [ARTICLE + w for w in words[1:]], True))
            if len(words) > 2:
                variants.append((words[:-1] + [ARTICLE + words[-1]], True))
        variants += [(inflected, True) for base, _ in list(variants) for inflected in _inflections(term, base)]
        if collective:  # الأوزبك -> الأوزبكي, أوزبكية …
            variants += [([nisba], True) for base, _ in list(variants) for nisba in nisba_forms(base[0])]
    forms: dict[str, SurfaceForm] = {}
    for variant_words, is_variant in variants:
        first = variant_words[0]
        if has_article(first) and (
            (not is_variant and articles[0]) or (is_variant and common)
        ):
            stem = " ".join([first[2:]] + variant_words[1:])
            definiteness = Definiteness.DEFINITE
        else:
            stem = " ".join(variant_words)
            either = common and is_arabic(first) and not _indefinite_phrase(variant_words)
            definiteness = Definiteness.EITHER if either else Definiteness.INDEFINITE
        if stem not in forms or (forms[stem].variant and not is_variant):
            forms[stem] = SurfaceForm(stem, definiteness, is_variant)
    return list(forms.values())


def _indefinite_phrase(words: list[str]) -> bool:
    """A noun with indefinite modifiers (معادن حيوية): an article on the head alone is a predicate
    (المعادن حيوية, "minerals are vital"), so the phrase takes clitics only; its definite form is
    a separate key (معادن الحيوية)."""
    return len(words) > 1 and not any(has_article(w) for w in words[1:])


def _inflections(term: Term, words: list[str]) -> list[list[str]]:
    """Sound feminine plural and dual of a head noun in ة; gender/number endings of a nisba adjective."""
    head = words[0]
    result: list[list[str]] = []
    if term.pos is PartOfSpeech.ADJECTIVE and len(words) == 1 and head.endswith("ي") and len(head) > 3:
        result += [[form] for form in nisba_forms(head[:-1])[1:]]
    elif head.endswith("ه") and len(head) > 3:
        result += [[head[:-1] + ending] + words[1:] for ending in ("ات", "تان", "تين")]
    return result
