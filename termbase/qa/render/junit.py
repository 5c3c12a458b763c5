"""JUnit XML report for CI systems (Jenkins, GitLab, GitHub test reporters).

Mapping: one ``<testsuite name="termbase">``; one ``<testcase>`` per (segment, concept) that
the check saw (a concept with an issue or a glossary highlight), or per (segment, code) for
issues without a concept. ``classname`` is ``termbase`` (whole document) or
``termbase.<segment id>``. A testcase fails when one of its issues is at or above ``fail_on``
(``"never"``/``None``: no testcase fails), so the dashboard shows the verdict of the exit status:
a single ``<failure type=code message=…>`` (the most severe issue) whose body lists every such
issue; issues below the threshold go to the testcase's ``<system-out>``. A run without any
testcase gets one passing ``check`` testcase so CI shows a result. The signature is a suite
property. Valid against Jenkins xunit-plugin's ``junit-10.xsd``.
"""

from __future__ import annotations

import re

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from termbase.qa.issues import Issue, Report, Severity, parse_fail_on
from termbase.qa.render._common import IssueSegments

__all__ = ["render_junit"]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _describe(number: int, issue: Issue, segments: IssueSegments) -> str:
    lines = [f"#{number} {issue.severity} {issue.code}: {issue.message}"]
    for side, span in (("target", issue.target), ("source", issue.source)):
        if span is not None:
            position = segments.position(issue, side)
            at = f"{position[0]}:{position[1]}" if position else f"offset {span.start}"
            lines.append(f"  {side} {at} [{span.start}:{span.end}] {span.text!r}")
    if issue.suggestion is not None:
        lines.append(f"  suggestion: {issue.suggestion}")
    return "\n".join(lines)


def render_junit(
    report: Report, *, fail_on: Severity | str | None = Severity.ERROR, suite_name: str = "termbase"
) -> str:
    """The report as JUnit XML; issues at or above ``fail_on`` (default error, as ``termbase
    check``) are failures, the others go to ``<system-out>``."""
    threshold = parse_fail_on(fail_on)
    rank = threshold.rank if threshold is not None else -1
    segments = IssueSegments(report)
    segmented = segments.segmented

    def classname(segment_index: int | None) -> str:
        if not segmented:
            return suite_name
        if segment_index is None:
            return f"{suite_name}.(unknown segment)"
        return f"{suite_name}.{report.segments[segment_index].id}"

    # (segment index or None, concept-or-code kind, name) -> numbered issues
    cases: dict[tuple[int, int, str, str], list[tuple[int, Issue]]] = {}
    for number, issue in enumerate(report.issues, start=1):
        index = segments.index_of(issue)
        order = len(report.segments) if index is None else index
        kind, name = ("concept", issue.concept) if issue.concept is not None else ("code", str(issue.code))
        cases.setdefault((order, 0 if kind == "concept" else 1, name, classname(index)), []).append(
            (number, issue)
        )
    for order, segment in enumerate(report.segments):
        for highlight in (*segment.source_highlights, *segment.target_highlights):
            cases.setdefault((order, 0, highlight.concept, classname(order)), [])

    suite = etree.Element("testsuite")
    properties = etree.SubElement(suite, "properties")
    etree.SubElement(properties, "property", name="signature", value=_xml(report.signature))
    etree.SubElement(properties, "property", name="fail_on", value=str(threshold or "never"))
    failures = 0
    for key in sorted(cases):
        _, _, name, cls = key
        issues = cases[key]
        case = etree.SubElement(suite, "testcase", name=_xml(name), classname=_xml(cls), time="0")
        failing = [p for p in issues if p[1].severity.rank <= rank]
        failing.sort(key=lambda p: (p[1].severity.rank, p[0]))
        passing = [p for p in issues if p[1].severity.rank > rank]
        if failing:
            failures += 1
            first = failing[0][1]
            failure = etree.SubElement(
                case, "failure", type=str(first.code), message=_xml(f"{first.severity}: {first.message}")
            )
            failure.text = _xml("\n".join(_describe(n, i, segments) for n, i in failing))
        if passing:
            out = etree.SubElement(case, "system-out")
            out.text = _xml("\n".join(_describe(n, i, segments) for n, i in passing))
    if not cases:
        etree.SubElement(suite, "testcase", name="check", classname=suite_name, time="0")
    tests = max(len(cases), 1)
    suite.attrib.update(
        {
            "name": _xml(suite_name),
            "tests": str(tests),
            "failures": str(failures),
            "errors": "0",
            "skipped": "0",
            "time": "0",
        }
    )
    xml: bytes = etree.tostring(suite, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return xml.decode("utf-8")
