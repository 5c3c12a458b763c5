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

from termbase.arabic import ARABIC_SCRIPT, CHAINS_LONGEST_FIRST, bare_readings
from termbase.langtags import primary_language
from termbase.formats.placeholders import mask_placeholders
from termbase.matches import Evidence, MatchKind
from termbase.model import Concept, Term, TermStatus, TermType
from termbase.normalize import fold, fold_char
from termbase.qa.autofix import (
    misspelling_applicability,
    narrowest,
    other_reading,
    suggestion_applicability,
    variant_applicability,
)
from termbase.qa.issues import Applicability, Issue, IssueCode, Severity, TextSpan
from termbase.spotting import Hit
from termbase.spotting.forms import english_plurals

__all__ = [
    "SegmentHits",
    "check_inconsistent_terms",
    "check_missing_terms",
    "check_numbers",
    "check_repeated_sources",
    "check_target_variants",
    "check_untranslated",
    "source_concepts",
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
SOURCE_DOUBT = 0.5
"""How much a source mention halves the doubt in a fuzzy target hit (and its absence the confidence)."""

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
           message: str, suggestion: str | None, segment: str | None, *,
           severity: Severity | None = None, confidence: float = 1.0, evidence: Iterable[Evidence] = (),
           fix: Applicability | None = None) -> Issue:
    if fix is None and suggestion is not None:
        fix = suggestion_applicability(code, has_target=target is not None)
    return Issue(code, severity or SEVERITY[code], concept, source, target, message, suggestion, segment,
                 round(confidence, 3), tuple(evidence), fix if suggestion is not None else None)


def source_concepts(segment: SegmentHits) -> frozenset[str] | None:
    """Concepts the source mentions (each candidate of an ambiguous mention), None without a source."""
    if not segment.source:
        return None
    return frozenset(c for hit in segment.source_hits for c in ((hit.concept,) if hit.concept else hit.candidates))


def _source_evidence(concept: str, segment: SegmentHits) -> Evidence:
    mention = next((h for h in segment.source_hits if h.concept == concept or concept in h.candidates), None)
    where = f" as {mention.text!r} at [{mention.start}, {mention.end})" if mention is not None else ""
    return Evidence("source", f"the source mentions {concept}{where}")


def suggested_term(concept: Concept, lang: str, like: Term | None = None) -> Term | None:
    """The approved term to write instead of ``like``.

    Among approved terms of the same part of speech (never a country noun for an adjective) and
    the same length in words (a surname for a surname), the preferred term or one of the same
    term type (an acronym for an acronym) comes first, preferred before admitted.
    """
    approved = [t for t in concept.terms_in(lang) if t.status.approved]
    if not approved:
        return None
    if like is None:
        return concept.preferred(lang) or approved[0]
    words = len(like.text.split())

    def fit(term: Term) -> tuple[bool, bool, bool, int]:
        kindred = term.status is TermStatus.PREFERRED or term.type == like.type
        return term.pos != like.pos, len(term.text.split()) != words, not kindred, term.status.rank

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
    if written_key == term_key or not term_key or not replacement:
        return replacement
    head, last = term_key.rsplit(" ", 1) if " " in term_key else ("", term_key)
    if any(written_key == (head + " " + p if head else p) for p in english_plurals(last)):
        *before, final = replacement.split(" ")
        plurals = english_plurals(final)
        return " ".join([*before, plurals[0]]) if plurals else replacement
    return replacement


