"""Attested spellings (glossaries/sources/attested_spellings.tsv): the file is well formed, every
spelling printed by at least two outlets is listed by its concept, and the report script says so."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from termbase import FormatError, Termbase, TermStatus
from termbase.attestation import (
    ATTESTATION_COLUMNS,
    attested_spellings,
    coverage,
    read_attestations,
    shipped_attestations_path,
)

REPO = Path(__file__).resolve().parent.parent
TSV = REPO / "glossaries" / "sources" / "attested_spellings.tsv"
SCRIPT = REPO / "glossaries" / "sources" / "attestation_report.py"
HEADER = "\t".join(ATTESTATION_COLUMNS)


def test_the_shipped_file_is_found_and_well_formed() -> None:
    assert shipped_attestations_path() == TSV
    rows = read_attestations(TSV)
    assert len(rows) >= 150
    assert len({row.outlet for row in rows}) >= 30
    assert {row.lang for row in rows} == {"ar", "en"}


def test_every_attested_concept_exists(shipped_termbase: Termbase) -> None:
    unknown = sorted({row.concept for row in read_attestations(TSV) if row.concept not in shipped_termbase})
    assert unknown == []


def test_spellings_in_two_outlets_are_covered(shipped_termbase: Termbase) -> None:
    result = coverage(attested_spellings(read_attestations(TSV), shipped_termbase.concepts), min_outlets=2)
    assert len(result.spellings) >= 40
    assert [(s.concept, s.spellings) for s in result.missing] == []
    assert result.share == 1.0


def test_spellings_in_two_outlets_are_not_deprecated(shipped_termbase: Termbase) -> None:
    """Deprecated is for romanisations to replace; a spelling that several outlets print is admitted,
    or forbidden when it is a confusion with another concept, or a former name marked historical."""
    result = coverage(attested_spellings(read_attestations(TSV), shipped_termbase.concepts), min_outlets=2)
    deprecated = [(s.concept, s.spellings) for s in result.spellings
                  if s.term is not None and s.term.status is TermStatus.DEPRECATED and s.term.historical is None]
    assert deprecated == []


def _write(path: Path, *rows: str) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("kazakhstan\tar\tكازاخستان\texample.org", "expected 6 columns, found 4"),
        ("Kazakhstan\tar\tكازاخستان\texample.org\thttps://example.org/1\t", "is not a concept id"),
        ("kazakhstan\tar\tكازاخستان\texample.org\texample.org/1\t", "is not an http(s) address"),
        ("kazakhstan\tar\tكازاخستان\texample.org\thttps://example.org/1\t7 Nov 2025", "is not YYYY"),
        ("kazakhstan\tar\t\texample.org\thttps://example.org/1\t", "must not be empty"),
    ],
)
def test_a_bad_row_is_refused_with_its_line(tmp_path: Path, row: str, problem: str) -> None:
    path = _write(tmp_path / "a.tsv", HEADER, "kazakhstan\tar\tكازاخستان\tother.org\thttps://other.org/1\t2025-11-07", row)
    with pytest.raises(FormatError, match=re.escape(problem)) as caught:
        read_attestations(path)
    assert caught.value.line == 3
    assert caught.value.path == str(path)


def test_a_wrong_header_and_a_repeated_row_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="the header must be"):
        read_attestations(_write(tmp_path / "h.tsv", "concept\tlang\tspelling", "kazakhstan\tar\tx"))
    row = "kazakhstan\tar\tكازاخستان\texample.org\thttps://example.org/1\t2025"
    with pytest.raises(FormatError, match="listed twice"):
        read_attestations(_write(tmp_path / "d.tsv", HEADER, row, row))


GLOSSARY = textwrap.dedent(
    """\
    glossary: {id: tiny, title: Tiny, license: CC0-1.0, sources: [test]}
    concepts:
    - id: almaty
      terms:
        en:
        - {term: Almaty, status: preferred}
        ar:
        - {term: ألماتي, status: preferred}
    """
)


def test_grouping_counts_outlets_once_and_folds_spellings(tmp_path: Path) -> None:
    tsv = _write(
        tmp_path / "a.tsv", HEADER,
        "almaty\tar\tألماتي\tone.example\thttps://one.example/1\t",
        "almaty\tar\tالماتي\tone.example\thttps://one.example/2\t",
        "almaty\tar\tألما آتا\tone.example\thttps://one.example/2\t",
        "almaty\tar\tألما آتا\ttwo.example\thttps://two.example/1\t2019",
    )
    glossary = tmp_path / "tiny.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    spellings = attested_spellings(read_attestations(tsv), Termbase.load([glossary]).concepts)
    by_key = {s.spellings: s for s in spellings}
    assert by_key[("ألماتي", "الماتي")].outlets == ("one.example",)
    assert by_key[("ألماتي", "الماتي")].status is TermStatus.PREFERRED
    assert by_key[("ألما آتا",)].outlets == ("one.example", "two.example")
    result = coverage(spellings, min_outlets=2)
    assert [s.spellings for s in result.missing] == [("ألما آتا",)]
    assert result.share == 0.0


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False)


def test_the_report_script_checks_the_shipped_glossaries() -> None:
    done = _run("--check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "covered" in done.stdout and "(100.0%), missing 0" in done.stdout


def test_the_report_script_fails_the_check_on_a_gap(tmp_path: Path) -> None:
    glossary = tmp_path / "tiny.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    tsv = _write(
        tmp_path / "a.tsv", HEADER,
        "almaty\tar\tألما آتا\tone.example\thttps://one.example/1\t",
        "almaty\tar\tألما آتا\ttwo.example\thttps://two.example/1\t",
    )
    done = _run("--check", "--glossary", str(glossary), "--attestations", str(tsv))
    assert done.returncode == 1
    assert "ألما آتا: 2 outlets (one.example, two.example) -> MISSING" in done.stdout
    assert _run("--glossary", str(glossary), "--attestations", str(tsv)).returncode == 0
    broken = _write(tmp_path / "b.tsv", "no header")
    done = _run("--glossary", str(glossary), "--attestations", str(broken))
    assert done.returncode == 2 and "line 1" in done.stderr


def test_terms_attested_in_two_outlets_name_their_sources(shipped_termbase: Termbase) -> None:
    """A listed spelling that outlets print carries term-level sources (the outlets, or its data source)."""
    result = coverage(attested_spellings(read_attestations(TSV), shipped_termbase.concepts), min_outlets=2)
    unsourced = [(s.concept, s.term.text) for s in result.spellings if s.term is not None and not s.term.sources]
    assert unsourced == []
