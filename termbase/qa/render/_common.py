"""Helpers shared by the renderers: segment lookup, line:column, ordering and span text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from termbase.qa.issues import Issue, LineIndex, Report, Severity, TextSpan, parse_fail_on

__all__ = [
    "IssueSegments",
    "plural",
    "severity_groups",
    "valid_span",
    "verdict_line",
]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``"1 issue"``, ``"2 issues"``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def valid_span(span: TextSpan | None, text: str) -> bool:
    """Whether ``span`` lies inside ``text`` (``0 <= start <= end <= len(text)``)."""
    return span is not None and 0 <= span.start <= span.end <= len(text)


def verdict_line(report: Report, fail_on: Severity | str | None) -> str:
    """``"Verdict: failed (--fail-on error)"`` or ``"Verdict: passed (--fail-on never)"``: what the
    exit status of ``termbase check`` says for the same threshold."""
    threshold = parse_fail_on(fail_on)
    outcome = "failed" if report.fails(threshold) else "passed"
    return f"Verdict: {outcome} (--fail-on {threshold or 'never'})"


class IssueSegments:
    """Which checked segment an issue's offsets refer to.

    An issue names its segment by id; an issue without one refers to the only segment of a
    whole-document report (and to no known segment when there are several).
    """

    __slots__ = ("_index", "_lines", "report")

    def __init__(self, report: Report) -> None:
        self.report = report
        self._index = {segment.id: i for i, segment in reversed(list(enumerate(report.segments)))}
        self._lines: dict[tuple[int, str], LineIndex] = {}

    @property
    def segmented(self) -> bool:
        """Whether issues should be labelled with their segment (several segments, or ids used)."""
        return len(self.report.segments) > 1 or any(i.segment is not None for i in self.report.issues)

    def index_of(self, issue: Issue) -> int | None:
        """Position of the issue's segment in ``report.segments``, or ``None`` when unknown."""
        if issue.segment is not None:
            return self._index.get(issue.segment)
        return 0 if len(self.report.segments) == 1 else None

    def position(self, issue: Issue, side: str) -> tuple[int, int] | None:
        """``(line, column)`` of the issue's ``"source"`` or ``"target"`` span, when known."""
        index = self.index_of(issue)
        span = issue.source if side == "source" else issue.target
        if index is None or span is None:
            return None
        segment = self.report.segments[index]
        text = segment.source if side == "source" else segment.target
        if not valid_span(span, text):
            return None
        key = (index, side)
        if key not in self._lines:
            self._lines[key] = LineIndex(text)
        return self._lines[key].line_col(span.start)

    def sort_key(self, numbered: tuple[int, Issue]) -> tuple[int, int, int, int]:
        """Document order: segment, then offset in the target (or source), then report order."""
        number, issue = numbered
        index = self.index_of(issue)
        span = issue.target or issue.source
        return (
            len(self.report.segments) if index is None else index,
            0 if issue.target is not None else 1,
            span.start if span is not None else -1,
            number,
        )


def severity_groups(
    report: Report, segments: IssueSegments | None = None
) -> Iterator[tuple[Severity, list[tuple[str | None, list[tuple[int, Issue]]]]]]:
    """Issues numbered from 1, by severity (errors first), then by concept (alphabetical,
    no concept last), each concept's issues in document order; empty severities are skipped."""
    segments = segments or IssueSegments(report)
    numbered = list(enumerate(report.issues, start=1))
    for severity in sorted(Severity, key=lambda s: s.rank):
        of_severity = [pair for pair in numbered if pair[1].severity == severity]
        if not of_severity:
            continue
        by_concept: dict[str | None, list[tuple[int, Issue]]] = {}
        for pair in of_severity:
            by_concept.setdefault(pair[1].concept, []).append(pair)
        concepts: Sequence[str | None] = sorted(by_concept, key=lambda c: (c is None, c or ""))
        yield severity, [(c, sorted(by_concept[c], key=segments.sort_key)) for c in concepts]
