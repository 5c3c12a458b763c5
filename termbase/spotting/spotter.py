"""Finding every glossary term in running text, with exact spans in the original string."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from termbase.lookup import MatchKind
from termbase.normalize import FoldedText, fold_text
from termbase.spotting.forms import (
    ARTICLE,
    DETACHED_ARTICLES,
    DETACHED_CLITICS,
    Definiteness,
)
from termbase.spotting.hits import Hit
from termbase.spotting.index import KeyEntry, SpotIndex, language_of

__all__ = ["guess_language", "resolve_ambiguity", "spot_exact"]

MAX_PREFIX = 4  # longest clitic chain: وبال


_Candidate = tuple[int, int, int, str, int]
"""``(start, stem, end, prefix, key number)`` in the padded folded text; ``start`` includes the
prefix, ``end`` excludes the separator after the key."""


def guess_language(text: str) -> str:
    """``ar`` when Arabic letters outnumber Latin ones, else ``en``."""
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return "ar" if arabic > latin else "en"


def _accepts(entry: KeyEntry, prefix: str, detached: bool) -> bool:
    form = entry.form
    if not detached:
        return form.accepts(prefix)
    if prefix in DETACHED_ARTICLES:
        return form.definiteness is not Definiteness.INDEFINITE
    return prefix in DETACHED_CLITICS and form.definiteness is not Definiteness.DEFINITE


def _case_matches(entry: KeyEntry, original: str) -> bool:
    if not entry.term.case_sensitive:
        return True
    wanted = [c for c in entry.term.text if c.isalnum()]
    return [c for c in original if c.isalnum()] == wanted


def _candidates(index: SpotIndex, lang: str, padded: str) -> list[_Candidate]:
    """Automaton matches whose attached prefix some entry of the key may accept.

    This loop sees every match of the automaton, most of them keys that end a longer word, so it
    does the least it can: the entries are looked at only for the matches that win selection.
    """
    automaton = index.automata.get(lang)
    if automaton is None:
        return []
    lengths = index.key_lengths[lang]
    allowed = index.accepted_prefixes(lang)
    rfind = padded.rfind
    found: list[_Candidate] = []
    append = found.append
    for last, number in automaton.iter(padded):
        stem = last - lengths[number]
        if padded[stem - 1] == " ":
            append((stem, stem, last, "", number))
            continue
        boundary = rfind(" ", stem - MAX_PREFIX - 1 if stem > MAX_PREFIX else 0, stem)
        if boundary >= 0:
            prefix = padded[boundary + 1:stem]
            if prefix in allowed[number]:
                append((boundary + 1, stem, last, prefix, number))
    return found


def _select(candidates: list[_Candidate], size: int) -> list[_Candidate]:
    """Longest first; a candidate overlapping one already chosen is dropped."""
    taken = bytearray(size)
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[2], c[0])):
        start, end = candidate[0], candidate[2]
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(candidate)
    chosen.sort()
    return chosen


_EntryCache = dict[tuple[int, str, bool], list[KeyEntry]]


def _entries(index: SpotIndex, lang: str, padded: str, candidate: _Candidate, previous_end: int,
             cache: _EntryCache) -> tuple[int, str, list[KeyEntry]]:
    """The entries a chosen candidate stands for, with a detached clitic (لـ تركمانستان) joined."""
    start, _, _, prefix, number = candidate
    if not prefix:
        word_end = start - 1
        word_start = padded.rfind(" ", max(0, word_end - MAX_PREFIX - 1), word_end) + 1
        word = padded[word_start:word_end]
        if 0 < word_start and previous_end < word_start and (
            word in DETACHED_CLITICS or word in DETACHED_ARTICLES
        ):
            detached = _accepted_entries(index, lang, number, word, True, cache)
            if detached:
                return word_start, word, detached
    return start, prefix, _accepted_entries(index, lang, number, prefix, False, cache)


def _accepted_entries(index: SpotIndex, lang: str, number: int, prefix: str, detached: bool,
                      cache: _EntryCache) -> list[KeyEntry]:
    key = (number, prefix, detached)
    found = cache.get(key)
    if found is None:
        found = cache[key] = [e for e in index.entries[lang][number] if _accepts(e, prefix, detached)]
    return found


def _hit(folded: FoldedText, candidate: _Candidate, start_at: int, prefix: str,
         entries: list[KeyEntry]) -> Hit | None:
    stem, end_at = candidate[1], candidate[2]
    start, end = folded.original_span(start_at - 1, end_at - 1)
    stem_start = folded.starts[stem - 1] if prefix else start
    original = folded.original
    stem_text = original[stem_start:end]
    if len(entries) == 1:
        chosen = entries[0]
        if not _case_matches(chosen, stem_text):
            return None
        concepts = [chosen.concept.id]
    else:
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
        concepts = sorted(best)
        chosen = best[concepts[0]][1]
    own_article = prefix == ARTICLE and chosen.form.definiteness is not Definiteness.INDEFINITE
    text = original[start:end]
    if text == chosen.term.text:
        kind = MatchKind.EXACT
    elif prefix and not own_article:
        kind = MatchKind.CLITIC
    else:
        kind = MatchKind.NORMALIZED
    return Hit(
        start=start, end=end, text=text,
        concept=concepts[0] if len(concepts) == 1 else None,
        term=chosen.term, match=kind, score=100.0,
        candidates=tuple(concepts) if len(concepts) > 1 else (),
        prefix=original[start:stem_start] if prefix and not own_article else "",
    )


def spot_exact(index: SpotIndex, text: str, lang: str) -> list[Hit]:
    """Every glossary term of ``lang`` in ``text`` (exact, folded and clitic forms)."""
    lang = language_of(lang)
    folded = fold_text(text)
    padded = " " + folded.folded + " "
    hits: list[Hit] = []
    previous_end = 0
    cache: _EntryCache = {}
    for candidate in _select(_candidates(index, lang, padded), len(padded)):
        start_at, prefix, entries = _entries(index, lang, padded, candidate, previous_end, cache)
        if not entries:
            continue
        hit = _hit(folded, candidate, start_at, prefix, entries)
        if hit is not None:
            hits.append(hit)
            previous_end = candidate[2]
    return resolve_ambiguity(hits)


def resolve_ambiguity(hits: Sequence[Hit]) -> list[Hit]:
    """Resolve an ambiguous mention by the nearest unambiguous mention of one of its candidates.

    A shared surname after the full name of one person is that person; when no candidate is
    mentioned unambiguously, or several are at the same distance, the hit stays ambiguous.
    """
    ordered = all(a.end <= b.start for a, b in zip(hits, hits[1:]))
    by_concept: dict[str, list[Hit]] = {}
    for other in hits:
        if other.concept is not None and not other.ambiguous:
            by_concept.setdefault(other.concept, []).append(other)
    ends = {concept: [m.end for m in found] for concept, found in by_concept.items()}
    resolved: list[Hit] = []
    for hit in hits:
        if not hit.ambiguous or hit.concept is not None:
            resolved.append(hit)
            continue
        if ordered:  # disjoint hits in text order: only the nearest mention on each side counts
            mentions = []
            for concept in hit.candidates:
                found = by_concept.get(concept, [])
                at = bisect_right(ends.get(concept, []), hit.start)
                mentions += found[max(0, at - 1):at + 1]
        else:
            mentions = [
                other for other in hits
                if other.concept in hit.candidates and not other.ambiguous
            ]
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
