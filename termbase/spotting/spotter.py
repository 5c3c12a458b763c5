"""Finding every glossary term in running text, with exact spans in the original string."""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter
from collections.abc import Sequence
from dataclasses import replace

from termbase._gc import gc_paused
from termbase.lookup import MatchKind
from termbase.normalize import FoldedText, fold_text
from termbase.spotting.forms import (
    ARTICLE,
    DETACHED_ARTICLES,
    DETACHED_CLITICS,
    Definiteness,
)
from termbase.spotting.hits import Hit
from termbase.spotting.index import PREFIX_BITS, PREFIXES, KeyEntry, SpotIndex, language_of

__all__ = ["guess_language", "resolve_ambiguity", "spot_exact"]

MAX_PREFIX = 4  # longest clitic chain: وبال


_Candidate = tuple[int, int, int, int, str, int]
"""``(start - end, start, stem, end, prefix, key number)`` in the padded folded text: ``start``
includes the prefix, ``end`` excludes the separator after the key. Tuples in this order sort
longest first, then leftmost."""


_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z]")


def guess_language(text: str) -> str:
    """``ar`` when Arabic letters outnumber Latin ones, else ``en`` (counted by the regex engine)."""
    arabic = _ARABIC_LETTER.subn("", text)[1]
    latin = _LATIN_LETTER.subn("", text)[1]
    return "ar" if arabic > latin else "en"


def _case_matches(entry: KeyEntry, original: str) -> bool:
    if not entry.term.case_sensitive:
        return True
    wanted = [c for c in entry.term.text if c.isalnum()]
    return [c for c in original if c.isalnum()] == wanted


def _candidates(index: SpotIndex, lang: str, padded: str) -> list[_Candidate]:
    """Whole words (with an accepted clitic chain) that are keys, from one backward scan."""
    automaton = index.automata.get(lang)
    if automaton is None:
        return []
    lengths = index.key_lengths[lang]
    last = len(padded) - 1
    mask = (1 << PREFIX_BITS) - 1
    found: list[_Candidate] = []
    append = found.append
    for end, value in automaton.iter(padded[::-1]):
        number = value >> PREFIX_BITS
        prefix = PREFIXES[value & mask]
        start = last - end + 1  # the backward match ends on the separator before the word
        stem = start + len(prefix)
        stop = stem + lengths[number]
        append((start - stop, start, stem, stop, prefix, number))
    return found


def _select(candidates: list[_Candidate], size: int) -> list[_Candidate]:
    """Longest first; a candidate overlapping one already chosen is dropped. In text order."""
    taken = bytearray(size)
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates):
        start, end = candidate[1], candidate[3]
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(candidate)
    chosen.sort(key=itemgetter(1))
    return chosen


def _detached_word(padded: str, start: int, previous_end: int) -> tuple[int, str] | None:
    """A clitic or article written apart just before ``start`` (لـ تركمانستان, الـ كرملين)."""
    word_end = start - 1
    word_start = padded.rfind(" ", max(0, word_end - MAX_PREFIX - 1), word_end) + 1
    if word_start <= 0 or word_start <= previous_end:
        return None
    word = padded[word_start:word_end]
    return (word_start, word) if word in DETACHED_CLITICS or word in DETACHED_ARTICLES else None


def _best_entry(entries: list[KeyEntry], stem_text: str) -> tuple[KeyEntry, list[str]] | None:
    """The entry to report for a mention that several entries fit, and the concepts it may name."""
    best: dict[str, tuple[tuple[bool, bool, int], KeyEntry]] = {}
    for entry in entries:
        if not _case_matches(entry, stem_text):
            continue
        rank = (entry.term.text != stem_text, entry.form.variant, entry.term.status.rank)
        current = best.get(entry.concept.id)
        if current is None or rank < current[0]:
            best[entry.concept.id] = (rank, entry)
    if not best:
        return None
    ids = sorted(best)
    return best[ids[0]][1], ids


def spot_exact(index: SpotIndex, text: str, lang: str, *, folded: FoldedText | None = None) -> list[Hit]:
    """Every glossary term of ``lang`` in ``text`` (exact, folded and clitic forms).

    ``folded`` is ``fold_text(text)`` when the caller has it already. Runs with the cyclic garbage
    collector paused: the hits hold no cycles, and a collection triggered by their allocation
    would walk the whole index of a large glossary.
    """
    with gc_paused():
        return _spot(index, folded if folded is not None else fold_text(text), lang)


