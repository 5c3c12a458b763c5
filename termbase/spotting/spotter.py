"""Finding every glossary term in running text, with exact spans in the original string."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import compress, pairwise
from operator import attrgetter

import numpy as np
import numpy.typing as npt

from termbase.arabic import ARABIC_LETTER
from termbase.langtags import primary_language
from termbase.matches import Evidence, Hit, MatchKind
from termbase.model import Concept
from termbase.normalize import FoldedText, fold, fold_text
from termbase.spotting.index import PREFIX_BITS, PREFIX_MASK, Matches, SpotIndex
from termbase.spotting.readings import Rendering

__all__ = ["guess_language", "longest_disjoint", "resolve_ambiguity", "resolve_by_marks", "spot_exact"]

_LATIN_LETTER = re.compile("[A-Za-z]")
_new_hit = tuple.__new__
RESOLVED_CONFIDENCE = 0.95
"""Confidence of a shared name resolved by the nearest full mention before it."""
_concept_of = attrgetter("concept")


def guess_language(text: str) -> str:
    """``ar`` when Arabic letters outnumber Latin ones, else ``en``.

    The letters are counted over the code points with a table of the Basic Multilingual Plane,
    made once from the two letter patterns themselves; the few characters beyond it are matched
    with the patterns.
    """
    if text.isascii():  # a flag of the string: no Arabic letter, whatever the count of Latin ones
        return "en"
    basic = text.encode("utf-16-le", "surrogatepass")
    if len(basic) == 2 * len(text):  # no code point past U+FFFF: each one a 16-bit code, the table's index
        classes = np.take(_letter_classes(), np.frombuffer(basic, dtype=np.uint16))
        return "ar" if np.count_nonzero(classes == _ARABIC) > np.count_nonzero(classes == _LATIN) else "en"
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    counts = np.bincount(np.take(_letter_classes(), np.minimum(codes, _BMP)), minlength=3)
    arabic, latin = int(counts[_ARABIC]), int(counts[_LATIN])
    if codes.max() > _BMP:
        astral = "".join(map(chr, codes[codes > _BMP].tolist()))
        arabic += len(ARABIC_LETTER.findall(astral))
        latin += len(_LATIN_LETTER.findall(astral))
    return "ar" if arabic > latin else "en"


_BMP = 0xFFFF
_ARABIC, _LATIN = 1, 2
_CLASSES: list[npt.NDArray[np.uint8]] = []


def _letter_classes() -> npt.NDArray[np.uint8]:
    """Per code point up to U+FFFF: 1 for an Arabic letter, 2 for a Latin one, else 0; U+FFFF,
    which stands for every code point beyond, is neither."""
    if not _CLASSES:
        every = "".join(map(chr, range(_BMP)))
        classes = np.zeros(_BMP + 1, dtype=np.uint8)
        classes[[m.start() for m in ARABIC_LETTER.finditer(every)]] = _ARABIC
        classes[[m.start() for m in _LATIN_LETTER.finditer(every)]] = _LATIN
        _CLASSES.append(classes)
    return _CLASSES[0]


def spot_exact(index: SpotIndex, text: str, lang: str, *, folded: FoldedText | None = None) -> list[Hit]:
    """Every glossary term of ``lang`` in ``text`` (exact, folded and clitic forms), in text order.

    ``folded`` is ``fold_text(text)`` when the caller has it already.
    """
    return _spot(index, folded if folded is not None else fold_text(text), primary_language(lang))


_FEW_CONTESTED = 64
"""Up to this many overlapping matches, :func:`longest_disjoint` chooses every group in its Python
loop: the array passes for the groups of two cost more than they save."""


def longest_disjoint(matches: Matches) -> npt.NDArray[np.int64] | None:
    """Positions of the matches to keep, in text order: longest first, a match overlapping one
    already kept is dropped, ties go to the leftmost (then the shorter prefix, the lower number).
    None when no match overlaps another: all are kept.

    Only matches that overlap another (nested or crossing terms) need choosing; they are found
    with a running maximum of the ends. A group of matches overlapping in a row overlaps no match
    outside it, so each group is chosen on its own: of two, the first in that order is kept and
    the other dropped, with array operations; the greedy choice runs over the larger groups alone.
    """
    starts, stops = matches.starts, matches.stops
    if starts.size < 2:
        return None
    overlapping = np.flatnonzero(starts[1:] < np.maximum.accumulate(stops)[:-1])  # i + 1 begins
    if not overlapping.size:  # before some earlier match ends
        return None
    # Matches i + 1 overlapping (at i) in a row make one group with the match before the first.
    marked = np.zeros(starts.size, dtype=np.bool_)
    marked[overlapping] = marked[overlapping + 1] = True
    contested = np.flatnonzero(marked)
    keep = np.ones(starts.size, dtype=np.bool_)
    if contested.size > _FEW_CONTESTED:
        follows = np.zeros(starts.size, dtype=np.bool_)
        follows[overlapping + 1] = True
        leads = contested[~follows[contested]]  # the first match of each group
        sizes = np.diff(np.append(np.searchsorted(contested, leads), contested.size))
        first = leads[sizes == 2]
        second = first + 1
        later = np.zeros(first.size, dtype=np.bool_)  # whether the second comes after the first in that order
        tied = np.ones(first.size, dtype=np.bool_)
        for key_first, key_second in zip(_precedence(matches, first), _precedence(matches, second)):
            later |= tied & (key_second > key_first)
            tied &= key_second == key_first
        later |= tied  # a tie keeps the earlier
        keep[np.where(later, second, first)] = False
        contested = contested[np.repeat(sizes > 2, sizes)]
    if contested.size:
        order = contested[np.lexsort(_precedence(matches, contested)[::-1])]
        taken = bytearray(int(stops.max()) + 1)
        for position, start, stop in zip(order.tolist(), starts[order].tolist(), stops[order].tolist()):
            if taken.find(1, start, stop) == -1:
                taken[start:stop] = b"\x01" * (stop - start)
            else:
                keep[position] = False
    return np.flatnonzero(keep)


def _precedence(matches: Matches, at: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], ...]:
    """The keys that order matches ``at`` for :func:`longest_disjoint`, the first deciding: longest
    first, then the leftmost, the shorter prefix, the lower number."""
    starts, values = matches.starts[at], matches.values[at]
    return starts - matches.stops[at], starts, matches.stems[at], values & PREFIX_MASK, values >> PREFIX_BITS


def _spot(index: SpotIndex, folded: FoldedText, lang: str) -> list[Hit]:
    """:func:`spot_exact`. Everything that depends on the key and prefix alone is read from
    memoized readings (:mod:`termbase.spotting.readings`), most of them flat (one term to report
    whatever the written text): positions are mapped to the original text as arrays, and one loop
    makes each flat reading's hit as a tuple directly, leaving a gap for each other match; the
    general path then fills the gaps in text order."""
    if lang not in index.tables:
        return []
    matches = index.scan(lang, folded.folded)
    if not matches.starts.size:  # a sentence naming no term: none of the passes below
        return []
    kept = longest_disjoint(matches)
    if kept is not None:
        matches = matches.take(kept)
    to_start, to_end = np.asarray(folded.starts), np.asarray(folded.ends)
    starts = np.take(to_start, matches.starts).tolist()
    stems = np.take(to_start, matches.stems).tolist()
    ends = np.take(to_end, matches.stops - 1).tolist()
    values = matches.values.tolist()
    # A clitic or article written apart, by the original start of the word it stands before.
    apart = {int(to_start[stop + 1]): (int(to_start[start]), word)
             for start, stop, word in matches.detached if stop + 1 < len(to_start)}
    original = folded.original
    get = index.plain_readings.setdefault(lang, {}).get
    exact = MatchKind.EXACT
    hits: list[Hit | None] = []
    append = hits.append
    general: list[int] = []  # positions of the matches left to the general path, None until read
    ambiguous: list[int] = []
    for start, stem, end, value in zip(starts, stems, ends, values):
        known = get(value)
        if known is None or (apart and start in apart):
            general.append(len(hits))
            append(None)
            continue
        concept, term, text, kind, shows_prefix, shared = known
        if concept is None:
            ambiguous.append(len(hits))
        written = original[start:end]
        append(_new_hit(Hit, (start, end, written, concept, term, exact if written == text else kind, 100.0, shared,
                              None, original[start:stem] if shows_prefix else "",
                              1.0 / len(shared) if shared else 1.0, ())))
    if not general:  # no None among them
        return _resolve(hits, ambiguous, in_order=True) if ambiguous else hits  # type: ignore[arg-type,return-value]
    dropped = False
    for position in general:
        before = position - 1
        while before >= 0 and hits[before] is None:  # the hit before: a general one may be dropped
            before -= 1
        previous = hits[before]
        end = ends[position]
        read = _read(index, lang, values[position], original, (starts[position], stems[position], end), apart,
                     previous.end if previous is not None and before >= 0 else None)
        if read is None:
            hits[position], dropped = None, True
            continue
        start, concept, candidates, (term, text, kind, shows_prefix) = read
        if concept is None:
            ambiguous.append(position)
        text_written = original[start:end]
        hits[position] = _new_hit(Hit, (
            start, end, text_written, concept, term, exact if text_written == text else kind, 100.0, candidates, None,
            original[start:stems[position]] if shows_prefix else "", 1.0 / len(candidates) if candidates else 1.0, ()))
    if not dropped:
        return _resolve(hits, sorted(ambiguous), in_order=True) if ambiguous else hits  # type: ignore[arg-type,return-value]
    found = [hit for hit in hits if hit is not None]
    ambiguous = [i for i, hit in enumerate(found) if hit.concept is None]
    return _resolve(found, ambiguous, in_order=True) if ambiguous else found


def _read(
    index: SpotIndex,
    lang: str,
    value: int,
    original: str,
    span: tuple[int, int, int],
    apart: dict[int, tuple[int, str]],
    previous_end: int | None,
) -> tuple[int, str | None, tuple[str, ...], Rendering] | None:
    """The general path of one match at original ``(start, stem, end)``: a clitic or article
    written apart before it, a key shared by several concepts or terms, a case-sensitive term.
    ``previous_end`` is where the hit before it ends. Returns where the hit starts, its concept,
    candidates and term; None when no entry fits."""
    start, stem, end = span
    reading = index.reading(lang, value)
    if start in apart and not value & PREFIX_MASK:
        word_start, word = apart[start]
        if previous_end is None or word_start >= previous_end:  # the word is not part of the hit before
            detached = index.detached_reading(lang, value, word)
            if detached.entries:
                start, reading = word_start, detached
    picked = reading.pick(original[stem:end])
    if picked is None:
        return None
    concept, candidates, chosen = picked
    return start, concept, candidates, chosen


def resolve_ambiguity(hits: Sequence[Hit]) -> list[Hit]:
    """Resolve an ambiguous mention by the nearest unambiguous mention of one of its candidates.

    A shared surname after the full name of one person is that person; when no candidate is
    mentioned unambiguously before it, or the nearest mention is after it (news introduces a
    person by full name first: a surname before "President Sadyr Japarov" may well be the other
    Japarov), or several are at the same distance, the hit stays ambiguous.
    """
    ambiguous = [i for i, hit in enumerate(hits) if hit.concept is None and hit.candidates]
    return _resolve(hits, ambiguous, in_order=all(a.end <= b.start for a, b in pairwise(hits)))


def _resolve(hits: Sequence[Hit], ambiguous: list[int], *, in_order: bool) -> list[Hit]:
    """:func:`resolve_ambiguity` of the hits at positions ``ambiguous``; ``in_order`` when the hits
    are disjoint and in text order."""
    if not ambiguous:
        return list(hits)
    wanted = {concept for i in ambiguous for concept in hits[i].candidates}
    by_concept: dict[str, list[Hit]] = {}
    for other in compress(hits, map(wanted.__contains__, map(_concept_of, hits))):  # filtered in C
        if other.concept is not None and not other.candidates:
            by_concept.setdefault(other.concept, []).append(other)
    ends = {concept: [m.end for m in found] for concept, found in by_concept.items()}
    resolved = list(hits)
    for i in ambiguous:
        hit = hits[i]
        nearest: int | None = None  # distance back to the mention
        mention: Hit | None = None
        tied = False  # another concept's mention is as near
        for concept in hit.candidates:
            found = by_concept.get(concept, [])
            if in_order:  # only the nearest mention before the hit counts
                at = bisect_right(ends[concept], hit.start) if found else 0
                found = found[max(0, at - 1):at]
            for other in found:
                if other.end > hit.start:  # a name refers back, never forward
                    continue
                distance = hit.start - other.end
                if nearest is None or distance < nearest:
                    nearest, mention, tied = distance, other, False
                elif distance == nearest and mention is not None and other.concept != mention.concept:
                    tied = True
        if mention is None or tied:
            continue
        note = f"earlier mention {mention.text!r} at [{mention.start}, {mention.end})"
        confidence = hit.confidence * len(hit.candidates) * RESOLVED_CONFIDENCE * mention.confidence
        resolved[i] = Hit(hit.start, hit.end, hit.text, mention.concept, hit.term, hit.match, hit.score,
                          hit.candidates, note, hit.prefix, round(min(confidence, 1.0), 3),
                          hit.reasons)  # twice as fast as _replace
    return resolved


SHADDA = "\u0651"
"""The Arabic doubling mark: written, it tells homographs apart (عمّان Amman, عمان Oman)."""
MARKS_CONFIDENCE = 0.95
"""Confidence of a folded homograph resolved by the shadda its writing shares with one candidate."""


def _doubled_letters(text: str) -> tuple[int, ...]:
    """Positions, counted in letters (marks skipped), of the letters that carry a shadda."""
    positions: list[int] = []
    letters = -1
    for char in text:
        if unicodedata.combining(char) or char == "\u0640":  # marks and tatweel belong to the letter
            if char == SHADDA and letters >= 0:
                positions.append(letters)
        else:
            letters += 1
    return tuple(positions)


def resolve_by_marks(hits: Sequence[Hit], concepts: Mapping[str, Concept]) -> list[Hit]:
    """Ambiguous hits whose written shadda only one candidate's term has (عمّان is Amman, not
    Oman). Folding drops the shadda, so the two spellings share one key; a text that writes it
    tells them apart, one that does not stays ambiguous for the context to resolve."""
    resolved = list(hits)
    for i, hit in enumerate(hits):
        written = hit.text[len(hit.prefix):]
        if len(hit.candidates) < 2 or SHADDA not in written:
            continue
        doubled, key = _doubled_letters(written), fold(written)
        named = [c for c in hit.candidates if c in concepts and any(
            fold(term.text) == key and _doubled_letters(term.text) == doubled for term in concepts[c].terms)]
        if len(named) == 1:
            note = Evidence("marks", f"the shadda of {written!r} is written so in a term of {named[0]} only")
            resolved[i] = hit._replace(concept=named[0], resolution=None, confidence=MARKS_CONFIDENCE,
                                       reasons=hit.reasons + (note,))
    return resolved
