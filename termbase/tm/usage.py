"""How a memory really renders the glossary's concepts, and which recurring phrases it lacks.

:func:`term_usage` spots every concept in each stored source (exact spotting, clitic-aware) and
its renderings in the target (fuzzy spotting too, so a misspelt name counts as an *unlisted*
variant): per concept, each rendering with its status, count and segment ids, the segments whose
target renders it by nothing the glossary knows (``missing``), and flags for deprecated,
forbidden, unlisted and missing renderings.

:func:`candidate_entries` finds source n-grams (1–4 word tokens) that recur in at least
``min_count`` segments, that no glossary term covers, and whose target rendering
(:func:`termbase.tm.alignment.best_rendering`) is stable — present in at least ``min_share`` of
those segments; ranked by segments × share. :func:`candidates_yaml` writes them as a glossary
file (status ``admitted``, evidence in a note) for a terminologist to review.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from termbase.langtags import same_language
from termbase.matches import MatchKind
from termbase.termbase import Termbase
from termbase.tm.alignment import BACKGROUND, best_rendering, find_ngram
from termbase.tm.memory import TranslationMemory
from termbase.tm.store import StoredSegment
from termbase.tm.tokens import Token, tokenize, tokens

__all__ = [
    "CandidateEntry",
    "ConceptUsage",
    "RenderingUse",
    "candidate_entries",
    "candidates_yaml",
    "term_usage",
]

UNLISTED = "unlisted"
FLAGGED_STATUSES = ("deprecated", "forbidden", UNLISTED)
MAX_SOURCE_NGRAM = 4


@dataclass(frozen=True, slots=True)
class RenderingUse:
    """One target variant of a concept: as the glossary writes it (or as written, when unlisted)."""

    text: str
    status: str
    count: int
    segments: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ConceptUsage:
    """A concept met in the memory's sources: its renderings, unrendered segments and flags."""

    concept: str
    segments: int
    renderings: tuple[RenderingUse, ...]
    missing: tuple[int, ...]
    flags: tuple[str, ...]


def _pairs(memory: TranslationMemory, source_lang: str, target_lang: str) -> list[StoredSegment]:
    return [s for s in memory.store.iter_segments()
            if same_language(s.source_lang, source_lang) and same_language(s.target_lang, target_lang)]


def term_usage(
    memory: TranslationMemory, termbase: Termbase, *, source_lang: str = "ar", target_lang: str = "en",
) -> list[ConceptUsage]:
    """Usage of every concept the memory's sources mention, by concept id."""
    seen: dict[str, list[int]] = defaultdict(list)
    uses: dict[str, dict[tuple[str, str], list[int]]] = defaultdict(lambda: defaultdict(list))
    missing: dict[str, list[int]] = defaultdict(list)
    for segment in _pairs(memory, source_lang, target_lang):
        concepts = {h.concept for h in termbase.spot(segment.source, lang=source_lang, fuzzy=False) if h.concept}
        if not concepts:
            continue
        rendered: set[str] = set()
        for hit in termbase.spot(segment.target, lang=target_lang, fuzzy=True):
            if hit.concept not in concepts:
                continue
            rendered.add(hit.concept)
            if hit.match == MatchKind.FUZZY:
                key = (hit.text, UNLISTED)
            else:
                key = (hit.term.text, str(hit.term.status))
            uses[hit.concept][key].append(segment.id)
        for concept in sorted(concepts):
            seen[concept].append(segment.id)
            if concept not in rendered:
                missing[concept].append(segment.id)
    report = []
    for concept in sorted(seen):
        renderings = tuple(sorted(
            (RenderingUse(text, status, len(ids), tuple(sorted(set(ids)))) for (text, status), ids in uses[concept].items()),
            key=lambda r: (-r.count, r.text),
        ))
        flags = [status for status in FLAGGED_STATUSES if any(r.status == status for r in renderings)]
        if missing[concept]:
            flags.append("missing")
        report.append(ConceptUsage(concept, len(seen[concept]), renderings, tuple(missing[concept]), tuple(flags)))
    return report


@dataclass(frozen=True, slots=True)
class CandidateEntry:
    """A recurring source phrase the glossary lacks, with its stable rendering and evidence."""

    source: str
    target: str
    segments: tuple[int, ...]
    share: float
    score: float


