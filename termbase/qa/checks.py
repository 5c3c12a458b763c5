"""The checks of a translation against the glossary. Each returns issue values, never raises.

A check sees the term hits of the source and the target (from :meth:`Termbase.spot`) and the
texts themselves. Spans in issues are offsets into the texts of the checked segment.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from termbase.arabic import ARABIC_SCRIPT, CHAINS_LONGEST_FIRST
from termbase.langtags import primary_language
from termbase.formats.placeholders import mask_placeholders
from termbase.matches import MatchKind
from termbase.model import Concept, Term, TermStatus
from termbase.normalize import fold, fold_char
from termbase.qa.issues import Issue, IssueCode, Severity, TextSpan
from termbase.spotting import Hit

__all__ = [
    "SegmentHits",
    "check_inconsistent_terms",
    "check_missing_terms",
    "check_numbers",
    "check_repeated_sources",
    "check_target_variants",
    "check_untranslated",
    "suggested_term",
]

SEVERITY = {
    IssueCode.MISSING_TERM: Severity.ERROR,
    IssueCode.COUNT_MISMATCH: Severity.WARNING,
    IssueCode.FORBIDDEN_TERM: Severity.ERROR,
    IssueCode.DEPRECATED_TERM: Severity.WARNING,
    IssueCode.MISSPELLED_TERM: Severity.WARNING,
    IssueCode.INCONSISTENT_TERM: Severity.WARNING,
    IssueCode.UNTRANSLATED: Severity.ERROR,
    IssueCode.NUMBER_MISMATCH: Severity.ERROR,
}
"""Severity of each issue code (documented in the README)."""

_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff"
_SCRIPT_RUNS = {
    "ar": re.compile(f"[{ARABIC_SCRIPT}]+(?:[\\s\u200c\u200f]+[{ARABIC_SCRIPT}]+)*"),
    # Latin letters of every Latin block (ü, ç, ł, ș …) and combining marks, not only ASCII.
    "en": re.compile(f"[{_LATIN}]+(?:[ '\u2019-][{_LATIN}]+)*"),
}
_NUMBER = re.compile(r"\d+(?:[.,٫٬]\d+)*")



@dataclass(frozen=True, slots=True)
class SegmentHits:
    """A segment's texts and the term hits found in them."""

    id: str | None
    source: str | None
    target: str
    source_hits: tuple[Hit, ...]
    target_hits: tuple[Hit, ...]
    context: str | None = None
    """A PO msgctxt or XLIFF resname: the same source in two contexts may be translated two ways."""


def _span(hit: Hit) -> TextSpan:
    return TextSpan(hit.start, hit.end, hit.text)


def _issue(code: IssueCode, concept: str | None, source: TextSpan | None, target: TextSpan | None,
           message: str, suggestion: str | None, segment: str | None) -> Issue:
    return Issue(code, SEVERITY[code], concept, source, target, message, suggestion, segment)


def suggested_term(concept: Concept, lang: str, like: Term | None = None) -> Term | None:
    """The approved term to write instead of ``like``.

    Among approved terms of the same length in words (a surname for a surname), the preferred
    term or one of the same term type (an acronym for an acronym) comes first, preferred before
    admitted.
    """
    approved = [t for t in concept.terms_in(lang) if t.status.approved]
    if not approved:
        return None
    if like is None:
        return concept.preferred(lang) or approved[0]
    words = len(like.text.split())

    def fit(term: Term) -> tuple[bool, bool, int]:
        kindred = term.status is TermStatus.PREFERRED or term.type == like.type
        return len(term.text.split()) != words, not kindred, term.status.rank

    return min(approved, key=fit)