def check_target_variants(segment: SegmentHits, concepts: Mapping[str, Concept], target_lang: str) -> list[Issue]:
    """``forbidden-term``, ``deprecated-term`` and ``misspelled-term`` on the target's hits.

    With a source, a misspelling needs the source to mention its concept: otherwise it is only a
    note (``info``) without a fix. An ambiguous fuzzy hit is resolved when the source mentions
    exactly one of its candidates; unresolved, it is still a misspelling of them all
    (Berdimuhammedov, father or son), with an unsafe fix when they are written alike and none when
    not. Each finding says whether its fix is safe (:mod:`termbase.qa.autofix`), how confident it
    is and why.
    """
    mentioned = source_concepts(segment)
    issues: list[Issue] = []
    for hit in segment.target_hits:
        concept_id = hit.concept
        if concept_id is not None and hit.match is not MatchKind.FUZZY and hit.status not in (
                TermStatus.FORBIDDEN, TermStatus.DEPRECATED):
            continue  # an approved term: nothing to say
        evidence = list(hit.evidence)
        if concept_id is None and mentioned is not None and hit.match is MatchKind.FUZZY:
            named = [c for c in hit.candidates if c in mentioned]
            if len(named) == 1:
                concept_id = named[0]
        if concept_id is None:
            shared = _shared_variant(hit, concepts, target_lang, segment, mentioned)
            if shared is None and hit.match is MatchKind.FUZZY:
                shared = _misspelling(hit, [concepts[c] for c in hit.candidates if c in concepts],
                                      target_lang, segment, mentioned, evidence)
            if shared is not None:
                issues.append(shared)
            continue
        concept = concepts[concept_id]
        if hit.match is MatchKind.FUZZY:
            found = _misspelling(hit, [concept], target_lang, segment, mentioned, evidence)
            if found is not None:
                issues.append(found)
            continue
        supports = None if mentioned is None else concept_id in mentioned
        if supports:
            evidence.append(_source_evidence(concept_id, segment))
        elif supports is False:
            evidence.append(Evidence("no-source", f"the source does not mention {concept_id}"))
        suggestion = _suggestion_for(hit, concept, target_lang)
        code = IssueCode.FORBIDDEN_TERM if hit.status is TermStatus.FORBIDDEN else IssueCode.DEPRECATED_TERM
        replacement = suggested_term(concept, target_lang, hit.term)
        reading = other_reading(hit.term, concept, segment.target, hit.start, hit.end)
        if reading is not None:
            evidence.append(Evidence("other-reading", reading))
        issues.append(_issue(
            code, concept_id, None, _span(hit),
            f"{hit.term.text!r} is a {hit.status} rendering of {concept.label(target_lang)}",
            suggestion, segment.id, confidence=hit.confidence, evidence=evidence,
            fix=variant_applicability(hit.term, replacement, source_supports=supports,
                                      other_reading=reading is not None),
        ))
    return issues


def _misspelling(hit: Hit, named: Sequence[Concept], lang: str, segment: SegmentHits,
                 mentioned: frozenset[str] | None, evidence: list[Evidence]) -> Issue | None:
    """``misspelled-term`` for a fuzzy hit read as each concept of ``named`` (one, or every candidate
    of an unresolved hit), with the correction when one fits them all; None when the misspelt word
    is written as the glossary writes it (a surname alone)."""
    if not named:
        return None
    suggestions = {_suggestion_for(hit, concept, lang) for concept in named}
    suggestion = suggestions.pop() if len(suggestions) == 1 else None
    ids = [concept.id for concept in named]
    supports = None if mentioned is None else any(c in mentioned for c in ids)
    evidence = list(evidence)
    if supports and mentioned is not None:
        evidence += [_source_evidence(c, segment) for c in ids if c in mentioned]
    elif supports is False:
        evidence.append(Evidence("no-source", f"the source does not mention {' or '.join(ids)}"))
    confidence = hit.confidence * len(hit.candidates) if hit.concept is None else hit.confidence
    if supports:
        confidence = 1.0 - (1.0 - confidence) * SOURCE_DOUBT
    elif supports is False:
        confidence *= SOURCE_DOUBT
    labels = " or ".join(concept.label(lang) for concept in named)
    message = f"{hit.text!r} looks like a misspelling of {hit.term.text!r} ({labels}), similarity {hit.score:.0f}"
    if supports is False:
        message += "; the source does not mention it"
    target = _span(hit)
    if suggestion is not None:  # the misspelt words only, when the rest of the name is right
        start, old, suggestion = narrowest(hit.start, hit.text, suggestion)
        target = TextSpan(start, start + len(old), old)
        if fold(old) == fold(suggestion):
            return None  # a name word written as the glossary writes it (a surname alone)
    return _issue(
        IssueCode.MISSPELLED_TERM, ids[0] if len(ids) == 1 else None, None, target, message, suggestion, segment.id,
        severity=Severity.INFO if supports is False else None, confidence=confidence, evidence=evidence,
        fix=misspelling_applicability(source_supports=supports, ambiguous=len(ids) > 1 or hit.concept is None),
    )


