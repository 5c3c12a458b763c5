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


# The match tokens of the random texts' words, written by hand from the README's rules (folding:
# ة → ه, آ → ا, ى → ي, diacritics dropped; a clitic chain glued to the article is a token of its
# own, one glued to a bare word is not; punctuation gives none), so the oracle below does not call
# the tokenizer it checks.
HAND_TOKENS = {
    "قمة": ["قمه"], "القمة": ["القمه"], "والقمة": ["و", "القمه"], "للقمة": ["ل", "القمه"], "قمم": ["قمم"],
    "دول": ["دول"], "الدول": ["الدول"], "وواشنطن": ["وواشنطن"], "واشنطن": ["واشنطن"], "آسيا": ["اسيا"],
    "الوسطى": ["الوسطي"], "الوُسطى": ["الوسطي"], "C5+1": ["c5+1"], "2022": ["2022"], "في": ["في"], "من": ["من"],
}


def _hand_tokens(text: str) -> list[str]:
    return [token for word in text.replace("،", " ").split() for token in HAND_TOKENS[word]]


def test_the_oracles_tokens_are_the_tokenizers() -> None:
    for word, expected in HAND_TOKENS.items():
        assert tokens(word, "ar") == expected, word
    assert tokens("قمة، الدول", "ar") == _hand_tokens("قمة، الدول") == ["قمه", "الدول"]


def _brute_force(pairs: list[tuple[str, str]], query: str, limit: int, min_score: int) -> list[tuple[int, int]]:
    """Score every stored pair by the README formula, written out again here (hand tokens, own DP)."""
    stored: list[tuple[int, str, str]] = []
    for source, target in pairs:
        if (source, target) not in [(s, t) for _, s, t in stored]:
            stored.append((len(stored) + 1, source, target))
    wanted = _hand_tokens(query)
    scored = []
    for id_, source, _target in stored:
        mine = _hand_tokens(source)
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


WORDS = list(HAND_TOKENS)
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


# Every line of the seed article, stored with its reference translation, queried with an edited
# version. The token counts were made by hand: words, plus one token for each clitic chain glued to
# the article (والتي = و + التي, للولايات = ل + الولايات); punctuation and diacritics give none.
# n, m: tokens of the query and of the stored line; d: the token edits; expected: the README formula
# floor(100·(M − d)/M), M = max(n, m), worked out by hand (99: same tokens, other text).
SEED_EDITS = [
    # (line, what the edit does, old text, new text, n, m, d, expected %)
    (1, "one word replaced", "الأمريكي", "الفرنسي", 4, 4, 1, 75),  # 100·3/4
    (2, "one word dropped", "وطاجيكستان ", "", 10, 11, 1, 90),  # 100·10/11 = 90.9
    (3, "one word inserted", "نقطة انطلاق", "نقطة انطلاق جديدة", 22, 21, 1, 95),  # 100·21/22 = 95.5
    (4, "the clitic و taken off والشرق: one token less", "والشرق", "الشرق", 16, 17, 1, 94),  # 100·16/17 = 94.1
    (5, "a name respelt", "توكاييف", "توكايف", 59, 59, 1, 98),  # 100·58/59 = 98.3
    (6, "one word replaced", "ثلاثة", "أربعة", 30, 30, 1, 96),  # 100·29/30 = 96.7
    (6, "two words replaced", "ثلاثة عقود", "أربعة أعوام", 30, 30, 2, 93),  # 100·28/30 = 93.3
    (6, "clitic glued on: للولايات = ل + الولايات", "رئيس الولايات", "رئيس للولايات", 31, 30, 1, 96),  # 96.8
    (6, "punctuation only: same tokens, other text", '"على', "على", 30, 30, 0, 99),
    (6, "a diacritic only: same tokens, other text", "الرئيس", "الرئيسُ", 30, 30, 0, 99),
    (7, "two words replaced", "مليارات الدولارات للصفقات التجارية التي ستدعم عشرات",
     "ملايين الدولارات للصفقات التجارية التي ستدعم مئات", 45, 45, 2, 95),  # 100·43/45 = 95.6
    (8, "one word dropped", "الروسي ", "", 50, 51, 1, 98),  # 100·50/51 = 98.0
    (9, "tanwin dropped (بعيداً → بعيدا): same tokens", "بعيداً", "بعيدا", 34, 34, 0, 99),
    (10, "the clitic ل taken off للولايات: one token less", "للولايات", "الولايات", 30, 31, 1, 96),  # 96.8
    (11, "a year changed", "1991", "1992", 39, 39, 1, 97),  # 100·38/39 = 97.4
    (12, "one word replaced, one dropped", "ضخمة", "كبيرة", 54, 55, 2, 96),  # 100·53/55 = 96.4
]


