"""Concordance: the stored segments whose source holds a word or phrase, with its rendering.

Matching is on folded tokens and, in Arabic, clitic-aware: «نفط» finds نفط, النفط, والنفط (و +
النفط), ونفط, بنفط …, and «النفط» finds the same words. Candidates come from the inverted index
(rows holding a form of the first word), then the phrase is checked token by token. The rendering
in the targets is found by :func:`termbase.tm.alignment.best_rendering` and marked in each line.
"""

from __future__ import annotations

from dataclasses import dataclass

from termbase.arabic import ARTICLE, INDEFINITE_PREFIXES
from termbase.tm.alignment import BACKGROUND, Rendering, best_rendering, find_ngram
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
    """Every line (oldest first, at most ``limit``), how many there are, and the likely rendering."""

    query: str
    total: int
    lines: tuple[ConcordanceLine, ...]
    rendering: Rendering | None


def word_forms(token: str, lang: str | None) -> frozenset[str]:
    """The stored tokens that count as ``token``: itself, and in Arabic with or without the article
    and with a clitic chain glued to the bare word."""
    if not is_arabic_tag(lang):
        return frozenset({token})
    stem = token[len(ARTICLE):] if token.startswith(ARTICLE) and len(token) > len(ARTICLE) + 1 else token
    forms = {stem, ARTICLE + stem}
    forms.update(chain + stem for chain in INDEFINITE_PREFIXES if chain)
    return frozenset(forms)


def concordance(
    memory: TranslationMemory, word: str, *, lang: str = "ar", target_lang: str | None = None, limit: int = 50,
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
    rows_by_id: dict[int, int] = {}
    for row in sorted(rows):
        sequence = entry.index.row(row)
        for start in range(len(sequence) - len(wanted) + 1):
            if all(int(sequence[start + i]) in accepted[i] for i in range(len(wanted))):
                places.append((entry.ids[row], start, start + len(wanted) - 1))
                rows_by_id[entry.ids[row]] = row
                break
    by_id = {s.id: s for s in memory.store.segments(p[0] for p in places)}
    if target_lang is not None:
        group = language_group(target_lang)
        places = [p for p in places if language_group(by_id[p[0]].target_lang) == group]
    hits = [by_id[p[0]] for p in places]
    hit_ids = {s.id for s in hits}
    background = (
        tokens(s.target, s.target_lang) for s in memory.store.sample(BACKGROUND, exclude=hit_ids)
    )
    rendering = best_rendering([tokens(s.target, s.target_lang) for s in hits], background,
                               [first / max(len(entry.index.row(rows_by_id[sid])), 1) for sid, first, _ in places])
    lines = []
    for segment_id, first, last in places[:limit]:
        segment = by_id[segment_id]
        spans = tokenize(segment.source, segment.source_lang)
        target_span = find_ngram(segment.target, segment.target_lang, rendering.key) if rendering else None
        lines.append(ConcordanceLine(segment, (spans[first].start, spans[last].end), target_span))
    return Concordance(word, len(places), tuple(lines), rendering)
