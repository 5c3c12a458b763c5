"""JSON: the exact, stable structure and key order."""

from __future__ import annotations

import json

from termbase.qa.issues import Report
from termbase.qa.render.json import render_json

ISSUE_KEYS = ["code", "severity", "concept", "source", "target", "message", "suggestion",
              "confidence", "evidence", "fix"]
SPAN_KEYS = ["start", "end", "text"]


def test_top_level_keys_in_order(any_report: Report) -> None:
    data = json.loads(render_json(any_report))
    assert list(data) == ["issues", "summary", "signature", "verdict"]
    assert data["summary"] == any_report.summary()
    assert data["signature"] == any_report.signature


def test_document_issues_exactly(document_report: Report) -> None:
    data = json.loads(render_json(document_report))
    assert len(data["issues"]) == len(document_report.issues)
    for item, issue in zip(data["issues"], document_report.issues, strict=True):
        assert list(item) == ISSUE_KEYS  # no "segment" key for a whole document
        assert item["code"] == issue.code.value
        assert item["severity"] == issue.severity.value
        assert item["concept"] == issue.concept
        assert item["message"] == issue.message
        assert item["suggestion"] == issue.suggestion
        for side in ("source", "target"):
            span = getattr(issue, side)
            if span is None:
                assert item[side] is None
            else:
                assert list(item[side]) == SPAN_KEYS
                assert item[side] == {"start": span.start, "end": span.end, "text": span.text}


def test_first_issue_literally(document_report: Report) -> None:
    first = json.loads(render_json(document_report))["issues"][1]
    source = document_report.issues[1].source
    assert source is not None
    assert first == {
        "code": "missing-term",
        "severity": "error",
        "concept": "turkmenistan",
        "source": {"start": source.start, "end": source.end, "text": "تركمانستان"},
        "target": None,
        "message": "No translation of تركمانستان (Turkmenistan) in the draft.",
        "suggestion": "Turkmenistan",
        "confidence": 1.0,
        "evidence": [],
        "fix": None,  # an issue made without the checks says nothing about its fix
    }


def test_segment_key_last_and_only_when_set(aligned_report: Report) -> None:
    data = json.loads(render_json(aligned_report))
    for item, issue in zip(data["issues"], aligned_report.issues, strict=True):
        assert list(item) == [*ISSUE_KEYS, "segment"]
        assert item["segment"] == issue.segment


def test_summary_literally(document_report: Report) -> None:
    assert json.loads(render_json(document_report))["summary"] == {
        "issues": 5,
        "by_severity": {"error": 2, "warning": 2, "info": 1},
        "by_code": {
            "count-mismatch": 1,
            "deprecated-term": 1,
            "forbidden-term": 1,
            "missing-term": 1,
            "untranslated": 1,
        },
        "segments": 1,
    }


def test_empty_report(empty_report: Report) -> None:
    assert json.loads(render_json(empty_report)) == {
        "issues": [],
        "summary": {"issues": 0, "by_severity": {"error": 0, "warning": 0, "info": 0}, "by_code": {}, "segments": 0},
        "signature": empty_report.signature,
        "verdict": {"fail_on": "error", "failed": False},
    }


def test_arabic_is_not_escaped_and_output_ends_with_newline(document_report: Report) -> None:
    output = render_json(document_report)
    assert "تركمانستان" in output
    assert "\\u" not in output
    assert output.endswith("}\n")


def test_indent_none_is_one_line(document_report: Report) -> None:
    output = render_json(document_report, indent=None)
    assert output.count("\n") == 1
    assert json.loads(output) == json.loads(render_json(document_report))
