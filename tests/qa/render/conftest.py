"""Realistic reports built by hand: a whole article, aligned segments, a clean and an empty run."""

from __future__ import annotations

from pathlib import Path

import pytest

from termbase.qa.issues import CheckedSegment, Highlight, Issue, IssueCode, Report, Severity, TextSpan

SEED = Path(__file__).resolve().parents[3] / "seeds" / "c5plus1-summit.ar.txt"
SIGNATURE = "termbase|glossary:sha256-3f2a9c1e|fold:ar-v1+en-v1|match:exact+fuzzy85|version:0.1.0"

# The first paragraph of the seed article (four lines) and a draft with planted problems:
# Turkmenistan left out, "Middle Asia" (deprecated), "the Mideast" (forbidden), an untranslated
# word, and "Asia" counted differently.
SOURCE = "\n".join(SEED.read_text(encoding="utf-8").splitlines()[:4])
DRAFT = (
    "US President Donald\n"
    "Trump described a summit that brought him together with the leaders of Kazakhstan, "
    "Kyrgyzstan, Tajikistan and Uzbekistan at the\n"
    'White House as "the dawn of a beautiful new relationship", stressing that the meeting '
    "marks a launching point for a strategic partnership with these countries at the قلب of\n"
    "Middle Asia, which enjoy enormous natural wealth and a pivotal geographic position between "
    "Europe, Asia & the Mideast."
)