@pytest.mark.parametrize(("line", "why", "old", "new", "n", "m", "d", "expected"), SEED_EDITS)
def test_seed_sentences_edited(seed_memory: TranslationMemory, seed_pairs: list[tuple[str, str]], line: int,
                               why: str, old: str, new: str, n: int, m: int, d: int, expected: int) -> None:
    longest = max(n, m)
    assert expected == (99 if d == 0 else 100 * (longest - d) // longest), "the table follows the formula"
    source, target = seed_pairs[line - 1]
    assert source.count(old) == 1
    query = source.replace(old, new)
    if line == 12:  # the second edit of this case
        assert source.count("وظائف جديدة") == 1
        query = query.replace("وظائف جديدة", "وظائف")
    best = seed_memory.search(query, limit=1, min_score=50)[0]
    assert (len(best.query_tokens), len(best.stored_tokens), best.distance) == (n, m, d), why
    assert (best.segment.source, best.segment.target, best.score) == (source, target, expected), why


# The reference translation stored as an English → Arabic memory, queried with the lines the example
# draft (a real edited version of it) changed. Tokens counted by hand as Moses splits them
# (words; «Asia's» = Asia + 's; Kassym-Jomart is one token; punctuation gives none).
DRAFT_EDITS = [
    # (line, what the draft changed, n, m, d, expected %)
    (2, "Kyrgyzstan → Kirghizia", 16, 16, 1, 93),  # 100·15/16 = 93.75
    (3, "starting point → نقطة انطلاق (left untranslated)", 30, 30, 2, 93),  # 100·28/30
    (4, "Europe, Asia and the Middle East → Europe and Asia", 16, 19, 4, 78),  # 100·15/19 = 78.9
    (5, "Donald added, Tokayev → Tokaev, Mirziyoyev → Mirzyoyev", 68, 67, 3, 95),  # 100·65/68 = 95.6
    (6, "US → American", 40, 40, 1, 97),  # 100·39/40 = 97.5
    (10, "Donald added, critical → vital", 41, 40, 2, 95),  # 100·39/41 = 95.1
    (11, "1991 → 1992", 50, 50, 1, 98),  # 100·49/50
    (12, "Donald added, the Central Asian countries → the countries of the region", 69, 67, 5, 92),  # 92.8
]


@pytest.mark.parametrize(("line", "why", "n", "m", "d", "expected"), DRAFT_EDITS)
def test_reference_translation_queried_with_the_drafts_edits(
    tmp_path: Path, seed_pairs: list[tuple[str, str]], draft_lines: list[str],
    line: int, why: str, n: int, m: int, d: int, expected: int,
) -> None:
    longest = max(n, m)
    assert expected == 100 * (longest - d) // longest, "the table follows the formula"
    with TranslationMemory(tmp_path / "en.tm") as memory:
        memory.add_units(Unit(en, ar, source_lang="en", target_lang="ar", document="seed", position=i)
                         for i, (ar, en) in enumerate(seed_pairs))
        best = memory.search(draft_lines[line - 1], source_lang="en", limit=1, min_score=50)[0]
    reference, arabic = seed_pairs[line - 1][1], seed_pairs[line - 1][0]
    assert (len(best.query_tokens), len(best.stored_tokens), best.distance) == (n, m, d), why
    assert (best.segment.source, best.segment.target, best.score) == (reference, arabic, expected), why
    changed = [i + 1 for i, (pair, draft) in enumerate(zip(seed_pairs, draft_lines, strict=True)) if pair[1] != draft]
    assert changed == [row[0] for row in DRAFT_EDITS]  # every line the draft changed is in the table


LINE = 5  # the sixth line of the seed (0-based), 30 tokens


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
    rows=st.lists(st.lists(st.integers(0, 12), max_size=24), min_size=1, max_size=40),
    query=st.lists(st.integers(0, 15), max_size=16),
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