def _spot(index: SpotIndex, folded: FoldedText, lang: str) -> list[Hit]:
    """:func:`spot_exact`. This loop runs once per term occurrence, so it keeps to local names and
    memoizes, per key and prefix, which of the key's entries accept the prefix."""
    lang = language_of(lang)
    entries_of = index.entries.get(lang)
    if entries_of is None:
        return []
    padded = " " + folded.folded + " "
    starts, ends, original = folded.starts, folded.ends, folded.original
    accepted = index.accepted_entries.setdefault(lang, {})
    hits: list[Hit] = []
    previous_end = 0
    exact, clitic, normalized = MatchKind.EXACT, MatchKind.CLITIC, MatchKind.NORMALIZED
    for _, start_at, stem_at, end_at, prefix, number in _select(_candidates(index, lang, padded), len(padded)):
        detached = _detached_word(padded, start_at, previous_end) if not prefix else None
        entries: list[KeyEntry] | None = None
        if detached is not None:
            entries = accepted.get((number, detached[1], True))
            if entries is None:
                entries = accepted[(number, detached[1], True)] = [
                    e for e in entries_of[number] if e.form.accepts_detached(detached[1])
                ]
            if entries:
                start_at, prefix = detached
        if not entries:
            entries = accepted.get((number, prefix, False))
            if entries is None:
                entries = accepted[(number, prefix, False)] = [
                    e for e in entries_of[number] if e.form.accepts(prefix)
                ]
            if not entries:
                continue
        # Padded positions are one more than folded ones.
        start = starts[start_at - 1]
        end = ends[end_at - 2]
        stem_start = starts[stem_at - 1] if prefix else start
        stem_text = original[stem_start:end]
        concept: str | None
        candidates: tuple[str, ...] = ()
        if len(entries) == 1:
            chosen = entries[0]
            if chosen.term.case_sensitive and not _case_matches(chosen, stem_text):
                continue
            concept = chosen.concept.id
        else:
            best = _best_entry(entries, stem_text)
            if best is None:
                continue
            chosen, ids = best
            concept, candidates = (ids[0], ()) if len(ids) == 1 else (None, tuple(ids))
        own_article = prefix == ARTICLE and chosen.form.definiteness is not Definiteness.INDEFINITE
        written = original[start:end]
        if written == chosen.term.text:
            kind = exact
        elif prefix and not own_article:
            kind = clitic
        else:
            kind = normalized
        shown = original[start:stem_start] if prefix and not own_article else ""
        hits.append(Hit(start, end, written, concept, chosen.term, kind, 100.0, candidates, None, shown))
        previous_end = end_at
    return resolve_ambiguity(hits)


def resolve_ambiguity(hits: Sequence[Hit]) -> list[Hit]:
    """Resolve an ambiguous mention by the nearest unambiguous mention of one of its candidates.

    A shared surname after the full name of one person is that person; when no candidate is
    mentioned unambiguously, or several are at the same distance, the hit stays ambiguous.
    """
    wanted = {c for hit in hits if hit.concept is None for c in hit.candidates}
    if not wanted:
        return list(hits)
    ordered = all(a.end <= b.start for a, b in zip(hits, hits[1:]))
    by_concept: dict[str, list[Hit]] = {}
    for other in hits:
        if other.concept in wanted and not other.candidates:
            by_concept.setdefault(other.concept, []).append(other)
    ends = {concept: [m.end for m in found] for concept, found in by_concept.items()}
    resolved: list[Hit] = []
    for hit in hits:
        if hit.concept is not None or not hit.candidates:
            resolved.append(hit)
            continue
        if ordered:  # disjoint hits in text order: only the nearest mention on each side counts
            mentions = []
            for concept in hit.candidates:
                found = by_concept.get(concept, [])
                at = bisect_right(ends.get(concept, []), hit.start)
                mentions += found[max(0, at - 1):at + 1]
        else:
            mentions = [other for other in hits if other.concept in hit.candidates and not other.candidates]
        if not mentions:
            resolved.append(hit)
            continue
        distance = [
            (hit.start - m.end if m.end <= hit.start else m.start - hit.end, m.start > hit.start, m)
            for m in mentions
        ]
        distance.sort(key=lambda d: (d[0], d[1]))
        nearest = [d for d in distance if d[0] == distance[0][0] and d[1] == distance[0][1]]
        if len({d[2].concept for d in nearest}) > 1:
            resolved.append(hit)
            continue
        mention = distance[0][2]
        where = "earlier" if mention.end <= hit.start else "later"
        note = f"{where} mention {mention.text!r} at [{mention.start}, {mention.end})"
        resolved.append(replace(hit, concept=mention.concept, resolution=note))
    return resolved
