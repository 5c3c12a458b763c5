"""Autofix: which suggestions are safe to apply, and applying them without touching anything else.

The model is ruff's ``Applicability``: a fix that cannot change the meaning of the text is
``safe`` and ``--fix`` applies it; every other suggestion is ``unsafe`` (``--unsafe-fixes``) or
``display-only``. Safe are

* a listed deprecated or forbidden variant replaced by an approved term of the same part of
  speech and the same kind of form (a name for a name, an acronym for an acronym — never an
  adjective for a country noun), when no source contradicts it and the variant cannot rightly name
  something else there (:func:`other_reading`: a former name of a town, which may be its namesake's;
  a former name of a country in a sentence about its time; a surname of people — Shevchenko was
  Aktau's Soviet name and is a footballer's surname); then only a source that mentions the concept
  makes the fix safe;
* a misspelling of a name that the source confirms (the source mentions that concept).

A misspelling found without a source is unsafe; one the source does not support is only shown.
Replacing a rendering for consistency, untranslated text or a number is never safe. The write-back
of a fixed segment (text files, PO, XLIFF, TSV) calls :func:`edits_for` and :func:`apply_edits`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from termbase.langtags import primary_language
from termbase.model import Concept, Term, TermType
from termbase.normalize import fold
from termbase.qa.issues import Applicability, Issue, IssueCode, Report
from termbase.spotting.casing import sentence_at
from termbase.spotting.fuzzy import GEOGRAPHY_SUBJECT
from termbase.spotting.names import PEOPLE_SUBJECT, arabic_name_words, english_name_words
from termbase.spotting.teams import is_country

__all__ = [
    "SAFE_CODES",
    "Applicability",
    "Edit",
    "apply_edits",
    "edits_for",
    "fix_text",
    "misspelling_applicability",
    "narrowest",
    "other_reading",
    "suggestion_applicability",
    "unified_diff",
    "variant_applicability",
]

SAFE_CODES = frozenset({IssueCode.FORBIDDEN_TERM, IssueCode.DEPRECATED_TERM, IssueCode.MISSPELLED_TERM})
"""Findings whose fix can be safe: a flagged variant replaced by the approved term."""

_ABBREVIATED = frozenset({TermType.ACRONYM, TermType.INITIALISM, TermType.ABBREVIATION, TermType.CLIPPED_TERM})
_SYMBOL = frozenset({TermType.SYMBOL})
_WORD = re.compile(r"[^\s\-\u2010\u2011]+")
_YEAR = re.compile(r"(?<![\d.,])(1[0-9]{3}|20[0-9]{2})(?![\d.,]\d)")
_PAST = re.compile(r"\b(?:formerly|renamed|called|named|known as|former name|USSR|SSR"
                   r"|(?<!ex-)(?<!post-)(?<!former )Soviet)\b", re.IGNORECASE)
"""Words with which a text speaks of a former name or of its time (an ex-Soviet or post-Soviet
state is one of today)."""


def _form_kind(term: Term) -> str:
    """``abbreviated``, ``symbol`` or ``name``: the kinds of form a safe fix keeps."""
    if term.type in _ABBREVIATED:
        return "abbreviated"
    return "symbol" if term.type in _SYMBOL else "name"


def variant_applicability(found: Term, replacement: Term | None, *, source_supports: bool | None,
                          other_reading: bool = False) -> Applicability:
    """A deprecated or forbidden ``found`` replaced by ``replacement``.

    ``source_supports`` is None without a source, else whether the source mentions the concept.
    A part of speech the glossary does not give is taken to be the same. With ``other_reading``
    (see :func:`other_reading`) only a source that mentions the concept makes the fix safe.
    """
    if replacement is None:
        return Applicability.DISPLAY_ONLY
    other_pos = found.pos is not None and replacement.pos is not None and found.pos != replacement.pos
    if source_supports is False or other_pos or _form_kind(found) != _form_kind(replacement):
        return Applicability.UNSAFE
    if other_reading and not source_supports:
        return Applicability.UNSAFE
    return Applicability.SAFE


def other_reading(found: Term, concept: Concept, text: str, start: int, end: int) -> str | None:
    """Why the variant ``found``, written at ``text[start:end]``, may rightly stand there for
    something else than a mistake, or None.

    * A one-word variant of a concept that is no person, which person names use as a given name or
      surname (Wikidata person labels): Shevchenko the footballer, Holland the actor.
    * A former name (its ``historical`` period) of a place that is no country: places were renamed
      after people, whose name a text about them writes the same ("Frunze was buried in Red
      Square"), and nothing in the sentence tells the two apart.
    * Any other former name (a country's, a person's) in a sentence that gives a year up to the
      period's end or speaks of the former name or its time (formerly, renamed, Soviet …): "the
      capital of the Kirghiz SSR" is right as written.
    """
    words = _WORD.findall(found.text)
    if concept.subject != PEOPLE_SUBJECT and len(words) == 1:
        names = english_name_words() if primary_language(found.lang) == "en" else arabic_name_words()
        if fold(found.text) in names:
            return f"{found.text!r} is also a person's name (Wikidata person labels use it)"
    if found.historical is None:
        return None
    period = found.historical.replace("/", "–")
    if concept.subject == GEOGRAPHY_SUBJECT and not is_country(concept):
        return f"{found.text!r} was the place's name in {period}, and may be its namesake's"
    sentence = sentence_at(text, start, end)
    last_year = int(found.historical.rsplit("/", 1)[1][:4])
    if any(int(year) <= last_year for year in _YEAR.findall(sentence)) or _PAST.search(sentence):
        return f"{found.text!r} was the name in {period}: this sentence speaks of that time"
    return None


def misspelling_applicability(*, source_supports: bool | None, ambiguous: bool = False) -> Applicability:
    """A fuzzy name replaced by the approved spelling: safe only when the source confirms it."""
    if source_supports is False:
        return Applicability.DISPLAY_ONLY
    if source_supports is None or ambiguous:
        return Applicability.UNSAFE
    return Applicability.SAFE


def suggestion_applicability(code: IssueCode, *, has_target: bool) -> Applicability:
    """Every other finding: a replacement of the target span is unsafe, anything else only shown."""
    if not has_target or code in (IssueCode.MISSING_TERM, IssueCode.COUNT_MISMATCH):
        return Applicability.DISPLAY_ONLY
    return Applicability.UNSAFE


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (which is ``old``) by ``new``."""

    start: int
    end: int
    old: str
    new: str
    code: IssueCode


def narrowest(start: int, old: str, new: str) -> tuple[int, str, str]:
    """The smallest whole-word edit of ``old`` (at ``start``) into ``new``: words equal at both
    ends stay. Returns the new start, the old and the new text."""
    old_words, new_words = list(_WORD.finditer(old)), list(_WORD.finditer(new))
    if len(old_words) != len(new_words) or len(old_words) < 2:
        return start, old, new
    same = [a.group() == b.group() for a, b in zip(old_words, new_words)]
    if all(same):
        return start, old, new
    first = same.index(False)
    last = len(same) - 1 - same[::-1].index(False)
    a, b = old_words[first].start(), old_words[last].end()
    return start + a, old[a:b], new[new_words[first].start():new_words[last].end()]


def edits_for(issues: Iterable[Issue], segment: str | None = None, *, unsafe: bool = False) -> list[Edit]:
    """Edits of the fixable findings of one segment — safe ones, and unsafe ones too with
    ``unsafe`` — sorted, without overlaps (the first one wins), each as small as it can be."""
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    edits: list[Edit] = []
    for issue in issues:
        if issue.fix not in allowed or issue.target is None or not issue.suggestion:
            continue
        if issue.segment != segment or issue.target.text == issue.suggestion:
            continue
        start, old, new = narrowest(issue.target.start, issue.target.text, issue.suggestion)
        edits.append(Edit(start, start + len(old), old, new, issue.code))
    edits.sort(key=lambda e: (e.start, e.end))
    kept: list[Edit] = []
    for edit in edits:
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` applied; each edit must still find its ``old`` text in place."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if text[edit.start:edit.end] != edit.old:
            raise ValueError(f"edit at [{edit.start}, {edit.end}) expects {edit.old!r}")
        pieces += [text[position:edit.start], edit.new]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def fix_text(report: Report, segment: str | None = None, *, unsafe: bool = False) -> tuple[str, list[Edit]]:
    """The target of ``segment`` (the document when None) with safe fixes applied (and unsafe
    ones with ``unsafe``), and the edits."""
    name = segment or "document"
    checked = next(s for s in report.segments if s.id == name)
    edits = edits_for(report.issues, segment, unsafe=unsafe)
    return apply_edits(checked.target, edits), edits


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff between two versions of a file."""
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{name.lstrip('/')}", tofile=f"b/{name.lstrip('/')}",
    ))
