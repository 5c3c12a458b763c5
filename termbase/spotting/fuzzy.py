"""The fuzzy pass: spellings of glossary names that the glossary does not list.

Words left over by the exact pass are compared, with rapidfuzz, against every word of every
proper-noun term — a word shared by several concepts (Kazakhstan in "Republic of Kazakhstan",
"Kazakh SSR" …) stays a candidate of each — through variant-tolerant keys: an Arabic consonant
skeleton (long vowels dropped, letters that transliterations confuse merged) and an English
romanisation key (kh/h, zh/j/dzh, q/k, y/i, doubled letters). A candidate must come close on that
key *and* on the plain folded word (or very close on the word alone: Trumph). An English word that
the frequency list does not know and no glossary word spells is also a candidate of every name word
within one slip of it (optimal string alignment: a letter dropped, added or changed, or two
neighbours swapped), down to four letters (Chna, Russai); one slip outranks a closer ratio (Austrai
is Austria, not Australia).

A close word is a hypothesis, kept only when the rest of the mention bears it out:

* the word must be a one-word term, the last word (surname) of a person's name, the telling word
  of a name whose other words are heads (:mod:`termbase.spotting.telling`: تابي of خط أنابيب تابي,
  with a lower confidence, after any other concept's reading of the word), or stand with the other
  words of its term around it (a given name alone is not the person; "Shaukat Aziz" is not
  Shavkat Mirziyoyev); a surname or telling word shorter than the pass's usual length (Merz, كيري)
  stands alone only as the term writes it, and is no derivative of another glossary word;
* a word close on the slip count alone stands with the other words of its term written as the term
  writes them (Unuted States), or is a one-word term or a surname;
* an ordinary word of the language (wordfreq: Community, Persian) is never a misspelling, nor an
  inflection or derivative of another glossary word (Armenian, الأرمنية of Armenia), nor the
  feminine form of a surname (Nazarbayeva is another person than Nazarbayev);
* several concepts at the best score make an ambiguous hit, resolved later by the nearest full
  mention or the given name before it, never dropped.

Every hit carries its confidence and the evidence (keys compared, scores, context rule).
"""

from __future__ import annotations

import json
import re
import threading
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple
from functools import cache, lru_cache, partial
from importlib import resources
from itertools import chain

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from termbase.arabic import ARTICLE, CHAINS_LONGEST_FIRST, NISBA_ENDINGS, is_arabic
from termbase.cache import Entry, EntryWriter
from termbase.langtags import primary_language
from termbase.matches import Evidence, Hit, MatchKind, covered as covered_offsets
from termbase.model import Concept, PartOfSpeech, Term
from termbase.normalize import FoldedText, fold, fold_text
from termbase.progress import track
from termbase.spotting.homographs import is_common_arabic_word
from termbase.spotting.names import PEOPLE_SUBJECT, foreign_name_context, is_partial_name, lists_bare_name, own_words
from termbase.spotting.telling import telling_word
from termbase.spotting.wordlist import is_ordinary, zipf
from termbase.term_keys import term_keys

__all__ = ["FUZZY_SCHEME", "FuzzySpotter", "arabic_skeleton", "fuzzy_confidence", "geographic_heads", "romanization_key"]

KEY_CUTOFF = 85.0
"""Lowest rapidfuzz ratio between variant-tolerant keys."""
WORD_CUTOFF = 80.0
"""Lowest rapidfuzz ratio between the folded words themselves (the reported score)."""
SPELLING_CUTOFF = 88.0
"""A word this close to a name word needs no key agreement (Trumph / Trump)."""
MIN_ARABIC = 4
"""Shortest Arabic name word (folded) that the fuzzy pass compares (كابل)."""
MIN_ARABIC_ALONE = 5
"""Shortest Arabic word of the text (folded, clitics off) that may be a spelling of a name on its own
(كابول); a shorter one only with the other words of its name (بينغ in شي جين بينغ)."""
MIN_LATIN = 5
MIN_LATIN_SLIP = 4
"""Shortest Latin word that may be a misspelling of a name on one edit alone (:data:`SLIP_EDITS`): Chna;
and shortest word of a longer name compared at all, one slip from the text's word and in its full
name only (Hnog Kong)."""
SLIP_EDITS = 1
"""Edits (optimal string alignment, Damerau's four slips: a letter dropped, added or changed, or two
neighbours swapped) within which a Latin word is a misspelling of a name word whatever its ratio,
when the frequency list does not know the word and it is no glossary word (Chna, Russai, Unuted)."""
MAX_JOINED = 2
"""A name of this many words or fewer, none of them an ordinary word, is also compared written as
one word (ألما آتا / ألماتي, Amu Darya / Amudarya)."""
SHORT_ARABIC = 6
"""An Arabic word shorter than this (كابول, روغون) must share its skeleton exactly with the name word."""
RULE_WEIGHT = {"full-name": 1.0, "single-word": 0.95, "without-head": 0.9, "surname": 0.85, "name-word": 0.8}
"""How much each mention rule supports a fuzzy hit (a full name most, a bare surname least)."""

_SKELETON_MERGE = str.maketrans({"ض": "ز", "ظ": "ز", "ذ": "ز", "ص": "س", "ث": "س", "ط": "ت", "ق": "ك", "ح": "ه",
                                 "غ": "ج", "گ": "ج", "چ": "ج"})
"""Letters that transliterations of one foreign sound share: k/q (ك ق), g (ج غ گ, and چ for ch), t (ت ط),
s (س ص ث), z (ز ذ ض ظ), h (ه ح)."""
_NO_VOWEL_LETTERS = str.maketrans("", "", "اويىءع")
_FINAL_VOWELS = "ايه"
"""Letters that write a final vowel of a transliterated name (أستانا / أستانة, دوشانبي / دوشنبه)."""
_DOUBLED = re.compile(r"(.)\1+")
_ROMAN_AFFRICATE = re.compile("dzh|dj|zh")
_ROMAN_LETTERS = (("kh", "h"), ("gh", "g"), ("ph", "f"), ("q", "k"), ("w", "v"), ("y", "i"))
"""Replaced in this order after the affricates, each everywhere (plain string replacements)."""
_ROMAN_ENDING = re.compile("(ov|ow|off|ev|yev)$", re.MULTILINE)
"""A surname ending, at the end of a word (of each word, when words are joined by line breaks)."""
_CHAINS_BY_INITIAL: dict[str, tuple[str, ...]] = {
    initial: tuple(chain for chain in CHAINS_LONGEST_FIRST if chain[:1] == initial)
    for initial in {chain[:1] for chain in CHAINS_LONGEST_FIRST if chain}}
"""The clitic chains (not the empty one) by their first letter, longest first: a word is tried only
against the chains it can begin with."""
_LATIN_WORD = re.compile(r"[^\W\d_]+")
_JOINERS = " \t\u00a0-\u2010\u2011"
_LATIN_DERIVATIONS = ("ians", "ian", "ans", "an", "ns", "n", "ese", "is", "i", "ish", "ists", "ist", "ism",
                      "ites", "ite", "ic", "s", "es")
"""Endings that make an inflection or derivative of a word (Armenia → Armenian, Uzbek → Uzbeks)."""
_ARABIC_DERIVATIONS = tuple(sorted(NISBA_ENDINGS, key=len, reverse=True))
"""Nisba endings, longest first (أرمينيا → أرمني, الأرمنية)."""
_ARABIC_PRONOUNS = ("هما", "هم", "ها", "ه")
"""Attached pronouns (ترميزه "its encoding" is the word ترميز, not a spelling of a name)."""
_FEMININE = {"en": ("a",), "ar": ("ا", "ه")}
"""Endings that make a feminine surname (Nazarbayeva, نزارباييفا)."""
GEOGRAPHY_SUBJECT = "geography"
"""The subject field of the concepts whose names may leave out a :func:`geographic_heads` word."""


@cache
def geographic_heads() -> dict[str, frozenset[str]]:
    """Folded head words of natural features and cities that a mention may leave out, by language
    (``spotting/data/geographic_heads.json``: بحيرة, نهر, Lake, Mount …)."""
    raw = json.loads(resources.files("termbase.spotting").joinpath("data", "geographic_heads.json").read_text("utf-8"))
    return {lang: frozenset(fold(word) for word in raw[lang]) for lang in ("ar", "en")}


