"""Fuzzy retrieval: equal to a brute-force scan, and the documented match % on the seed."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termbase.tm.memory import TranslationMemory
from termbase.tm.store import Unit
from termbase.tm.tokens import tokens


def _levenshtein(a: list[str], b: list[str]) -> int:
    """Plain dynamic-programming edit distance over token lists (the oracle's own)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _brute_force(pairs: list[tuple[str, str]], query: str, limit: int, min_score: int) -> list[tuple[int, int]]:
    """Score every stored pair by the README formula, written out again here."""
    stored: list[tuple[int, str, str]] = []
    for source, target in pairs:
        if (source, target) not in [(s, t) for _, s, t in stored]:
            stored.append((len(stored) + 1, source, target))
    wanted = tokens(query, "ar")
    scored = []
    for id_, source, _target in stored:
        mine = tokens(source, "ar")
        longest = max(len(wanted), len(mine))
        d = _levenshtein(wanted, mine)
        fuzzy = 100 if longest == 0 else (100 * (longest - d)) // longest
        if fuzzy == 100 and _normal(source) == _normal(query):
            score = 100
        else:
            score = min(fuzzy, 99)
        others = {_normal(t) for _, s, t in stored if _normal(s) == _normal(source)}
        if len(others) > 1:
            score = max(score - 1, 0)  # never below 0
        if score >= min_score:
            scored.append((score, id_))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(id_, score) for score, id_ in scored[:limit]]


WORDS = ["قمة", "القمة", "والقمة", "للقمة", "قمم", "دول", "الدول", "وواشنطن", "واشنطن", "آسيا", "الوسطى",
         "الوُسطى", "C5+1", "2022", "في", "من"]
_texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=7).map(" ".join) | st.sampled_from(
    ["قمة، الدول", "قمة الدول", "في  آسيا"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pairs=st.lists(st.tuples(_texts, st.sampled_from(["a", "b", "summit"])), min_size=1, max_size=25),
    query=_texts,
    limit=st.integers(1, 6),
    min_score=st.sampled_from([0, 1, 30, 50, 70, 90, 99, 100]),
)
def test_search_equals_brute_force(pairs: list[tuple[str, str]], query: str, limit: int, min_score: int) -> None:
    with tempfile.TemporaryDirectory() as folder, TranslationMemory(Path(folder) / "p.tm") as memory:
        memory.add_units(Unit(source, target) for source, target in pairs)
        found = [(m.segment.id, m.score) for m in memory.search(query, limit=limit, min_score=min_score)]
    assert found == _brute_force(pairs, query, limit, min_score)


@pytest.fixture
def seed_memory(tmp_path: Path, seed_pairs: list[tuple[str, str]]) -> TranslationMemory:
    memory = TranslationMemory(tmp_path / "seed.tm")
    memory.add_units(Unit(ar, en, document="c5plus1", position=i) for i, (ar, en) in enumerate(seed_pairs))
    return memory


# Line 6 of the seed has 30 match tokens (counted by hand: وأضاف الرئيس الأمريكي على مدى ثلاثة
# عقود فشل أسلافي في إعطاء دول آسيا الوسطى الاهتمام الذي تستحقه الآن يعتزم رئيس الولايات المتحدة
# التأسيس لشراكة كاملة مع قادة هذه المنطقة الاستراتيجية).
LINE = 5
EDITS = [
    # (what the edit does, old text, new text, expected %: the formula worked by hand)
    ("one word replaced: floor(100·29/30)", "ثلاثة", "أربعة", 96),
    ("one word dropped, one replaced: floor(100·28/30)", "الأمريكي: ", "", None),
    ("clitic glued on: للولايات = ل + الولايات, one insertion: floor(100·30/31)", "رئيس الولايات", "رئيس للولايات", 96),
    ("punctuation only: same tokens, other text", '"على', "على", 99),
    ("diacritics only: same tokens, other text", "الرئيس", "الرئيسُ", 99),
    ("two words replaced: floor(100·28/30)", "ثلاثة عقود", "أربعة أعوام", 93),
]


@pytest.mark.parametrize(("why", "old", "new", "expected"), EDITS)
def test_seed_sentences_edited(seed_memory: TranslationMemory, seed_pairs: list[tuple[str, str]], why: str,
                               old: str, new: str, expected: int | None) -> None:
    source, target = seed_pairs[LINE]
    assert old in source
    query = source.replace(old, new, 1)
    if expected is None:  # the second edit of this case
        query = query.replace("كاملة", "شاملة")
        expected = 93  # 29 tokens against 30, two edits: floor(100·28/30)
    best = seed_memory.search(query, limit=1, min_score=50)[0]
    assert (best.segment.source, best.segment.target, best.score) == (source, target, expected), why


def test_every_seed_line_comes_back_exact(seed_memory: TranslationMemory, seed_pairs: list[tuple[str, str]]) -> None:
    for source, target in seed_pairs:
        best = seed_memory.search(source, limit=1)[0]
        assert (best.segment.target, best.score) == (target, 100)


def test_context_match_is_101(seed_memory: TranslationMemory, seed_pairs: list[tuple[str, str]]) -> None:
    previous, source, following = (pair[0] for pair in seed_pairs[LINE - 1:LINE + 2])
    assert seed_memory.search(source, previous=previous)[0].score == 101
    assert seed_memory.search(source, previous=previous, next=following)[0].score == 101
    assert seed_memory.search(source, previous=seed_pairs[0][0])[0].score == 100  # another neighbour


def test_two_translations_cost_a_point_and_context_picks_one(
    seed_memory: TranslationMemory, seed_pairs: list[tuple[str, str]],
) -> None:
    source, target = seed_pairs[LINE]
    seed_memory.add(source, "The American president added: …", document="other", position=0)
    found = seed_memory.search(source, previous=seed_pairs[LINE - 1][0])
    assert [(m.segment.target, m.score) for m in found] == [(target, 101), ("The American president added: …", 99)]
    assert [m.score for m in seed_memory.search(source)] == [99, 99]


def test_differing_words_are_marked(seed_memory: TranslationMemory, seed_pairs: list[tuple[str, str]]) -> None:
    source = seed_pairs[LINE][0]
    best = seed_memory.search(source.replace("ثلاثة", "أربعة"), limit=1)[0]
    assert "⟦ثلاثة⟧" in best.marked and best.marked.replace("⟦", "").replace("⟧", "") == source
    assert [(d.op, best.query_tokens[d.query[0]], best.stored_tokens[d.stored[0]]) for d in best.differences] == [
        ("replace", "اربعه", "ثلاثه")]


def test_min_score_and_limit(seed_memory: TranslationMemory, seed_pairs: list[tuple[str, str]]) -> None:
    query = seed_pairs[LINE][0]
    assert len(seed_memory.search(query, limit=3, min_score=0)) == 3
    assert all(m.score >= 100 for m in seed_memory.search(query, limit=5, min_score=100))
    with pytest.raises(ValueError, match="limit"):
        seed_memory.search(query, limit=0)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(st.integers(0, 12), max_size=12), min_size=1, max_size=40),
    query=st.lists(st.integers(0, 15), max_size=12),
    min_score=st.integers(0, 100),
)
def test_candidate_filter_keeps_every_row_that_can_reach_min_score(
    rows: list[list[int]], query: list[int], min_score: int,
) -> None:
    from termbase.tm.candidates import CandidateIndex

    index = CandidateIndex.from_sequences(rows, 13)
    kept, bounds = index.candidates(query, min_score)
    kept_rows = {int(r) for r in kept}
    for number, row in enumerate(rows):
        longest = max(len(row), len(query))
        d = _levenshtein([str(t) for t in query], [str(t) for t in row])
        fuzzy = 100 if longest == 0 else 100 * (longest - d) // longest
        if fuzzy >= min_score:
            assert number in kept_rows
            assert fuzzy <= int(bounds[list(kept).index(number)])
