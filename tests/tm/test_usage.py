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


# What the example draft changed against the reference, read from the two files: (line, the wrong
# form as the glossary lists it, or as written when it lists none, its status, concept) — the draft's
# deprecated variants, its calque («vital minerals») and a misspelt name.
DRAFT_VARIANTS = [
    (2, "Kirghizia", "deprecated", "kyrgyzstan"),
    (5, "Kassym-Jomart Tokaev", "deprecated", "kassym-jomart-tokayev"),
    (5, "Mirzyoyev", "unlisted", "shavkat-mirziyoyev"),
    (10, "vital mineral", "forbidden", "critical-minerals"),
]


def test_term_usage_reports_renderings_and_flags_the_drafts_deprecated_variants(
    seed_and_draft: TranslationMemory, shipped_termbase: Termbase, seed_pairs: list[tuple[str, str]],
) -> None:
    usage = {u.concept: u for u in term_usage(seed_and_draft, shipped_termbase)}
    reference = _ids(seed_and_draft, "reference")
    draft = _ids(seed_and_draft, "draft")
    line_of = {**{i: p + 1 for i, p in reference.items()}, **{i: p + 1 for i, p in draft.items()}}
    # Every concept the article mentions (spotted line by line in the Arabic) is reported …
    article = {hit.concept for ar, _ in seed_pairs for hit in shipped_termbase.spot(ar, lang="ar", fuzzy=False)}
    assert set(usage) == article and len(article) > 40
    # … with the reference's renderings: each glossary term the reference line uses for a concept of
    # the Arabic line is listed, with that segment's id, at its status.
    for number, (ar, en) in enumerate(seed_pairs):
        concepts = {hit.concept for hit in shipped_termbase.spot(ar, lang="ar", fuzzy=False)}
        segment = next(i for i, p in reference.items() if p == number)
        for hit in shipped_termbase.spot(en, lang="en", fuzzy=False):
            if hit.concept in concepts:
                listed = {(r.text, r.status) for r in usage[hit.concept].renderings if segment in r.segments}
                assert (hit.term.text, str(hit.term.status)) in listed, (number + 1, hit.text)
    # The draft's wrong variants are flagged, at the draft's line and nowhere else.
    for line, text, status, concept in DRAFT_VARIANTS:
        found = [r for r in usage[concept].renderings if r.status == status]
        assert [r.text for r in found] == [text]
        assert [line_of[i] for i in found[0].segments] == [line] and set(found[0].segments) <= set(draft), text
        assert status in usage[concept].flags
    flagged = {c: {f for f in u.flags if f != "missing"} for c, u in usage.items() if set(u.flags) - {"missing"}}
    assert flagged == {concept: {status} for _, _, status, concept in DRAFT_VARIANTS}
    preferred = {r.text: r.status for r in usage["kyrgyzstan"].renderings}
    assert preferred == {"Kyrgyzstan": "preferred", "Kirghizia": "deprecated"}


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