@lru_cache(maxsize=1 << 16)
def arabic_skeleton(word: str) -> str:
    """Consonant skeleton of a folded Arabic word: جاباروف and جباروف both give جبرف."""
    return _consonants(arabic_spelling(word))


def _consonants(merged: str) -> str:
    return _DOUBLED.sub(_first_group, merged[:1] + merged[1:].translate(_NO_VOWEL_LETTERS))


def _first_group(match: re.Match[str]) -> str:
    """The repeated letter of a :data:`_DOUBLED` run (a function: a ``\\1`` template is expanded
    by a slower path on every match)."""
    return match.group(1)


def _stem_skeleton(word: str) -> str:
    """Skeleton of a word as a stem of derivation: its final vowel kept as written (the nisba
    دوشانبي is not made on دوشنبه)."""
    return _consonants(word.translate(_SKELETON_MERGE))


def _stem_skeletons(words: Sequence[str]) -> frozenset[str]:
    """:func:`_stem_skeleton` of each of ``words`` (none empty, none holding a line break)."""
    return frozenset(_skeletons_of(words, final_vowel=False))


def _word_keys(lang: str, words: Sequence[str]) -> list[str]:
    """The variant-tolerant key of each of ``words`` (folded words of ``lang``, none empty, none
    holding a line break), made for all of them at once: :func:`arabic_skeleton` with array
    operations over their letters, :func:`romanization_key` with its rules applied to the words
    joined by line breaks (none of its patterns reaches across one)."""
    if not words:
        return []
    if _KEYS.get(lang, _LATIN_KEYS)[0] is arabic_skeleton:
        return _skeletons_of(words, final_vowel=True)
    return _romanized("\n".join(words)).split("\n")


def _skeletons_of(words: Sequence[str], *, final_vowel: bool) -> list[str]:
    """:func:`_consonants` of each of ``words`` with :data:`_SKELETON_MERGE` applied (with
    ``final_vowel``, a final vowel of a word over three letters written ا first, as
    :func:`arabic_spelling` does), with array operations over all their letters at once: letters
    merged, vowels after the first letter dropped, runs of one letter made one."""
    if not words:
        return []
    codes = np.frombuffer("\n".join(words).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if final_vowel:
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        lasts = np.cumsum(lengths + 1) - 2  # each word's last letter
        lasts = lasts[(lengths > 3) & np.isin(codes[lasts], _FINAL_VOWEL_CODES)]
        codes = codes.copy()
        codes[lasts] = ord("ا")
    merged = np.where(codes < len(_MERGED_CODES), _MERGED_CODES[np.minimum(codes, len(_MERGED_CODES) - 1)], codes)
    first = np.ones(len(codes), dtype=bool)
    first[1:] = codes[:-1] == _LINE_BREAK
    kept = merged[~(np.isin(merged, _VOWEL_CODES) & ~first)]
    single = np.ones(len(kept), dtype=bool)
    single[1:] = kept[1:] != kept[:-1]  # a line break is never doubled: no word is empty
    return kept[single].tobytes().decode("utf-32-le", "surrogatepass").split("\n")


def _code_tables() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """:data:`_SKELETON_MERGE` as an array by code point (up to its highest letter: every higher
    code point is its own), the code points :data:`_NO_VOWEL_LETTERS` deletes, and those of
    :data:`_FINAL_VOWELS`."""
    table = np.arange(max(_SKELETON_MERGE) + 1, dtype=np.uint32)
    for code, merged in _SKELETON_MERGE.items():
        table[code] = ord(merged)
    return (table, np.array(sorted(_NO_VOWEL_LETTERS), dtype=np.uint32),
            np.array(sorted(map(ord, _FINAL_VOWELS)), dtype=np.uint32))


_LINE_BREAK = ord("\n")
_MERGED_CODES, _VOWEL_CODES, _FINAL_VOWEL_CODES = _code_tables()


@lru_cache(maxsize=1 << 16)
def arabic_spelling(word: str) -> str:
    """A folded Arabic word with the letters of one transliterated sound merged, vowels kept, and a
    final vowel (ا ي ه: -a, -e, -i) written one way: the word compared after the skeletons agree, so
    that طشقند and تاشكند differ by one alef only, دوشانبي and دوشانبه not at all."""
    if len(word) > 3 and word[-1] in _FINAL_VOWELS:
        word = word[:-1] + "ا"
    return word.translate(_SKELETON_MERGE)


@lru_cache(maxsize=1 << 16)
def romanization_key(word: str) -> str:
    """Romanisation-tolerant key of a folded Latin word: Zhaparov and Japarov both give japarov."""
    return _romanized(word)


def _romanized(text: str) -> str:
    """:func:`romanization_key`'s rules applied to ``text``: one word, or words joined by line
    breaks (none of its patterns reaches across one)."""
    key = _ROMAN_AFFRICATE.sub("j", text)
    for letters, replacement in _ROMAN_LETTERS:
        key = key.replace(letters, replacement)
    return _DOUBLED.sub(_first_group, _ROMAN_ENDING.sub("ov", key))


_KEYS: dict[str, tuple[Callable[[str], str], str, Callable[[str], str], int]] = {
    "ar": (arabic_skeleton, "skeleton", arabic_spelling, SHORT_ARABIC)}
"""Per language: the variant-tolerant key, its name in evidence, the spelling compared once keys
agree, and the length below which a word must keep its key exactly."""
_LATIN_KEYS: tuple[Callable[[str], str], str, Callable[[str], str], int] = (romanization_key, "romanisation", str, 0)
"""The same for every other language."""
_IN_NAME_ONLY, _JOINED, _ALONE = 1, 2, 4
"""Flags of a stored name word (:class:`_NameWords`)."""
_TABLES = "fuzzy.json"
FUZZY_SCHEME = "fuzzy-tables-2"
"""The layout of a stored fuzzy spotter (part of its cache key)."""


def fuzzy_confidence(score: float, rule: str, concepts: int = 1) -> float:
    """Confidence of a fuzzy hit: its word score between :data:`WORD_CUTOFF` (0.5) and 100 (0.9),
    weighted by the mention rule, shared among ``concepts`` when ambiguous."""
    base = 0.5 + 0.4 * max(0.0, score - WORD_CUTOFF) / (100.0 - WORD_CUTOFF)
    return round(base * RULE_WEIGHT.get(rule, 0.8) / max(concepts, 1), 3)


class _NameWord(NamedTuple):
    """One word of a proper-noun term, as the fuzzy pass compares it (a tuple: an index holds tens
    of thousands, made several times faster than frozen dataclasses)."""

    word: str  # folded word of a glossary term
    concept: Concept
    term: Term
    words: tuple[str, ...]  # all folded words of the term (Arabic: the article taken off)
    position: int  # of ``word`` in ``words``
    in_name_only: bool = False  # a word with the article: a candidate only with the other words of its term
    head: int = 0  # leading head words of the term (بحيرة of بحيرة إيسيك كول) that a mention may leave out
    joined: bool = False  # the words of a two-word term written as one
    alone: bool = False  # the telling word of a name that is no person's (:mod:`termbase.spotting.telling`)

    def joinable(self) -> bool:
        """Whether the joined words may be one word: none of them is an ordinary word of the language
        (جمهورية هايتي is not one word; ألما آتا may be)."""
        return not any(is_ordinary(w.lower(), primary_language(self.term.lang))
                       for w in _LATIN_WORD.findall(self.term.text))


class _Token(NamedTuple):
    """A word of the text (a tuple: one is made per word of every text spotted)."""

    start: int
    end: int
    stem_start: int  # after a clitic prefix
    word: str  # folded, prefix taken off
    written: str
    whole: str = ""  # the folded word with its prefix, when a prefix was taken off
    shorter: tuple[tuple[int, str], ...] = ()  # (start, word) after a shorter clitic chain (و of وك)

    def forms(self) -> tuple[str, ...]:
        """Every folded word this token may be: after each clitic chain, and whole (بيردي is بيردي,
        not ب + يردي, in بيردي محمدوف)."""
        return (self.word, *(word for _, word in self.shorter), *((self.whole,) if self.whole else ()))

    def readings(self) -> list[list[tuple[int, str]]]:
        """Where the name may start and the folded word from there, the likelier readings first:
        after the clitics (the longest chain, then shorter ones: وكازاخستان is و + كازاخستان), then
        with the prefix letters as part of the name (كازاخستان, باكييف), then after clitics that leave
        a short stem (ب + اكييف is less likely than باكييف)."""
        stems = [(self.stem_start, self.word), *self.shorter]
        long = [(start, word) for start, word in stems if len(word) >= SHORT_ARABIC]
        short = [(start, word) for start, word in stems if len(word) < SHORT_ARABIC]
        return [group for group in (long, [(self.start, self.whole)] if self.whole else [], short) if group]


class _TokenIndex:
    """Which token starts or ends at an offset of the text, mapped on first use."""

    def __init__(self, tokens: Sequence[_Token]) -> None:
        self._tokens = tokens
        self._starts: dict[int, int] | None = None
        self._ends: dict[int, int] | None = None

    @property
    def starts(self) -> dict[int, int]:
        """Where a token starts -> its index."""
        if self._starts is None:
            self._starts = {token.start: k for k, token in enumerate(self._tokens)}
        return self._starts

    @property
    def ends(self) -> dict[int, int]:
        """Where a token ends -> its index."""
        if self._ends is None:
            self._ends = {token.end: k for k, token in enumerate(self._tokens)}
        return self._ends


@dataclass(frozen=True, slots=True)
class _Candidate:
    item: _NameWord
    score: float
    evidence: tuple[Evidence, ...]
    edits: int = SLIP_EDITS + 1  # slips from the text's word to the name word (more than one: not counted)
    slip_only: bool = False  # close on the slip count alone, not on the ratios


def _edits(word: str, name_word: str, most: int) -> int:
    """Optimal string alignment distance of two words, ``most + 1`` when it is larger."""
    return int(OSA.distance(word, name_word, score_cutoff=most))


class _NameWords:
    """The name words of one language as rows ``[concept number, term position, word position, head,
    flags]``, each made a :class:`_NameWord` when first asked for, once (hits tell candidates apart by
    identity): a stored spotter makes only the words its texts come near."""

    def __init__(self, concepts: Sequence[Concept], rows: npt.NDArray[np.int32],
                 made: list[_NameWord | None] | None = None) -> None:
        self._concepts = concepts
        self.rows = rows
        self._made: list[_NameWord | None] = made if made is not None else [None] * len(rows)
        self._lock = threading.Lock()

    def __getitem__(self, number: int) -> _NameWord:
        item = self._made[number]
        if item is None:
            with self._lock:  # two threads never make two values of one word
                item = self._made[number]
                if item is None:
                    item = self._made[number] = self._make(number)
        return item

    def take(self, numbers: Iterable[int]) -> list[_NameWord]:
        """The name words of ``numbers``, in that order."""
        return [self[number] for number in numbers]

    def _make(self, number: int) -> _NameWord:
        concept_number, term_position, position, head, flags = self.rows[number].tolist()
        concept = self._concepts[concept_number]
        term = concept.terms[term_position]
        words = tuple(fold(term.text).split(" "))
        if flags & _JOINED:
            joined = "".join(words)
            return _NameWord(joined, concept, term, (joined,), 0, joined=True)
        bare = tuple(_without_article(w) for w in words) if is_arabic(term.text) else words
        return _NameWord(bare[position], concept, term, bare, position, bool(flags & _IN_NAME_ONLY), head,
                         alone=bool(flags & _ALONE))


class _Groups:
    """Numbers by string key: the keys in one list, the numbers of key ``k`` the slice
    ``offsets[k]:offsets[k + 1]`` of ``members`` (one number a row, or two for pairs)."""

    def __init__(self, keys: list[str], offsets: npt.NDArray[np.int64], members: npt.NDArray[np.int32]) -> None:
        self.keys = keys
        self.offsets = offsets
        self.members = members
        self._number = dict(zip(keys, range(len(keys))))

    @staticmethod
    def packed(groups: Mapping[str, Sequence[int] | Sequence[tuple[int, int]]],
               width: int = 1) -> tuple[list[str], npt.NDArray[np.int64], npt.NDArray[np.int32]]:
        """``groups`` (in their order) as keys, offsets and members."""
        offsets = np.zeros(len(groups) + 1, dtype=np.int64)
        np.cumsum([len(numbers) for numbers in groups.values()], out=offsets[1:])
        flat: Iterable[Any] = chain.from_iterable(groups.values())
        if width > 1:
            flat = chain.from_iterable(flat)
        members = np.fromiter(flat, dtype=np.int32, count=int(offsets[-1]) * width)
        return list(groups), offsets, members.reshape(-1, width) if width > 1 else members

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, key: str) -> bool:
        return key in self._number

    def get(self, key: str) -> list[Any]:
        """The numbers of ``key`` (none when it is not a key)."""
        number = self._number.get(key)
        if number is None:
            return []
        found: list[Any] = self.members[self.offsets[number]:self.offsets[number + 1]].tolist()
        return found

    def check(self, rows: int, width: int = 1) -> None:
        """Raise ValueError unless the offsets and members fit the keys and ``rows`` name words."""
        offsets, members = self.offsets, self.members
        if (len(offsets) != len(self.keys) + 1 or (len(offsets) and offsets[0] != 0) or np.any(np.diff(offsets) < 0)
                or offsets[-1] != len(members) or members.shape[1:] != ((width,) if width > 1 else ())
                or (members.size and (members.min() < 0 or members.max() >= rows))
                or len(self._number) != len(self.keys)):
            raise ValueError("stored fuzzy groups do not fit their keys")