def _suggestion_for(hit: Hit, concept: Concept, lang: str) -> str | None:
    """Replacement text for a hit: an approved term, or for a fuzzy word the matching word of one.

    The replacement follows the hit's plural, its capital first letter (sentence start) and
    all capitals (a headline).
    """
    term = suggested_term(concept, lang, hit.term)
    if term is None:
        return None
    written = hit.text[len(hit.prefix):]
    replacement = term.text
    if hit.match is MatchKind.FUZZY and len(term.text.split()) > 1 and len(written.split()) == 1:
        replacement = max(term.text.split(), key=lambda w: fuzz.ratio(fold(w), fold(written)))
    elif hit.match is not MatchKind.FUZZY:
        replacement = _same_number(written, hit.term.text, replacement)
    if written.isupper() and len(written) > 1 and not hit.term.text.isupper():
        return replacement.upper()  # TOKAEV in a headline stays in capitals: TOKAYEV
    if written[:1].isupper() and replacement[:1].islower():
        replacement = replacement[:1].upper() + replacement[1:]
    return replacement


def _same_number(written: str, term: str, replacement: str) -> str:
    """Pluralise ``replacement`` when ``written`` is the plural of ``term`` (English forms)."""
    written_key, term_key = fold(written), fold(term)
    if written_key == term_key:
        return replacement
    for ending in ("s", "es"):
        if written_key == term_key + ending:
            return replacement if fold(replacement).endswith("s") else replacement + ending
    if term_key.endswith("y") and written_key == term_key[:-1] + "ies" and replacement.endswith("y"):
        return replacement[:-1] + "ies"
    return replacement


def check_target_variants(segment: SegmentHits, concepts: Mapping[str, Concept], target_lang: str) -> list[Issue]:
    """``forbidden-term``, ``deprecated-term`` and ``misspelled-term`` on the target's hits."""
    issues: list[Issue] = []
    for hit in segment.target_hits:
        if hit.concept is None:
            continue
        concept = concepts[hit.concept]
        suggestion = _suggestion_for(hit, concept, target_lang)
        if hit.match is MatchKind.FUZZY:
            issues.append(_issue(
                IssueCode.MISSPELLED_TERM, hit.concept, None, _span(hit),
                f"{hit.text!r} looks like a misspelling of {hit.term.text!r} ({concept.label(target_lang)}), "
                f"similarity {hit.score:.0f}",
                suggestion, segment.id,
            ))
        elif hit.status is TermStatus.FORBIDDEN:
            issues.append(_issue(
                IssueCode.FORBIDDEN_TERM, hit.concept, None, _span(hit),
                f"{hit.term.text!r} is a forbidden rendering of {concept.label(target_lang)}",
                suggestion, segment.id,
            ))
        elif hit.status is TermStatus.DEPRECATED:
            issues.append(_issue(
                IssueCode.DEPRECATED_TERM, hit.concept, None, _span(hit),
                f"{hit.term.text!r} is a deprecated rendering of {concept.label(target_lang)}",
                suggestion, segment.id,
            ))
    return issues


def _by_concept(hits: Iterable[Hit]) -> dict[str, list[Hit]]:
    grouped: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        if hit.concept is not None:
            grouped[hit.concept].append(hit)
        else:
            for candidate in hit.candidates:
                grouped[candidate].append(hit)
    return grouped