def _shared_variant(hit: Hit, concepts: Mapping[str, Concept], lang: str, segment: SegmentHits,
                    mentioned: frozenset[str] | None) -> Issue | None:
    """A deprecated or forbidden form of a mention that nothing resolves ("Berdymukhamedov", father
    or son): reported when every candidate lists the form with that status and suggests one same
    replacement, so the fix is right whoever is meant."""
    if hit.match is MatchKind.FUZZY or len(hit.candidates) < 2 or any(c not in concepts for c in hit.candidates):
        return None
    key = fold(hit.term.text)
    statuses, suggestions, replacements, readings = set(), set(), [], []
    for candidate in hit.candidates:
        concept = concepts[candidate]
        own = next((t for t in concept.terms_in(lang) if fold(t.text) == key), None)
        if own is None:
            return None
        reading = other_reading(own, concept, segment.target, hit.start, hit.end)
        if reading is not None:
            readings.append(Evidence("other-reading", reading))
        statuses.add(own.status)
        suggestions.add(_suggestion_for(hit._replace(term=own), concept, lang))
        replacements.append(suggested_term(concept, lang, own))
    status = statuses.pop() if len(statuses) == 1 else None
    suggestion = suggestions.pop() if len(suggestions) == 1 else None
    if status not in (TermStatus.FORBIDDEN, TermStatus.DEPRECATED) or suggestion is None:
        return None
    code = IssueCode.FORBIDDEN_TERM if status is TermStatus.FORBIDDEN else IssueCode.DEPRECATED_TERM
    named = ", ".join(concepts[c].label(lang) for c in hit.candidates)
    return _issue(code, None, None, _span(hit), f"{hit.term.text!r} is a {status} rendering of each of {named}",
                  suggestion, segment.id, confidence=hit.confidence * len(hit.candidates),
                  evidence=(*hit.evidence, *dict.fromkeys(readings)),
                  fix=variant_applicability(hit.term, replacements[0], source_supports=None if mentioned is None
                                            else any(c in mentioned for c in hit.candidates),
                                            other_reading=bool(readings)))


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
                preferred.text, segment.id, confidence=hit.confidence,
                evidence=(*hit.evidence, Evidence("target", f"no term of {concept_id} in the target")),
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
                    preferred.text if preferred is not None else None, segment.id, confidence=hit.confidence,
                    evidence=(*hit.evidence, Evidence("count", f"{in_source} in the source, {in_target} in the target: "
                                                      + ", ".join(repr(t.text) for t in rendered))),
                ))
    return issues


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _contains_words(longer: str, shorter: str) -> bool:
    long_words, short_words = longer.split(" "), shorter.split(" ")
    return all(word in long_words for word in short_words)


_ABBREVIATED_TYPES = frozenset({TermType.ACRONYM, TermType.INITIALISM, TermType.ABBREVIATION, TermType.CLIPPED_TERM})


def _short_form(term: Term) -> bool:
    """An approved acronym or abbreviation, or an admitted short form: consistent with the name."""
    return term.type in _ABBREVIATED_TYPES or (term.type is TermType.SHORT_FORM and term.status is TermStatus.ADMITTED)


def _consistent_term(concept: Concept, lang: str, like: Term) -> Term | None:
    """The rendering to write instead of ``like`` for consistency: the preferred term, unless an
    approved form of the same type and length is closer (a surname for a surname)."""
    key, words = fold(like.text), len(like.text.split())
    others = [t for t in concept.terms_in(lang) if t.status.approved and fold(t.text) != key]

    def fit(term: Term) -> tuple[bool, bool, bool, int]:
        same_kind = len(term.text.split()) == words and term.type == like.type
        return (term.pos != like.pos, not (term.status is TermStatus.PREFERRED or same_kind),
                len(term.text.split()) != words, term.status.rank)

    return min(others, key=fit) if others else None
_INTRODUCED = re.compile(r"\A\s*\(\s*\Z")


def _introduced(hit: Hit, before: Hit | None, text: str) -> bool:
    """Whether ``hit`` is a short form introduced in brackets right after ``before`` ("… (SCO)")."""
    return (before is not None and before.concept == hit.concept and before.end <= hit.start
            and _INTRODUCED.match(text[before.end:hit.start]) is not None
            and text[hit.end:hit.end + 1] == ")")