class _Sorted(_Groups):
    """Groups whose keys are grouped by first letter, each group sorted by length (then first seen),
    with each key's place in the first-seen order of its group: the buckets that :func:`_extract`
    scans, each made when a word of its letter is first compared."""

    def __init__(self, keys: list[str], offsets: npt.NDArray[np.int64], members: npt.NDArray[np.int32],
                 places: npt.NDArray[np.int32], ranges: Mapping[str, Sequence[int]]) -> None:
        super().__init__(keys, offsets, members)
        self.places = places
        self.ranges = {initial: (int(start), int(end)) for initial, (start, end) in ranges.items()}
        self._buckets: dict[str, _Bucket] = {}

    @classmethod
    def of(cls, groups: Mapping[str, list[int]]) -> _Sorted:
        """The groups of ``groups``, whose order is the first-seen order: the keys grouped by first
        letter (the letters in first-seen order), each letter's keys by length, then first seen (one
        stable sort of the whole table, no list per letter)."""
        keys = list(groups)
        count = len(keys)
        letter_numbers: dict[str, int] = {}
        letters = np.fromiter((letter_numbers.setdefault(key[:1], len(letter_numbers)) for key in keys),
                              dtype=np.int64, count=count)
        lengths = np.fromiter(map(len, keys), dtype=np.int64, count=count)
        order = np.lexsort((lengths, letters))  # stable: first seen among equal lengths
        sizes = np.bincount(letters, minlength=len(letter_numbers))
        firsts = np.cumsum(sizes) - sizes
        seen = np.empty(count, dtype=np.int64)  # each key's place in its letter's first-seen order
        seen[np.argsort(letters, kind="stable")] = np.arange(count) - np.repeat(firsts, sizes)
        ranges = {initial: (int(firsts[n]), int(firsts[n] + sizes[n])) for initial, n in letter_numbers.items()}
        member_counts = np.fromiter(map(len, groups.values()), dtype=np.int64, count=count)
        flat = np.fromiter(chain.from_iterable(groups.values()), dtype=np.int32, count=int(member_counts.sum()))
        counts = member_counts[order]
        offsets = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        starts = (np.cumsum(member_counts) - member_counts)[order]
        members = flat[np.repeat(starts - offsets[:-1], counts) + np.arange(int(offsets[-1]), dtype=np.int64)]
        return cls([keys[k] for k in order.tolist()], offsets, members, seen[order].astype(np.int32), ranges)

    def bucket(self, initial: str) -> _Bucket:
        """The keys beginning with ``initial``, as :func:`_extract` scans them."""
        bucket = self._buckets.get(initial)
        if bucket is None:
            span = self.ranges.get(initial)
            if span is None:
                return _EMPTY
            start, end = span
            strings = self.keys[start:end]
            lengths = sorted({len(s) for s in strings})
            starts = [bisect_left(strings, n, key=len) for n in lengths] + [len(strings)]
            bucket = self._buckets[initial] = _Bucket(strings, self.places[start:end].tolist(), lengths, starts)
        return bucket

    def check(self, rows: int, width: int = 1) -> None:
        super().check(rows, width)
        if len(self.places) != len(self.keys) or any(
                not 0 <= start <= end <= len(self.keys) for start, end in self.ranges.values()):
            raise ValueError("stored fuzzy buckets do not fit their keys")