def check_missing_terms(segment: SegmentHits, concepts: Mapping[str, Concept], target_lang: str,
                        *, counts: bool = True) -> list[Issue]:
    """``missing-term`` (a source concept with no rendering in the target) and ``count-mismatch``."""
    if segment.source is None:
        return []
    issues: list[Issue] = []
    target = _by_concept(segment.target_hits)
    source_hits = [h for h in segment.source_hits if h.match is not MatchKind.FUZZY]
    mentions = Counter(h.concept for h in source_hits if h.concept is not None)
    seen: set[str] = set()
    for hit in source_hits:
        wanted = (hit.concept,) if hit.concept is not None else hit.candidates
        key = "|".join(wanted)
        if key in seen:
            continue
        seen.add(key)
        rendered = [t for c in wanted for t in target.get(c, ())]
        concept_id = hit.concept
        if not rendered:
            if concept_id is None:
                continue  # an unresolved ambiguous mention: no single rendering to ask for
            concept = concepts[concept_id]
            preferred = concept.preferred(target_lang)
            if preferred is None:
                continue
            issues.append(_issue(
                IssueCode.MISSING_TERM, concept_id, _span(hit), None,
                f"{hit.text!r} ({concept.label(target_lang)}) is not rendered in the target",
                preferred.text, segment.id,
            ))
            continue
        if counts and concept_id is not None:
            in_source = mentions[concept_id]
            in_target = len({(t.start, t.end) for t in rendered})
            if in_source > in_target:
                concept = concepts[concept_id]
                preferred = concept.preferred(target_lang)
                issues.append(_issue(
                    IssueCode.COUNT_MISMATCH, concept_id, _span(hit), None,
                    f"{concept.label(target_lang)} is mentioned {_times(in_source)} in the source "
                    f"but rendered {_times(in_target)} in the target",
                    preferred.text if preferred is not None else None, segment.id,
                ))
    return issues


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _contains_words(longer: str, shorter: str) -> bool:
    long_words, short_words = longer.split(" "), shorter.split(" ")
    return all(word in long_words for word in short_words)


def check_inconsistent_terms(segments: Sequence[SegmentHits], concepts: Mapping[str, Concept],
                             target_lang: str) -> list[Issue]:
    """``inconsistent-term``: one concept rendered by different approved variants in one target.

    A short form of a full name (Tokayev after Kassym-Jomart Tokayev) is not an inconsistency;
    two spellings (Rahmon, Rakhmon) are. The first variant used sets the rendering.
    """
    first_use: dict[str, tuple[Hit, str]] = {}
    issues: list[Issue] = []
    for segment in segments:
        for hit in segment.target_hits:
            if hit.concept is None or hit.match is MatchKind.FUZZY or not hit.status.approved:
                continue
            key = fold(hit.term.text)
            if hit.concept not in first_use:
                first_use[hit.concept] = (hit, key)
                continue
            first, first_key = first_use[hit.concept]
            if key == first_key or _contains_words(first_key, key) or _contains_words(key, first_key):
                continue
            concept = concepts[hit.concept]
            issues.append(_issue(
                IssueCode.INCONSISTENT_TERM, hit.concept, None, _span(hit),
                f"{concept.label(target_lang)} is rendered {hit.term.text!r} here but "
                f"{first.term.text!r} earlier",
                first.term.text, segment.id,
            ))
    return issues


def check_repeated_sources(segments: Sequence[SegmentHits]) -> list[Issue]:
    """``inconsistent-term`` without the glossary: one source segment (in one context) translated
    two ways."""
    first: dict[tuple[str | None, str], tuple[SegmentHits, str]] = {}
    issues: list[Issue] = []
    for segment in segments:
        if not segment.source or not segment.target.strip():
            continue
        source_key, target_key = (segment.context, fold(segment.source)), fold(segment.target)
        if source_key not in first:
            first[source_key] = (segment, target_key)
            continue
        earlier, earlier_key = first[source_key]
        if earlier_key != target_key:
            issues.append(_issue(
                IssueCode.INCONSISTENT_TERM, None,
                TextSpan(0, len(segment.source), segment.source),
                TextSpan(0, len(segment.target), segment.target),
                f"the same source text is translated differently in segment {earlier.id}",
                earlier.target, segment.id,
            ))
    return issues


