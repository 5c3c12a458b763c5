"""What a script needs is exported at the top: check, read the issues, render the report."""

from __future__ import annotations

import json
from pathlib import Path

import termbase
from termbase import IssueCode, Report, Severity, TextSpan, render

REPO = Path(__file__).resolve().parent.parent


def test_a_script_checks_reads_and_renders() -> None:
    tb = termbase.Termbase.load()
    source = (REPO / "seeds" / "c5plus1-summit.ar.txt").read_text(encoding="utf-8")
    draft = (REPO / "examples" / "c5plus1-summit.draft.en.txt").read_text(encoding="utf-8")
    report = tb.check(source, draft)
    assert isinstance(report, Report)
    codes = {issue.code for issue in report.issues}
    assert IssueCode.FORBIDDEN_TERM in codes and report.fails(Severity.ERROR)
    for issue in report.issues:
        for span, text in ((issue.source, source), (issue.target, draft)):
            if span is None:
                continue
            assert isinstance(span, TextSpan) and text[span.start:span.end] == span.text
            before = text[:span.start]  # line and column as an editor counts them
            assert (span.line, span.column) == (before.count("\n") + 1, len(before) - before.rfind("\n"))
    data = json.loads(render(report, "json", fail_on="never"))
    assert data["verdict"] == {"fail_on": "never", "failed": False}
