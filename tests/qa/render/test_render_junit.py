"""JUnit XML: well-formed, one suite, one testcase per (segment, concept), failures at the threshold."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from termbase.qa.issues import Report, Severity
from termbase.qa.render.junit import render_junit

SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def parse(xml: str) -> etree._Element:
    """The root element of ``xml`` (lxml wants bytes when there is an encoding declaration)."""
    return etree.fromstring(xml.encode("utf-8"), SAFE)


def text(element: etree._Element | None) -> str:
    """The text of an element that must exist and hold text."""
    assert element is not None and element.text is not None
    return str(element.text)


def cases(root: etree._Element) -> dict[tuple[str, str], etree._Element]:
    return {(str(case.get("classname")), str(case.get("name"))): case for case in root.iter("testcase")}


def test_suite_counts_and_signature(document_report: Report) -> None:
    root = parse(render_junit(document_report, fail_on="warning"))
    assert root.tag == "testsuite"
    assert root.get("name") == "termbase"
    testcases = root.findall("testcase")
    assert root.get("tests") == str(len(testcases))
    assert root.get("failures") == str(len(root.findall("testcase/failure"))) == "4"
    assert (root.get("errors"), root.get("skipped")) == ("0", "0")
    properties = {p.get("name"): p.get("value") for p in root.iterfind("properties/property")}
    assert properties == {"signature": document_report.signature, "fail_on": "warning"}


def test_document_testcases_and_failures(document_report: Report) -> None:
    root = parse(render_junit(document_report, fail_on="warning"))
    found = cases(root)
    # concepts with issues or highlights, plus the concept-less check code
    assert {name for _, name in found} == {
        "asia", "central-asia", "donald-trump", "kazakhstan", "middle-east", "turkmenistan",
        "united-states", "us-president", "white-house", "untranslated",
    }  # fmt: skip
    assert {cls for cls, _ in found} == {"termbase"}
    failures = {case.get("name"): case.find("failure") for case in root.iter("testcase")}
    middle_east = failures["middle-east"]
    assert middle_east is not None
    assert middle_east.get("type") == "forbidden-term"
    assert middle_east.get("message") == 'error: Forbidden term "Mideast" <in news copy> & headlines.'
    assert "target 4:107 [" in text(middle_east)
    assert "suggestion: the Middle East" in text(middle_east)
    assert {name for name, failure in failures.items() if failure is not None} == {
        "central-asia", "middle-east", "turkmenistan", "untranslated",
    }  # fmt: skip


def test_below_threshold_goes_to_system_out(document_report: Report) -> None:
    asia = cases(parse(render_junit(document_report, fail_on="warning")))[("termbase", "asia")]
    assert asia.find("failure") is None
    assert text(asia.find("system-out")).startswith("#5 info count-mismatch: آسيا occurs 2 times")


@pytest.mark.parametrize(
    ("fail_on", "failing"),
    [
        (Severity.ERROR, {"middle-east", "turkmenistan"}),
        ("warning", {"middle-east", "turkmenistan", "central-asia", "untranslated"}),
        ("INFO", {"middle-east", "turkmenistan", "central-asia", "untranslated", "asia"}),
    ],
)
def test_fail_on_threshold(document_report: Report, fail_on: Severity | str, failing: set[str]) -> None:
    root = parse(render_junit(document_report, fail_on=fail_on))
    assert {case.get("name") for case in root.iter("testcase") if case.find("failure") is not None} == failing
    assert root.get("failures") == str(len(failing))
    below = [case for case in root.iter("testcase") if case.find("system-out") is not None]
    assert all(case.get("name") not in failing for case in below)


def test_invalid_threshold() -> None:
    with pytest.raises(ValueError):
        render_junit(Report((), (), "sig"), fail_on="fatal")


def test_aligned_testcases_per_segment(aligned_report: Report) -> None:
    root = parse(render_junit(aligned_report, fail_on="warning"))
    found = cases(root)
    assert list(found) == [
        ("termbase.s1", "c5plus1"),
        ("termbase.s1", "donald-trump"),
        ("termbase.s2", "kyrgyzstan"),
        ("termbase.s3", "ukraine"),
        ("termbase.s3", "number-mismatch"),
    ]
    number = found[("termbase.s3", "number-mismatch")].find("failure")
    assert number is not None and number.get("type") == "number-mismatch"
    ukraine = found[("termbase.s3", "ukraine")]
    assert ukraine.find("failure") is None and ukraine.find("system-out") is not None
    misspelled = found[("termbase.s2", "kyrgyzstan")].find("failure")
    assert misspelled is not None and misspelled.get("message") == 'warning: Misspelled "Kyrgystan".'


def test_one_failure_per_testcase_most_severe_first(document_report: Report) -> None:
    from dataclasses import replace

    extra = replace(document_report.issues[0], severity=Severity.ERROR, code=document_report.issues[1].code)
    report = replace(document_report, issues=(*document_report.issues, extra))
    case = cases(parse(render_junit(report, fail_on="warning")))[("termbase", "central-asia")]
    (failure,) = case.findall("failure")
    assert failure.get("type") == "missing-term"
    assert text(failure).startswith("#6 error missing-term") and "\n#1 warning deprecated-term" in text(failure)


@pytest.mark.parametrize("fixture", ["clean_report", "empty_report"])
def test_clean_run_passes(request: pytest.FixtureRequest, fixture: str) -> None:
    report: Report = request.getfixturevalue(fixture)
    root = parse(render_junit(report))
    assert root.get("failures") == "0"
    assert int(str(root.get("tests"))) >= 1
    assert root.find("testcase") is not None
    assert root.find(".//failure") is None


def test_empty_run_has_one_passing_testcase(empty_report: Report) -> None:
    root = parse(render_junit(empty_report))
    assert [(c.get("classname"), c.get("name")) for c in root.iter("testcase")] == [("termbase", "check")]


def test_characters_xml_cannot_hold_are_replaced(document_report: Report) -> None:
    from dataclasses import replace

    issue = replace(document_report.issues[1], message="bad \x00\x0b char")
    root = parse(render_junit(replace(document_report, issues=(issue,))))
    failure = root.find(".//failure")
    assert failure is not None and failure.get("message") == "error: bad \ufffd\ufffd char"


XSD = Path(__file__).resolve().parents[2] / "data" / "junit" / "junit-10.xsd"  # Jenkins xunit-plugin, MIT


def test_valid_against_junit_xsd(any_report: Report) -> None:
    schema = etree.XMLSchema(etree.parse(XSD, SAFE))
    for fail_on in (*Severity, None):
        document = parse(render_junit(any_report, fail_on=fail_on))
        assert schema.validate(document), schema.error_log


def test_the_schema_can_fail(document_report: Report) -> None:
    """The vendored schema refuses what Jenkins refuses: a testsuite without ``tests``."""
    schema = etree.XMLSchema(etree.parse(XSD, SAFE))
    document = parse(render_junit(document_report))
    del document.attrib["tests"]
    assert not schema.validate(document)
