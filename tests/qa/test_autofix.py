"""Autofix: only flagged spans change, case/plural/possessive kept, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest

from termbase import Termbase
from termbase.qa.autofix import SAFE_CODES, Edit, apply_edits, edits_for, fix_text, unified_diff
from termbase.qa.issues import Applicability, Issue, IssueCode, Severity, TextSpan

REPO = Path(__file__).resolve().parent.parent.parent
SEED_AR = (REPO / "seeds" / "c5plus1-summit.ar.txt").read_text(encoding="utf-8")
DRAFT = (REPO / "examples" / "c5plus1-summit.draft.en.txt").read_text(encoding="utf-8")

FIXES = [
    ("Tokaev's visit to Astana.", "Tokayev's visit to Astana."),
    ("The two Tokaevs met.", "The two Tokayevs met."),
    ("TOKAEV WINS", "TOKAYEV WINS"),
    ("Kirghizia's mountains hold vital minerals.", "Kyrgyzstan's mountains hold critical minerals."),
    ("Vital minerals first.", "Critical minerals first."),
    # a misspelling without a source to confirm it is an unsafe fix: --fix leaves it
    ("Shavkat Mirzyoyev spoke.", "Shavkat Mirzyoyev spoke."),
    # not safe to fix: inconsistency and untranslated text stay as they are
    ("Emomali Rahmon and Emomali Rakhmon; نقطة انطلاق.", "Emomali Rahmon and Emomali Rakhmon; نقطة انطلاق."),
    ("Nothing to fix here.", "Nothing to fix here."),
]


@pytest.mark.parametrize(("target", "fixed"), FIXES)
def test_fix(qa_termbase: Termbase, target: str, fixed: str) -> None:
    assert qa_termbase.fix(None, target) == fixed


@pytest.mark.parametrize(("target", "fixed"), FIXES)
def test_fix_is_idempotent(qa_termbase: Termbase, target: str, fixed: str) -> None:
    once = qa_termbase.fix(None, target)
    assert qa_termbase.fix(None, once) == once


def _outside(text: str, edits: list[Edit]) -> list[str]:
    pieces, position = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        pieces.append(text[position:edit.start])
        position = edit.end
    return [*pieces, text[position:]]


def test_only_spans_change_in_the_example_draft(shipped_termbase: Termbase) -> None:
    report = shipped_termbase.check(SEED_AR, DRAFT)
    fixed, edits = fix_text(report)
    # each edit is as small as it can be: the words that stay are not rewritten
    assert sorted((e.old, e.new) for e in edits) == [
        ("Kirghizia", "Kyrgyzstan"),
        ("Mirzyoyev", "Mirziyoyev"),
        ("Tokaev", "Tokayev"),
        ("vital", "critical"),
    ]
    # the text between the edits is the same, in the same order
    rebuilt_edits = []
    shift = 0
    for edit in edits:
        start = edit.start + shift
        rebuilt_edits.append(Edit(start, start + len(edit.new), edit.new, edit.old, edit.code))
        shift += len(edit.new) - len(edit.old)
    assert _outside(DRAFT, edits) == _outside(fixed, rebuilt_edits)
    assert apply_edits(fixed, rebuilt_edits) == DRAFT
    after = shipped_termbase.check(SEED_AR, fixed)
    assert not [i for i in after.issues if i.code in SAFE_CODES]
    assert len(after.issues) == len(report.issues) - 4
    assert shipped_termbase.fix(SEED_AR, fixed) == fixed


def test_edits_of_other_segments_are_left_alone(qa_termbase: Termbase) -> None:
    report = qa_termbase.check_segments([("", "Tokaev"), ("", "Kirghizia")])
    assert [e.old for e in edits_for(report.issues, "1")] == ["Tokaev"]
    assert [e.old for e in edits_for(report.issues, "2")] == ["Kirghizia"]
    assert fix_text(report, "2")[0] == "Kyrgyzstan"
    edits = [Edit(0, 6, "Tokaev", "Tokayev", IssueCode.DEPRECATED_TERM)]
    with pytest.raises(ValueError, match="expects 'Tokaev'"):
        apply_edits("Kirghizia", edits)


def _safe_fix(start: int, old: str, new: str) -> Issue:
    return Issue(IssueCode.DEPRECATED_TERM, Severity.ERROR, "c", None, TextSpan(start, start + len(old), old),
                 f"{old} is deprecated", new, fix=Applicability.SAFE)


def test_overlapping_edits_keep_the_first_and_never_mix() -> None:
    """Two fixes of overlapping spans ("Central Asia" / "Asia summit"): applying both would write
    each replacement over part of the other's text; only the one that starts first is kept."""
    text = "The Central Asia summit opened."
    first, second = _safe_fix(4, "Central Asia", "Central-Asia"), _safe_fix(12, "Asia summit", "Asian summit")
    last_letter = _safe_fix(15, "a", "an")  # overlaps by one character
    for issues in ([first, second], [second, first], [first, last_letter]):
        edits = edits_for(issues)
        assert [(e.start, e.end) for e in edits] == [(4, 16)]
        assert apply_edits(text, edits) == "The Central-Asia summit opened."
    touching = [_safe_fix(4, "Central", "Middle"), _safe_fix(12, "Asia", "Asia's")]
    assert apply_edits(text, edits_for(touching)) == "The Middle Asia's summit opened."


def test_unified_diff() -> None:
    diff = unified_diff("a\nTokaev spoke\nb\n", "a\nTokayev spoke\nb\n", "draft.txt")
    assert diff.splitlines()[:2] == ["--- a/draft.txt", "+++ b/draft.txt"]
    assert "-Tokaev spoke" in diff and "+Tokayev spoke" in diff
    assert unified_diff("same\n", "same\n", "x") == ""