def _surface(text: str, lang: str, found: Sequence[Token], key: str) -> str | None:
    wanted = key.split()
    words = [t.text for t in found]
    for start in range(len(words) - len(wanted) + 1):
        if words[start:start + len(wanted)] == wanted:
            return text[found[start].start:found[start + len(wanted) - 1].end]
    return None


def candidate_entries(
    memory: TranslationMemory, termbase: Termbase, *, source_lang: str = "ar", target_lang: str = "en",
    min_count: int = 3, min_share: float = 0.75, limit: int = 50,
) -> list[CandidateEntry]:
    """Recurring source n-grams not covered by a glossary term, with a stable rendering, best first."""
    pairs = _pairs(memory, source_lang, target_lang)
    by_id = {s.id: s for s in pairs}
    where: dict[str, set[int]] = defaultdict(set)
    for segment in pairs:
        found = tokenize(segment.source, segment.source_lang)
        covered = bytearray(len(segment.source) + 1)
        for hit in termbase.spot(segment.source, lang=source_lang, fuzzy=False):
            covered[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
        words = [t.text for t in found]
        for size in range(1, MAX_SOURCE_NGRAM + 1):
            for start in range(len(words) - size + 1):
                span = (found[start].start, found[start + size - 1].end)
                if covered.find(1, *span) != -1:
                    continue
                gram = words[start:start + size]
                if len(gram[0]) < 3 or len(gram[-1]) < 3:
                    continue  # a phrase starts and ends with a content word
                where[" ".join(gram)].add(segment.id)
    target_tokens = {s.id: tokens(s.target, s.target_lang) for s in pairs}
    background_ids = sorted(target_tokens)[:: max(1, len(target_tokens) // BACKGROUND)]
    found_entries: list[CandidateEntry] = []
    for key, ids in where.items():
        if len(ids) < min_count:
            continue
        hit_targets = [target_tokens[i] for i in sorted(ids)]
        rendering = best_rendering(hit_targets, (target_tokens[i] for i in background_ids if i not in ids))
        if rendering is None or rendering.share < min_share:
            continue
        first = by_id[min(ids)]
        source = _surface(first.source, first.source_lang, tokenize(first.source, first.source_lang), key) or key
        target_span = next((find_ngram(by_id[i].target, by_id[i].target_lang, rendering.key) for i in sorted(ids)
                            if find_ngram(by_id[i].target, by_id[i].target_lang, rendering.key)), None)
        target = rendering.key
        if target_span is not None:
            holder = next(by_id[i] for i in sorted(ids)
                          if find_ngram(by_id[i].target, by_id[i].target_lang, rendering.key) == target_span)
            target = holder.target[target_span[0]:target_span[1]]
        found_entries.append(CandidateEntry(source, target, tuple(sorted(ids)), round(rendering.share, 3),
                                            round(len(ids) * rendering.share, 3)))
    # a phrase inside a longer candidate with the same segments adds nothing
    found_entries.sort(key=lambda c: (-c.score, -len(c.source), c.source))
    kept: list[CandidateEntry] = []
    for entry in found_entries:
        if any(entry.segments == other.segments and entry.source in other.source for other in kept):
            continue
        kept.append(entry)
    return kept[:limit]


def candidates_yaml(entries: Sequence[CandidateEntry], *, source_lang: str = "ar", target_lang: str = "en",
                    memory_name: str = "translation memory") -> str:
    """A glossary file (the format of ``glossaries/``) holding the candidates, to review."""
    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = [
        "glossary:",
        "  id: tm-candidates",
        f"  title: {quoted('Candidate entries from ' + memory_name)}",
        "  description: Recurring phrases of the memory that the glossary lacks, each with its stable rendering; review before use.",
        "  license: CC0-1.0",
        f"  sources: [{quoted(memory_name)}]",
        "",
        "concepts:",
    ]
    for number, entry in enumerate(entries, 1):
        note = (f"found in {len(entry.segments)} segments (ids {', '.join(map(str, entry.segments[:20]))}); "
                f"the rendering is in {entry.share:.0%} of them")
        lines += [
            f"- id: tm-candidate-{number}",
            f"  note: {quoted(note)}",
            "  terms:",
            f"    {source_lang}:",
            f"    - {{term: {quoted(entry.source)}, status: admitted}}",
            f"    {target_lang}:",
            f"    - {{term: {quoted(entry.target)}, status: admitted}}",
        ]
    if not entries:
        lines[-1] = "concepts: []"
    return "\n".join(lines) + "\n"
