"""The command line, run in-process through ``termbase.cli.main`` (and once as ``python -m termbase``)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import termbase
from termbase.cli import main

WriteGlossary = Callable[..., Path]
Capsys = pytest.CaptureFixture[str]

MATCH_FIELDS = ["concept", "term", "lang", "status", "score", "match", "ambiguous", "preferred"]

LINT_FINDINGS = """\
concepts:
- id: tokayev
  related: [no-such-concept-anywhere]
  terms:
    en:
    - {term: Tokayev, status: admitted}
    ar:
    - {term: توكاييف, status: preferred}
- id: tokayev-junior
  terms:
    en:
    - {term: Tokayev, status: preferred}
"""


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- lookup ---------------------------------------------------------------------------------------


def test_lookup_text(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, err = run(capsys, "lookup", "Tokaev", "--glossary", str(synthetic_path))
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "kassym-jomart-tokayev  (exact 100)"
    assert lines[1].strip() == "matched en 'Tokaev' [deprecated]"
    assert "en: Kassym-Jomart Tokayev" in lines[2]
    assert "ar: قاسم جومارت توكاييف" in lines[2]


def test_lookup_text_flags_ambiguity(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "lookup", "Berdimuhamedov", "-g", str(synthetic_path))
    assert code == 0
    assert "gurbanguly-berdimuhamedov  (exact 100  AMBIGUOUS)" in out
    assert "serdar-berdimuhamedov  (exact 100  AMBIGUOUS)" in out


def test_lookup_tie_capped_by_limit(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "lookup", "Berdimuhamedov", "-g", str(synthetic_path), "--limit", "1",
                       "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [m["concept"] for m in data["matches"]] == ["gurbanguly-berdimuhamedov"]
    assert data["matches"][0]["ambiguous"] is True
    assert data["more_tied"] == 1


def test_lookup_json(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "lookup", "توكايف", "-g", str(synthetic_path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["query", "matches", "more_tied"]
    assert data["query"] == "توكايف"
    assert data["more_tied"] == 0
    first = data["matches"][0]
    assert list(first) == MATCH_FIELDS
    assert first == {
        "concept": "kassym-jomart-tokayev",
        "term": "توكايف",
        "lang": "ar",
        "status": "admitted",
        "score": 100.0,
        "match": "exact",
        "ambiguous": False,
        "preferred": {"en": "Kassym-Jomart Tokayev", "ar": "قاسم جومارت توكاييف"},
    }
    assert "\\u" not in out  # Arabic is written as UTF-8, not escaped


def test_lookup_json_ambiguous(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "lookup", "بردي محمدوف", "-g", str(synthetic_path), "-f", "json")
    assert code == 0
    matches = json.loads(out)["matches"]
    assert [(m["concept"], m["ambiguous"]) for m in matches[:2]] == [
        ("gurbanguly-berdimuhamedov", True),
        ("serdar-berdimuhamedov", True),
    ]
    for match in matches:
        assert list(match) == MATCH_FIELDS


def test_lookup_options(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(
        capsys, "lookup", "Kazakhstan", "-g", str(synthetic_path), "-f", "json",
        "--limit", "2", "--score-cutoff", "10", "--lang", "en",
    )
    assert code == 0
    matches = json.loads(out)["matches"]
    assert len(matches) == 2
    assert matches[0]["concept"] == "kazakhstan"
    assert all(m["lang"] == "en" for m in matches)


def test_lookup_fuzzy_json(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "lookup", "Tokayv", "-g", str(synthetic_path), "-f", "json")
    assert code == 0
    (match, *_) = json.loads(out)["matches"]
    assert match["match"] == "fuzzy"
    assert 75 <= match["score"] < 100
    assert match["score"] == round(match["score"], 2)


def test_lookup_no_match(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "lookup", "Zanzibar", "-g", str(synthetic_path))
    assert code == 1
    assert out.strip() == "no match for 'Zanzibar'"
    code, out, _ = run(capsys, "lookup", "Zanzibar", "-g", str(synthetic_path), "-f", "json")
    assert code == 1
    assert json.loads(out) == {"query": "Zanzibar", "matches": [], "more_tied": 0}


# -- show -----------------------------------------------------------------------------------------


def test_show_by_id(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "show", "astana", "-g", str(synthetic_path))
    assert code == 0
    assert out.startswith("astana  [geography]  (synthetic)\n")
    assert "definition (en): Capital of Kazakhstan." in out
    assert "related: kazakhstan" in out
    assert "deprecated Nur-Sultan" in out
    assert "note: name from 2019 to 2022" in out
    assert "preferred  أستانا" in out


def test_show_by_term(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "show", "توكايف", "-g", str(synthetic_path))
    assert code == 0
    assert out.startswith("kassym-jomart-tokayev  [people]")


def test_show_json(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "show", "shanghai-cooperation-organisation", "-g", str(synthetic_path), "-f", "json")
    assert code == 0
    (concept,) = json.loads(out)["concepts"]
    assert concept["id"] == "shanghai-cooperation-organisation"
    assert concept["glossary"] == "synthetic"
    sco = next(t for t in concept["terms"]["en"] if t["term"] == "SCO")
    assert sco == {
        "term": "SCO", "status": "admitted", "type": "acronym", "pos": None,
        "case_sensitive": True, "notes": [], "sources": [],
    }
    assert concept["terms"]["en"][0]["status"] == "preferred"


def test_show_ambiguous_term_shows_both(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "show", "Berdimuhamedov", "-g", str(synthetic_path), "-f", "json")
    assert code == 0
    ids = [c["id"] for c in json.loads(out)["concepts"]]
    assert ids == ["gurbanguly-berdimuhamedov", "serdar-berdimuhamedov"]


def test_show_unknown(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "show", "atlantis", "-g", str(synthetic_path))
    assert code == 1
    assert out.strip() == "no concept 'atlantis'"


# -- lint and stats -------------------------------------------------------------------------------


def test_lint_clean(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "lint", str(synthetic_path))
    assert code == 0
    assert out.strip() == "0 finding(s) in 1 glossary file(s), 8 concepts"


def test_lint_clean_with_glossary_option(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "lint", "--glossary", str(synthetic_path), "-f", "json")
    assert code == 0
    assert json.loads(out) == {"glossaries": [str(synthetic_path)], "findings": []}


def test_lint_findings(capsys: Capsys, write_glossary: WriteGlossary) -> None:
    path = write_glossary(LINT_FINDINGS, "findings.yaml")
    code, out, _ = run(capsys, "lint", str(path))
    assert code == 1
    assert f"{path}:2: missing-preferred [tokayev] no preferred en term" in out
    assert f"{path}:9: missing-language [tokayev-junior] no ar term" in out
    assert "unknown-related [tokayev]" in out
    assert "shared-form [tokayev-junior]" in out
    assert f"{path}:2: missing-source [tokayev] no source" in out  # neither concept names a source
    assert f"{path}:9: missing-source [tokayev-junior] no source" in out
    assert out.splitlines()[-1].startswith("6 finding(s) in 1 glossary file(s), 2 concepts")


def test_lint_findings_json(capsys: Capsys, write_glossary: WriteGlossary) -> None:
    path = write_glossary(LINT_FINDINGS, "findings.yaml")
    code, out, _ = run(capsys, "lint", str(path), "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert sorted(f["code"] for f in findings) == [
        "missing-language", "missing-preferred", "missing-source", "missing-source", "shared-form", "unknown-related",
    ]
    for finding in findings:
        assert list(finding) == ["code", "path", "line", "concept", "message"]
        assert finding["path"] == str(path)
    shared = next(f for f in findings if f["code"] == "shared-form")
    assert shared["line"] == 12
    assert shared["concept"] == "tokayev-junior"


def test_stats(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "stats", "-g", str(synthetic_path))
    assert code == 0
    assert out.splitlines()[0].split() == [
        "synthetic", "8", "concepts", "terms:", "ar", "15,", "en", "17",
        "(admitted", "11,", "deprecated", "5,", "preferred", "16)",
    ]
    assert out.splitlines()[-1].split()[:3] == ["total", "8", "concepts"]


def test_stats_json(capsys: Capsys, synthetic_path: Path) -> None:
    code, out, _ = run(capsys, "stats", "-g", str(synthetic_path), "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == {"concepts": 8, "terms": {"ar": 15, "en": 17}}
    (row,) = data["glossaries"]
    assert row["glossary"] == "synthetic"
    assert row["status"] == {"admitted": 11, "deprecated": 5, "preferred": 16}


def test_several_glossaries(capsys: Capsys, synthetic_path: Path, write_glossary: WriteGlossary) -> None:
    extra = write_glossary(
        """\
        concepts:
        - id: zanzibar
          terms:
            en: [{term: Zanzibar, status: preferred}]
            ar: [{term: زنجبار, status: preferred}]
        """,
        "extra.yaml",
    )
    code, out, _ = run(capsys, "lookup", "زنجبار", "-g", str(synthetic_path), "-g", str(extra))
    assert code == 0
    assert out.startswith("zanzibar  (exact 100)")


# -- errors and usage -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    ["lookup", "Tokayev"], ["show", "astana"], ["lint"], ["stats"],
])
def test_malformed_glossary_exits_2(capsys: Capsys, write_glossary: WriteGlossary, command: list[str]) -> None:
    path = write_glossary(
        """\
        concepts:
        - id: tokayev
          terms:
            en:
            - {term: Tokayev, status: obsolete}
        """,
        "broken.yaml",
    )
    code, out, err = run(capsys, *command, "--glossary", str(path))
    assert code == 2
    assert out == ""
    assert err.startswith(f"termbase: error: {path}, line 5, concept tokayev, term 'Tokayev': unknown status")


def test_bad_yaml_exits_2(capsys: Capsys, write_glossary: WriteGlossary) -> None:
    path = write_glossary("concepts: [\n", "broken.yaml")
    code, _, err = run(capsys, "lookup", "x", "-g", str(path))
    assert code == 2
    assert "invalid YAML" in err


def test_missing_glossary_exits_2(capsys: Capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "lookup", "x", "-g", str(tmp_path / "nowhere.yaml"))
    assert code == 2
    assert "nowhere.yaml" in err


@pytest.mark.parametrize("argv", [
    [],
    ["frobnicate"],
    ["lookup"],
    ["lookup", "x", "--format", "xml"],
    ["lookup", "x", "--limit", "many"],
    ["show"],
    ["lint", "--bogus"],
])
def test_bad_usage_exits_2(capsys: Capsys, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "usage: termbase" in err


def test_help_exits_0(capsys: Capsys) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("lookup", "show", "lint", "stats"):
        assert command in out


def test_version_in_process(capsys: Capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"termbase {termbase.__version__}"


def test_python_m_termbase_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "termbase", "--version"],
        capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"termbase {termbase.__version__}"