class _KeyTable:
    """Name words of one language by variant-tolerant key and by folded word, bucketed by first letter."""

    def __init__(self, lang: str, words: _NameWords, by_key: _Sorted, by_word: _Sorted,
                 slip_by_word: _Sorted | None = None) -> None:
        self.key_of, self.key_name, self.spelling_of, self.short = _KEYS.get(lang, _LATIN_KEYS)
        self.words = words
        self.by_key, self.by_word = by_key, by_word
        self.slip_by_word = by_word if slip_by_word is None else slip_by_word  # with the slip-only words

    def close(self, word: str, name_word: str) -> bool:
        """Whether ``word`` may stand for ``name_word`` among the other words of a full name: the same
        word, or close in spelling, letters of one sound merged (صادر / صدير, Sadyr / Sadir)."""
        return word == name_word or fuzz.ratio(self.spelling_of(word), self.spelling_of(name_word)) >= WORD_CUTOFF

    def candidates(self, word: str, *, slips: int = 0) -> list[_Candidate]:
        """Every name word close to ``word`` on the key and the word, or very close on the word; with
        ``slips``, also every name word within that many edits of it (counted on every candidate)."""
        key, spelled = self.key_of(word), self.spelling_of(word)
        short = len(word) < self.short  # a short word must keep its key exactly
        found: dict[int, _Candidate] = {}
        keys = [(key, 100.0)] if short and key in self.by_key else [] if short else _extract(
            key, self.by_key.bucket(key[:1]), KEY_CUTOFF)
        for choice, key_score in keys:
            for item in self.words.take(self.by_key.get(choice)):
                if short and self.spelling_of(word[-1:]) != self.spelling_of(item.word[-1:]):
                    continue  # a short word keeps its last letter too: فرانس is not فرنسا, سموه not ساموا
                score = fuzz.ratio(spelled, self.spelling_of(item.word))
                if score >= WORD_CUTOFF:
                    found[id(item)] = _Candidate(item, score, (
                        Evidence(self.key_name, f"{key!r} ~ {choice!r} ({key_score:.0f})"),
                        Evidence("spelling", f"{word!r} ~ {item.word!r} ({score:.0f})"),
                    ))
        if short:
            return list(found.values())
        for choice, score in _extract(word, self.by_word.bucket(word[:1]), SPELLING_CUTOFF):
            for item in self.words.take(self.by_word.get(choice)):
                found.setdefault(id(item), _Candidate(item, score, (
                    Evidence("spelling", f"{word!r} ~ {item.word!r} ({score:.0f}), keys apart"),
                )))
        if not slips:
            return list(found.values())
        counted = [replace(c, edits=_edits(word, c.item.word, slips)) for c in found.values()]
        for choice, edits in _within(word, self.slip_by_word.bucket(word[:1]), slips):
            for item in self.words.take(self.slip_by_word.get(choice)):
                if id(item) not in found:
                    score = fuzz.ratio(word, choice)
                    counted.append(_Candidate(item, score, (
                        Evidence("slip", f"{word!r} is {_times(edits)} edit from {item.word!r} (ratio {score:.0f})"),
                    ), edits, slip_only=True))
        return counted


class _Bucket(NamedTuple):
    """The strings of one first letter sorted by length, each with its place in the first-seen order."""

    strings: list[str]
    places: list[int]
    lengths: list[int]  # the distinct lengths, shortest first
    starts: list[int]  # where each length begins in ``strings`` (and the end, last)


_EMPTY = _Bucket([], [], [], [0])
_SLACK = 1e-6
"""Score units a length bound is widened by, so that rounding never drops a string rapidfuzz keeps."""


def _times(edits: int) -> str:
    """A count of edits as the evidence words it: "one", "2"."""
    return "one" if edits == 1 else str(edits)


def _within(query: str, bucket: _Bucket, most: int) -> list[tuple[str, int]]:
    """The strings of ``bucket`` within ``most`` edits (optimal string alignment) of ``query``, as
    (string, edits): only the lengths within ``most`` of the query's are scanned."""
    size = len(query)
    window = [k for k, length in enumerate(bucket.lengths) if abs(length - size) <= most]
    if not window:
        return []
    first, last = bucket.starts[window[0]], bucket.starts[window[-1] + 1]
    return [(choice, int(edits)) for choice, edits, _ in process.extract(
        query, bucket.strings[first:last], scorer=OSA.distance, processor=None, score_cutoff=most, limit=None)]


