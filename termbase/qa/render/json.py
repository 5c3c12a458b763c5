"""JSON report with a stable structure: issues, summary, signature (keys in a fixed order)."""

from __future__ import annotations

import json

from termbase.qa.issues import Issue, Report, Severity, TextSpan, parse_fail_on

__all__ = ["issue_to_dict", "render_json", "report_to_dict"]


def _span(span: TextSpan | None) -> dict[str, object] | None:
    if span is None:
        return None
    data: dict[str, object] = {"start": span.start, "end": span.end, "text": span.text}
    if span.line is not None:
        data["line"], data["column"] = span.line, span.column
    return data


def _fix(issue: Issue) -> dict[str, object] | None:
    """``{"applicability", "edits"}`` of a suggestion (ruff's shape); None without one."""
    if issue.fix is None:
        return None
    edits: list[dict[str, object]] = []
    if issue.fixable and issue.target is not None and issue.suggestion is not None:
        edits.append({"start": issue.target.start, "end": issue.target.end, "content": issue.suggestion})
    return {"applicability": str(issue.fix), "edits": edits}


def issue_to_dict(issue: Issue) -> dict[str, object]:
    """``{"code", "severity", "concept", "source", "target", "message", "suggestion", "confidence",
    "evidence", "fix"}``, plus ``"segment"`` only when the issue names one."""
    data: dict[str, object] = {
        "code": str(issue.code),
        "severity": str(issue.severity),
        "concept": issue.concept,
        "source": _span(issue.source),
        "target": _span(issue.target),
        "message": issue.message,
        "suggestion": issue.suggestion,
        "confidence": issue.confidence,
        "evidence": [evidence.as_dict() for evidence in issue.evidence],
        "fix": _fix(issue),
    }
    if issue.segment is not None:
        data["segment"] = issue.segment
    return data


def report_to_dict(report: Report, fail_on: Severity | str | None = Severity.ERROR) -> dict[str, object]:
    """``{"issues": [...], "summary": {...}, "signature": "...", "verdict": {"fail_on", "failed"}}``
    in that key order; ``verdict.failed`` is what the exit status of ``termbase check`` says."""
    threshold = parse_fail_on(fail_on)
    return {
        "issues": [issue_to_dict(issue) for issue in report.issues],
        "summary": report.summary(),
        "signature": report.signature,
        "verdict": {"fail_on": str(threshold or "never"), "failed": report.fails(threshold)},
    }


def render_json(report: Report, *, indent: int | None = 2, fail_on: Severity | str | None = Severity.ERROR) -> str:
    """The report as JSON (UTF-8 text, not ASCII-escaped), ending with a newline."""
    return json.dumps(report_to_dict(report, fail_on), ensure_ascii=False, indent=indent) + "\n"
