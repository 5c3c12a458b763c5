"""Plain-text report for terminals: by severity, then concept; ANSI colour only on a TTY."""

from __future__ import annotations

import os
import sys
from collections import Counter
from typing import TextIO

from termbase.qa.issues import Issue, Report, Severity, TextSpan
from termbase.qa.render._common import IssueSegments, plural, severity_groups, verdict_line

__all__ = ["render_text", "summary_line", "use_color"]

_RESET = "\x1b[0m"
_SEVERITY_STYLE = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36"}
_HEADINGS = {Severity.ERROR: "ERRORS", Severity.WARNING: "WARNINGS", Severity.INFO: "INFO"}
_BOLD, _DIM, _GREEN, _MAGENTA = "1", "2", "32", "35"


def use_color(stream: TextIO | None = None) -> bool:
    """Whether to colour output for ``stream`` (default stdout): a TTY, ``NO_COLOR`` unset or empty,
    ``TERM`` not ``dumb``."""
    stream = sys.stdout if stream is None else stream
    if os.environ.get("NO_COLOR", "") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


class _Painter:
    """Wraps text in ANSI SGR codes, or leaves it alone."""

    __slots__ = ("enabled",)

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, style: str) -> str:
        return f"\x1b[{style}m{text}{_RESET}" if self.enabled and text else text


def _quote(text: str) -> str:
    """A span's text on one line: quoted, with line breaks and tabs shown as escapes."""
    return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def _where(
    issue: Issue, side: str, span: TextSpan, segments: IssueSegments, paint: _Painter
) -> str:
    position = segments.position(issue, side)
    at = f"{position[0]}:{position[1]}" if position is not None else f"@{span.start}"
    return f"{side} {paint(at, _BOLD)} {_quote(span.text)}"


def _issue_lines(issue: Issue, segments: IssueSegments, paint: _Painter, explain: bool = False) -> list[str]:
    head = [paint(str(issue.code), _SEVERITY_STYLE[issue.severity])]
    if issue.segment is not None:
        head.append(paint(f"[segment {issue.segment}]", _DIM))
    if issue.target is not None:
        head.append(_where(issue, "target", issue.target, segments, paint))
    if issue.source is not None:
        head.append(paint(_where(issue, "source", issue.source, segments, _Painter(False)), _DIM))
    lines = ["    " + "  ".join(head)]
    lines.extend("      " + line for line in issue.message.splitlines() or [""])
    if issue.suggestion is not None:
        how = f"  [{issue.fix} fix]" if issue.fix is not None and issue.fixable else ""
        lines.append("      " + paint("→ " + issue.suggestion, _GREEN) + paint(how, _DIM))
    if explain:
        lines.append("      " + paint(f"confidence {issue.confidence:.2f}", _DIM))
        lines.extend("      " + paint(f"· {e.rule}: {e.detail}", _DIM) for e in issue.evidence)
    return lines


def summary_line(report: Report) -> str:
    """``"3 issues (1 error, 1 warning, 1 info) in 2 segments"``, or ``"No issues in …"``."""
    segments = plural(len(report.segments), "segment")
    if not report.issues:
        return f"No issues in {segments}"
    by_severity = Counter(issue.severity for issue in report.issues)
    counts = ", ".join(
        plural(by_severity[s], str(s), "info" if s is Severity.INFO else None)
        for s in sorted(Severity, key=lambda s: s.rank)
    )
    return f"{plural(len(report.issues), 'issue')} ({counts}) in {segments}"


def render_text(report: Report, *, color: bool | None = None, stream: TextIO | None = None,
                fail_on: Severity | str | None = Severity.ERROR, explain: bool = False) -> str:
    """The report as text: issues by severity (errors first), then by concept, each with code,
    target and source spans at ``line:column``, message and ``→ suggestion`` (with ``[safe fix]``
    or ``[unsafe fix]`` when it can be applied), with ``explain`` each finding's confidence and
    evidence; a summary line, the verdict for ``fail_on``, the signature last. ``color=None`` colours only when :func:`use_color`
    says so for ``stream``.
    """
    paint = _Painter(use_color(stream) if color is None else color)
    segments = IssueSegments(report)
    lines: list[str] = []
    for severity, concepts in severity_groups(report, segments):
        count = sum(len(issues) for _, issues in concepts)
        lines.append(paint(f"{_HEADINGS[severity]} ({count})", _SEVERITY_STYLE[severity]))
        for concept, issues in concepts:
            label = concept if concept is not None else "(no concept)"
            lines.append("  " + paint(label, _MAGENTA if concept is not None else _DIM))
            for _, issue in issues:
                lines.extend(_issue_lines(issue, segments, paint, explain))
        lines.append("")
    lines.append(paint(summary_line(report), _BOLD))
    lines.append(paint(verdict_line(report, fail_on), _BOLD))
    lines.append(paint(f"signature: {report.signature}", _DIM))
    return "\n".join(lines) + "\n"