def _word_tables(lang: str, items: Sequence[_NameWord],
                 slips: Sequence[_NameWord] = ()) -> tuple[_Sorted, _Sorted, _Sorted, _Groups, _Groups]:
    """The numbers of the name words ``items`` of ``lang`` by key and by word (words with the article
    left out: they stand only in the full-name tables), by word with the words ``slips`` (numbered
    after ``items``: reached by a slip only), the words of many-word names by key, and two words side
    by side in a name by their keys ("key key")."""
    distinct = list(dict.fromkeys(item.word for item in items))
    word_key = dict(zip(distinct, _word_keys(lang, distinct)))  # the key of each name word, made together
    by_key: dict[str, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    longer: dict[str, list[int]] = {}
    at: dict[tuple[int, int], int] = {}  # (id of the term, position) -> word
    for number, item in enumerate(items):
        key = word_key[item.word]
        if not item.in_name_only:
            by_key[key].append(number)
            by_word[item.word].append(number)
        if len(item.words) > 1:
            longer.setdefault(key, []).append(number)
            at[(id(item.term), item.position)] = number
    pairs: dict[str, list[tuple[int, int]]] = {}
    for (term_id, position), number in at.items():
        following = at.get((term_id, position + 1))
        if following is not None:
            pairs.setdefault(f"{word_key[items[number].word]} {word_key[items[following].word]}", []).append(
                (number, following))
    words = _Sorted.of(by_word)
    slip_by_word = words
    if slips:
        with_slips = {word: list(numbers) for word, numbers in by_word.items()}
        for number, item in enumerate(slips, start=len(items)):
            with_slips.setdefault(item.word, []).append(number)
        slip_by_word = _Sorted.of(with_slips)
    return (_Sorted.of(by_key), words, slip_by_word, _Groups(*_Groups.packed(longer)),
            _Groups(*_Groups.packed(pairs, 2)))


def _reachable(query: int, length: int, cutoff: float) -> bool:
    """Whether a string of ``length`` may score ``cutoff`` on ``fuzz.ratio`` against one of ``query``
    letters: the Indel distance is at least the difference of the lengths, so the ratio is at most
    ``100 * (1 - |a - b| / (a + b))``."""
    total = query + length
    return not total or 100.0 * (total - abs(query - length)) >= (cutoff - _SLACK) * total


def _extract(query: str, bucket: _Bucket, cutoff: float) -> list[tuple[str, float]]:
    """``process.extract(query, <bucket in first-seen order>, scorer=fuzz.ratio, processor=None,
    score_cutoff=cutoff, limit=None)`` as (string, score), the same strings in the same order (best
    score first, then first seen), scanning only the lengths that can reach ``cutoff``."""
    size = len(query)
    window = [k for k, length in enumerate(bucket.lengths) if _reachable(size, length, cutoff)]
    if not window:
        return []
    first, last = bucket.starts[window[0]], bucket.starts[window[-1] + 1]
    places = bucket.places
    found = [(places[first + k], choice, score) for choice, score, k in process.extract(
        query, bucket.strings[first:last], scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None)]
    found.sort(key=lambda f: (-f[2], f[0]))
    return [(choice, score) for _, choice, score in found]


class _Tables(NamedTuple):
    """What a :class:`FuzzySpotter` is made of: the glossary's folded words, those of people's names
    only, the words that stand alone for their name (telling words, short surnames), the Arabic stem
    skeletons, and per language the name words' key table, the words of many-word names by key and
    the pairs of words side by side in a name."""

    known: frozenset[str]
    people_only: frozenset[str]
    alone_words: frozenset[str]
    skeletons: frozenset[str]
    tables: dict[str, _KeyTable]
    longer: dict[str, _Groups]
    pairs: dict[str, _Groups]


class FuzzySpotter:
    """Finds unlisted spellings of glossary names among the words the exact pass left over."""

    def __init__(self, concepts: Sequence[Concept], *, tables: _Tables | None = None,
                 keys: Sequence[str] | None = None) -> None:
        """Index ``concepts``; with ``tables`` (as :meth:`load` reads them), made of those; ``keys``: the
        terms folded, as :func:`~termbase.term_keys.term_keys` gives them (folded here if not)."""
        self._concepts = concepts
        self._people = frozenset(concept.id for concept in concepts if concept.subject == PEOPLE_SUBJECT)
        self.known, self._people_only, self._alone_words, self._skeletons, self.tables, self._longer, self._pairs = (
            self._build(concepts, term_keys(concepts) if keys is None else keys) if tables is None else tables)

    def _build(self, concepts: Sequence[Concept], folded_terms: Sequence[str]) -> _Tables:
        """The tables of a spotter of ``concepts``, made from their terms (``folded_terms``: each folded)."""
        known: list[str] = []  # every folded word, repeats included: made a set once at the end
        person_words: list[str] = []
        entries: list[tuple[str, int, Concept, int, Term, tuple[str, ...], tuple[str, ...], bool]] = []
        named: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)  # (concept, lang) -> names
        # language -> bare word -> the numbers of the concepts whose terms use it
        owners: dict[str, defaultdict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        single: set[tuple[str, str]] = set()  # (lang, folded one-word name)
        languages: dict[str, str] = {}  # tag -> primary language
        keys = iter(folded_terms)
        for concept_number, concept in enumerate(track(concepts, "building the fuzzy index", unit="concept")):
            person = concept.subject == PEOPLE_SUBJECT
            for term_position, term in enumerate(concept.terms):
                words = tuple(next(keys).split(" "))
                known += words
                if person:
                    person_words += words
                term_lang = languages.get(term.lang)
                if term_lang is None:
                    term_lang = languages[term.lang] = primary_language(term.lang)
                stripped = tuple(map(_without_article, words))
                owned = owners[term_lang]
                for w in stripped:
                    owned[w].add(concept_number)
                if len(words) == 1 and term.pos is PartOfSpeech.PROPER_NOUN:
                    single.add((term_lang, words[0]))
                if term.pos is not PartOfSpeech.PROPER_NOUN or term.case_sensitive:
                    continue
                arabic = is_arabic(term.text)
                bare = stripped if arabic else words
                entries.append((term_lang, concept_number, concept, term_position, term, words, bare, arabic))
                named[(concept.id, term_lang)].add(bare)
        generic: dict[str, set[str]] = defaultdict(set)  # head words a concept's own terms leave out
        for (_, lang), names_of in named.items():  # (بحيرة of بحيرة بلخاش beside بلخاش, Lake Balkhash)
            generic[lang].update(name[0] for name in names_of if len(name) > 1 and name[1:] in names_of)
        names: dict[str, list[_NameWord]] = defaultdict(list)
        rows: dict[str, list[tuple[int, int, int, int, int]]] = defaultdict(list)
        short: dict[str, list[_NameWord]] = defaultdict(list)  # Latin words below MIN_LATIN of longer names
        short_rows: dict[str, list[tuple[int, int, int, int, int]]] = defaultdict(list)
        alone_words: set[str] = set()  # telling words, and surnames below the usual length (Merz, TAPI, كيري)
        for lang, concept_number, concept, term_position, term, words, bare, arabic in entries:
            shortest = MIN_ARABIC if arabic else MIN_LATIN
            alone = -1  # the word that may name the concept alone (below the usual length too)
            telling = -1  # the same word when the concept is no person (the name's telling word)
            if len(words) > 1 and concept.subject == PEOPLE_SUBJECT:
                alone = len(words) - 1  # the surname
            elif len(words) > 1:
                found = telling_word(term.text, words, bare, lang, owners[lang].__getitem__, concept_number,
                                     lambda w: (lang, w) in single)
                alone = telling = -1 if found is None else found
            head = 0  # leading head words (بحيرة of بحيرة إيسيك كول, Lake of Lake Balkhash), not of people
            if len(words) > 1 and concept.subject != PEOPLE_SUBJECT:
                heads = geographic_heads().get(lang, frozenset()) if concept.subject == GEOGRAPHY_SUBJECT else frozenset()
                while head < len(words) - 1 and (bare[head] in generic[lang] or (  # learned, or a feature's
                        words[head] in heads)):  # head written without the article (not الجبل الأسود)
                    head += 1
            for position, w in enumerate(bare):
                if (len(w) >= shortest or position == alone and len(w) >= MIN_LATIN_SLIP) and (
                        len(words) > 1 or w == words[position]):
                    in_name_only = w != words[position] and position != telling
                    names[lang].append(_NameWord(w, concept, term, bare, position, in_name_only, head,
                                                 alone=position == telling))
                    rows[lang].append((concept_number, term_position, position, head,
                                       _IN_NAME_ONLY * in_name_only | _ALONE * (position == telling)))
                    if position == telling or position == alone and _short_alone(w, arabic):
                        alone_words.add(w)
            if not arabic and len(words) > 1:  # Hong of Hong Kong: a slip target in its full name only
                for position, w in enumerate(bare):
                    if MIN_LATIN_SLIP <= len(w) < MIN_LATIN and position != alone:
                        short[lang].append(_NameWord(w, concept, term, bare, position, True, head))
                        short_rows[lang].append((concept_number, term_position, position, head, _IN_NAME_ONLY))
            joined = "".join(words)
            if 1 < len(words) <= MAX_JOINED and len(joined) >= SHORT_ARABIC:  # Alma-Ata written Almaata
                names[lang].append(_NameWord(joined, concept, term, (joined,), 0, joined=True))
                rows[lang].append((concept_number, term_position, 0, 0, _JOINED))
        folded = frozenset(known)
        stand_alone = frozenset(alone_words)
        people_only = folded.intersection(person_words)  # words of people's names only
        skeletons = _stem_skeletons([w[2:] if w.startswith(ARTICLE) else w
                                     for w in folded if len(w) >= 4 and is_arabic(w)])
        tables: dict[str, _KeyTable] = {}
        longer: dict[str, _Groups] = {}  # lang -> key -> words of many-word names
        pairs: dict[str, _Groups] = {}  # lang -> "key key" of two words side by side in a name -> the two
        for lang, items in names.items():
            slips = short.get(lang, [])  # after the other words, in the slip tables only
            by_key, by_word, slip_by_word, longer[lang], pairs[lang] = _word_tables(lang, items, slips)
            words_of = _NameWords(concepts, np.array(rows[lang] + short_rows[lang], dtype=np.int32).reshape(-1, 5),
                                  [*items, *slips])
            tables[lang] = _KeyTable(lang, words_of, by_key, by_word, slip_by_word)
        return _Tables(folded, people_only, stand_alone, skeletons, tables, longer, pairs)

    # -- stored in the cache ----------------------------------------------------------------
    #
    # ``fuzzy.json``: the concept ids the rows number, the glossary's folded words, those of
    # people's names only, the Arabic stem skeletons, and per language the keys of each group
    # (by key, by word, and by word with the words reached by a slip only, grouped by first letter:
    # with each letter's range; longer names; pairs as "key key"). Per language, numpy arrays loaded memory-mapped: ``<lang>.rows.npy`` (the name
    # words, see :class:`_NameWords`), and for each group ``<lang>.<group>.offsets.npy`` and
    # ``<lang>.<group>.members.npy``, with ``<lang>.<group>.places.npy`` for the bucketed ones.

    def save(self, writer: EntryWriter) -> None:
        """Write the spotter's tables into a new cache entry."""
        languages: dict[str, dict[str, Any]] = {}
        for lang, table in self.tables.items():
            writer.write_array(f"{lang}.rows.npy", table.words.rows)
            stored: dict[str, Any] = {}
            for name, groups in self._groups(lang).items():
                writer.write_array(f"{lang}.{name}.offsets.npy", groups.offsets)
                writer.write_array(f"{lang}.{name}.members.npy", groups.members)
                stored[name] = groups.keys
                if isinstance(groups, _Sorted):
                    writer.write_array(f"{lang}.{name}.places.npy", groups.places)
                    stored[f"{name} ranges"] = groups.ranges
            languages[lang] = stored
        tables = {"concepts": [concept.id for concept in self._concepts], "known": sorted(self.known),
                  "people only": sorted(self._people_only), "skeletons": sorted(self._skeletons),
                  "alone words": sorted(self._alone_words),
                  "languages": languages}
        writer.write_bytes(_TABLES, json.dumps(tables, ensure_ascii=False).encode("utf-8"))

    def _groups(self, lang: str) -> dict[str, _Groups]:
        table = self.tables[lang]
        return {"keys": table.by_key, "words": table.by_word, "slips": table.slip_by_word, "longer": self._longer[lang],
                "pairs": self._pairs[lang]}

    @classmethod
    def load(cls, entry: Entry, concepts: Sequence[Concept]) -> FuzzySpotter | None:
        """The spotter stored in a cache entry for ``concepts``, or ``None`` when it is unusable
        (every file is verified against the entry's manifest before it is parsed or mapped)."""
        try:
            tables = json.loads(entry.read_bytes(_TABLES))
            if tables["concepts"] != [concept.id for concept in concepts]:
                return None
            made = _Tables(frozenset(tables["known"]), frozenset(tables["people only"]), frozenset(tables["alone words"]),
                           frozenset(tables["skeletons"]),
                           {}, {}, {})
            sizes = np.array([len(concept.terms) for concept in concepts], dtype=np.int64)
            for lang, stored in tables["languages"].items():
                rows = entry.array(f"{lang}.rows.npy", np.int32, 2)
                if rows.shape[1:] != (5,) or (len(rows) and (
                        rows[:, 0].min() < 0 or rows[:, 0].max() >= len(concepts) or rows[:, 1:4].min() < 0
                        or np.any(rows[:, 1] >= sizes[rows[:, 0]])
                        or np.any(rows[:, 4] & ~(_JOINED | _IN_NAME_ONLY | _ALONE)))):
                    return None
                def stored_groups(name: str, width: int = 1) -> tuple[list[str], Any, Any]:
                    keys = stored[name]
                    if not isinstance(keys, list):
                        raise ValueError(f"stored fuzzy keys of {name} are not a list")
                    "".join(keys)  # TypeError unless every key is a string
                    return (keys, entry.array(f"{lang}.{name}.offsets.npy", np.int64, 1),
                            entry.array(f"{lang}.{name}.members.npy", np.int32, width))

                by_key, by_word, slip_by_word = (
                    _Sorted(*stored_groups(name), entry.array(f"{lang}.{name}.places.npy", np.int32, 1),
                            stored[f"{name} ranges"]) for name in ("keys", "words", "slips"))
                longer, pairs = _Groups(*stored_groups("longer")), _Groups(*stored_groups("pairs", 2))
                for groups, width in ((by_key, 1), (by_word, 1), (slip_by_word, 1), (longer, 1), (pairs, 2)):
                    groups.check(len(rows), width)
                made.tables[lang] = _KeyTable(lang, _NameWords(concepts, rows), by_key, by_word, slip_by_word)
                made.longer[lang], made.pairs[lang] = longer, pairs
            return cls(concepts, tables=made)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None

    def _longer_words(self, lang: str, key: str) -> list[_NameWord]:
        """The words of many-word names in ``lang`` whose key is ``key``."""
        return self.tables[lang].words.take(self._longer[lang].get(key))

    def is_common(self, word: str) -> bool:
        """Whether a folded word is a glossary word that is no person's name (Kazakh, Republic)."""
        return word in self.known and word not in self._people_only

    def spot(self, text: str, lang: str, hits: Sequence[Hit], *, folded: FoldedText | None = None) -> list[Hit]:
        """``hits`` plus fuzzy hits on words they do not cover, in text order.

        ``folded`` is ``fold_text(text)`` when the caller has it already (the exact pass does).
        A fuzzy hit spans the words of a name written otherwise than the term; the other words of
        a full name (Shavkat in "Shavkat Mirzyoyev") are its evidence, and stay as they are.
        """
        lang = primary_language(lang)
        table = self.tables.get(lang)
        if table is None:
            return list(hits)
        covered = covered_offsets(hits, len(text))
        if lang == "ar":
            tokens = list(self._arabic_words(folded if folded is not None else fold_text(text)))
        else:
            tokens = list(self._latin_words(text))
        at = _TokenIndex(tokens)
        hits = self._read_given_names(text, lang, tokens, at, hits, table)
        found: list[Hit] = []
        taken: set[int] = set()  # tokens inside a fuzzy hit already made
        for hit, first, last in self._longer_names(text, lang, tokens, at, hits, table):
            taken.update(range(first, last + 1))
            found.append(hit)
        longer = len(found)  # the first hits found: longer names, which replace every term inside them
        for i, token in enumerate(tokens):
            if i in taken or covered.find(1, token.start, token.end) != -1 or not self._candidate_word(token, lang):
                continue
            made = self._hit(text, lang, tokens, i, table, covered)
            if made is None:
                continue
            hit, first, last = made
            taken.update(range(first, last + 1))
            found.append(hit)
        if not found:
            return list(hits)
        spans = [(h.start, h.end) for h in found]
        kept = [h for h in hits if not any(s <= h.start and h.end <= e and h.match is not MatchKind.FUZZY
                                           and (h.concept is None or h.concept == f.concept or h.concept in f.candidates
                                                or n < longer)
                                           for n, ((s, e), f) in enumerate(zip(spans, found)))]
        result = kept + found
        result.sort(key=lambda h: (h.start, h.end))
        return result

    def _longer_names(self, text: str, lang: str, tokens: list[_Token], at: _TokenIndex, hits: Sequence[Hit],
                      table: _KeyTable) -> Iterator[tuple[Hit, int, int]]:
        """Fuzzy hits of a longer name written otherwise around an exact hit of a shorter term
        (الاتحاد السوفياتي around السوفياتي, Soviet): each word of the name is one of its term's, or
        close to it, and one differs, by a spelling and not as another ordinary word (Russian Foreign
        Minister is no Russian Foreign Ministry); the longer name wins over the term inside it."""
        if not self._pairs.get(lang) or not hits:
            return
        done = -1
        for hit in hits:
            if hit.term.pos is PartOfSpeech.PROPER_NOUN or hit.match is MatchKind.FUZZY:
                continue  # a name (غيانا in جمهورية غيانا) is not taken for a longer one (جمهورية غينيا)
            a, b = at.starts.get(hit.start), at.ends.get(hit.end)
            if a is None or b is None or a <= done:
                continue
            best: tuple[float, int, int, _NameWord] | None = None
            tied = False
            for i, item in self._beside(lang, tokens, a, b, table):
                if item.concept.id == hit.concept or len(item.words) <= b - a + 1:
                    continue
                mention = _mention(tokens, i, item, text, table.close)
                if mention is None or mention[2] != "full-name" or mention[0] > a or mention[1] < b:
                    continue
                first, last, _, score = mention
                differing = [tokens[k] for k in range(first, last + 1) if item.words[k - first] not in tokens[k].forms()]
                if not differing:
                    continue  # written as the term: the exact pass chose otherwise, for a reason
                if any(is_ordinary(token.written if lang == "ar" else token.written.lower(), lang) for token in differing):
                    continue  # another word, not a spelling: Russian Foreign Minister is no Ministry
                if best is None or score > best[0]:
                    best, tied = (score, first, last, item), False
                elif score == best[0] and item.concept.id != best[3].concept.id:
                    tied = True
            if best is None or tied:
                continue
            score, first, last, item = best
            start, end = tokens[first].start, tokens[last].end
            evidence = (
                Evidence(table.key_name, f"the words of {item.term.text!r} around {hit.text!r}"),
                Evidence("full-name", _RULE_DETAIL["full-name"].format(term=item.term.text)),
                Evidence("longer-name", f"{text[start:end]!r} is a longer name than {hit.text!r} ({hit.concept})"),
            )
            done = last
            yield (Hit(start=start, end=end, text=text[start:end], concept=item.concept.id, term=item.term,
                       match=MatchKind.FUZZY, score=round(score, 2), prefix=text[start:tokens[first].stem_start],
                       confidence=fuzzy_confidence(score, "full-name"), reasons=evidence), first, last)

    def _beside(self, lang: str, tokens: list[_Token], a: int, b: int,
                table: _KeyTable) -> Iterator[tuple[int, _NameWord]]:
        """Words of many-word names that the tokens ``a``..``b`` may be, where the token beside them
        has the key of the name's word beside it: ``(token, name word)``."""
        pairs = self._pairs.get(lang)
        if pairs is None:
            return
        words = table.words
        if a > 0:
            for left in tokens[a - 1].forms():
                for form in tokens[a].forms():
                    for _, second in pairs.get(f"{table.key_of(left)} {table.key_of(form)}"):
                        yield a, words[second]
        if b + 1 < len(tokens):
            for form in tokens[b].forms():
                for right in tokens[b + 1].forms():
                    for first, _ in pairs.get(f"{table.key_of(form)} {table.key_of(right)}"):
                        yield b, words[first]

    def _read_given_names(self, text: str, lang: str, tokens: list[_Token], at: _TokenIndex, hits: Sequence[Hit],
                          table: _KeyTable) -> Sequence[Hit]:
        """``hits`` with each partial person name read together with the given name before it."""
        people = self._people
        surnames = [k for k, hit in enumerate(hits) if (hit.concept in people or any(c in people for c in hit.candidates))
                    and hit.match is not MatchKind.FUZZY]
        if not surnames:
            return hits
        read = list(hits)
        for k in surnames:
            first, last = at.starts.get(hits[k].start), at.ends.get(hits[k].end)
            if first is not None and first > 0 and last is not None:  # a word before the name
                reading = self._given_name_reading(text, lang, tokens, (first, last), hits[k], table)
                if reading is not None:
                    read[k] = reading
        return read

    # -- one word ---------------------------------------------------------------------------

    def _candidate_word(self, token: _Token, lang: str) -> bool:
        # a glossary word too: a word of one term may be a misspelling of another's
        if lang == "ar":
            return max(map(len, token.forms())) >= MIN_ARABIC and not is_ordinary(token.written, "ar")
        written = token.written
        return written[:1].isupper() and (len(written) >= MIN_LATIN and not is_ordinary(written.lower(), "en")
                                          or len(written) >= MIN_LATIN_SLIP and self._slips(token, lang) > 0
                                          or token.word in self._alone_words and not is_ordinary(token.word, lang))

    def _slips(self, token: _Token, lang: str) -> int:
        """Edits within which a Latin word is a misspelling of a name word (:data:`SLIP_EDITS`), or 0:
        a word the frequency list knows (Omar, Rahman) or the glossary has (Oman) is no slip."""
        if lang == "ar" or token.word in self.known or zipf(token.written.lower(), lang) > 0.0:
            return 0
        return SLIP_EDITS

    def _derived_from(self, word: str, lang: str) -> str | None:
        """The glossary word that ``word`` inflects or derives from (Armenian ← armenia), if any."""
        if lang == "ar":
            for ending in _ARABIC_DERIVATIONS:
                base = word[:-len(ending)]
                if word.endswith(ending) and len(base) >= 3 and _stem_skeleton(base) in self._skeletons:
                    return base
            for ending in _ARABIC_PRONOUNS:
                base = word[:-len(ending)]
                if word.endswith(ending) and base in self.known:
                    return base
            return None
        for ending in _LATIN_DERIVATIONS:
            if not word.endswith(ending):
                continue
            base = word[:-len(ending)]
            if ending in ("n", "ns") and not base.endswith(("a", "e", "i", "o", "u")):
                continue
            for stem in (base, base + "a", base + "y", base + "e") if len(ending) > 1 else (base,):
                if len(stem) >= 4 and stem in self.known:
                    return stem
        return None

    def _given_name_reading(self, text: str, lang: str, tokens: list[_Token], at: tuple[int, int], hit: Hit,
                            table: _KeyTable) -> Hit | None:
        """The exact surname ``hit`` over the tokens ``at`` read with the words before it as one person's
        full name: a shared surname resolved by the given name (صدر جاباروف is Sadyr, not Akylbek),
        a surname given to a person whose given name is another's (سعيدة ميرزيوييف is Saida, not
        Shavkat). None when the words before name nobody, or several people alike."""
        best: dict[str, tuple[float, _Candidate, int]] = {}
        begin, j = at
        word = tokens[j].word  # the surname's last word: full names whose last word has its key
        for item in self._longer_words(lang, table.key_of(word)):
            if item.concept.subject != PEOPLE_SUBJECT or item.position != len(item.words) - 1:
                continue
            spelled = fuzz.ratio(table.spelling_of(word), table.spelling_of(item.word))
            candidate = _Candidate(item, spelled, (
                Evidence(table.key_name, f"{word!r} and {item.word!r} share the key {table.key_of(word)!r}"),))
            mention = _mention(tokens, j, item, text, table.close)
            if mention is None or mention[2] != "full-name" or mention[0] >= begin:
                continue
            first, _, _, score = mention
            if score > best.get(item.concept.id, (-1.0,))[0]:
                best[item.concept.id] = (score, candidate, first)
        if not best:
            return None
        top = max(score for score, _, _ in best.values())
        tied = [concept for concept, (score, _, _) in best.items() if score == top]
        if len(tied) != 1 or tied[0] == hit.concept:
            return None
        concept = tied[0]
        score, candidate, first = best[concept]
        given = text[tokens[first].start:tokens[begin - 1].end]
        note = Evidence("given-name", f"after {given!r}, the given name of {candidate.item.term.text!r}")
        if hit.concept is None and concept in hit.candidates:
            return hit._replace(concept=concept, resolution=None, reasons=hit.reasons + (note,),
                                confidence=round(fuzzy_confidence(score, "full-name"), 3))
        return Hit(start=hit.start, end=hit.end, text=hit.text, concept=concept, term=candidate.item.term,
                   match=MatchKind.FUZZY, score=round(score, 2), prefix=hit.prefix,
                   confidence=fuzzy_confidence(score, "full-name"), reasons=candidate.evidence + (note,))

    def _hit(self, text: str, lang: str, tokens: list[_Token], i: int, table: _KeyTable,
             covered: bytearray) -> tuple[Hit, int, int] | None:
        token = tokens[i]
        # concept -> (a slip, confidence, span length, status), (score, first token, last token, rule, candidate)
        best: dict[str, tuple[tuple[bool, float, int, int], tuple[float, int, int, str, _Candidate]]] = {}
        stems: dict[int, int] = {}  # id(candidate) -> where its name starts
        candidates: list[_Candidate] = []
        in_name_only: set[int] = set()  # candidates read from a word too short to stand alone
        read: dict[int, str] = {}  # id(candidate) -> the word of the text it was read from
        groups = token.readings()
        slips = self._slips(token, lang)
        if not slips and self._derived_from(groups[0][0][1], lang) is not None \
                and self._alone_words.isdisjoint(token.forms()):
            return None  # الرئاسية is the adjective of a glossary word, whichever way it is read
        for group in groups:
            if candidates:
                break  # the word read after its clitics is the usual reading; with them, a fallback
            for stem, word in group:
                base = self._derived_from(word, lang) if word not in self._alone_words else None
                if base is not None and not slips:
                    continue  # (a name word standing alone as written is no derivative: تابي)
                found = table.candidates(word, slips=slips) if lang != "ar" or len(word) >= MIN_ARABIC_ALONE else [
                    _Candidate(item, fuzz.ratio(table.spelling_of(word), table.spelling_of(item.word)),
                               (Evidence(table.key_name, f"{word!r} and {item.word!r} share the key"),))
                    for item in self._longer_words(lang, table.key_of(word))]
                if base is not None:  # Armenian derives from Armenia, unless fewer slips make it a name
                    found = [c for c in found if c.edits < len(word) - len(base)]  # Natons: nations, not NATO
                if lang != "ar" and len(word) < MIN_LATIN:  # a slip, or a short word that stands alone as written
                    found = [c for c in found if c.edits <= SLIP_EDITS or c.item.word == word and _stands_alone(c.item)]
                for candidate in found:
                    if candidate.item.concept.subject != PEOPLE_SUBJECT or not _feminine(word, candidate.item.word, lang):
                        candidates.append(candidate)
                        stems[id(candidate)] = stem
                        read[id(candidate)] = word
                        if lang == "ar" and len(word) < MIN_ARABIC_ALONE and not (
                                word == candidate.item.word and _stands_alone(candidate.item)
                                and not is_common_arabic_word(word)):  # كيري, تابي as written; not تيان
                            in_name_only.add(id(candidate))
        listed = {table.key_of(c.item.word) for c in candidates if lists_bare_name(c.item.concept, lang)}
        for candidate in candidates:
            item = candidate.item
            if item.joined and not item.joinable():
                continue
            mention = _mention(tokens, i, item, text, _slip_close if candidate.slip_only else table.close)
            if mention is None:
                continue
            first, last, rule, score = mention
            if (item.in_name_only or id(candidate) in in_name_only) and rule != "full-name":
                continue
            if rule in ("surname", "name-word") and _short_alone(item.word, lang == "ar") \
                    and read[id(candidate)] != item.word:
                continue  # a short name word stands alone only as the term writes it
            if candidate.slip_only and len(item.words) > 1 and not (rule == "surname" or rule == "full-name" and all(
                    item.words[k - first] in tokens[k].forms() for k in range(first, last + 1) if k != i)):
                continue  # a slip in one word of a name needs every other word as the term writes it
            score = candidate.score if first == last else score
            if rule == "surname" and item.concept.subject not in (None, PEOPLE_SUBJECT):
                continue  # "China" alone is not the Communist Party of China
            if rule == "surname" and table.key_of(item.word) in listed and not lists_bare_name(item.concept, lang):
                continue  # a bare surname stays its listed bearer's: رحمنوف is the father, not the daughter
            if rule != "full-name" and lang != "ar" and is_partial_name(item.concept, item.term) \
                    and foreign_name_context(text, token.start, token.end, self.is_common,
                                            partial(own_words, item.concept)) is not None:
                continue
            current = best.get(item.concept.id)  # one slip is likelier than a closer ratio: Austrai is Austria
            rank = (candidate.edits <= SLIP_EDITS, fuzzy_confidence(score, rule), last - first, -item.term.status.rank)
            if current is None or rank > current[0]:
                best[item.concept.id] = (rank, (score, first, last, rule, candidate))
        if not best:
            return None
        if any(found[3] not in _SHORTENED for _, found in best.values()):  # a name in its own right
            best = {c: v for c, v in best.items() if v[1][3] not in _SHORTENED}  # (تركمانستان) before
        top = max(rank[:2] for rank, _ in best.values())  # the tail of a longer one (مجلس تركمانستان)
        tied = sorted(c for c, (rank, _) in best.items() if rank[:2] == top)
        score, first, last, rule, candidate = best[tied[0]][1]
        if len(tied) > 1:  # one span for all: the shortest (the word itself)
            first = last = i
        words = candidate.item.words if rule == "full-name" else ()
        # the words of the name written otherwise than the term, and not an exact hit already
        differing = [k for k in range(first, last + 1) if not words or (
            words[k - first] not in tokens[k].forms() and covered.find(1, tokens[k].start, tokens[k].end) == -1)]
        if rule == "without-head" and covered.find(1, tokens[first].start, tokens[last].end) == -1:
            differing = list(range(first, last + 1))  # the short form is what the glossary does not list
        if not differing:
            return None  # every word is the term's or a listed variant: nothing unlisted here
        low, high = differing[0], differing[-1]
        start, end = tokens[low].start, tokens[high].end
        stem_start = stems[id(candidate)] if low == i else tokens[low].stem_start
        evidence = candidate.evidence + (
            Evidence(rule, _RULE_DETAIL[rule].format(term=candidate.item.term.text)),
            Evidence("frequency", f"{token.written!r} is not an ordinary {lang} word "
                                  f"(Zipf {zipf(token.written if lang == 'ar' else token.written.lower(), lang):.1f})"),
        )
        hit = Hit(start=start, end=end, text=text[start:end],
                  concept=tied[0] if len(tied) == 1 else None, term=candidate.item.term,
                  match=MatchKind.FUZZY, score=round(score, 2),
                  candidates=tuple(tied) if len(tied) > 1 else (),
                  prefix=text[start:stem_start],
                  confidence=fuzzy_confidence(score, rule, len(tied)), reasons=evidence)
        return hit, first, last

    # -- words of a text --------------------------------------------------------------------

    def _arabic_words(self, folded: FoldedText) -> Iterator[_Token]:
        original = folded.original
        for match in re.finditer(r"[^ ]+", folded.folded):
            word = match.group()
            start, end = folded.original_span(match.start(), match.end())
            if not is_arabic(word):
                yield _Token(start, end, start, word, original[start:end])
                continue
            chains = [p for p in _CHAINS_BY_INITIAL.get(word[:1], ()) if word.startswith(p) and len(word) - len(p) >= MIN_ARABIC]
            if not chains:
                yield _Token(start, end, start, word, original[start:end])
                continue
            stems = [(folded.original_span(match.start() + len(p), match.end())[0], word[len(p):]) for p in chains]
            stem_start, stem = stems[0]
            yield _Token(start, end, stem_start, stem, original[stem_start:end], word, tuple(stems[1:]))

    def _latin_words(self, text: str) -> Iterator[_Token]:
        for match in _LATIN_WORD.finditer(text):
            start, end = match.span()
            yield _Token(start, end, start, fold(match.group()), match.group())


_SHORTENED = ("without-head", "name-word")
"""Rules that read a longer name from part of it: any other reading of the word goes first."""
_RULE_DETAIL = {
    "full-name": "stands with the other words of {term!r}",
    "single-word": "{term!r} is a one-word term",
    "surname": "last word (surname) of {term!r}, alone",
    "without-head": "the words of {term!r} without the head word that other names of the glossary drop",
    "name-word": "the telling word of {term!r}, alone: its other words are head words of the glossary's names",
}


def _without_article(word: str) -> str:
    """A folded Arabic word without its article, when what follows is a word of three letters or more."""
    return word[2:] if word.startswith(ARTICLE) and len(word) >= 5 else word


def _feminine(word: str, name_word: str, lang: str) -> bool:
    """Whether ``word`` is the feminine form of the surname ``name_word`` (Nazarbayeva)."""
    for ending in _FEMININE.get(lang, ()):
        if word.endswith(ending) and not name_word.endswith(ending):
            if fuzz.ratio(word[:-len(ending)], name_word) >= fuzz.ratio(word, name_word):
                return True
    return False


def _slip_close(word: str, name_word: str) -> bool:
    """Whether ``word`` is ``name_word`` or one slip from it (Raod / road, whose ratio is 75): the
    word of a name read on the slip count alone; the name's other words must then be exact."""
    return _edits(word, name_word, SLIP_EDITS) <= SLIP_EDITS


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end:right.start]
    return not gap.strip(_JOINERS)


