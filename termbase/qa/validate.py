"""Checking a translation: a document pair, aligned segments, or a target alone, into a Report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from termbase.formats.segments import Segment
from termbase.qa.checks import (
    SegmentHits,
    check_inconsistent_terms,
    check_missing_terms,
    check_numbers,
    check_repeated_sources,
    check_target_variants,
    check_untranslated,
)
from termbase.errors import LanguageError
from termbase.langtags import LanguageTagError, parse_tag, primary_language
from termbase.matches import Hit
from termbase.model import Concept, Term
from termbase.qa.issues import CheckedSegment, Highlight, Issue, LineIndex, Report
from termbase.progress import track

__all__ = ["LANGUAGE_PAIRS", "CheckOptions", "Checker", "check_document", "check_language_pair", "check_segments"]

LANGUAGE_PAIRS = frozenset({("ar", "en"), ("en", "ar")})
"""(source, target) primary languages the checks support: the untranslated-text check, the number
words and the glossaries are Arabic and English."""


def check_language_pair(source_lang: str, target_lang: str) -> None:
    """Raise :class:`LanguageError` unless the checks support ``source_lang`` → ``target_lang``
    (BCP 47 tags, any case: ``ar`` → ``en-US`` is supported)."""
    for tag in (source_lang, target_lang):
        try:
            parse_tag(tag)
        except LanguageTagError as exc:
            raise LanguageError(str(exc)) from None
    pair = (primary_language(source_lang), primary_language(target_lang))
    if pair not in LANGUAGE_PAIRS:
        supported = ", ".join(f"{s}→{t}" for s, t in sorted(LANGUAGE_PAIRS))
        raise LanguageError(f"the checks do not support {source_lang}→{target_lang} (supported: {supported})")


class Spotted(Protocol):
    """One text's spotting (:class:`~termbase.termbase.Spotting` is one)."""

    def hits(self, *, whole_names: bool = True) -> list[Hit]:
        """The text's hits; with ``whole_names``, no name inside a longer name."""


class Checker(Protocol):
    """What the checks need of a termbase (:class:`~termbase.Termbase` is one): its concepts,
    spotting, translation of a term and the reproducibility signature. Named here so that this
    module does not import the termbase that calls it."""

    @property
    def concepts(self) -> Mapping[str, Concept]:
        """Concepts by id."""

    def spotting(self, text: str, *, lang: str | None = None, fuzzy: bool = True) -> Spotted:
        """The spotting of ``text``, to read with or without the names inside longer names."""

    def translations(self, variant: str, target_lang: str, *, source_lang: str | None = None) -> tuple[Term, ...]:
        """Preferred ``target_lang`` terms of the concepts ``variant`` names."""

    def signature(self, **settings: object) -> str:
        """Reproducibility signature."""


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What to check: the fuzzy pass (misspelled names), occurrence counts, numbers."""

    fuzzy: bool = True
    counts: bool = True
    numbers: bool = True

    def settings(self) -> dict[str, object]:
        """The options as signature settings."""
        return {"fuzzy": "on" if self.fuzzy else "off", "counts": "on" if self.counts else "off",
                "numbers": "on" if self.numbers else "off"}


def _highlights(hits: Sequence[Hit]) -> tuple[Highlight, ...]:
    return tuple(
        Highlight(h.start, h.end, h.concept or "|".join(h.candidates), str(h.status)) for h in hits
    )


def _spot(termbase: Checker, source: str | None, target: str, segment_id: str | None,
          source_lang: str, target_lang: str, options: CheckOptions, context: str | None = None) -> SegmentHits:
    source_spotting = termbase.spotting(source, lang=source_lang, fuzzy=False) if source else None
    target_spotting = termbase.spotting(target, lang=target_lang, fuzzy=options.fuzzy) if target else None
    source_hits = tuple(source_spotting.hits()) if source_spotting else ()
    target_hits = tuple(target_spotting.hits()) if target_spotting else ()
    if source_spotting and target_spotting:
        source_hits, target_hits = _paired_names(source_spotting, target_spotting, source_hits, target_hits)
    return SegmentHits(segment_id, source, target, source_hits, target_hits, context)


def _paired_names(source: Spotted, target: Spotted, source_hits: tuple[Hit, ...],
                  target_hits: tuple[Hit, ...]) -> tuple[tuple[Hit, ...], tuple[Hit, ...]]:
    """Hits with the names inside longer names given back on one side where the other side names
    that concept: the head-word rule reads each language's own heads (مركز أستانا المالي keeps
    Astana, "Astana International Financial Centre" does not), and a name the source writes and
    the target writes inside an institution's name is rendered, not missing."""

    def named(hits: Sequence[Hit]) -> set[str]:
        return {c for h in hits for c in ((h.concept,) if h.concept is not None else h.candidates)}

    def restored(hits: tuple[Hit, ...], spotting: Spotted, wanted: set[str]) -> tuple[Hit, ...]:
        if not wanted:
            return hits
        inner = [h for h in spotting.hits(whole_names=False) if h.concept in wanted]
        return tuple(sorted((*hits, *inner), key=lambda h: (h.start, h.end)))

    in_source, in_target = named(source_hits), named(target_hits)
    return restored(source_hits, source, in_target - in_source), restored(target_hits, target, in_source - in_target)


