"""``termbase check``: exit codes, reports, fixing, PO write-back, XLIFF samples, bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from termbase.cli import main
from termbase.formats import read_xliff
from shared_paths import shared

REPO = Path(__file__).resolve().parent.parent.parent
SEED_AR = REPO / "seeds" / "c5plus1-summit.ar.txt"
SEED_EN = REPO / "seeds" / "c5plus1-summit.en.txt"
DRAFT = REPO / "examples" / "c5plus1-summit.draft.en.txt"
NEWS_PO = REPO / "tests" / "data" / "formats" / "news-ar-en.po"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["check", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


# -- the seed pair and the example draft ---------------------------------------------------------

def test_seed_against_reference_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, SEED_AR, SEED_EN, "--format", "json")
    assert code == 0
    assert json.loads(out)["issues"] == []


def test_example_draft_finds_nine(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, SEED_AR, DRAFT, "--format", "json")
    assert code == 1
    issues = json.loads(out)["issues"]
    assert sorted(i["code"] for i in issues) == sorted([
        "forbidden-term", "missing-term", "untranslated", "number-mismatch", "count-mismatch",
        "deprecated-term", "deprecated-term", "inconsistent-term", "misspelled-term"])


def test_json_structure(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, SEED_AR, DRAFT, "--format", "json")
    data = json.loads(out)
    assert list(data) == ["issues", "summary", "signature", "verdict"]
    assert data["verdict"] == {"fail_on": "error", "failed": True}
    draft = DRAFT.read_text(encoding="utf-8")
    source = SEED_AR.read_text(encoding="utf-8")
    for issue in data["issues"]:
        # the stable fields first, unchanged; then confidence, evidence and the fix
        assert list(issue) == ["code", "severity", "concept", "source", "target", "message", "suggestion",
                               "confidence", "evidence", "fix"]
        assert 0.0 < issue["confidence"] <= 1.0
        assert issue["evidence"] and all(list(e) == ["rule", "detail"] for e in issue["evidence"])
        if issue["suggestion"] is None:
            assert issue["fix"] is None
        else:
            assert issue["fix"]["applicability"] in {"safe", "unsafe", "display-only"}
        for side, text in (("source", source), ("target", draft)):
            if issue[side] is not None:
                span = issue[side]
                assert list(span) == ["start", "end", "text", "line", "column"]
                assert text[span["start"]:span["end"]] == span["text"]
                before = text[:span["start"]]
                assert span["line"] == before.count("\n") + 1
                assert span["column"] == len(before) - (before.rfind("\n") + 1) + 1
    assert data["summary"]["issues"] == 9
    assert data["signature"].startswith("glossary:")


def test_junit_parses(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, SEED_AR, DRAFT, "--format", "junit", "--fail-on", "warning")
    root = etree.fromstring(out.encode())
    assert root.tag in {"testsuites", "testsuite"}
    assert len(root.findall(".//failure")) + len(root.findall(".//error")) >= 9


def test_html_opens(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    code, out, _ = run(capsys, SEED_AR, DRAFT, "--format", "html", "--output", report)
    assert code == 1 and out == ""
    page = lxml.html.fromstring(report.read_text(encoding="utf-8"))
    text = page.text_content()
    assert "Kirghizia" in text and "نقطة انطلاق" in text and "قمة" in text
    ids = {element.get("id") for element in page.iter() if element.get("id")}
    links = [a.get("href") for a in page.iter("a") if (a.get("href") or "").startswith("#")]
    assert len(links) >= 9
    assert all(link[1:] in ids for link in links), [link for link in links if link[1:] not in ids]
    assert len(page.xpath("//mark")) >= 9


@pytest.mark.parametrize(("fail_on", "draft", "expected"), [
    ("error", DRAFT, 1), ("warning", DRAFT, 1), ("never", DRAFT, 0), ("error", SEED_EN, 0),
])
def test_fail_on(capsys: pytest.CaptureFixture[str], fail_on: str, draft: Path, expected: int) -> None:
    assert run(capsys, SEED_AR, draft, "--fail-on", fail_on)[0] == expected


def test_fail_on_warnings_only(capsys: pytest.CaptureFixture[str], qa_glossary: Path, tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    target.write_text("Kirghizia voted.\n", encoding="utf-8")
    assert run(capsys, "-g", qa_glossary, "--target-only", target)[0] == 0
    assert run(capsys, "-g", qa_glossary, "--target-only", target, "--fail-on", "warning")[0] == 1


@pytest.mark.parametrize("argv", [
    ["only-one.txt"],
    ["--target-only", "a.txt", "b.txt"],
    ["--fail-on", "sometimes", "a.txt", "b.txt"],
    ["--format", "yaml", "a.txt", "b.txt"],
    ["x.po", "--fix"],
    ["a.txt", "b.txt", "--annotate", "out.po"],
])
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert run(capsys, *argv)[0] == 2


# -- fixing ----------------------------------------------------------------------------------------

@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.en.txt"
    path.write_text("Tokaev's visit to Kirghizia.\nThe vital minerals deal.\n", encoding="utf-8")
    return path


FIXED = "Tokayev's visit to Kyrgyzstan.\nThe critical minerals deal.\n"


def test_fix_to_stdout(capsys: pytest.CaptureFixture[str], qa_glossary: Path, draft: Path) -> None:
    before = draft.read_bytes()
    code, out, err = run(capsys, "-g", qa_glossary, "--target-only", draft, "--fix")
    assert out == FIXED and "3 fix(es)" in err and code == 0
    assert draft.read_bytes() == before


def test_fixed_path(capsys: pytest.CaptureFixture[str], qa_glossary: Path, draft: Path, tmp_path: Path) -> None:
    before = draft.read_bytes()
    fixed = tmp_path / "fixed.txt"
    run(capsys, "-g", qa_glossary, "--target-only", draft, "--fix", "--fixed", fixed)
    assert fixed.read_text(encoding="utf-8") == FIXED
    assert draft.read_bytes() == before
    run(capsys, "-g", qa_glossary, "--target-only", fixed, "--fix", "--in-place")
    assert fixed.read_text(encoding="utf-8") == FIXED  # idempotent


def test_in_place(capsys: pytest.CaptureFixture[str], qa_glossary: Path, draft: Path) -> None:
    run(capsys, "-g", qa_glossary, "--target-only", draft, "--fix", "--in-place")
    assert draft.read_text(encoding="utf-8") == FIXED


def test_in_place_is_atomic(capsys: pytest.CaptureFixture[str], qa_glossary: Path, draft: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    before = draft.read_bytes()

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code = main(["check", "-g", str(qa_glossary), "--target-only", str(draft), "--fix", "--in-place"])
    assert code == 2  # a clear message, not a traceback
    assert f"{draft}: cannot write: No space left on device" in capsys.readouterr().err
    assert draft.read_bytes() == before
    assert sorted(p.name for p in draft.parent.iterdir()) == [draft.name]


def test_diff(capsys: pytest.CaptureFixture[str], qa_glossary: Path, draft: Path) -> None:
    before = draft.read_bytes()
    _, out, _ = run(capsys, "-g", qa_glossary, "--target-only", draft, "--diff")
    label = str(draft).lstrip("/")
    assert out.startswith(f"--- a/{label}\n+++ b/{label}\n")
    assert "-Tokaev's visit to Kirghizia.\n" in out and "+Tokayev's visit to Kyrgyzstan.\n" in out
    assert draft.read_bytes() == before


def test_fix_example_draft(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fixed = tmp_path / "fixed.en.txt"
    code, _, _ = run(capsys, SEED_AR, DRAFT, "--fix", "--fixed", fixed, "--format", "json",
                     "--output", tmp_path / "after.json")
    assert code == 1  # errors that need a translator remain
    after = json.loads((tmp_path / "after.json").read_text(encoding="utf-8"))
    assert after["summary"]["issues"] == 5
    assert "Kyrgyzstan" in fixed.read_text(encoding="utf-8")


# -- PO write-back -----------------------------------------------------------------------------------

def _added_lines(before: list[str], after: list[str]) -> list[str]:
    """The lines of ``after`` that are not in ``before``, checking the rest is kept in order."""
    added, position = [], 0
    for line in after:
        if position < len(before) and line == before[position]:
            position += 1
        else:
            added.append(line)
    assert position == len(before), "a line of the original was changed or dropped"
    return added


@pytest.fixture
def news_po(tmp_path: Path) -> Path:
    path = tmp_path / "news.po"
    path.write_bytes(NEWS_PO.read_bytes())
    return path


def test_annotate_po_adds_only_comments(capsys: pytest.CaptureFixture[str], news_po: Path, tmp_path: Path) -> None:
    out_po = tmp_path / "annotated.po"
    checked = tmp_path / "news.po"  # the real file with one realistic slip: ثلاثة مليارات as $4 billion
    checked.write_bytes(news_po.read_bytes().replace(b"$3 billion", b"$4 billion"))
    before = checked.read_bytes()
    code, report, _ = run(capsys, checked, "--annotate", out_po, "--fail-on", "never", "--format", "json")
    assert code == 0 and checked.read_bytes() == before
    assert [i["code"] for i in json.loads(report)["issues"]] == ["number-mismatch"]
    added = _added_lines(before.decode().splitlines(), out_po.read_text(encoding="utf-8").splitlines())
    assert added and all(line.startswith(("# termbase: ", "#, termbase-check")) for line in added)
    # findings in obsolete entries are not possible; fuzzy one is not checked by default
    assert not any("Riyadh" in line for line in added)


def test_annotate_po_plural_fuzzy_obsolete(capsys: pytest.CaptureFixture[str], qa_glossary: Path,
                                           tmp_path: Path) -> None:
    po = tmp_path / "c5.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '# desk note\n#: a.txt:1\nmsgid "زار توكاييف كازاخستان"\nmsgstr "Tokaev visited Kazakhstan"\n\n'
        '#, python-format\nmsgid "%d منجم لليورانيوم في قيرغيزستان"\nmsgid_plural "%d مناجم لليورانيوم في قيرغيزستان"\n'
        'msgstr[0] "%d uranium mine in Kirghizia"\nmsgstr[1] "%d uranium mines in Kyrgyzstan"\n\n'
        '#, fuzzy\nmsgid "المعادن الحيوية"\nmsgstr "vital minerals"\n\n'
        '#~ msgid "المعادن الحيوية"\n#~ msgstr "vital minerals"\n',
        encoding="utf-8")
    before = po.read_text(encoding="utf-8").splitlines()
    out = tmp_path / "out.po"
    code, report, _ = run(capsys, "-g", qa_glossary, po, "--annotate", out, "--format", "json")
    assert code == 0  # deprecated terms are warnings
    codes = [(i["code"], i["target"]["text"]) for i in json.loads(report)["issues"]]
    assert codes == [("deprecated-term", "Tokaev"), ("deprecated-term", "Kirghizia")]
    added = _added_lines(before, out.read_text(encoding="utf-8").splitlines())
    assert added == [
        "#, termbase-check",
        "# termbase: deprecated-term: 'Tokaev' is a deprecated rendering of Kassym-Jomart Tokayev → Tokayev",
        "# termbase: [0] deprecated-term: 'Kirghizia' is a deprecated rendering of Kyrgyzstan → Kyrgyzstan",
        "#, termbase-check",
    ] or sorted(added) == sorted([
        "#, termbase-check",
        "# termbase: deprecated-term: 'Tokaev' is a deprecated rendering of Kassym-Jomart Tokayev → Tokayev",
        "# termbase: [0] deprecated-term: 'Kirghizia' is a deprecated rendering of Kyrgyzstan → Kyrgyzstan",
        "#, termbase-check",
    ])
    # fuzzy entries only with --include-fuzzy; obsolete never
    code, report, _ = run(capsys, "-g", qa_glossary, po, "--include-fuzzy", "--format", "json")
    found = [i["target"]["text"] for i in json.loads(report)["issues"]]
    assert found == ["Tokaev", "Kirghizia", "vital minerals"] and code == 1
    # in place, then a rerun writes the same bytes
    run(capsys, "-g", qa_glossary, po, "--annotate", "--in-place")
    once = po.read_bytes()
    run(capsys, "-g", qa_glossary, po, "--annotate", "--in-place")
    assert po.read_bytes() == once


# -- XLIFF samples ----------------------------------------------------------------------------------

def _xliff_samples() -> list[Path]:
    samples = shared("standards", "xliff")
    paths = sorted((samples / "1.2" / "samples").glob("*.xlf"))
    paths += sorted((samples / "2.0" / "oasis-test-suite" / "core" / "valid").glob("*.xlf"))[:15]
    if len(paths) < 16:
        pytest.fail(f"the XLIFF samples in {samples} are incomplete ({len(paths)} files)")
    return paths + sorted((REPO / "tests" / "data" / "formats").glob("*.xlf"))


def test_xliff_samples_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    for path in _xliff_samples():
        _check_sample(capsys, path)


def _check_sample(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    code, out, err = run(capsys, path, "--format", "json", "--source-lang", "ar", "--target-lang", "en")
    if code == 2:  # an empty sample (no unit) is refused with a clear message, not a crash
        assert err.startswith("termbase: error:") and "Traceback" not in err
        return
    assert code in (0, 1), err
    data = json.loads(out)
    assert data["summary"]["segments"] == len(read_xliff(path))


def test_xliff_spans_are_valid(shipped_termbase: object, tmp_path: Path) -> None:
    from termbase import Termbase

    assert isinstance(shipped_termbase, Termbase)
    for path in _xliff_samples():
        report = shipped_termbase.check_segments(read_xliff(path))
        segments = {s.id: s for s in report.segments}
        for issue in report.issues:
            segment = segments[issue.segment or "document"]
            if issue.source:
                assert segment.source[issue.source.start:issue.source.end] == issue.source.text
            if issue.target:
                assert segment.target[issue.target.start:issue.target.end] == issue.target.text


# -- bad input ------------------------------------------------------------------------------------------

BAD = [
    ("broken.xlf", b'<?xml version="1.0"?><xliff version="2.0"><file>'),
    ("broken.po", b'msgid "abc\nmsgstr "x"\n'),
    ("draft.txt", "Tokaev in Kirghizia \u00e9".encode("latin-1")),
    ("draft.txt", b""),
    ("draft.txt", b"   \n\n"),
    ("draft.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00binary"),
    ("empty.po", b""),
    ("empty.tsv", b""),
    ("empty.xlf", b""),
]


@pytest.mark.parametrize(("name", "data"), BAD, ids=[f"{n}-{i}" for i, (n, _) in enumerate(BAD)])
def test_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, qa_glossary: Path, name: str,
                   data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    report = tmp_path / "report.json"
    files = [SEED_AR, path] if name.endswith(".txt") else [path]
    code, out, err = run(capsys, "-g", qa_glossary, *files, "--format", "json", "--output", report)
    assert code == 2
    assert err.startswith("termbase: error: ") and name in err and "Traceback" not in err
    assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no report, no temp file


def test_bad_input_with_fix_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                           qa_glossary: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(b"Tokaev \xff")
    code, _, _ = run(capsys, "-g", qa_glossary, "--target-only", path, "--fix", "--fixed", tmp_path / "f.txt")
    assert code == 2 and sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]


def test_utf16_with_bom_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path, qa_glossary: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes("Tokaev visited Kirghizia.\n".encode("utf-16"))
    code, out, _ = run(capsys, "-g", qa_glossary, "--target-only", path, "--format", "json")
    issues = json.loads(out)["issues"]
    assert code == 0
    assert [(i["target"]["start"], i["target"]["text"]) for i in issues] == [(0, "Tokaev"), (15, "Kirghizia")]
    assert run(capsys, "-g", qa_glossary, "--target-only", path, "--fix")[1] == "Tokayev visited Kyrgyzstan.\n"