def _mention(tokens: list[_Token], i: int, item: _NameWord, text: str,
             close: Callable[[str, str], bool]) -> tuple[int, int, str, float] | None:
    """Which tokens the name word at ``i`` names through ``item``: ``(first, last, rule, score)``,
    or None when the word alone cannot name it (a given name, a middle word)."""
    count, position = len(item.words), item.position
    if count == 1:
        return i, i, "single-word", 0.0
    first, last = i - position, i + count - 1 - position
    if first >= 0 and last < len(tokens) and all(
        _adjacent(text, tokens[k], tokens[k + 1]) for k in range(first, last)
    ):
        words: list[str] = []
        for token, name_word in zip(tokens[first:last + 1], item.words):
            word = next((form for form in token.forms() if close(form, name_word)), None)
            if word is None:
                break
            words.append(word)
        else:
            return first, last, "full-name", fuzz.ratio(" ".join(words), " ".join(item.words))
    head = item.head
    if head and position >= head:  # the name without the head words that head it: إيسيك كول
        first, last = i - position + head, i + count - 1 - position
        if first >= 0 and last < len(tokens) and all(
            _adjacent(text, tokens[k], tokens[k + 1]) for k in range(first, last)
        ):
            named = [next((f for f in token.forms() if close(f, name_word)), None)
                     for token, name_word in zip(tokens[first:last + 1], item.words[head:])]
            if all(w is not None for w in named):
                return first, last, "without-head", fuzz.ratio(" ".join(w or "" for w in named),
                                                              " ".join(item.words[head:]))
    if item.alone:
        return i, i, "name-word", 0.0
    if position == count - 1:
        return i, i, "surname", 0.0
    return None


def _short_alone(word: str, arabic: bool) -> bool:
    """Whether a name word that may stand alone (a surname, a telling word) is shorter than the pass
    reads a word alone (:data:`MIN_ARABIC_ALONE`, :data:`MIN_LATIN`): such a word stands alone only
    as the term writes it (Merz, كيري)."""
    return len(word) < (MIN_ARABIC_ALONE if arabic else MIN_LATIN)


def _stands_alone(item: _NameWord) -> bool:
    """Whether a name word may name its concept alone: the telling word of a name, or a person's surname."""
    return item.alone or (item.concept.subject == PEOPLE_SUBJECT and len(item.words) > 1
                          and item.position == len(item.words) - 1)
