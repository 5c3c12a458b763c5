"""Names built on another name with a head word: "Karaganda Region", مقاطعة كاراغاندا, "Kazakh SSR".

The glossary lists such a name as its own concept, related to the name it contains, and the
longest match wins when the text writes one of its terms. This module reads the same structure
from the glossary to catch the forms it does not list: a concept whose term is another related
concept's term plus one head word (Region, Province, Oblast; مقاطعة, ولاية) *nests* that concept.
A mention of the inner name then names the nesting concept when

* a head word of the same kind stands right after it ("Karagandy Region", "Samarkand Province":
  every head word that the glossary puts after a name is one kind of head), or right before it in
  Arabic (بمقاطعة كاراغاندا);
* English writes the head first with "of" ("the region of Jizzakh");
* it is coordinated with a name that has the head in the plural ("the Jizzakh and Samarkand
  regions").

Nothing is listed by hand: the head words are those of the glossary's own nested terms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from termbase.arabic import bare_readings
from termbase.langtags import primary_language
from termbase.matches import Evidence, Hit
from termbase.model import Concept, Term
from termbase.normalize import fold
from termbase.spotting.names import PEOPLE_SUBJECT

__all__ = ["NESTED_CONFIDENCE", "Nesting", "nest"]

NESTED_CONFIDENCE = 0.9
"""Confidence of a name read as the nesting concept through a head word the term does not list."""

_WORD_AFTER = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")
_HEAD_OF_BEFORE = re.compile(r"\b([^\W\d_]+)[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t\u00a0]+\Z")
_COORDINATION = re.compile(r"\A(?:[ \t\u00a0]*,)?[ \t\u00a0]+(?:and|or|&)[ \t\u00a0]+\Z|\A[ \t\u00a0]*,[ \t\u00a0]*\Z", re.IGNORECASE)
_WINDOW = 40


@dataclass(frozen=True, slots=True)
class Nesting:
    """The nesting concepts of each inner concept per language, and the head words each may take."""

    outer: Mapping[tuple[str, str], tuple[tuple[Concept, Term, str, bool], ...]]
    """(inner concept id, language) -> (nesting concept, its nested term, head word folded, head first)."""
    heads: Mapping[tuple[str, str, bool], frozenset[str]]
    """(inner concept id, language, head first) -> the head words of its own nested terms and the
    head words of the same kind (those that some other inner concept takes beside one of them)."""

    @classmethod
    def build(cls, concepts: Mapping[str, Concept]) -> Nesting:
        """Read the nested terms of ``concepts``: a term that is a related concept's term and one
        word, both concepts of one subject field and neither a person."""
        outer: dict[tuple[str, str], list[tuple[Concept, Term, str, bool]]] = defaultdict(list)
        related_by: dict[str, set[str]] = defaultdict(set)  # concept id -> the concepts that relate to it
        for concept in concepts.values():
            for related_id in concept.related:
                related_by[related_id].add(concept.id)
        for concept in concepts.values():
            if concept.subject in (None, PEOPLE_SUBJECT):
                continue
            inner_ids = set(concept.related) | related_by.get(concept.id, set())
            for inner_id in sorted(inner_ids):
                inner = concepts.get(inner_id)
                if inner is None or inner.subject != concept.subject:
                    continue
                for term in concept.terms:
                    lang = primary_language(term.lang)
                    words = fold(term.text).split(" ")
                    names = {fold(t.text) for t in inner.terms if primary_language(t.lang) == lang}
                    if len(words) < 2:
                        continue
                    if " ".join(words[:-1]) in names:
                        outer[(inner_id, lang)].append((concept, term, words[-1], False))
                    elif " ".join(words[1:]) in names:
                        outer[(inner_id, lang)].append((concept, term, words[0], True))
        heads: dict[tuple[str, str, bool], frozenset[str]] = {}
        for first in (False, True):
            own = {key: {head for _, _, head, before in found if before is first} for key, found in outer.items()}
            kind: dict[str, set[str]] = defaultdict(set)  # head -> heads taken beside it by one inner concept
            for taken in own.values():
                for head in taken:
                    kind[head] |= taken
            heads.update({(*key, first): frozenset(set().union(*(kind[h] for h in taken)))
                          for key, taken in own.items()})
        return cls({key: tuple(found) for key, found in outer.items()}, heads)


def _head(word: str, heads: frozenset[str], lang: str) -> tuple[str, bool] | None:
    """The head word that ``word`` writes, and whether in the English plural (regions), or None."""
    folded = fold(word)
    if folded in heads:
        return folded, False
    if lang == "en" and folded.endswith("s") and folded[:-1] in heads:
        return folded[:-1], True
    return None


def nest(hits: Sequence[Hit], text: str, lang: str, nesting: Nesting) -> list[Hit]:
    """``hits`` with the inner names that a head word makes name their nesting concept."""
    lang = primary_language(lang)
    result = list(hits)
    plural: dict[int, str] = {}  # hit position -> the plural head after it, for coordination
    for i in range(len(result) - 1, -1, -1):
        hit = result[i]
        if hit.concept is None or (hit.concept, lang) not in nesting.outer:
            continue
        found = nesting.outer[(hit.concept, lang)]
        heads, heads_first = (nesting.heads[(hit.concept, lang, first)] for first in (False, True))
        start, end, head, how = hit.start, hit.end, "", ""
        following = _WORD_AFTER.match(text, hit.end, hit.end + _WINDOW)
        preceding = _WORD_BEFORE.search(text, max(0, hit.start - _WINDOW), hit.start)
        head_of = _HEAD_OF_BEFORE.search(text, max(0, hit.start - _WINDOW), hit.start) if lang == "en" else None
        after = _head(following.group(1), heads, lang) if following is not None else None
        if following is not None and after is not None:
            end, head, how = following.end(), after[0], f"followed by {following.group(1)!r}"
            if after[1]:  # written in the plural: "the Jizzakh and Samarkand regions"
                plural[i] = head
        elif head_of is not None and fold(head_of.group(1)) in heads:
            start, head, how = head_of.start(1), fold(head_of.group(1)), f"after {head_of.group(0).strip()!r}"
        elif i + 1 in plural and _COORDINATION.match(text[hit.end:result[i + 1].start]):
            head = plural[i] = plural[i + 1]
            how = f"coordinated with {result[i + 1].text!r} before the plural head"
        elif lang == "ar" and preceding is not None:
            word = fold(preceding.group(1))
            stem = next((bare for bare in bare_readings(word) if bare in heads_first), "")
            if stem:
                start, head, how = preceding.start(1), stem, f"after {preceding.group(1)!r}"
        if not head:
            continue
        same = [f for f in found if f[2] == head] or [f for f in found if f[3] is (lang == "ar" and start < hit.start)]
        if len({outer.id for outer, *_ in same}) != 1:
            continue  # several concepts nest the name, none with this head: no guess
        outer, term, _, _ = same[0]
        evidence = Evidence("nested", f"{hit.text!r} {how}: {outer.id} ({term.text!r})")
        result[i] = hit._replace(start=start, end=end, text=text[start:end], concept=outer.id, term=term,
                                 candidates=(), resolution=None, prefix=hit.prefix if start == hit.start else "",
                                 confidence=round(NESTED_CONFIDENCE * hit.confidence, 3),
                                 reasons=hit.reasons + (evidence,))
    widened = [(h.start, h.end) for h in result if any(e.rule == "nested" for e in h.reasons)]
    return [h for h in result if not any(s < h.end and h.start < e and (s, e) != (h.start, h.end) for s, e in widened)]