def check_inconsistent_terms(segments: Sequence[SegmentHits], concepts: Mapping[str, Concept],
                             target_lang: str) -> list[Issue]:
    """``inconsistent-term``: one concept rendered by different approved variants in one target.

    A short form of a full name is not an inconsistency: a form whose words the full name has
    (Tokayev after Kassym-Jomart Tokayev), an approved short form or acronym (SCO), or a short
    form introduced in brackets after the name ("Shanghai Cooperation Organisation (SCO)"). Two
    spellings (Rahmon, Rakhmon) or two names (America, United States) are: each rendering that
    is not the one the glossary prefers is flagged, with the preferred term as suggestion.
    """
    uses: dict[str, list[tuple[Hit, str, SegmentHits]]] = defaultdict(list)
    introduced: set[tuple[str, str]] = set()  # (concept, key) brought in by "(…)"
    for segment in segments:
        previous: Hit | None = None
        for hit in segment.target_hits:
            if hit.concept is None or hit.match is MatchKind.FUZZY or not hit.status.approved:
                previous = hit
                continue
            key = fold(hit.term.text)
            if _introduced(hit, previous, segment.target):
                introduced.add((hit.concept, key))
            uses[hit.concept].append((hit, key, segment))
            previous = hit
    issues: list[Issue] = []
    for concept_id, found in uses.items():
        full = [(h, k, s) for h, k, s in found
                if not _short_form(h.term) and (concept_id, k) not in introduced]
        keys = list(dict.fromkeys(k for _, k, _ in full))
        distinct = [k for k in keys if not any(k != other and _contains_words(other, k) for other in keys)]
        if len(distinct) < 2:
            continue
        concept = concepts[concept_id]
        first = next(h for h, k, _ in full if k in distinct)
        for hit, key, segment in full:
            if key not in distinct or hit.status is TermStatus.PREFERRED:
                continue
            suggestion = _consistent_term(concept, target_lang, hit.term)
            if suggestion is None:
                continue
            issues.append(_issue(
                IssueCode.INCONSISTENT_TERM, concept_id, None, _span(hit),
                f"{concept.label(target_lang)} is rendered {hit.term.text!r} here and "
                f"{first.term.text if first is not hit else next(h.term.text for h, k, _ in full if k != key)!r} "
                f"elsewhere; the glossary prefers {suggestion.text!r}",
                suggestion.text, segment.id, confidence=hit.confidence,
                evidence=(*hit.evidence, Evidence("renderings", ", ".join(distinct))),
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
                evidence=(Evidence("segment", f"segment {earlier.id} has the same source (folded) and "
                                              f"target {earlier.target!r}"),),
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
            evidence=(Evidence("script", f"{source_lang} script in the {target_lang} target, covered by no term"),),
        ))
    return issues


