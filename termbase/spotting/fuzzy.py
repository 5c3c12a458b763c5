"""The fuzzy pass: spellings of glossary names that the glossary does not list.

Words left over by the exact pass are compared, with rapidfuzz, against the words of proper-noun
terms through variant-tolerant keys: an Arabic consonant skeleton (long vowels dropped, letters
that transliterations confuse merged) and an English romanisation key (kh/h, zh/j/dzh, y/i,
doubled letters). A candidate must come close on that key *and* on the plain folded word, so
ordinary words do not trigger. English words come from the Moses tokenizer (sacremoses), which
splits possessives and punctuation the way translators' tools do; spans are re-anchored in the
original text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from termbase._gc import gc_paused
from termbase.arabic import ARTICLE, CHAINS_LONGEST_FIRST, is_arabic
from termbase.langtags import primary_language
from termbase.matches import Hit, MatchKind
from termbase.model import Concept, PartOfSpeech, Term
from termbase.normalize import FoldedText, fold, fold_text

__all__ = ["FuzzySpotter", "arabic_skeleton", "romanization_key"]

KEY_CUTOFF = 85.0
"""Lowest rapidfuzz ratio between variant-tolerant keys."""
WORD_CUTOFF = 80.0
"""Lowest rapidfuzz ratio between the folded words themselves (the reported score)."""
MIN_ARABIC = 6
MIN_LATIN = 5
MAX_SHARING = 2
"""A name word found in the terms of more concepts than this is a common word (جمهورية)."""

_SKELETON_MERGE = str.maketrans({"ض": "ز", "ظ": "ز", "ذ": "ز", "ص": "س", "ث": "س", "ط": "ت", "ق": "ك", "ح": "ه"})
_VOWEL_LETTERS = re.compile("[اويىءع]")
_DOUBLED = re.compile(r"(.)\1+")
_ROMAN_RULES = (
    (re.compile("dzh|dj|zh"), "j"),
    (re.compile("kh"), "h"),
    (re.compile("gh"), "g"),
    (re.compile("ph"), "f"),
    (re.compile("w"), "v"),
    (re.compile("y"), "i"),
    (re.compile("(ov|ow|off|ev|yev)$"), "ov"),
)


def arabic_skeleton(word: str) -> str:
    """Consonant skeleton of a folded Arabic word: جاباروف and جباروف both give جبرف."""
    head, rest = word[:1], word[1:].translate(_SKELETON_MERGE)
    return _DOUBLED.sub(r"\1", head + _VOWEL_LETTERS.sub("", rest))


def romanization_key(word: str) -> str:
    """Romanisation-tolerant key of a folded Latin word: Zhaparov and Japarov both give japarov."""
    key = word
    for pattern, replacement in _ROMAN_RULES:
        key = pattern.sub(replacement, key)
    return _DOUBLED.sub(r"\1", key)


@dataclass(frozen=True, slots=True)
class _NameWord:
    word: str  # folded word of a glossary term
    concept: Concept
    term: Term


class _KeyTable:
    """Name words of one language by variant-tolerant key, bucketed by first letter."""

    def __init__(self, words: list[_NameWord], key_of: Callable[[str], str]) -> None:
        self.key_of = key_of
        by_key: dict[str, list[_NameWord]] = defaultdict(list)
        for item in words:
            by_key[self._key(item.word)].append(item)
        self.by_key = dict(by_key)
        buckets: dict[str, list[str]] = defaultdict(list)
        for key in self.by_key:
            buckets[key[:1]].append(key)
        self.buckets = dict(buckets)

    def _key(self, word: str) -> str:
        return self.key_of(word)

    def best(self, word: str) -> tuple[list[_NameWord], float] | None:
        key = self._key(word)
        choices = self.buckets.get(key[:1])
        if not choices:
            return None
        found = process.extract(key, choices, scorer=fuzz.ratio, processor=None,
                                score_cutoff=KEY_CUTOFF, limit=None)
        scored: list[tuple[float, _NameWord]] = []
        for choice, _, _ in found:
            for item in self.by_key[choice]:
                score = fuzz.ratio(word, item.word)
                if score >= WORD_CUTOFF:
                    scored.append((score, item))
        if not scored:
            return None
        top = max(score for score, _ in scored)
        return [item for score, item in scored if score == top], top


class FuzzySpotter:
    """Finds unlisted spellings of glossary names among the words the exact pass left over."""

    def __init__(self, concepts: Sequence[Concept]) -> None:
        with gc_paused():
            self._build(concepts)
        self._moses: Any = None

    def _build(self, concepts: Sequence[Concept]) -> None:
        known: set[str] = set()
        names: dict[str, list[_NameWord]] = defaultdict(list)
        sharing: dict[str, set[str]] = defaultdict(set)
        for concept in concepts:
            for term in concept.terms:
                words = fold(term.text).split(" ")
                known.update(words)
                for word in words:
                    sharing[word].add(concept.id)
                if term.pos is not PartOfSpeech.PROPER_NOUN or term.case_sensitive:
                    continue
                lang = primary_language(term.lang)
                arabic = is_arabic(term.text)
                shortest = MIN_ARABIC if arabic else MIN_LATIN
                names[lang] += [
                    _NameWord(w, concept, term) for w in words
                    if len(w) >= shortest and not (arabic and w.startswith(ARTICLE))
                ]
        self.known = frozenset(known)
        self.tables = {
            lang: _KeyTable(
                [item for item in items if len(sharing[item.word]) <= MAX_SHARING],
                arabic_skeleton if lang == "ar" else romanization_key,
            )
            for lang, items in names.items()
        }

    def spot(self, text: str, lang: str, hits: Sequence[Hit], *, folded: FoldedText | None = None) -> list[Hit]:
        """``hits`` plus fuzzy hits on words they do not cover, in text order.

        ``folded`` is ``fold_text(text)`` when the caller has it already (the exact pass does).
        """
        table = self.tables.get(primary_language(lang))
        if table is None:
            return list(hits)
        covered = bytearray(len(text) + 1)
        for hit in hits:
            covered[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
        if primary_language(lang) == "ar":
            words = self._arabic_words(folded if folded is not None else fold_text(text))
        else:
            words = self._latin_words(text)
        found = list(hits)
        for start, end, stem_start, word in words:
            if covered.find(1, start, end) != -1 or word in self.known or ARTICLE + word in self.known:
                continue
            best = table.best(word)
            if best is None:
                continue
            items, score = best
            concepts = sorted({item.concept.id for item in items})
            item = min(items, key=lambda i: (i.concept.id, i.term.status.rank, len(i.term.text)))
            found.append(Hit(
                start=start, end=end, text=text[start:end],
                concept=concepts[0] if len(concepts) == 1 else None, term=item.term,
                match=MatchKind.FUZZY, score=round(score, 2),
                candidates=tuple(concepts) if len(concepts) > 1 else (),
                prefix=text[start:stem_start],
            ))
        found.sort(key=lambda h: (h.start, h.end))
        return found

    def _arabic_words(self, folded: FoldedText) -> Iterator[tuple[int, int, int, str]]:
        for match in re.finditer(r"[^ ]+", folded.folded):
            word = match.group()
            if not is_arabic(word) or len(word) < MIN_ARABIC:
                continue
            start, end = folded.original_span(match.start(), match.end())
            prefix = next((p for p in CHAINS_LONGEST_FIRST if p and word.startswith(p) and len(word) - len(p) >= MIN_ARABIC), "")
            stem_start = start
            if prefix:
                stem_start = folded.original_span(match.start() + len(prefix), match.end())[0]
            yield start, end, stem_start, word[len(prefix):]

    def _latin_words(self, text: str) -> Iterator[tuple[int, int, int, str]]:
        if self._moses is None:
            from sacremoses import MosesTokenizer  # imported on first use: it takes ~0.3 s

            self._moses = MosesTokenizer(lang="en")
        position = 0
        for token in self._moses.tokenize(text, escape=False, aggressive_dash_splits=False):
            start = text.find(token, position)
            if start < 0:
                continue
            end = position = start + len(token)
            if len(token) < MIN_LATIN or not token[:1].isupper() or not token.isalpha():
                continue
            yield start, end, start, fold(token)
