"""Misspelt acronyms: BRICCS for BRICS.

A glossary acronym is a case-sensitive term, matched as written by the exact pass and never by the
fuzzy pass (whose keys fold case: BRICS is not "brics"). An all-capitals word that the exact pass
left over is read as a misspelling of an acronym of :data:`MIN_ACRONYM` letters or more when it is
one slip from it (optimal string alignment: a letter dropped, added or changed, or two neighbours
swapped) and no shorter than it (a letter dropped often makes another real acronym: BRIC beside
BRICS), and when it is neither a term of the glossary nor a word the language knows (a headline's
REPORTS). It is a hypothesis: a fuzzy hit with its confidence and evidence, ambiguous when it is one
slip from several acronyms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from termbase.langtags import primary_language
from termbase.matches import Evidence, Hit, MatchKind
from termbase.model import Concept, Term
from termbase.spotting.fuzzy import SLIP_EDITS, fuzzy_confidence
from termbase.spotting.wordlist import zipf

__all__ = ["MIN_ACRONYM", "Acronyms"]

MIN_ACRONYM = 5
"""Fewest letters of an acronym whose misspellings are looked for: among shorter ones, one slip
leads to too many other real acronyms (NATO / NAFO, OPEC / OPEX)."""
_CAPITALS = re.compile(r"(?<![\w-])[A-Z]{%d,}(?![\w+-])" % MIN_ACRONYM)
"""An all-capitals word of :data:`MIN_ACRONYM` letters or more, not part of a longer token."""
_ACRONYM = re.compile(r"[A-Z]{%d,}\Z" % MIN_ACRONYM)


class Acronyms:
    """The case-sensitive all-capitals terms of a glossary, by language, read from the concepts the
    first time a text holds an all-capitals word."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self._concepts = concepts
        self._read = False
        self._acronyms: dict[str, dict[str, list[tuple[Concept, Term]]]] = defaultdict(lambda: defaultdict(list))
        self._written: set[str] = set()  # every case-sensitive form, whatever its length

    def _read_concepts(self) -> None:
        for concept in self._concepts:
            for term in concept.terms:
                if not term.case_sensitive:
                    continue
                self._written.add(term.text)
                if _ACRONYM.match(term.text):
                    self._acronyms[primary_language(term.lang)][term.text].append((concept, term))
        self._read = True

    def spot(self, text: str, lang: str, hits: Sequence[Hit]) -> list[Hit]:
        """``hits`` plus a fuzzy hit on each misspelt acronym that they do not cover, in text order."""
        if _CAPITALS.search(text) is None:
            return list(hits)
        if not self._read:
            self._read_concepts()
        lang = primary_language(lang)
        acronyms = self._acronyms.get(lang)
        if not acronyms:
            return list(hits)
        covered = bytearray(len(text) + 1)
        for hit in hits:
            covered[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
        found: list[Hit] = []
        for match in _CAPITALS.finditer(text):
            word = match.group()
            if (covered.find(1, match.start(), match.end()) != -1 or word in self._written
                    or zipf(word.lower(), lang) > 0.0):
                continue
            near = sorted(acronym for acronym in acronyms
                          if len(word) >= len(acronym) and OSA.distance(word, acronym, score_cutoff=SLIP_EDITS) <= SLIP_EDITS)
            if near:
                found.append(self._hit(match.start(), word, near, acronyms))
        if not found:
            return list(hits)
        return sorted((*hits, *found), key=lambda h: (h.start, h.end))

    @staticmethod
    def _hit(start: int, word: str, near: list[str], acronyms: dict[str, list[tuple[Concept, Term]]]) -> Hit:
        entries = [entry for acronym in near for entry in acronyms[acronym]]
        ids = sorted({concept.id for concept, _ in entries})
        term = entries[0][1]
        score = fuzz.ratio(word, term.text)
        evidence = tuple(Evidence("slip", f"{word!r} is one edit from the acronym {acronym!r}") for acronym in near)
        evidence += (Evidence("frequency", f"{word!r} is no word the frequency list knows (Zipf 0)"),)
        return Hit(start=start, end=start + len(word), text=word, concept=ids[0] if len(ids) == 1 else None,
                   term=term, match=MatchKind.FUZZY, score=round(score, 2),
                   candidates=tuple(ids) if len(ids) > 1 else (),
                   confidence=fuzzy_confidence(score, "single-word", len(ids)), reasons=evidence)
