"""Values of a check: issue codes, severities, spans, issues and the report that holds them."""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from termbase.matches import Evidence

__all__ = [
    "Applicability",
    "CheckedSegment",
    "Evidence",
    "Highlight",
    "Issue",
    "IssueCode",
    "LineIndex",
    "Report",
    "Severity",
    "TextSpan",
    "parse_fail_on",
]


class Severity(enum.StrEnum):
    """How serious a finding is; ``--fail-on`` compares against it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class IssueCode(enum.StrEnum):
    """Stable codes of the checks (documented in the README)."""

    MISSING_TERM = "missing-term"
    COUNT_MISMATCH = "count-mismatch"
    FORBIDDEN_TERM = "forbidden-term"
    DEPRECATED_TERM = "deprecated-term"
    MISSPELLED_TERM = "misspelled-term"
    INCONSISTENT_TERM = "inconsistent-term"
    UNTRANSLATED = "untranslated"
    NUMBER_MISMATCH = "number-mismatch"


def parse_fail_on(value: Severity | str | None) -> Severity | None:
    """The ``--fail-on`` threshold: a :class:`Severity` (any case), or ``None`` for ``"never"``."""
    if value is None or isinstance(value, Severity):
        return value
    if value.lower() == "never":
        return None
    try:
        return Severity(value.lower())
    except ValueError:
        known = ", ".join([*(str(s) for s in Severity), "never"])
        raise ValueError(f"unknown --fail-on threshold {value!r} (known: {known})") from None


_NEWLINE = re.compile("\n")


class LineIndex:
    """1-based line and column of offsets into one text (columns count code points, lines end
    at ``\n``), as the command line prints them."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of ``offset``, both counted from 1."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
class Applicability(enum.StrEnum):
    """Whether a finding's suggestion may be applied automatically (ruff's model).

    ``safe`` fixes cannot change the meaning and ``--fix`` applies them; ``unsafe`` ones need
    ``--unsafe-fixes``; ``display-only`` suggestions are never applied (nothing to replace in
    the target, or nothing to confirm them). :mod:`termbase.qa.autofix` decides which is which.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True, slots=True)
class TextSpan:
    """``text == original[start:end]`` of the source or target text it refers to.

    ``line`` and ``column`` (1-based, columns in code points) are where ``start`` is in that
    text, as the command line prints them (``3:14``); ``None`` when the span was made without
    its text. :meth:`located` fills them.
    """

    start: int
    end: int
    text: str
    line: int | None = None
    column: int | None = None

    def located(self, lines: LineIndex) -> TextSpan:
        """This span with ``line`` and ``column`` of its start in the text ``lines`` indexes."""
        line, column = lines.line_col(self.start)
        return TextSpan(self.start, self.end, self.text, line, column)


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding: where the translation departs from the glossary, and the fix."""

    code: IssueCode
    severity: Severity
    concept: str | None
    source: TextSpan | None
    target: TextSpan | None
    message: str
    suggestion: str | None = None
    segment: str | None = None
    confidence: float = 1.0
    """How sure the check is (0–1): 1 for a listed variant, lower for a fuzzy or resolved mention."""
    evidence: tuple[Evidence, ...] = ()
    """What the finding rests on: the term, the keys compared, the source mention, the rules."""
    fix: Applicability | None = None
    """Whether ``suggestion`` may replace ``target``; None when there is no suggestion."""

    @property
    def fixable(self) -> bool:
        """Whether ``--fix`` or ``--unsafe-fixes`` can apply the suggestion."""
        return self.fix in (Applicability.SAFE, Applicability.UNSAFE) and self.target is not None


@dataclass(frozen=True, slots=True)
class Highlight:
    """A glossary term found in a text, for reports that show the texts."""

    start: int
    end: int
    concept: str
    status: str


@dataclass(frozen=True, slots=True)
class CheckedSegment:
    """A checked pair of texts (a whole document, an aligned segment, a PO or XLIFF unit).

    Issue spans are offsets into this segment's ``source`` and ``target``.
    """

    id: str
    source: str
    target: str
    source_highlights: tuple[Highlight, ...] = ()
    target_highlights: tuple[Highlight, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """The result of a check: issues, the checked segments and a reproducibility signature."""

    issues: tuple[Issue, ...]
    segments: tuple[CheckedSegment, ...]
    signature: str
    source_lang: str = "ar"
    target_lang: str = "en"

    def summary(self) -> dict[str, object]:
        """Counts by severity and by code, and the number of segments."""
        by_severity = Counter(str(issue.severity) for issue in self.issues)
        by_code = Counter(str(issue.code) for issue in self.issues)
        return {
            "issues": len(self.issues),
            "by_severity": {str(s): by_severity.get(str(s), 0) for s in Severity},
            "by_code": dict(sorted(by_code.items())),
            "segments": len(self.segments),
        }

    def worst(self) -> Severity | None:
        """The most serious severity present, or ``None`` when there is no issue."""
        return min((issue.severity for issue in self.issues), key=lambda s: s.rank, default=None)

    def fails(self, fail_on: Severity | str | None) -> bool:
        """The verdict for ``--fail-on``: whether an issue is at or above ``fail_on`` (never when
        it is ``None`` or ``"never"``). The exit status and every report format use it."""
        threshold = parse_fail_on(fail_on)
        return threshold is not None and any(issue.severity.rank <= threshold.rank for issue in self.issues)