def span(text: str, needle: str, occurrence: int = 1) -> TextSpan:
    """The ``occurrence``-th ``needle`` in ``text`` as a span."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return TextSpan(start, start + len(needle), needle)


def highlight(text: str, needle: str, concept: str, status: str, occurrence: int = 1) -> Highlight:
    """A highlight of the ``occurrence``-th ``needle`` in ``text``."""
    found = span(text, needle, occurrence)
    return Highlight(found.start, found.end, concept, status)


def document_issues() -> tuple[Issue, ...]:
    """Five issues against :data:`SOURCE` / :data:`DRAFT`, in the order a validator might emit."""
    return (
        Issue(
            IssueCode.DEPRECATED_TERM,
            Severity.WARNING,
            "central-asia",
            span(SOURCE, "آسيا الوسطى"),
            span(DRAFT, "Middle Asia"),
            'Deprecated term "Middle Asia" for central-asia.',
            "Central Asia",
        ),
        Issue(
            IssueCode.MISSING_TERM,
            Severity.ERROR,
            "turkmenistan",
            span(SOURCE, "تركمانستان"),
            None,
            "No translation of تركمانستان (Turkmenistan) in the draft.",
            "Turkmenistan",
        ),
        Issue(
            IssueCode.FORBIDDEN_TERM,
            Severity.ERROR,
            "middle-east",
            span(SOURCE, "الشرق الأوسط"),
            span(DRAFT, "the Mideast"),
            'Forbidden term "Mideast" <in news copy> & headlines.',
            "the Middle East",
        ),
        Issue(
            IssueCode.UNTRANSLATED,
            Severity.WARNING,
            None,
            span(SOURCE, "قلب"),
            span(DRAFT, "قلب"),
            "Arabic text left in the draft.",
            None,
        ),
        Issue(
            IssueCode.COUNT_MISMATCH,
            Severity.INFO,
            "asia",
            span(SOURCE, "آسيا", 2),
            span(DRAFT, "Asia", 2),
            "آسيا occurs 2 times in the source, Asia 2 times in the draft (one inside Middle Asia).",
            None,
        ),
    )


def document_segment() -> CheckedSegment:
    """The whole article as one segment, with nested and crossing highlights."""
    return CheckedSegment(
        id="document",
        source=SOURCE,
        target=DRAFT,
        source_highlights=(
            highlight(SOURCE, "الرئيس الأمريكي", "us-president", "preferred"),
            highlight(SOURCE, "دونالد\nترامب", "donald-trump", "preferred"),
            highlight(SOURCE, "كازاخستان", "kazakhstan", "preferred"),
            highlight(SOURCE, "البيت الأبيض", "white-house", "preferred"),
            highlight(SOURCE, "آسيا الوسطى", "central-asia", "preferred"),
            highlight(SOURCE, "آسيا", "asia", "preferred"),  # nested in آسيا الوسطى
            highlight(SOURCE, "الشرق الأوسط", "middle-east", "preferred"),
        ),
        target_highlights=(
            highlight(DRAFT, "US President", "us-president", "preferred"),
            highlight(DRAFT, "US", "united-states", "admitted"),  # nested at the same start
            highlight(DRAFT, "President Donald\nTrump", "donald-trump", "preferred"),  # crosses
            highlight(DRAFT, "Kazakhstan", "kazakhstan", "preferred"),
            highlight(DRAFT, "White House", "white-house", "preferred"),
            highlight(DRAFT, "Middle Asia", "central-asia", "deprecated"),  # = an issue span
            highlight(DRAFT, "Asia", "asia", "preferred"),  # nested in Middle Asia
            highlight(DRAFT, "Mideast", "middle-east", "forbidden"),  # inside an issue span
        ),
    )


@pytest.fixture
def document_report() -> Report:
    """A whole-document check with five issues (two errors, two warnings, one info)."""
    return Report(issues=document_issues(), segments=(document_segment(),), signature=SIGNATURE)


ALIGNED = (
    (
        "s1",
        "وأشار ترامب إلى أن القمة تأتي في الذكرى السنوية العاشرة لمنصة «C5+1».",
        "Trump noted that the summit comes on the tenth anniversary of the «C5+1» platform.",
    ),
    (
        "s2",
        "قاسم جومارت توكاييف من كازاخستان، وصدير جباروف من قيرغيزستان.",
        "Kassym-Jomart Tokayev of Kazakhstan and Sadyr Japarov of Kyrgystan.",
    ),
    (
        "s3",
        "منذ الغزو الروسي لأوكرانيا عام 2022",
        "since the Russian invasion of Ukraine in 2021",
    ),
)


@pytest.fixture
def aligned_report() -> Report:
    """Three aligned segments (as from TSV, PO or XLIFF): issues name their segment."""
    (id1, src1, tgt1), (id2, src2, tgt2), (id3, src3, tgt3) = ALIGNED
    segments = (
        CheckedSegment(
            id1,
            src1,
            tgt1,
            (highlight(src1, "ترامب", "donald-trump", "preferred"), highlight(src1, "C5+1", "c5plus1", "preferred")),
            (highlight(tgt1, "Trump", "donald-trump", "preferred"), highlight(tgt1, "C5+1", "c5plus1", "preferred")),
        ),
        CheckedSegment(
            id2,
            src2,
            tgt2,
            (highlight(src2, "قيرغيزستان", "kyrgyzstan", "preferred"),),
            (highlight(tgt2, "Kyrgystan", "kyrgyzstan", "misspelled"),),
        ),
        CheckedSegment(id3, src3, tgt3, (highlight(src3, "أوكرانيا", "ukraine", "preferred"),), ()),
    )
    issues = (
        Issue(
            IssueCode.NUMBER_MISMATCH,
            Severity.ERROR,
            None,
            span(src3, "2022"),
            span(tgt3, "2021"),
            "2022 in the source, 2021 in the draft.",
            "2022",
            segment=id3,
        ),
        Issue(
            IssueCode.MISSPELLED_TERM,
            Severity.WARNING,
            "kyrgyzstan",
            span(src2, "قيرغيزستان"),
            span(tgt2, "Kyrgystan"),
            'Misspelled "Kyrgystan".',
            "Kyrgyzstan",
            segment=id2,
        ),
        Issue(
            IssueCode.MISSING_TERM,
            Severity.INFO,
            "ukraine",
            span(src3, "أوكرانيا"),
            None,
            "Ukraine not found; the draft may paraphrase it.",
            "Ukraine",
            segment=id3,
        ),
    )
    return Report(issues=issues, segments=segments, signature=SIGNATURE)


@pytest.fixture
def clean_report() -> Report:
    """A check that found nothing wrong in one short segment."""
    source, target = "البيت الأبيض", "the White House"
    segment = CheckedSegment(
        "document",
        source,
        target,
        (Highlight(0, len(source), "white-house", "preferred"),),
        (highlight(target, "White House", "white-house", "preferred"),),
    )
    return Report(issues=(), segments=(segment,), signature=SIGNATURE)


@pytest.fixture
def empty_report() -> Report:
    """A check of nothing: no segment, no issue."""
    return Report(issues=(), segments=(), signature=SIGNATURE)


@pytest.fixture(params=["document_report", "aligned_report", "clean_report", "empty_report"])
def any_report(request: pytest.FixtureRequest) -> Report:
    """Each of the hand-built reports in turn."""
    report: Report = request.getfixturevalue(request.param)
    return report
