"""Term usage, candidate entries and concordance on a memory of the seed pair and the example draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from termbase import Termbase
from termbase.glossary import load_glossary
from termbase.tm.concordance import concordance
from termbase.tm.memory import TranslationMemory
from termbase.tm.store import Unit
from termbase.tm.usage import candidate_entries, candidates_yaml, term_usage


@pytest.fixture
def seed_and_draft(tmp_path: Path, seed_pairs: list[tuple[str, str]], draft_lines: list[str]) -> TranslationMemory:
    memory = TranslationMemory(tmp_path / "usage.tm")
    memory.add_units(Unit(ar, en, document="reference", position=i) for i, (ar, en) in enumerate(seed_pairs))
    memory.add_units(Unit(ar, draft, document="draft", position=i, origin="mt")
                     for i, ((ar, _), draft) in enumerate(zip(seed_pairs, draft_lines, strict=True)))
    return memory


def _ids(memory: TranslationMemory, document: str) -> dict[int, int]:
    """Segment id → line number (0-based) of the segments first stored for ``document``."""
    return {s.id: s.position for s in memory.segments() if s.document == document and s.position is not None}


def test_term_usage_reports_renderings_and_flags_the_drafts_deprecated_variants(
    seed_and_draft: TranslationMemory, shipped_termbase: Termbase,
) -> None:
    usage = {u.concept: u for u in term_usage(seed_and_draft, shipped_termbase)}
    # The seed's concepts (read from the article): every country and leader of the summit.
    for concept in ("kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan",
                    "kassym-jomart-tokayev", "shavkat-mirziyoyev", "donald-trump", "central-asia"):
        assert concept in usage and usage[concept].renderings, concept
    kyrgyzstan = {r.text: r for r in usage["kyrgyzstan"].renderings}
    assert kyrgyzstan["Kirghizia"].status == "deprecated" and kyrgyzstan["Kyrgyzstan"].status == "preferred"
    draft_ids = {s.id for s in seed_and_draft.segments() if "Kirghizia" in s.target}
    assert set(kyrgyzstan["Kirghizia"].segments) == draft_ids and len(draft_ids) == 1
    tokayev = {r.text: r.status for r in usage["kassym-jomart-tokayev"].renderings}
    assert tokayev == {"Kassym-Jomart Tokayev": "preferred", "Kassym-Jomart Tokaev": "deprecated"}
    assert "deprecated" in usage["kyrgyzstan"].flags and "deprecated" in usage["kassym-jomart-tokayev"].flags
    mirziyoyev = {r.text: r.status for r in usage["shavkat-mirziyoyev"].renderings}
    assert mirziyoyev.get("Mirzyoyev") == "unlisted"  # the draft's misspelling
    assert "deprecated" not in usage["kazakhstan"].flags


def test_candidate_entries_find_a_recurring_phrase_the_glossary_lacks(
    seed_and_draft: TranslationMemory, synthetic_termbase: Termbase, tmp_path: Path,
) -> None:
    # The synthetic glossary has no Central Asia, United States or region.
    found = candidate_entries(seed_and_draft, synthetic_termbase, min_count=3)
    pairs = {(c.source, c.target) for c in found}
    assert ("الولايات المتحدة", "the United States") in pairs or ("الولايات المتحدة", "United States") in pairs
    assert all(len(c.segments) >= 3 and c.share >= 0.75 for c in found)
    assert not any("قيرغيزستان" in c.source or "كازاخستان" in c.source for c in found)  # glossary terms
    path = tmp_path / "candidates.yaml"
    path.write_text(candidates_yaml(found), encoding="utf-8")
    glossary = load_glossary(path)
    assert len(glossary.concepts) == len(found)


def test_concordance_is_clitic_aware(seed_and_draft: TranslationMemory) -> None:
    found = concordance(seed_and_draft, "المعادن")
    # والمعادن (line 7) and المعادن الحيوية (line 10); line 7 of the draft equals the reference.
    assert found.total == 3
    assert {line.segment.source[slice(*line.source_span)] for line in found.lines} == {"المعادن"}
    glued = [line for line in found.lines if line.segment.source[line.source_span[0] - 1] == "و"]
    assert len(glued) == 1  # والمعادن: the clitic is a token of its own, the span is the word
    assert concordance(seed_and_draft, "معادن").total == found.total
    assert concordance(seed_and_draft, "واشنطن").total == 4  # lines 11 and 12, in both documents


def test_concordance_shows_the_glossary_rendering_of_a_term(
    seed_and_draft: TranslationMemory, shipped_termbase: Termbase,
) -> None:
    found = concordance(seed_and_draft, "المعادن الحيوية", termbase=shipped_termbase)
    assert (found.total, found.concept, found.evidence) == (2, "critical-minerals", "glossary")
    written = {line.segment.target[slice(*line.target_span)] for line in found.lines if line.target_span}
    assert written == {"critical minerals", "vital minerals"}  # the reference, and the draft's calque


def test_concordance_finds_a_rendering_by_co_occurrence(seed_and_draft: TranslationMemory) -> None:
    found = concordance(seed_and_draft, "الولايات المتحدة")
    assert found.evidence == "co-occurrence" and found.rendering == "united states"
    marked = [line.segment.target[slice(*line.target_span)] for line in found.lines if line.target_span]
    assert marked and all(text == "United States" for text in marked)
