"""Concordance: the stored segments whose source holds a word or phrase, with its rendering.

Matching is on folded tokens and, in Arabic, clitic-aware: «نفط» finds نفط, النفط, والنفط (و +
النفط), ونفط, بنفط …, and «النفط» finds the same words. Candidates come from the inverted index
(rows holding a form of the first word), then the phrase is checked token by token. The rendering
in the targets is the glossary's when the word is a glossary term and a termbase is given (each
line's target spotted for that concept), otherwise the target n-gram most associated with the
lines (:func:`termbase.tm.alignment.best_rendering`); it is marked in each line.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from termbase.arabic import ARTICLE, INDEFINITE_PREFIXES
from termbase.termbase import Termbase
from termbase.tm.alignment import BACKGROUND, best_rendering, find_ngram
from termbase.tm.memory import TranslationMemory, language_group
from termbase.tm.store import StoredSegment
from termbase.tm.tokens import is_arabic_tag, tokenize, tokens

__all__ = ["Concordance", "ConcordanceLine", "concordance", "word_forms"]


@dataclass(frozen=True, slots=True)
class ConcordanceLine:
    """A segment holding the word: the word's span in the source, the rendering's in the target."""

    segment: StoredSegment
    source_span: tuple[int, int]
    target_span: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Concordance:
    """Every line (oldest first, at most ``limit``), how many there are, and the likely rendering.

    ``rendering`` is the commonest target rendering (the glossary term as listed, or the folded
    n-gram), found in ``rendered`` lines; ``evidence``
    says how it was found: ``glossary`` (the word is a term of ``concept``) or ``co-occurrence``.
    """

    query: str
    total: int
    lines: tuple[ConcordanceLine, ...]
    rendering: str | None
    rendered: int = 0
    evidence: str | None = None
    concept: str | None = None


def word_forms(token: str, lang: str | None) -> frozenset[str]:
    """The stored tokens that count as ``token``: itself, and in Arabic with or without the article
    and with a clitic chain glued to the bare word."""
    if not is_arabic_tag(lang):
        return frozenset({token})
    stem = token[len(ARTICLE):] if token.startswith(ARTICLE) and len(token) > len(ARTICLE) + 1 else token
    forms = {stem, ARTICLE + stem}
    forms.update(chain + stem for chain in INDEFINITE_PREFIXES if chain)
    return frozenset(forms)


def _glossary_concept(termbase: Termbase, word: str, lang: str) -> str | None:
    """The concept of ``word`` when one glossary term covers all of it."""
    hits = termbase.spot(word, lang=lang, fuzzy=False)
    spans = [h for h in hits if h.concept and h.end - h.start >= len(word.strip()) - 1]
    concepts = {h.concept for h in spans}
    return spans[0].concept if len(concepts) == 1 else None


def concordance(
    memory: TranslationMemory, word: str, *, lang: str = "ar", target_lang: str | None = None, limit: int = 50,
    termbase: Termbase | None = None,
) -> Concordance:
    """The segments in ``lang`` whose source holds ``word`` (a word or phrase)."""
    wanted = tokens(word, lang)
    entry = memory.word_index(language_group(lang))
    if not wanted or entry is None or entry.index is None:
        return Concordance(word, 0, (), None)
    vocabulary = entry.vocabulary
    accepted = [{vocabulary[f] for f in word_forms(t, lang) if f in vocabulary} for t in wanted]
    if any(not ids for ids in accepted):
        return Concordance(word, 0, (), None)
    rows: set[int] = set()
    for token_id in accepted[0]:
        rows.update(int(r) for r in entry.index.rows_of(token_id))
    places: list[tuple[int, int, int]] = []  # (segment id, first token, last token)
    for row in sorted(rows):
        sequence = entry.index.row(row)
        for start in range(len(sequence) - len(wanted) + 1):
            if all(int(sequence[start + i]) in accepted[i] for i in range(len(wanted))):
                places.append((entry.ids[row], start, start + len(wanted) - 1))
                break
    by_id = {s.id: s for s in memory.store.segments(p[0] for p in places)}
    if target_lang is not None:
        group = language_group(target_lang)
        places = [p for p in places if language_group(by_id[p[0]].target_lang) == group]
    hits = [by_id[p[0]] for p in places]
    concept = _glossary_concept(termbase, word, lang) if termbase is not None else None
    spans: dict[int, tuple[int, int]] = {}
    rendering: str | None = None
    evidence: str | None = None
    rendered = 0
    if concept is not None and termbase is not None:
        written: Counter[str] = Counter()
        for segment in hits:
            found = [h for h in termbase.spot(segment.target, lang=segment.target_lang) if h.concept == concept]
            if found:
                spans[segment.id] = (found[0].start, found[0].end)
                written[found[0].term.text] += 1
        rendering = written.most_common(1)[0][0] if written else None
        rendered, evidence = len(spans), "glossary"
    else:
        hit_ids = {s.id for s in hits}
        background = (tokens(s.target, s.target_lang) for s in memory.store.sample(BACKGROUND, exclude=hit_ids))
        association = best_rendering([tokens(s.target, s.target_lang) for s in hits], background)
        if association is not None:
            rendering, rendered, evidence = association.key, association.hits, "co-occurrence"
        for segment in hits:
            span = find_ngram(segment.target, segment.target_lang, association.key) if association else None
            if span is not None:
                spans[segment.id] = span
    lines = []
    for segment_id, first, last in places[:limit]:
        segment = by_id[segment_id]
        words = tokenize(segment.source, segment.source_lang)
        lines.append(ConcordanceLine(segment, (words[first].start, words[last].end), spans.get(segment_id)))
    return Concordance(word, len(places), tuple(lines), rendering, rendered, evidence, concept)
