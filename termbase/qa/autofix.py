"""Autofix: apply the safe suggestions of a report to the target text, touching nothing else."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from termbase.qa.issues import Issue, IssueCode, Report

__all__ = ["SAFE_CODES", "Edit", "apply_edits", "edits_for", "fix_text", "unified_diff"]

SAFE_CODES = frozenset({IssueCode.FORBIDDEN_TERM, IssueCode.DEPRECATED_TERM, IssueCode.MISSPELLED_TERM})
"""Findings whose suggestion replaces the flagged variant by the approved term."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (which is ``old``) by ``new``."""

    start: int
    end: int
    old: str
    new: str
    code: IssueCode


def edits_for(issues: Iterable[Issue], segment: str | None = None) -> list[Edit]:
    """Edits of the safe findings of one segment, sorted, without overlaps (the first one wins)."""
    edits: list[Edit] = []
    for issue in issues:
        if issue.code not in SAFE_CODES or issue.target is None or not issue.suggestion:
            continue
        if issue.segment != segment or issue.target.text == issue.suggestion:
            continue
        edits.append(Edit(issue.target.start, issue.target.end, issue.target.text, issue.suggestion, issue.code))
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


def fix_text(report: Report, segment: str | None = None) -> tuple[str, list[Edit]]:
    """The target of ``segment`` (the document when None) with safe fixes applied, and the edits."""
    name = segment or "document"
    checked = next(s for s in report.segments if s.id == name)
    edits = edits_for(report.issues, segment)
    return apply_edits(checked.target, edits), edits


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff between two versions of a file."""
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{name.lstrip('/')}", tofile=f"b/{name.lstrip('/')}",
    ))