def _numbers(text: str, hits: Sequence[Hit] = ()) -> list[tuple[str, int, int]]:
    """Numbers in figures with their spans: Arabic-Indic digits folded, thousands separators dropped.

    Digits inside a glossary term (C5+1, G7) are the term's business: the term checks see them.
    """
    inside = bytearray(len(text) + 1)
    for hit in hits:
        inside[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
    found = []
    for match in _NUMBER.finditer(mask_placeholders(text)):  # %1$d and {0} are not numbers
        if inside.find(1, match.start(), match.end()) != -1:
            continue
        cleaned = match.group().replace(",", "").replace("٬", "").replace("٫", ".")
        value = "".join(fold_char(c) if c.isdigit() else c for c in cleaned)
        found.append((value, match.start(), match.end()))
    return found


def check_numbers(segment: SegmentHits, source_lang: str = "ar", target_lang: str = "en") -> list[Issue]:
    """``number-mismatch``: numbers of the source and the target differ (٢٠٢٢ = 2022).

    Numbers in figures outside glossary terms are compared as multisets. A figure on one side may stand for a number
    word on the other (ثلاثة مليارات = $3 billion). A source number missing from the target and a
    target number absent from the source are paired in text order into one finding (1991
    written 1992); what remains unpaired is reported on its own side.
    """
    if segment.source is None:
        return []
    source, target = _numbers(segment.source, segment.source_hits), _numbers(segment.target, segment.target_hits)
    missing, extra = _unmatched(source, target), _unmatched(target, source)
    if missing:  # number words are read only when a figure is unmatched
        missing = _excused(missing, _number_words(segment.target, target_lang))
    if extra:
        extra = _excused(extra, _number_words(segment.source, source_lang))
    issues: list[Issue] = []
    for right, wrong in _pair_numbers(missing, extra, len(segment.source), len(segment.target)):
        source_span = TextSpan(right[1], right[2], segment.source[right[1]:right[2]]) if right else None
        target_span = TextSpan(wrong[1], wrong[2], segment.target[wrong[1]:wrong[2]]) if wrong else None
        if right and wrong:
            message = f"the target has {wrong[0]} where the source has {right[0]}"
        elif right:
            message = f"the number {right[0]} of the source is missing in the target"
        elif wrong:
            message = f"the number {wrong[0]} of the target is not in the source"
        suggestion = _as_written_in(target_lang, right[0], source_span.text) if right and source_span else None
        issues.append(_issue(IssueCode.NUMBER_MISMATCH, None, source_span, target_span, message,
                             suggestion, segment.id,
                             evidence=(Evidence("numbers", "numbers in figures compared as multisets; "
                                                           "number words excuse a figure; a missing and a "
                                                           "wrong number paired by their place in the text"),)))
    return issues


Number = tuple[str, int, int]

_GROUPED = re.compile(r"\d[,٬]\d{3}(?!\d)")
"""A figure written with a thousands separator (1,200 or ١٬٢٠٠)."""


def _as_written_in(lang: str, value: str, written: str) -> str:
    """The number ``value`` (digits, ``.`` for decimals) as the target should write it: with
    English thousands commas when the source grouped its thousands (١٬٢٠٠ → 1,200), else as it is."""
    if primary_language(lang) != "en" or not _GROUPED.search(written):
        return value
    whole, dot, fraction = value.partition(".")
    return f"{int(whole):,}{dot}{fraction}"


def _pair_numbers(missing: list[Number], extra: list[Number], source_length: int,
                  target_length: int) -> list[tuple[Number | None, Number | None]]:
    """Missing source numbers and unexplained target numbers paired by where they stand (their
    offset as a share of the text: a translation keeps the order of sentences), closest first,
    then in text order; the rest alone on their side."""
    def where(number: Number, length: int) -> float:
        return number[1] / max(length, 1)

    distances = sorted((abs(where(m, source_length) - where(e, target_length)), i, j)
                       for i, m in enumerate(missing) for j, e in enumerate(extra))
    paired: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in distances:
        if i not in paired and j not in used:
            paired[i] = j
            used.add(j)
    pairs: list[tuple[Number | None, Number | None]] = [(m, extra[paired[i]] if i in paired else None)
                                                        for i, m in enumerate(missing)]
    pairs += [(None, e) for j, e in enumerate(extra) if j not in used]
    return pairs


@cache
def _number_word_values() -> dict[str, dict[str, str]]:
    """Folded number words per language, from ``qa/data/number_words.json``."""
    raw = json.loads(resources.files("termbase.qa").joinpath("data", "number_words.json").read_text("utf-8"))
    return {
        lang: {fold(word): str(value) for word, value in words.items()}
        for lang, words in raw.items() if isinstance(words, dict)
    }


@cache
def _number_word_forms(lang: str) -> dict[str, int]:
    """The folded number words of a primary language with each clitic chain they may carry
    (وثلاثة, بالثلاثة), and their values: a word reads as itself, else as the word under its
    longest chain. A word of a text that is no key is no number word."""
    words = _number_word_values().get(lang, {})
    forms: dict[str, int] = {}
    for written in {chain + word for chain in ("", *CHAINS_LONGEST_FIRST) for word in words}:
        value = words.get(written)
        if value is None:
            value = next((words[bare] for bare in bare_readings(written)[:-1] if bare in words), None)
        if value is not None:
            forms[written] = int(value)
    return forms


def _number_words(text: str, lang: str) -> Counter[str]:
    """Values of the number words of ``text`` (Arabic clitics and article allowed), cardinal and
    ordinal; a tens word next to a unit word is one number (twenty-one, واحد وعشرون)."""
    forms = _number_word_forms(primary_language(lang))
    found: Counter[str] = Counter()
    if not forms:
        return found
    values = [forms.get(word) for word in fold(text).split(" ")]
    position = 0
    while position < len(values):
        number = values[position]
        following = values[position + 1] if position + 1 < len(values) else None
        if number is not None and following is not None and _compound(number, following):
            found[str(number + following)] += 1  # twenty-one, واحد وعشرون (one and twenty)
            position += 2
            continue
        if number is not None:
            found[str(number)] += 1
        position += 1
    return found


def _compound(first: int, second: int) -> bool:
    """Whether two number words in a row make one number: a tens and a unit, either order."""
    tens, unit = (first, second) if first >= 20 else (second, first)
    return 20 <= tens <= 90 and tens % 10 == 0 and 1 <= unit <= 9


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
