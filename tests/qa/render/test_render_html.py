"""HTML: one self-contained page; exact texts; nested, linked highlights; escaping; a property test."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import lxml.html  # type: ignore[import-untyped,unused-ignore]
from hypothesis import given, settings
from hypothesis import strategies as st

from termbase.qa.issues import CheckedSegment, Highlight, Issue, IssueCode, Report, Severity, TextSpan
from termbase.qa.render.html import Mark, mark_up, render_html


def page(report: Report) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(render_html(report))


def pieces_by_key(container: lxml.html.HtmlElement) -> dict[str, str]:
    """The text each ``data-span`` key marks, joining its pieces in document order."""
    texts: dict[str, list[str]] = defaultdict(list)
    for element in container.iter():
        key = element.get("data-span")
        if key is not None:
            texts[key].append(element.text_content())
    return {key: "".join(parts) for key, parts in texts.items()}


def test_containers_hold_the_exact_texts(any_report: Report) -> None:
    root = page(any_report)
    for index, segment in enumerate(any_report.segments, start=1):
        (source,) = root.xpath(f'//div[@id="seg-{index}-source"]')
        (target,) = root.xpath(f'//div[@id="seg-{index}-target"]')
        assert source.get("dir") == "rtl" and source.get("lang") == "ar"
        assert target.get("dir") == "ltr" and target.get("lang") == "en"
        assert source.text_content() == segment.source
        assert target.text_content() == segment.target
    assert len(root.xpath('//div[contains(@class, "text")][@dir]')) == 2 * len(any_report.segments)


def test_arabic_container_of_the_article(document_report: Report) -> None:
    root = page(document_report)
    (rtl,) = root.xpath('//*[@dir="rtl"]')
    assert rtl.text_content() == document_report.segments[0].source
    assert "\n" in rtl.text_content()  # line breaks kept, shown by white-space: pre-wrap
    assert "white-space: pre-wrap" in render_html(document_report)


def test_every_finding_links_to_an_existing_span(any_report: Report) -> None:
    root = page(any_report)
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    findings = root.xpath('//li[contains(@class, "finding")]')
    assert len(findings) == len(any_report.issues)
    for number, issue in enumerate(any_report.issues, start=1):
        (finding,) = root.xpath(f'//li[@id="f-{number}"]')
        assert f"sev-{issue.severity}" in finding.get("class")
        text = finding.text_content()
        assert str(issue.code) in text and str(issue.severity) in text and issue.message in text
        if issue.suggestion is not None:
            assert f"→ {issue.suggestion}" in text
        hrefs = [a.get("href") for a in finding.iter("a")]
        assert hrefs, f"finding {number} has no link"
        for href in hrefs:
            assert href.startswith("#") and href[1:] in ids
        for side, prefix in (("target", "t"), ("source", "s")):
            span = getattr(issue, side)
            if span is not None:
                assert f"#{prefix}-{number}" in hrefs
                (element,) = root.xpath(f'//*[@id="{prefix}-{number}"]')
                assert pieces_by_key(root)[f"{prefix}-{number}"] == span.text
                assert element.get("data-span") == f"{prefix}-{number}"


def test_ids_are_unique(any_report: Report) -> None:
    ids = [element.get("id") for element in page(any_report).iter() if element.get("id")]
    assert len(ids) == len(set(ids))


def test_highlights_are_marked_with_concept_and_status(document_report: Report) -> None:
    root = page(document_report)
    segment = document_report.segments[0]
    for side, highlights, prefix in (
        ("source", segment.source_highlights, "hs-1"),
        ("target", segment.target_highlights, "ht-1"),
    ):
        (container,) = root.xpath(f'//div[@id="seg-1-{side}"]')
        marked = pieces_by_key(container)
        text = getattr(segment, side)
        for k, h in enumerate(highlights, start=1):
            assert marked[f"{prefix}-{k}"] == text[h.start : h.end]
            (first, *_) = container.xpath(f'.//mark[@data-span="{prefix}-{k}"]')
            assert first.get("data-concept") == h.concept
            assert set(first.get("class").split()) == {"term", f"status-{h.status}"}


def test_nested_and_crossing_spans_are_split_into_nested_pieces(document_report: Report) -> None:
    root = page(document_report)
    (target,) = root.xpath('//div[@id="seg-1-target"]')
    # "US" nested in "US President": one piece each, the inner inside the outer
    (us,) = target.xpath('.//mark[@data-concept="united-states"]')
    assert us.getparent().get("data-concept") == "us-president"
    # "President Donald\nTrump" crosses "US President": two pieces
    trump = target.xpath('.//mark[@data-concept="donald-trump"]')
    assert [m.text_content() for m in trump] == ["President", " Donald\nTrump"]
    # "Mideast" highlight nested in the forbidden-term issue span "the Mideast"
    (mideast,) = target.xpath('.//mark[@data-concept="middle-east"]')
    assert mideast.getparent().get("id") == "t-3"
    # the issue span "Middle Asia" and its highlight, with "Asia" nested inside
    (asia_issue,) = target.xpath('.//*[@id="t-1"]')
    assert asia_issue.text_content() == "Middle Asia"
    assert [m.text_content() for m in asia_issue.iter("mark")] in (["Middle Asia", "Asia"], ["Asia"])


def test_header_has_signature_and_summary(document_report: Report) -> None:
    root = page(document_report)
    (header,) = root.xpath("//header")
    text = header.text_content()
    assert document_report.signature in text
    assert "5 issues (2 errors, 2 warnings, 1 info) in 1 segment" in text


def test_self_contained(document_report: Report) -> None:
    output = render_html(document_report)
    root = page(document_report)
    assert output.startswith("<!DOCTYPE html>")
    assert root.xpath("//style")
    assert not root.xpath("//script | //link | //img | //*[@src]")
    assert "http" not in output


def test_markup_in_texts_and_messages_is_escaped() -> None:
    source, target = "<b>عربي</b> & \"x\"", "<script>alert(1)</script> & 'y'\r\nz"
    issue = Issue(
        IssueCode.UNTRANSLATED,
        Severity.ERROR,
        '"><img src=x>',
        TextSpan(3, 7, "عربي"),
        TextSpan(0, 8, "<script>"),
        "<i>message</i>",
        "<b>fix</b>",
    )
    segment = CheckedSegment("<seg>", source, target, (Highlight(0, 3, '"c"', "pre ferred<"),), ())
    report = Report((issue,), (segment,), "sig<&>")
    output = render_html(report, title="<T>")
    root = lxml.html.document_fromstring(output)
    assert not root.xpath("//script | //img | //b | //i")
    assert root.xpath('//div[@id="seg-1-source"]')[0].text_content() == source
    assert root.xpath('//div[@id="seg-1-target"]')[0].text_content() == target
    assert root.xpath('//*[@id="t-1"]')[0].text_content() == "<script>"
    assert "sig<&>" in root.xpath("//header")[0].text_content()
    assert root.xpath("//title")[0].text_content() == "<T>"


def test_clean_and_empty_reports(clean_report: Report, empty_report: Report) -> None:
    assert page(clean_report).xpath('//p[@class="clean"]')
    assert page(clean_report).xpath('//mark[@data-concept="white-house"]')
    empty = page(empty_report)
    assert empty.xpath('//p[@class="clean"]') and not empty.xpath('//section[@class="segment"]')


def test_span_outside_the_text_is_not_linked(document_report: Report) -> None:
    bad = replace(document_report.issues[0], target=TextSpan(10_000, 10_005, "oops"), source=None)
    root = page(replace(document_report, issues=(bad,)))
    assert not root.xpath('//*[@id="t-1"]')
    (finding,) = root.xpath('//li[@id="f-1"]')
    assert [a.get("href") for a in finding.iter("a")] == ["#seg-1"]


def test_empty_span_is_an_empty_anchor(document_report: Report) -> None:
    at = document_report.segments[0].target.index("Uzbekistan")
    missing = replace(document_report.issues[1], target=TextSpan(at, at, ""))
    root = page(replace(document_report, issues=(missing,)))
    (anchor,) = root.xpath('//*[@id="t-1"]')
    assert anchor.text_content() == "" and "empty" in anchor.get("class")
    assert root.xpath('//div[@id="seg-1-target"]')[0].text_content() == document_report.segments[0].target


# -- property: any text, any spans ------------------------------------------------------------

ALPHABET = st.sampled_from(list("ab ارضي\n\t\r<>&\"'") + ["\u064e", "\u200f", "😀"])


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(ALPHABET, max_size=40))
    bounds = st.integers(0, len(text))
    pairs = draw(st.lists(st.tuples(bounds, bounds), max_size=8))
    return text, [(min(a, b), max(a, b)) for a, b in pairs]


@settings(max_examples=300, deadline=None)
@given(text_and_marks(), st.booleans())
def test_property_markup_keeps_text_and_spans(case: tuple[str, list[tuple[int, int]]], as_issues: bool) -> None:
    text, spans = case
    marks = [
        Mark(start, end, "span" if as_issues and n % 2 else "mark", f"k-{n}", "m", anchor=f"a-{n}")
        for n, (start, end) in enumerate(spans)
    ]
    fragment = lxml.html.fragment_fromstring(f'<div id="c">{mark_up(text, marks)}</div>')
    assert fragment.text_content() == text
    marked = pieces_by_key(fragment)
    for n, (start, end) in enumerate(spans):
        assert marked.get(f"k-{n}", "") == text[start:end]
        assert len(fragment.xpath(f'.//*[@id="a-{n}"]')) == 1


@settings(max_examples=150, deadline=None)
@given(text_and_marks(), text_and_marks())
def test_property_report_containers(source_case: tuple[str, list[tuple[int, int]]], target_case: tuple[str, list[tuple[int, int]]]) -> None:
    (source, source_spans), (target, target_spans) = source_case, target_case
    issues = tuple(
        Issue(
            IssueCode.MISSING_TERM,
            Severity.WARNING,
            f"c{n}",
            TextSpan(s0, s1, source[s0:s1]),
            TextSpan(t0, t1, target[t0:t1]),
            "m",
        )
        for n, ((s0, s1), (t0, t1)) in enumerate(zip(source_spans, target_spans))
    )
    highlights = tuple(Highlight(a, b, f"h{n}", "preferred") for n, (a, b) in enumerate(target_spans))
    segment = CheckedSegment("x", source, target, tuple(Highlight(a, b, "h", "admitted") for a, b in source_spans), highlights)
    root = page(Report(issues, (segment,), "sig"))
    (src,) = root.xpath('//div[@id="seg-1-source"]')
    (tgt,) = root.xpath('//div[@id="seg-1-target"]')
    assert src.text_content() == source and tgt.text_content() == target
    source_marked, target_marked = pieces_by_key(src), pieces_by_key(tgt)
    for number, issue in enumerate(issues, start=1):
        assert issue.source is not None and issue.target is not None
        assert source_marked.get(f"s-{number}", "") == issue.source.text
        assert target_marked.get(f"t-{number}", "") == issue.target.text
    for k, h in enumerate(highlights, start=1):
        assert target_marked.get(f"ht-1-{k}", "") == target[h.start : h.end]
