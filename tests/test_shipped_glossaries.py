"""The shipped glossaries (``glossaries/*.yaml``): they load, lint clean and cover the seed article.

These tests depend on shipped data; they fail (they are not skipped) while the data is incomplete.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from termbase import Concept, MatchKind, Termbase, TermStatus, fold, load_glossaries, shipped_glossary_paths
from termbase.cli import main
from termbase.lint import lint_glossaries

EXPECTED_GLOSSARIES = [
    "c5plus1",
    "central-asia",
    "energy-minerals",
    "organizations",
    "world-countries",
    "world-leaders",
]

SEED_PEOPLE = [
    "kassym-jomart-tokayev",
    "shavkat-mirziyoyev",
    "emomali-rahmon",
    "sadyr-japarov",
    "serdar-berdimuhamedov",
    "donald-trump",
]

# (query, concept, preferred English term)
MUST_SHOW = [
    ("Tokaev", "kassym-jomart-tokayev", "Kassym-Jomart Tokayev"),
    ("توكايف", "kassym-jomart-tokayev", "Kassym-Jomart Tokayev"),
    ("قيرغيزستان", "kyrgyzstan", "Kyrgyzstan"),
]

COUNTRY_TABLE = "country_names_ar_multisource.tsv"


def test_every_expected_glossary_is_shipped() -> None:
    assert [path.stem for path in shipped_glossary_paths()] == EXPECTED_GLOSSARIES


def test_shipped_glossaries_load() -> None:
    glossaries = load_glossaries()
    assert [g.info.id for g in glossaries] == EXPECTED_GLOSSARIES
    for glossary in glossaries:
        assert glossary.concepts, glossary.info.path
        assert glossary.info.title, glossary.info.path
        assert glossary.info.license, glossary.info.path
        assert glossary.info.sources, glossary.info.path


def test_shipped_glossaries_lint_clean() -> None:
    findings = lint_glossaries(load_glossaries())
    assert [str(f) for f in findings] == []


def test_enough_concepts(shipped_termbase: Termbase) -> None:
    assert len(shipped_termbase) >= 300


def test_every_concept_has_english_and_arabic_preferred(shipped_termbase: Termbase) -> None:
    missing = [
        (concept.id, lang)
        for concept in shipped_termbase
        for lang in ("en", "ar")
        if concept.preferred(lang) is None
    ]
    assert missing == []


def test_related_ids_exist(shipped_termbase: Termbase) -> None:
    dangling = [(c.id, other) for c in shipped_termbase for other in c.related if other not in shipped_termbase]
    assert dangling == []


@pytest.mark.parametrize("concept_id", SEED_PEOPLE)
def test_seed_person_has_arabic_variants(shipped_termbase: Termbase, concept_id: str) -> None:
    concept = shipped_termbase.concept(concept_id)
    arabic = concept.terms_in("ar")
    assert len(arabic) >= 3, [t.text for t in arabic]
    assert arabic[0].status is TermStatus.PREFERRED
    assert concept.preferred("en") is not None


@pytest.mark.parametrize(("query", "concept_id", "english"), MUST_SHOW)
def test_must_show_lookup(shipped_termbase: Termbase, query: str, concept_id: str, english: str) -> None:
    best = shipped_termbase.lookup(query)[0]
    assert best.concept.id == concept_id
    assert best.match in (MatchKind.EXACT, MatchKind.NORMALIZED)
    assert not best.ambiguous
    preferred = best.concept.preferred("en")
    assert preferred is not None and preferred.text == english
    assert [t.text for t in shipped_termbase.translations(query, "en")] == [english]


def test_must_show_tokaev_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lookup", "Tokaev", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "Tokaev"
    best = data["matches"][0]
    assert best["concept"] == "kassym-jomart-tokayev"
    assert best["ambiguous"] is False
    assert best["preferred"]["en"] == "Kassym-Jomart Tokayev"
    assert best["score"] == 100


def test_must_show_berdimuhamedov_is_ambiguous(shipped_termbase: Termbase) -> None:
    matches = shipped_termbase.lookup("Berdimuhamedov")
    flagged = {m.concept.id for m in matches if m.ambiguous}
    assert {"serdar-berdimuhamedov", "gurbanguly-berdimuhamedov"} <= flagged
    assert {m.concept.id for m in matches[:2]} == {"serdar-berdimuhamedov", "gurbanguly-berdimuhamedov"}


def test_must_show_berdimuhamedov_cli(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lookup", "Berdimuhamedov"])
    out = capsys.readouterr().out
    assert code == 0
    assert "serdar-berdimuhamedov" in out and "gurbanguly-berdimuhamedov" in out
    assert out.count("AMBIGUOUS") >= 2


# -- world countries ------------------------------------------------------------------------------


def _country_rows(repo_root: Path) -> list[dict[str, str]]:
    path = repo_root / "glossaries" / "sources" / COUNTRY_TABLE
    if not path.is_file():
        pytest.skip(f"glossaries/sources/{COUNTRY_TABLE} is not in this checkout")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _covers(concept: Concept, row: dict[str, str]) -> bool:
    if any(fold(t.text) == fold(row["english_cldr"]) for t in concept.terms_in("en")):
        return True
    described = " ".join([*concept.definitions.values(), *concept.notes])
    return bool(re.search(rf"(ISO 3166-1|alpha-2) {row['alpha2']}\b", described)) or bool(
        re.search(rf"alpha-3 {row['alpha3']}\b", described)
    )


def test_every_country_is_covered(shipped_termbase: Termbase, repo_root: Path) -> None:
    rows = _country_rows(repo_root)
    assert len(rows) >= 249
    missing = [
        f"{row['alpha2']} {row['english_cldr']}"
        for row in rows
        if not any(_covers(concept, row) for concept in shipped_termbase)
    ]
    assert missing == []

