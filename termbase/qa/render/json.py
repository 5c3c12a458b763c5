"""JSON report with a stable structure: issues, summary, signature (keys in a fixed order)."""

from __future__ import annotations

import json

from termbase.qa.issues import Issue, Report, TextSpan

__all__ = ["issue_to_dict", "render_json", "report_to_dict"]


def _span(span: TextSpan | None) -> dict[str, object] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def issue_to_dict(issue: Issue) -> dict[str, object]:
    """``{"code", "severity", "concept", "source", "target", "message", "suggestion"}``, plus
    ``"segment"`` only when the issue names one."""
    data: dict[str, object] = {
        "code": str(issue.code),
        "severity": str(issue.severity),
        "concept": issue.concept,
        "source": _span(issue.source),
        "target": _span(issue.target),
        "message": issue.message,
        "suggestion": issue.suggestion,
    }
    if issue.segment is not None:
        data["segment"] = issue.segment
    return data


def report_to_dict(report: Report) -> dict[str, object]:
    """``{"issues": [...], "summary": {...}, "signature": "..."}`` in that key order."""
    return {
        "issues": [issue_to_dict(issue) for issue in report.issues],
        "summary": report.summary(),
        "signature": report.signature,
    }


def render_json(report: Report, *, indent: int | None = 2) -> str:
    """The report as JSON (UTF-8 text, not ASCII-escaped), ending with a newline."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=indent) + "\n"
