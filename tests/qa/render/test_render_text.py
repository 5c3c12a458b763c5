"""Text: grouping, positions, colour on terminals only, summary and signature lines."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest

from termbase.qa.issues import Report, TextSpan
from termbase.qa.render.text import render_text, use_color

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_document_report_exactly(document_report: Report) -> None:
    assert render_text(document_report, color=False) == (
        "ERRORS (2)\n"
        "  middle-east\n"
        '    forbidden-term  target 4:107 "the Mideast"  source 4:83 "الشرق الأوسط"\n'
        '      Forbidden term "Mideast" <in news copy> & headlines.\n'
        "      → the Middle East\n"
        "  turkmenistan\n"
        '    missing-term  source 2:59 "تركمانستان"\n'
        "      No translation of تركمانستان (Turkmenistan) in the draft.\n"
        "      → Turkmenistan\n"
        "\n"
        "WARNINGS (2)\n"
        "  central-asia\n"
        '    deprecated-term  target 4:1 "Middle Asia"  source 4:1 "آسيا الوسطى"\n'
        '      Deprecated term "Middle Asia" for central-asia.\n'
        "      → Central Asia\n"
        "  (no concept)\n"
        '    untranslated  target 3:167 "قلب"  source 3:124 "قلب"\n'
        "      Arabic text left in the draft.\n"
        "\n"
        "INFO (1)\n"
        "  asia\n"
        '    count-mismatch  target 4:100 "Asia"  source 4:77 "آسيا"\n'
        "      آسيا occurs 2 times in the source, Asia 2 times in the draft (one inside Middle Asia).\n"
        "\n"
        "5 issues (2 errors, 2 warnings, 1 info) in 1 segment\n"
        "Verdict: failed (--fail-on error)\n"
        f"signature: {document_report.signature}\n"
    )


def test_line_and_column_point_at_the_span(document_report: Report) -> None:
    segment = document_report.segments[0]
    output = render_text(document_report, color=False)
    for issue in document_report.issues:
        for side in ("source", "target"):
            span = getattr(issue, side)
            if span is None:
                continue
            text = getattr(segment, side)
            lines = text.split("\n")
            match = re.search(rf'{side} (\d+):(\d+) "{re.escape(span.text)}"', output)
            assert match is not None
            line, column = int(match[1]), int(match[2])
            assert lines[line - 1][column - 1 :].startswith(span.text)


def test_aligned_report_names_segments_and_counts_from_segment_start(aligned_report: Report) -> None:
    output = render_text(aligned_report, color=False)
    assert '    number-mismatch  [segment s3]  target 1:42 "2021"  source 1:32 "2022"\n' in output
    assert "\n  (no concept)\n" in output
    assert '    misspelled-term  [segment s2]  target 1:58 "Kyrgystan"' in output
    assert output.index("ERRORS (1)") < output.index("WARNINGS (1)") < output.index("INFO (1)")
    assert "3 issues (1 error, 1 warning, 1 info) in 3 segments\n" in output


@pytest.mark.parametrize(
    ("fixture", "summary"),
    [("clean_report", "No issues in 1 segment"), ("empty_report", "No issues in 0 segments")],
)
def test_clean_runs_have_only_summary_and_signature(request: pytest.FixtureRequest, fixture: str, summary: str) -> None:
    report: Report = request.getfixturevalue(fixture)
    assert render_text(report, color=False) == (
        f"{summary}\nVerdict: passed (--fail-on error)\nsignature: {report.signature}\n"
    )


def test_signature_is_the_last_line(any_report: Report) -> None:
    assert render_text(any_report, color=False).splitlines()[-1] == f"signature: {any_report.signature}"


def test_color_true_adds_ansi_that_strips_back_to_plain(document_report: Report) -> None:
    colored = render_text(document_report, color=True)
    assert "\x1b[1;31mERRORS (2)\x1b[0m" in colored
    assert "\x1b[32m→ Central Asia\x1b[0m" in colored
    assert ANSI.sub("", colored) == render_text(document_report, color=False)


def test_color_false_has_no_escape(any_report: Report) -> None:
    assert "\x1b" not in render_text(any_report, color=False)


def test_auto_color_on_a_tty(document_report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert "\x1b[" in render_text(document_report, stream=_Tty())
    assert "\x1b" not in render_text(document_report, stream=io.StringIO())


@pytest.mark.parametrize(
    ("no_color", "term", "expected"),
    [(None, "xterm", True), ("1", "xterm", False), ("", "xterm", True), (None, "dumb", False)],
)
def test_use_color_environment(
    monkeypatch: pytest.MonkeyPatch, no_color: str | None, term: str, expected: bool
) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setenv("TERM", term)
    assert use_color(_Tty()) is expected
    assert use_color(io.StringIO()) is False


def test_newlines_in_spans_are_shown_escaped(document_report: Report) -> None:
    start = document_report.segments[0].target.index("Donald\nTrump")
    issue = replace(document_report.issues[0], target=TextSpan(start, start + 12, "Donald\nTrump"))
    report = replace(document_report, issues=(issue,))
    assert 'target 1:14 "Donald\\nTrump"' in render_text(report, color=False)
