"""Misspelt acronyms: BRICCS for BRICS.

A glossary acronym is a case-sensitive term, matched as written by the exact pass and never by the
fuzzy pass (whose keys fold case: BRICS is not "brics"). An all-capitals word that the exact pass
left over is read as a misspelling of an acronym of :data:`MIN_ACRONYM` letters or more when it is
one slip from it (optimal string alignment: a letter dropped, added or changed, or two neighbours
swapped) and no shorter than it (a letter dropped often makes another real acronym: BRIC beside
BRICS), and when it is neither a term of the glossary nor a word the language knows (a headline's
REPORTS). It is a hypothesis: a fuzzy hit with its confidence and evidence, ambiguous when it is one
slip from several acronyms.

An acronym the text spells out as another thing is that thing (:func:`defined_otherwise`): news
writes an organisation's name once with its acronym in brackets, "the New Patriotic Party (NPP)",
"the Communist Party of China (CPC)", or the other way round, and then the acronym alone. When the
initials of the capitalised words beside the brackets spell a glossary acronym and fewer than half
of those words are words of its concept's terms (Nuclear Power Plant, Caspian Pipeline Consortium),
the acronym names the thing spelled out everywhere in the text and is no hit of that concept; a
spelling of the concept's own name (the Shanghai Cooperation Organisation (SCO)) keeps it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne

from termbase.langtags import primary_language
from termbase.matches import Evidence, Hit, MatchKind, covered
from termbase.model import Concept, Term
from termbase.normalize import fold
from termbase.spotting.fuzzy import SLIP_EDITS, fuzzy_confidence
from termbase.spotting.names import own_words
from termbase.spotting.wordlist import zipf

__all__ = ["MIN_ACRONYM", "Acronyms", "defined_otherwise"]

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
        taken = covered(hits, len(text))
        found: list[Hit] = []
        for match in _CAPITALS.finditer(text):
            word = match.group()
            if (taken.find(1, match.start(), match.end()) != -1 or word in self._written
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


_BRACKETED = re.compile(r"\(([A-Z][A-Z&]*[A-Z])\)")
"""An acronym in brackets, after the name it stands for: the New Patriotic Party (NPP)."""
_BEFORE_BRACKETS = re.compile(r"(?<![\w-])([A-Z][A-Z&]*[A-Z])[ \t\u00a0]+\(([^()]{3,80})\)")
"""An acronym before the name it stands for, in brackets: NPP (New Patriotic Party)."""
_NAME_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_LINKS = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "&"})
"""Lower-case words inside a name that give no initial: the Board of Control for Cricket in India."""
OWN_WORD_CUTOFF = 85
"""Similarity (rapidfuzz ratio) at which a word spelled out is a word of the concept's terms
(Organisation for Organization)."""


def _spelled_out(acronym: str, words: Sequence[str]) -> list[str] | None:
    """The capitalised words at the end of ``words`` whose initials spell ``acronym`` (the linking
    words between them skipped), or None."""
    letters = acronym.replace("&", "")
    found: list[str] = []
    for word in reversed(words):
        if word in _LINKS:
            continue
        if not word[:1].isupper() or len(found) == len(letters):
            break
        found.append(word)
    found.reverse()
    if len(found) == len(letters) and all(w[0].upper() == c for w, c in zip(found, letters)):
        return found
    return None


def _definitions(text: str) -> dict[str, list[list[str]]]:
    """Each acronym the text spells out, with the words of each spelling."""
    spelled: dict[str, list[list[str]]] = defaultdict(list)
    for match in _BRACKETED.finditer(text):
        words = _NAME_WORD.findall(text[max(0, match.start() - 160):match.start()])
        found = _spelled_out(match.group(1), words)
        if found:
            spelled[match.group(1)].append(found)
    for match in _BEFORE_BRACKETS.finditer(text):
        found = _spelled_out(match.group(1), _NAME_WORD.findall(match.group(2)))
        if found:
            spelled[match.group(1)].append(found)
    return spelled


def _names_concept(words: Sequence[str], concept: Concept) -> bool:
    """Whether half or more of ``words`` are words of ``concept``'s terms."""
    own = sorted(own_words(concept))
    alike = sum(1 for word in words if extractOne(fold(word), own, score_cutoff=OWN_WORD_CUTOFF) is not None)
    return 2 * alike >= len(words)


def defined_otherwise(hits: Sequence[Hit], text: str, concepts: Callable[[str], Concept | None]) -> list[Hit]:
    """``hits`` without the acronyms that the text spells out as something other than their
    concept (see the module; ``concepts`` gives a concept by id)."""
    if "(" not in text or not any(h.term is not None and h.term.case_sensitive and h.text.isupper() for h in hits):
        return list(hits)
    spelled = _definitions(text)
    if not spelled:
        return list(hits)
    kept: list[Hit] = []
    for hit in hits:
        spellings = spelled.get(hit.text)
        if spellings and hit.term is not None and hit.term.case_sensitive:
            ids = (hit.concept,) if hit.concept is not None else hit.candidates
            named = [c for c in map(concepts, ids) if c is not None]
            if named and not any(_names_concept(words, c) for words in spellings for c in named):
                continue
        kept.append(hit)
    return kept