def check_untranslated(segment: SegmentHits, source_lang: str, target_lang: str,
                       translate: Callable[[str], str | None]) -> list[Issue]:
    """``untranslated``: source-script text left in the target that no target term covers.

    ``translate`` gives the preferred rendering of a known source term (or None).
    """
    pattern = _SCRIPT_RUNS.get(primary_language(source_lang))
    if pattern is None or primary_language(target_lang) == primary_language(source_lang):
        return []
    covered = bytearray(len(segment.target) + 1)
    for hit in segment.target_hits:
        covered[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
    issues: list[Issue] = []
    for match in pattern.finditer(mask_placeholders(segment.target)):  # %s, {name}, <b> are code
        if covered.find(1, match.start(), match.end()) != -1:
            continue
        text = segment.target[match.start():match.end()]
        issues.append(_issue(
            IssueCode.UNTRANSLATED, None, None, TextSpan(match.start(), match.end(), text),
            f"{text!r} is left untranslated",
            translate(text), segment.id,
        ))
    return issues


def _numbers(text: str) -> list[tuple[str, int, int]]:
    """Numbers in figures with their spans: Arabic-Indic digits folded, thousands separators dropped."""
    found = []
    for match in _NUMBER.finditer(mask_placeholders(text)):  # %1$d and {0} are not numbers
        cleaned = match.group().replace(",", "").replace("٬", "").replace("٫", ".")
        value = "".join(fold_char(c) if c.isdigit() else c for c in cleaned)
        found.append((value, match.start(), match.end()))
    return found


def check_numbers(segment: SegmentHits, source_lang: str = "ar", target_lang: str = "en") -> list[Issue]:
    """``number-mismatch``: numbers of the source and the target differ (٢٠٢٢ = 2022).

    Numbers in figures are compared as multisets. A figure on one side may stand for a number
    word on the other (ثلاثة مليارات = $3 billion). A source number missing from the target and a
    target number absent from the source are paired in text order into one finding (1991
    written 1992); what remains unpaired is reported on its own side.
    """
    if segment.source is None:
        return []
    source, target = _numbers(segment.source), _numbers(segment.target)
    missing = _excused(_unmatched(source, target), _number_words(segment.target, target_lang))
    extra = _excused(_unmatched(target, source), _number_words(segment.source, source_lang))
    issues: list[Issue] = []
    for index in range(max(len(missing), len(extra))):
        wrong = extra[index] if index < len(extra) else None
        right = missing[index] if index < len(missing) else None
        source_span = TextSpan(right[1], right[2], segment.source[right[1]:right[2]]) if right else None
        target_span = TextSpan(wrong[1], wrong[2], segment.target[wrong[1]:wrong[2]]) if wrong else None
        if right and wrong:
            message = f"the target has {wrong[0]} where the source has {right[0]}"
        elif right:
            message = f"the number {right[0]} of the source is missing in the target"
        elif wrong:
            message = f"the number {wrong[0]} of the target is not in the source"
        issues.append(_issue(IssueCode.NUMBER_MISMATCH, None, source_span, target_span, message,
                             right[0] if right else None, segment.id))
    return issues


@cache
def _number_word_values() -> dict[str, dict[str, str]]:
    """Folded number words per language, from ``qa/data/number_words.json``."""
    raw = json.loads(resources.files("termbase.qa").joinpath("data", "number_words.json").read_text("utf-8"))
    return {
        lang: {fold(word): str(value) for word, value in words.items()}
        for lang, words in raw.items() if isinstance(words, dict)
    }


def _number_words(text: str, lang: str) -> Counter[str]:
    """Values of the number words of ``text`` (Arabic clitics and article allowed)."""
    words = _number_word_values().get(primary_language(lang), {})
    found: Counter[str] = Counter()
    if not words:
        return found
    for word in fold(text).split(" "):
        value = words.get(word)
        if value is None:
            value = next((words[word[len(p):]] for p in CHAINS_LONGEST_FIRST if p
                          if word.startswith(p) and word[len(p):] in words), None)
        if value is not None:
            found[value] += 1
    return found


def _excused(numbers: list[tuple[str, int, int]], words: Counter[str]) -> list[tuple[str, int, int]]:
    """``numbers`` beyond the count of their value in ``words``, in text order (``words`` is used
    up as it goes)."""
    left: list[tuple[str, int, int]] = []
    for number in numbers:
        if words[number[0]] > 0:
            words[number[0]] -= 1
        else:
            left.append(number)
    return left


def _unmatched(numbers: list[tuple[str, int, int]], others: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Numbers of ``numbers`` beyond the count of the same value in ``others``, in text order."""
    return _excused(numbers, Counter(value for value, _, _ in others))
