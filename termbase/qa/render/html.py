"""A self-contained HTML page: source and draft side by side, terms and issues highlighted.

Each segment shows the source (right-to-left for Arabic) next to the target, with glossary terms
as ``<mark class="term status-…" data-concept=…>`` and issue spans as
``<span class="issue sev-…" id="t-<n>">`` (``s-<n>`` in the source; ``n`` numbers
``report.issues`` from 1). Overlapping spans are split into properly nested pieces: every piece
of one span carries the same ``data-span`` key, only the first the ``id``. The text content of
each container is exactly the checked text (``white-space: pre-wrap``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from termbase.langtags import primary_language
from termbase.qa.issues import CheckedSegment, Highlight, Issue, Report, Severity
from termbase.qa.render._common import IssueSegments, severity_groups, valid_span, verdict_line
from termbase.qa.render.text import summary_line

__all__ = ["Mark", "mark_up", "render_html"]

_STATUSES = ("preferred", "admitted", "deprecated", "forbidden")
_SEVERITIES = tuple(str(s) for s in sorted(Severity, key=lambda s: s.rank))
_RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"})

_CSS = """
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --fg: #1d1d1f; --muted: #5f6368; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
header .summary { font-weight: 600; margin: .25rem 0; }
header .signature code { font-size: .85rem; color: var(--muted); word-break: break-all; }
.counts, .legend { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0; margin: .5rem 0; list-style: none; }
.counts li, .legend li { font-size: .85rem; border: 1px solid #ddd; border-radius: 1em; padding: 0 .6em; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.column-head { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #ddd; border-radius: 6px;
  padding: .75rem 1rem; background: #fcfcfc; }
.text[dir="rtl"] { font-family: "Noto Naskh Arabic", "Amiri", "Geeza Pro", "Arial", serif;
  font-size: 1.15rem; line-height: 1.9; text-align: right; }
mark.term { background: #e8f5e9; color: inherit; border-radius: 3px; }
mark.status-preferred { background: #dcf2dd; }
mark.status-admitted { background: #e3eefc; }
mark.status-deprecated { background: #fff0c2; }
mark.status-forbidden { background: #fde0e0; }
.issue { text-decoration: underline wavy; text-decoration-skip-ink: none; text-underline-offset: 3px; }
.issue.sev-error { text-decoration-color: var(--error); }
.issue.sev-warning { text-decoration-color: var(--warning); }
.issue.sev-info { text-decoration-color: var(--info); }
.issue.empty { border-left: 2px solid var(--error); }
:target { outline: 2px solid #7e57c2; outline-offset: 1px; background: #ede7f6; }
.findings ol { padding-left: 0; list-style: none; }
.finding { border-left: 4px solid #ddd; padding: .3rem .8rem; margin: .4rem 0; }
.finding.sev-error { border-color: var(--error); }
.finding.sev-warning { border-color: var(--warning); }
.finding.sev-info { border-color: var(--info); }
.finding p { margin: .15rem 0; }
.badge { font-size: .75rem; font-weight: 700; text-transform: uppercase; color: #fff; border-radius: 3px;
  padding: 0 .35em; }
.badge.sev-error { background: var(--error); }
.badge.sev-warning { background: var(--warning); }
.badge.sev-info { background: var(--info); }
.code { font-weight: 600; }
.concept, .segment-ref, .number { color: var(--muted); }
.suggestion { color: #2e7d32; }
.clean { color: #2e7d32; font-weight: 600; }
@media (max-width: 800px) { .pair { grid-template-columns: 1fr; } }
"""


@dataclass(frozen=True, slots=True)
class Mark:
    """An element to wrap around ``text[start:end]``; ``anchor`` is the id of its first piece."""

    start: int
    end: int
    tag: str
    key: str
    classes: str
    attrs: tuple[tuple[str, str], ...] = ()
    anchor: str | None = None


def _escape_text(text: str) -> str:
    # A raw CR would be folded into LF by HTML parsers; a character reference survives.
    return html.escape(text, quote=False).replace("\r", "&#13;")


def _attr(value: str) -> str:
    return html.escape(value, quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


def _open_tag(mark: Mark, first: bool) -> str:
    attrs: list[tuple[str, str]] = []
    if first and mark.anchor is not None:
        attrs.append(("id", mark.anchor))
    attrs.append(("class", mark.classes))
    attrs.append(("data-span", mark.key))
    attrs.extend(mark.attrs)
    return f"<{mark.tag}" + "".join(f' {name}="{_attr(value)}"' for name, value in attrs) + ">"


def mark_up(text: str, marks: Sequence[Mark]) -> str:
    """``text`` escaped, with every mark inside it wrapped in properly nested elements.

    Marks outside the text are dropped. Where marks overlap without nesting, the inner ones are
    closed and reopened, so a mark may become several pieces; empty marks become empty elements.
    """
    order = {id(mark): n for n, mark in enumerate(marks)}
    inside = [m for m in marks if 0 <= m.start <= m.end <= len(text)]
    starts: dict[int, list[Mark]] = {}
    empties: dict[int, list[Mark]] = {}
    for mark in inside:
        (empties if mark.start == mark.end else starts).setdefault(mark.start, []).append(mark)
    boundaries = sorted({0, len(text)} | {m.start for m in inside} | {m.end for m in inside})
    out: list[str] = []
    stack: list[Mark] = []
    started: set[int] = set()
    for i, pos in enumerate(boundaries):
        ending = [k for k, mark in enumerate(stack) if mark.end == pos]
        reopen: list[Mark] = []
        if ending:
            lowest = ending[0]
            reopen = [mark for mark in stack[lowest:] if mark.end != pos]
            out.extend(f"</{mark.tag}>" for mark in reversed(stack[lowest:]))
            del stack[lowest:]
        for mark in empties.get(pos, ()):
            out.append(_open_tag(mark, first=True) + f"</{mark.tag}>")
        for mark in sorted(reopen + starts.get(pos, []), key=lambda m: (-m.end, order[id(m)])):
            out.append(_open_tag(mark, first=id(mark) not in started))
            started.add(id(mark))
            stack.append(mark)
        if i + 1 < len(boundaries):
            out.append(_escape_text(text[pos : boundaries[i + 1]]))
    out.extend(f"</{mark.tag}>" for mark in reversed(stack))
    return "".join(out)


def _token(value: str) -> str:
    """``value`` made safe as a CSS class name part."""
    return re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-") or "unknown"


def _highlight_marks(highlights: Iterable[Highlight], prefix: str) -> list[Mark]:
    return [
        Mark(
            h.start,
            h.end,
            "mark",
            f"{prefix}-{k}",
            f"term status-{_token(h.status)}",
            (("data-concept", h.concept), ("data-status", h.status), ("title", f"{h.concept} ({h.status})")),
        )
        for k, h in enumerate(highlights, start=1)
    ]


def _issue_mark(number: int, issue: Issue, side: str) -> Mark | None:
    span = issue.source if side == "source" else issue.target
    if span is None:
        return None
    key = f"{side[0]}-{number}"
    empty = " empty" if span.start == span.end else ""
    title = f"#{number} {issue.severity} {issue.code}: {issue.message}"
    return Mark(
        span.start,
        span.end,
        "span",
        key,
        f"issue sev-{issue.severity} code-{_token(str(issue.code))}{empty}",
        (("title", title),),
        anchor=key,
    )


def _is_rtl(lang: str) -> bool:
    return primary_language(lang) in _RTL_LANGUAGES


def _segment_html(
    index: int, segment: CheckedSegment, issues: list[tuple[int, Issue]], report: Report, titled: bool
) -> str:
    source_marks = _highlight_marks(segment.source_highlights, f"hs-{index}")
    target_marks = _highlight_marks(segment.target_highlights, f"ht-{index}")
    for number, issue in issues:
        for side, marks in (("source", source_marks), ("target", target_marks)):
            mark = _issue_mark(number, issue, side)
            if mark is not None:
                marks.append(mark)
    parts = [f'<section class="segment" id="seg-{index}">']
    if titled:
        parts.append(f"<h2>Segment <code>{_escape_text(segment.id)}</code></h2>")
    columns = []
    for side, lang, text, marks in (
        ("source", report.source_lang, segment.source, source_marks),
        ("target", report.target_lang, segment.target, target_marks),
    ):
        direction = "rtl" if _is_rtl(lang) else "ltr"
        label = "Source" if side == "source" else "Draft"
        columns.append(
            f'<div class="column"><div class="column-head">{label} ({_attr(lang)})</div>'
            f'<div class="text {side}" id="seg-{index}-{side}" dir="{direction}" lang="{_attr(lang)}">'
            f"{mark_up(text, marks)}</div></div>"
        )
    parts.append('<div class="pair">' + "".join(columns) + "</div>")
    parts.append("</section>")
    return "\n".join(parts)


def _finding_html(number: int, issue: Issue, segments: IssueSegments, linked: set[str]) -> str:
    sev = str(issue.severity)
    head = [
        f'<span class="number">#{number}</span>',
        f'<span class="badge sev-{sev}">{sev}</span>',
        f'<span class="code">{_escape_text(str(issue.code))}</span>',
    ]
    if issue.concept is not None:
        head.append(f'<span class="concept">{_escape_text(issue.concept)}</span>')
    if issue.segment is not None:
        head.append(f'<span class="segment-ref">segment {_escape_text(issue.segment)}</span>')
    links = []
    for side, span in (("target", issue.target), ("source", issue.source)):
        key = f"{side[0]}-{number}"
        if span is None:
            continue
        position = segments.position(issue, side)
        at = f"{position[0]}:{position[1]}" if position is not None else f"@{span.start}"
        label = f"{side} {at}"
        quoted = f'“<bdi>{_escape_text(span.text)}</bdi>”'
        if key in linked:
            links.append(f'<a href="#{key}" class="span-link {side}">{label}</a> {quoted}')
        else:
            links.append(f'<span class="span-link {side}">{label}</span> {quoted}')
    index = segments.index_of(issue)
    if not any(f"{side}-{number}" in linked for side in "ts") and index is not None:
        links.append(f'<a href="#seg-{index + 1}" class="span-link segment">segment</a>')
    parts = [f'<li class="finding sev-{sev}" id="f-{number}">', "<p>" + " ".join(head) + "</p>"]
    parts.append(f'<p class="message">{_escape_text(issue.message)}</p>')
    if links:
        parts.append('<p class="spans">' + " · ".join(links) + "</p>")
    if issue.suggestion is not None:
        parts.append(f'<p class="suggestion">→ {_escape_text(issue.suggestion)}</p>')
    parts.append("</li>")
    return "".join(parts)


def render_html(report: Report, *, title: str = "termbase check report",
                fail_on: Severity | str | None = Severity.ERROR) -> str:
    """The report as one self-contained HTML page (inline CSS, no scripts, no external assets)."""
    segments = IssueSegments(report)
    per_segment: dict[int, list[tuple[int, Issue]]] = {}
    linked: set[str] = set()
    for number, issue in enumerate(report.issues, start=1):
        index = segments.index_of(issue)
        if index is None:
            continue
        per_segment.setdefault(index, []).append((number, issue))
        segment = report.segments[index]
        for side, span, text in (("s", issue.source, segment.source), ("t", issue.target, segment.target)):
            if valid_span(span, text):
                linked.add(f"{side}-{number}")

    counts = report.summary()["by_code"]
    code_items = "".join(
        f"<li><span class=\"code\">{_escape_text(str(code))}</span> {_escape_text(str(n))}</li>"
        for code, n in (counts.items() if isinstance(counts, dict) else ())
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="termbase">',
        f"<title>{_escape_text(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_escape_text(title)}</h1>",
        f'<p class="summary">{_escape_text(summary_line(report))}</p>',
        f'<p class="verdict">{_escape_text(verdict_line(report, fail_on))}</p>',
    ]
    if code_items:
        out.append(f'<ul class="counts">{code_items}</ul>')
    out.append(f'<p class="signature">Signature: <code>{_escape_text(report.signature)}</code></p>')
    out.append(
        '<ul class="legend">'
        + "".join(f'<li><mark class="term status-{s}">{s}</mark></li>' for s in _STATUSES)
        + "".join(f'<li><span class="issue sev-{s}">{s}</span></li>' for s in _SEVERITIES)
        + "</ul>"
    )
    out.append("</header>")
    out.append("<main>")
    out.append('<section class="findings" id="findings">')
    out.append("<h2>Findings</h2>")
    if report.issues:
        for severity, concepts in severity_groups(report, segments):
            out.append(f'<ol class="sev-{severity}">')
            for _, issues in concepts:
                out.extend(_finding_html(number, issue, segments, linked) for number, issue in issues)
            out.append("</ol>")
    else:
        out.append('<p class="clean">No issues.</p>')
    out.append("</section>")
    titled = segments.segmented
    if report.segments:
        out.append(f"<h2>{'Segments' if titled else 'Text'}</h2>")
    for index, segment in enumerate(report.segments):
        out.append(_segment_html(index + 1, segment, per_segment.get(index, []), report, titled))
    out.extend(["</main>", "</body>", "</html>"])
    return "\n".join(out) + "\n"