def _segment_issues(termbase: Checker, segment: SegmentHits, source_lang: str, target_lang: str,
                    options: CheckOptions) -> list[Issue]:
    concepts = termbase.concepts

    def translate(text: str) -> str | None:
        terms = termbase.translations(text, target_lang, source_lang=source_lang)
        return terms[0].text if len(terms) == 1 else None

    issues = check_missing_terms(segment, concepts, target_lang, counts=options.counts)
    issues += check_target_variants(segment, concepts, target_lang)
    issues += check_untranslated(segment, source_lang, target_lang, translate)
    if options.numbers:
        issues += check_numbers(segment, source_lang, target_lang)
    return issues


def _report(termbase: Checker, checked: list[SegmentHits], issues: list[Issue], source_lang: str,
            target_lang: str, options: CheckOptions, mode: str) -> Report:
    issues += check_inconsistent_terms(checked, termbase.concepts, primary_language(target_lang))
    order = {segment.id: n for n, segment in enumerate(checked)}

    def position(issue: Issue) -> tuple[int, int, str]:
        span = issue.target or issue.source
        return order.get(issue.segment, 0), span.start if span else -1, str(issue.code)

    issues.sort(key=position)
    issues = _located(issues, checked)
    segments = tuple(
        CheckedSegment(s.id or "document", s.source or "", s.target,
                       _highlights(s.source_hits), _highlights(s.target_hits))
        for s in checked
    )
    signature = termbase.signature(mode=mode, langs=f"{source_lang}-{target_lang}", **options.settings())
    return Report(tuple(issues), segments, signature, source_lang, target_lang)


def _located(issues: list[Issue], checked: Sequence[SegmentHits]) -> list[Issue]:
    """``issues`` with the line and column of each span in its segment's text."""
    by_id = {segment.id: segment for segment in reversed(checked)}
    lines: dict[tuple[str | None, str], LineIndex] = {}
    located: list[Issue] = []
    for issue in issues:
        segment = by_id.get(issue.segment)
        if segment is None and len(checked) == 1:
            segment = checked[0]
        if segment is None:
            located.append(issue)
            continue
        source, target = issue.source, issue.target
        if source is not None:
            key = (segment.id, "source")
            source = source.located(lines.get(key) or lines.setdefault(key, LineIndex(segment.source or "")))
        if target is not None:
            key = (segment.id, "target")
            target = target.located(lines.get(key) or lines.setdefault(key, LineIndex(segment.target)))
        located.append(replace(issue, source=source, target=target))
    return located


def check_document(termbase: Checker, source: str | None, target: str, *, source_lang: str = "ar",
                   target_lang: str = "en", options: CheckOptions = CheckOptions()) -> Report:
    """Check an unaligned document pair (or a target alone when ``source`` is None).

    Languages are BCP 47 tags in any case; the glossary terms of their primary language apply
    (a target in ``en-US`` is checked against the ``en`` terms).

    Raises :class:`LanguageError` for a language pair outside :data:`LANGUAGE_PAIRS`."""
    check_language_pair(source_lang, target_lang)
    source_primary, target_primary = primary_language(source_lang), primary_language(target_lang)
    segment = _spot(termbase, source, target, None, source_primary, target_primary, options)
    issues = _segment_issues(termbase, segment, source_primary, target_primary, options)
    mode = "document" if source is not None else "target-only"
    return _report(termbase, [segment], issues, source_lang, target_lang, options, mode)


def check_segments(termbase: Checker, segments: Iterable[Segment | tuple[str, str]], *,
                   source_lang: str = "ar", target_lang: str = "en",
                   options: CheckOptions = CheckOptions()) -> Report:
    """Check aligned segments: pairs, or :class:`Segment` values from a PO, XLIFF or TSV reader.

    Raises :class:`LanguageError` for a language pair outside :data:`LANGUAGE_PAIRS`."""
    check_language_pair(source_lang, target_lang)
    source_primary, target_primary = primary_language(source_lang), primary_language(target_lang)
    checked: list[SegmentHits] = []
    issues: list[Issue] = []
    for number, item in enumerate(track(segments, "checking", unit="segment"), start=1):
        context = None
        if isinstance(item, Segment):
            segment_id, source, target, context = item.id, item.source, item.target, item.context
        else:
            segment_id, (source, target) = str(number), item
        segment = _spot(termbase, source, target, segment_id, source_primary, target_primary, options, context)
        checked.append(segment)
        if target.strip():
            issues += _segment_issues(termbase, segment, source_primary, target_primary, options)
    issues += check_repeated_sources(checked)
    return _report(termbase, checked, issues, source_lang, target_lang, options, "segments")
