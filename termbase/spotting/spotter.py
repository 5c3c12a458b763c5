"""Finding every glossary term in running text, with exact spans in the original string."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from termbase.lookup import MatchKind
from termbase.normalize import FoldedText, fold_text
from termbase.spotting.forms import (
    ARTICLE,
    DETACHED_ARTICLES,
    DETACHED_CLITICS,
    Definiteness,
    is_arabic,
)
from termbase.spotting.hits import Hit
from termbase.spotting.index import KeyEntry, SpotIndex, language_of

__all__ = ["guess_language", "resolve_ambiguity", "spot_exact"]

MAX_PREFIX = 4  # longest clitic chain: وبال


@dataclass(slots=True)
class _Candidate:
    start: int  # in the padded folded text, prefix included
    stem: int  # where the key starts
    end: int  # exclusive, without the trailing separator
    prefix: str
    detached: bool
    entries: list[KeyEntry]


def guess_language(text: str) -> str:
    """``ar`` when Arabic letters outnumber Latin ones, else ``en``."""
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return "ar" if arabic > latin else "en"


def _accepts(entry: KeyEntry, prefix: str, detached: str | None) -> bool:
    form = entry.form
    if detached is None:
        return form.accepts(prefix)
    if detached in DETACHED_ARTICLES:
        return form.definiteness is not Definiteness.INDEFINITE
    return detached in DETACHED_CLITICS and form.definiteness is not Definiteness.DEFINITE


def _case_matches(entry: KeyEntry, original: str) -> bool:
    if not entry.term.case_sensitive:
        return True
    wanted = [c for c in entry.term.text if c.isalnum()]
    return [c for c in original if c.isalnum()] == wanted


def _previous_word(padded: str, before: int) -> tuple[int, str] | None:
    """The word that ends just before the separator at ``before``."""
    if before < 1 or padded[before] != " ":
        return None
    start = padded.rfind(" ", max(0, before - MAX_PREFIX - 1), before)
    if start < 0:
        return None
    return start + 1, padded[start + 1:before]


def _candidates(index: SpotIndex, lang: str, padded: str) -> list[_Candidate]:
    automaton = index.automata.get(lang)
    if automaton is None:
        return []
    entries_of = index.entries[lang]
    lengths = index.key_lengths[lang]
    allowed = index.accepted_prefixes(lang)
    found: list[_Candidate] = []
    for last, number in automaton.iter(padded):
        stem = last - lengths[number]
        boundary = padded.rfind(" ", max(0, stem - MAX_PREFIX - 1), stem)
        if boundary < 0:
            continue
        prefix = padded[boundary + 1:stem]
        if prefix and prefix not in allowed[number]:
            continue  # the key ends a longer word (most automaton matches): no entry accepts it
        entries = [e for e in entries_of[number] if _accepts(e, prefix, None)]
        start, detached = boundary + 1, False
        if not prefix:
            previous = _previous_word(padded, boundary)
            if previous is not None and (previous[1] in DETACHED_CLITICS or previous[1] in DETACHED_ARTICLES):
                with_clitic = [e for e in entries_of[number] if _accepts(e, "", previous[1])]
                if with_clitic and is_arabic(previous[1]):
                    entries, start, detached = with_clitic, previous[0], True
                    prefix = previous[1]
        if entries:
            found.append(_Candidate(start, stem, last, prefix, detached, entries))
    return found


def _select(candidates: list[_Candidate], size: int) -> list[_Candidate]:
    """Longest first; a candidate overlapping one already chosen is dropped."""
    taken = bytearray(size)
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if taken.find(1, candidate.start, candidate.end) != -1:
            continue
        taken[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
        chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _hit(folded: FoldedText, candidate: _Candidate) -> Hit | None:
    start, end = folded.original_span(candidate.start - 1, candidate.end - 1)
    stem_start, _ = folded.original_span(candidate.stem - 1, candidate.end - 1)
    original = folded.original
    stem_text = original[stem_start:end]
    entries = [e for e in candidate.entries if _case_matches(e, stem_text)]
    if not entries:
        return None
    best: dict[str, KeyEntry] = {}
    for entry in entries:
        rank = (entry.term.text != stem_text, entry.form.variant, entry.term.status.rank)
        current = best.get(entry.concept.id)
        if current is None or rank < (current.term.text != stem_text, current.form.variant, current.term.status.rank):
            best[entry.concept.id] = entry
    concepts = sorted(best)
    chosen = best[concepts[0]]
    own_article = chosen.form.definiteness is not Definiteness.INDEFINITE and candidate.prefix == ARTICLE
    if original[start:end] == chosen.term.text:
        kind = MatchKind.EXACT
    elif candidate.prefix and not own_article:
        kind = MatchKind.CLITIC
    else:
        kind = MatchKind.NORMALIZED
    return Hit(
        start=start, end=end, text=original[start:end],
        concept=concepts[0] if len(concepts) == 1 else None,
        term=chosen.term, match=kind, score=100.0,
        candidates=tuple(concepts) if len(concepts) > 1 else (),
        prefix=original[start:stem_start] if candidate.prefix and not own_article else "",
    )


def spot_exact(index: SpotIndex, text: str, lang: str) -> list[Hit]:
    """Every glossary term of ``lang`` in ``text`` (exact, folded and clitic forms)."""
    folded = fold_text(text)
    padded = " " + folded.folded + " "
    chosen = _select(_candidates(index, language_of(lang), padded), len(padded))
    hits = [hit for hit in (_hit(folded, c) for c in chosen) if hit is not None]
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
