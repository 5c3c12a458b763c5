"""Lookup: exact, normalized and fuzzy matches, ranking, filters, and agreement with a naive scan."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from termbase import Concept, ConceptNotFoundError, MatchKind, Term, Termbase, TermStatus, fold
from termbase.lookup_index import FuzzyKeyIndex, LookupIndex, count_bound, length_window

from shared_paths import shared

# -- the synthetic glossary ---------------------------------------------------------------------

# (query, concept, matched term, kind)
EXACT_AND_NORMALIZED = [
    ("Tokayev", "kassym-jomart-tokayev", "Tokayev", MatchKind.EXACT),
    ("Tokaev", "kassym-jomart-tokayev", "Tokaev", MatchKind.EXACT),
    ("tokayev", "kassym-jomart-tokayev", "Tokayev", MatchKind.NORMALIZED),
    ("TOKAYEV", "kassym-jomart-tokayev", "Tokayev", MatchKind.NORMALIZED),
    ("Kassym Jomart Tokayev", "kassym-jomart-tokayev", "Kassym-Jomart Tokayev", MatchKind.NORMALIZED),
    ("Kassym–Jomart Tokayev", "kassym-jomart-tokayev", "Kassym-Jomart Tokayev", MatchKind.NORMALIZED),
    ("توكايف", "kassym-jomart-tokayev", "توكايف", MatchKind.EXACT),
    ("تُوكَايِيف", "kassym-jomart-tokayev", "توكاييف", MatchKind.NORMALIZED),
    ("توكا\u200cييف", "kassym-jomart-tokayev", "توكاييف", MatchKind.NORMALIZED),
    ("استانا", "astana", "أستانا", MatchKind.NORMALIZED),
    ("Nur Sultan", "astana", "Nur-Sultan", MatchKind.NORMALIZED),
    ("قيرغيزستان", "kyrgyzstan", "قيرغيزستان", MatchKind.EXACT),
    ("قرغيزستان", "kyrgyzstan", "قرغيزستان", MatchKind.EXACT),
    ("منظمه شنغهاي للتعاون", "shanghai-cooperation-organisation", "منظمة شنغهاي للتعاون", MatchKind.NORMALIZED),
    ("ﻛﺎﺯﺍﺧﺴﺘﺎﻥ", "kazakhstan", "كازاخستان", MatchKind.NORMALIZED),
    ("کازاخستان", "kazakhstan", "كازاخستان", MatchKind.NORMALIZED),
    ("Kazakstan", "kazakhstan", "Kazakstan", MatchKind.EXACT),
    ("SCO", "shanghai-cooperation-organisation", "SCO", MatchKind.EXACT),
]


@pytest.mark.parametrize(("query", "concept", "term", "kind"), EXACT_AND_NORMALIZED)
def test_exact_and_normalized(
    synthetic_termbase: Termbase, query: str, concept: str, term: str, kind: MatchKind
) -> None:
    best = synthetic_termbase.lookup(query)[0]
    assert best.concept.id == concept
    assert best.term.text == term
    assert best.match is kind
    assert best.score == 100.0
    assert not best.ambiguous


FUZZY = [
    ("Tokayv", "kassym-jomart-tokayev"),
    ("Kazakhstn", "kazakhstan"),
    ("Kyrgystan", "kyrgyzstan"),
    ("Kassym-Jomart Tokaiev", "kassym-jomart-tokayev"),
    ("توكاييـف الرئيس", None),  # too far from every term: no match at the default cutoff
    ("قيرغستان", "kyrgyzstan"),
    ("شنغاي", "shanghai-cooperation-organisation"),  # one word of a multi-word term
    ("Cooperaton", "shanghai-cooperation-organisation"),
]


@pytest.mark.parametrize(("query", "concept"), FUZZY)
def test_fuzzy(synthetic_termbase: Termbase, query: str, concept: str | None) -> None:
    matches = synthetic_termbase.lookup(query)
    if concept is None:
        assert matches == []
        return
    best = matches[0]
    assert best.concept.id == concept
    assert best.match is MatchKind.FUZZY
    assert 75.0 <= best.score < 100.0


def test_ranking(synthetic_termbase: Termbase) -> None:
    matches = synthetic_termbase.lookup("Kazakhstan", score_cutoff=40)
    assert matches[0].concept.id == "kazakhstan"
    assert matches[0].match is MatchKind.EXACT
    keys = [m.sort_key() for m in matches]
    assert keys == sorted(keys)
    assert len({m.concept.id for m in matches}) == len(matches)  # one match per concept


def test_best_term_per_concept(synthetic_termbase: Termbase) -> None:
    """Exact beats normalized beats fuzzy within a concept; then preferred beats admitted."""
    (match,) = synthetic_termbase.lookup("Berdimuhamedov", limit=1)[:1]
    assert match.term.text == "Berdimuhamedov"
    (kz,) = synthetic_termbase.lookup("kazakhstan", limit=1)
    assert kz.term.text == "Kazakhstan"
    assert kz.match is MatchKind.NORMALIZED


def test_lang_filter(synthetic_termbase: Termbase) -> None:
    assert synthetic_termbase.lookup("Tokayev", lang="ar") == []
    assert [m.lang for m in synthetic_termbase.lookup("Tokayev", lang="en")] == ["en"]
    arabic = synthetic_termbase.lookup("توكاييف", lang="ar", score_cutoff=50)
    assert arabic and all(m.lang == "ar" for m in arabic)
    assert synthetic_termbase.lookup("توكاييف", lang="en") == []


def test_lang_filter_accepts_subtags(synthetic_termbase: Termbase) -> None:
    assert synthetic_termbase.lookup("Tokayev", lang="en-GB") == []  # terms are tagged plain en
    assert synthetic_termbase.lookup("Tokayev", lang="en")[0].concept.id == "kassym-jomart-tokayev"


def test_limit(synthetic_termbase: Termbase) -> None:
    everything = synthetic_termbase.lookup("a", limit=None, score_cutoff=0)
    assert len(everything) == len(synthetic_termbase)
    assert synthetic_termbase.lookup("a", limit=3, score_cutoff=0) == everything[:3]
    assert synthetic_termbase.lookup("Tokayev", limit=0) == []


def test_score_cutoff(synthetic_termbase: Termbase) -> None:
    loose = synthetic_termbase.lookup("Tokayv", limit=None, score_cutoff=50)
    strict = synthetic_termbase.lookup("Tokayv", limit=None, score_cutoff=95)
    assert all(m.score >= 50 for m in loose)
    assert strict == []
    assert synthetic_termbase.lookup("Tokayev", score_cutoff=100)[0].score == 100


def test_ambiguous_surname(synthetic_termbase: Termbase) -> None:
    matches = synthetic_termbase.lookup("Berdimuhamedov")
    assert [m.concept.id for m in matches[:2]] == ["gurbanguly-berdimuhamedov", "serdar-berdimuhamedov"]
    assert all(m.ambiguous for m in matches[:2])
    assert all(m.match is MatchKind.EXACT for m in matches[:2])
    arabic = synthetic_termbase.lookup("بردي محمدوف")
    assert {m.concept.id for m in arabic if m.ambiguous} == {
        "gurbanguly-berdimuhamedov", "serdar-berdimuhamedov"
    }


def test_ambiguity_survives_limit(synthetic_termbase: Termbase) -> None:
    """A limit caps a tie, but never hides it: the match is flagged and the rest are counted."""
    matches = synthetic_termbase.lookup("Berdimuhamedov", limit=1)
    assert [m.concept.id for m in matches] == ["gurbanguly-berdimuhamedov"]
    assert matches[0].ambiguous
    assert matches.more_tied == 1
    assert synthetic_termbase.lookup("Berdimuhamedov", limit=2).more_tied == 0


def test_tie_shared_by_thousands_is_one_bounded_group() -> None:
    """A one-word query whose score many keys share: ``limit`` matches, and a count of the rest."""
    surnames = [f"{first} Karimov" for first in ("Islam", "Rustam", "Timur", "Sanjar", "Alisher")]
    concepts = [
        Concept(f"c{i:04d}", (Term(f"{surnames[i % 5]} {i:04d}x", "en", TermStatus.PREFERRED),))
        for i in range(3000)
    ]
    termbase = Termbase(concepts)
    matches = termbase.lookup("Karimov", limit=5, score_cutoff=70)
    everything = naive_lookup(concepts, "Karimov", 70)
    tied = [e for e in everything if e.ambiguous]
    assert len(tied) == 3000  # every term has the word key "karimov"
    assert [m.concept.id for m in matches] == [e.concept for e in everything[:5]]
    assert all(m.ambiguous and m.score == 100.0 for m in matches)
    assert matches.more_tied == 3000 - 5


def test_full_name_is_not_ambiguous(synthetic_termbase: Termbase) -> None:
    matches = synthetic_termbase.lookup("Serdar Berdimuhamedov")
    assert matches[0].concept.id == "serdar-berdimuhamedov"
    assert not matches[0].ambiguous


def test_no_match(synthetic_termbase: Termbase) -> None:
    assert synthetic_termbase.lookup("Zanzibar") == []
    assert synthetic_termbase.lookup("") == []
    assert synthetic_termbase.lookup("\u064e\u200c") == []  # folds to nothing


def test_translations(synthetic_termbase: Termbase) -> None:
    (en,) = synthetic_termbase.translations("توكايف", "en")
    assert en.text == "Kassym-Jomart Tokayev"
    (ar,) = synthetic_termbase.translations("Tokaev", "ar")
    assert ar.text == "قاسم جومارت توكاييف"
    (kg,) = synthetic_termbase.translations("قرغيزستان", "en")
    assert kg.text == "Kyrgyzstan"
    both = synthetic_termbase.translations("بردي محمدوف", "en")
    assert sorted(t.text for t in both) == ["Gurbanguly Berdimuhamedov", "Serdar Berdimuhamedov"]
    assert synthetic_termbase.translations("Tokayv", "ar") == ()  # fuzzy matches are not translations
    assert synthetic_termbase.translations("Zanzibar", "ar") == ()
    assert synthetic_termbase.translations("Tokayev", "ar", source_lang="ar") == ()


def test_translations_prefer_exact(synthetic_termbase: Termbase) -> None:
    (term,) = synthetic_termbase.translations("أستانا", "en")
    assert term.text == "Astana"


def test_concept_access(synthetic_termbase: Termbase) -> None:
    assert "kazakhstan" in synthetic_termbase
    assert synthetic_termbase.concept("kazakhstan").id == "kazakhstan"
    preferred = synthetic_termbase.preferred("kazakhstan", "ar")
    assert preferred is not None and preferred.text == "كازاخستان"
    assert [t.text for t in synthetic_termbase.variants("astana", "en")] == ["Astana", "Nur-Sultan"]
    with pytest.raises(ConceptNotFoundError) as info:
        synthetic_termbase.concept("atlantis")
    assert info.value.concept_id == "atlantis"
    with pytest.raises(KeyError):
        synthetic_termbase.concept("atlantis")


def test_signature(synthetic_termbase: Termbase) -> None:
    signature = synthetic_termbase.signature(cutoff=75)
    assert signature.startswith(f"glossary:{synthetic_termbase.digest}|fold:termbase-fold-")
    assert "|cutoff:75|version:" in signature


def test_duplicate_concepts_rejected() -> None:
    concept = Concept("a", (Term("A", "en", TermStatus.PREFERRED),))
    with pytest.raises(ValueError):
        Termbase([concept, concept])


# -- property test against a naive scan ---------------------------------------------------------

LATIN = "abcdeiklmnorstuyz"
ARABIC = "ابتسكلمنويىةهأإآءعقف"
MARKS = "\u064e\u0651\u0640\u200c"


@dataclass(frozen=True)
class Expected:
    concept: str
    term: str
    score: float
    kind: MatchKind
    ambiguous: bool


def naive_lookup(concepts: list[Concept], query: str, cutoff: float) -> list[Expected]:
    """Score every term by brute force, keep the best term per concept, rank, flag ties."""
    query_key = fold(query)
    scored: list[tuple[Concept, Term, float, MatchKind]] = []
    for concept in concepts:
        for term in concept.terms:
            key = fold(term.text)
            if term.text == query:
                scored.append((concept, term, 100.0, MatchKind.EXACT))
            elif key == query_key:
                scored.append((concept, term, 100.0, MatchKind.NORMALIZED))
            elif query_key and key:
                candidates = [key]
                words = key.split(" ")
                if len(words) > 1:
                    candidates += [w for w in words if len(w) >= 3]
                scored.append((concept, term, max(fuzz.ratio(query_key, c) for c in candidates), MatchKind.FUZZY))
    return ranked_by_concept(scored, cutoff)


def ranked_by_concept(scored: Iterable[tuple[Concept, Term, float, MatchKind]], cutoff: float) -> list[Expected]:
    """The best term per concept among scored terms at or above the cutoff, ranked, ties flagged."""
    best: dict[str, tuple[tuple[float, int, int, str, str], Expected]] = {}
    for concept, term, score, kind in scored:
        if score < cutoff:
            continue
        sort_key = (-score, kind.rank, term.status.rank, concept.id, term.text)
        current = best.get(concept.id)
        if current is None or sort_key < current[0]:
            best[concept.id] = (sort_key, Expected(concept.id, term.text, score, kind, False))
    ranked = [item for _, item in sorted(best.values(), key=lambda pair: pair[0])]
    if len(ranked) > 1:
        top = ranked[0]
        tied = {e.concept for e in ranked if e.score == top.score and e.kind is top.kind}
        if len(tied) > 1:
            ranked = [
                Expected(e.concept, e.term, e.score, e.kind, e.concept in tied) for e in ranked
            ]
    return ranked


def _words(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=1, max_size=8)


@st.composite
def term_texts(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(["en", "ar"]))
    alphabet = LATIN + LATIN.upper() if lang == "en" else ARABIC
    words = draw(st.lists(_words(alphabet), min_size=1, max_size=3))
    separator = draw(st.sampled_from([" ", "-", " - "]))
    return separator.join(words), lang


@st.composite
def glossaries(draw: st.DrawFn) -> list[Concept]:
    count = draw(st.integers(1, 8))
    concepts = []
    for i in range(count):
        texts = draw(st.lists(term_texts(), min_size=1, max_size=4))
        terms = tuple(
            Term(text, lang, draw(st.sampled_from(list(TermStatus)))) for text, lang in texts
        )
        concepts.append(Concept(f"c{i}", terms))
    return concepts


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """A few random deletions, insertions and substitutions (and maybe marks) on ``text``."""
    chars = list(text)
    alphabet = LATIN + ARABIC + MARKS + " -"
    for _ in range(draw(st.integers(0, 3))):
        operation = draw(st.sampled_from(["delete", "insert", "substitute", "upper"]))
        position = draw(st.integers(0, max(len(chars) - 1, 0)))
        if operation == "insert" or not chars:
            chars.insert(position, draw(st.sampled_from(alphabet)))
        elif operation == "delete":
            del chars[position]
        elif operation == "substitute":
            chars[position] = draw(st.sampled_from(alphabet))
        else:
            chars[position] = chars[position].upper()
    return "".join(chars)


@st.composite
def lookup_cases(draw: st.DrawFn) -> tuple[list[Concept], str, float]:
    concepts = draw(glossaries())
    all_terms = [term.text for concept in concepts for term in concept.terms]
    source = draw(st.sampled_from(all_terms))
    words = source.replace("-", " ").split()
    if len(words) > 1 and draw(st.booleans()):
        source = draw(st.sampled_from(words))
    query = draw(st.one_of(st.just(source), mutated(source), _words(LATIN + ARABIC)))
    # the cutoff is sometimes exactly the score of a term: the boundary is inclusive
    boundary = fuzz.ratio(fold(query), fold(draw(st.sampled_from(all_terms))))
    cutoff = draw(st.one_of(
        st.sampled_from([0.0, 50.0, 60.0, 75.0, 80.0, 90.0, 100.0]),
        st.floats(0, 100, allow_nan=False),
        st.just(boundary),
    ))
    return concepts, query, cutoff


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lookup_cases())
def test_lookup_agrees_with_naive_scan(case: tuple[list[Concept], str, float]) -> None:
    concepts, query, cutoff = case
    termbase = Termbase(concepts)
    got = termbase.lookup(query, limit=None, score_cutoff=cutoff)
    expected = naive_lookup(concepts, query, cutoff)
    assert [m.concept.id for m in got] == [e.concept for e in expected]
    assert [m.match for m in got] == [e.kind for e in expected]
    assert [m.score for m in got] == pytest.approx([e.score for e in expected])
    assert [m.term.text for m in got] == [e.term for e in expected]
    assert [m.ambiguous for m in got] == [e.ambiguous for e in expected]
    for limit in (1, 2, 5):
        capped = termbase.lookup(query, limit=limit, score_cutoff=cutoff)
        assert [(m.concept.id, m.term.text, m.ambiguous) for m in capped] == [
            (e.concept, e.term, e.ambiguous) for e in expected[:limit]
        ]
        assert capped.more_tied == max(0, sum(e.ambiguous for e in expected) - limit)


@st.composite
def larger_glossaries(draw: st.DrawFn) -> tuple[list[Concept], str, float]:
    """Up to 40 concepts of one alphabet (many keys near one query: ties, a rising cutoff)."""
    count = draw(st.integers(1, 40))
    words = st.text(alphabet="abcdeio", min_size=1, max_size=7)
    texts = draw(st.lists(st.lists(words, min_size=1, max_size=3).map(" ".join), min_size=count, max_size=count))
    concepts = [Concept(f"c{i:02d}", (Term(text, "en", draw(st.sampled_from(list(TermStatus)))),))
                for i, text in enumerate(texts)]
    query = draw(st.one_of(st.sampled_from(texts).flatmap(mutated), words))
    cutoff = draw(st.one_of(st.sampled_from([0.0, 50.0, 70.0, 85.0, 100.0]), st.floats(0, 100, allow_nan=False)))
    return concepts, query, cutoff


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(lookup_cases(), larger_glossaries()))
def test_ranked_lookup_through_the_count_filter_agrees_with_naive_scan(
    case: tuple[list[Concept], str, float],
) -> None:
    """With the count filter on every search and the cutoff rising once ``limit`` concepts are
    found, a ranked lookup is still the naive scan's ranking cut at ``limit``."""
    concepts, query, cutoff = case
    index = LookupIndex(concepts, small_window=0)
    expected = naive_lookup(concepts, query, cutoff)
    for limit in (None, 1, 2, 3, 5):
        got = index.rank(query, lang=None, score_cutoff=cutoff, limit=limit)
        shown = expected if limit is None else expected[:limit]
        assert [(m.concept.id, m.term.text, m.match, m.ambiguous) for m in got] == [
            (e.concept, e.term, e.kind, e.ambiguous) for e in shown
        ]
        assert [m.score for m in got] == pytest.approx([e.score for e in shown])
        assert got.more_tied == max(0, sum(e.ambiguous for e in expected) - len(shown))


def _bench_datagen() -> ModuleType:
    """The shared benchmark's data generator (imported from its file, never written to)."""
    path = shared("bench", "datagen.py")
    spec = importlib.util.spec_from_file_location("shared_bench_datagen", path)
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return module


class BruteForce:
    """:func:`naive_lookup` over many terms: every key folded once, and the fuzzy scores of all
    keys for a query from one rapidfuzz ``cdist`` row."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.terms = [(concept, term) for concept in concepts for term in concept.terms]
        self.folded = [fold(term.text) for _, term in self.terms]
        self.keys: list[str] = []
        owners: list[int] = []
        for number, key in enumerate(self.folded):
            words = key.split(" ")
            candidates = [key] + ([w for w in words if len(w) >= 3] if len(words) > 1 else [])
            self.keys.extend(candidates)
            owners.extend([number] * len(candidates))
        self.owners = np.asarray(owners)

    def ranking(self, query: str, cutoff: float) -> list[Expected]:
        query_key = fold(query)
        scores = process.cdist([query_key], self.keys, scorer=fuzz.ratio, processor=None, workers=1)[0]
        best_of_term = np.full(len(self.terms), -1.0)
        np.maximum.at(best_of_term, self.owners, scores)
        scored = []
        for number, (concept, term) in enumerate(self.terms):
            if term.text == query:
                scored.append((concept, term, 100.0, MatchKind.EXACT))
            elif self.folded[number] == query_key:
                scored.append((concept, term, 100.0, MatchKind.NORMALIZED))
            else:
                scored.append((concept, term, float(best_of_term[number]), MatchKind.FUZZY))
        return ranked_by_concept(scored, cutoff)


def test_benchmark_queries_agree_with_brute_force() -> None:
    """The shared benchmark's lookup queries against its first 20k variants: top 5 at cutoff 70
    and the full list, as a brute-force scan of every key ranks them."""
    datagen = _bench_datagen()
    data = datagen.make_lookup(n_max=20_000)
    concepts = [
        Concept(f"c{i}", (Term(text, "ar" if any("\u0600" <= ch <= "\u06ff" for ch in text) else "en",
                               TermStatus.PREFERRED),))
        for i, text in enumerate(data.choices)
    ]
    termbase = Termbase(concepts)
    oracle = BruteForce(concepts)
    queries = [query for query, _ in data.queries[10_000]]
    assert len(queries) == 200
    for query in queries:
        expected = oracle.ranking(query, 70.0)
        for limit in (5, None):
            got = termbase.lookup(query, limit=limit, score_cutoff=70.0)
            shown = expected if limit is None else expected[:limit]
            assert [(m.concept.id, m.term.text, m.match, m.ambiguous) for m in got] == [
                (e.concept, e.term, e.kind, e.ambiguous) for e in shown
            ], query
            assert [m.score for m in got] == pytest.approx([e.score for e in shown])
            assert got.more_tied == max(0, sum(e.ambiguous for e in expected) - len(shown))


def _coded_keys(alphabet: str) -> st.SearchStrategy[list[str]]:
    return st.lists(st.text(alphabet=alphabet, min_size=1, max_size=14), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_coded_keys("abcde fgh"), st.text(alphabet="abcdefghxyz ", min_size=1, max_size=16),
       st.one_of(st.sampled_from([50.0, 60.0, 70.0, 75.0, 90.0]), st.floats(1, 99.9, allow_nan=False)))
@example(["aaaab", "aaaaaa", "abab", "bbbba", "aaa bbb"], "aaaaab", 70.0)  # a query letter held more than 3 times
@example(["aab", "abb", "ab", "bbb"], "aabb", 60.0)  # held once, twice, and by no key three times
def test_count_filter_keeps_every_key_that_reaches_the_cutoff(
    keys: list[str], query: str, cutoff: float,
) -> None:
    """With the character count filter always on, a search equals a brute-force scan of its keys."""
    index = FuzzyKeyIndex(((key, i) for i, key in enumerate(keys)), small_window=0)
    got = sorted(index.search(query, cutoff))
    want = sorted((i, fuzz.ratio(query, key)) for i, key in enumerate(keys)
                  if fuzz.ratio(query, key) >= cutoff)
    assert [entry for entry, _ in got] == [entry for entry, _ in want]
    assert [score for _, score in got] == pytest.approx([score for _, score in want])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_coded_keys("abcde fgh"), st.text(alphabet="abcdefghxyz ", min_size=1, max_size=16), st.data())
def test_count_filter_keeps_a_key_whose_score_is_the_cutoff(keys: list[str], query: str, data: st.DataObject) -> None:
    """A cutoff equal to a key's ratio keeps that key: the count bound is compared with no slack
    of its own, so the boundary must hold through floating point."""
    chosen = data.draw(st.integers(0, len(keys) - 1))
    cutoff = fuzz.ratio(query, keys[chosen])
    index = FuzzyKeyIndex(((key, i) for i, key in enumerate(keys)), small_window=0)
    found = dict(index.search(query, cutoff))
    if cutoff > 0.0:
        assert found.get(chosen) == pytest.approx(cutoff)
    assert sorted(found) == [i for i, key in enumerate(keys) if fuzz.ratio(query, key) >= cutoff]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcab\u0627\u0628 ", max_size=20), st.text(alphabet="abcab\u0627\u0628 ", max_size=20))
def test_count_bound_bounds_the_ratio(query: str, key: str) -> None:
    """No common subsequence is longer than the shared character counts."""
    if query or key:
        bound = count_bound(Counter(query), key)
        assert fuzz.ratio(query, key) <= 200.0 * bound / (len(query) + len(key)) + 1e-9


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 60), st.integers(0, 60), st.floats(0, 100, allow_nan=False))
def test_length_window_is_safe(query_length: int, key_length: int, cutoff: float) -> None:
    """Keys outside the window can never reach the cutoff (the upper bound of ratio)."""
    low, high = length_window(query_length, cutoff)
    if query_length + key_length and not low <= key_length <= high:
        assert 200.0 * min(query_length, key_length) / (query_length + key_length) < cutoff


@pytest.mark.parametrize(("query", "term"), [
    ("adbdabddbcb", "bdcadabcacd"),
    ("bdccdcadb", "bdadcbddc"),
    ("cacbccb", "aabbab"),
])
def test_cutoff_equal_to_score_is_kept(query: str, term: str) -> None:
    """Regression: rapidfuzz's own cutoff dropped some scores equal to it by rounding."""
    termbase = Termbase([Concept("c", (Term(term, "en", TermStatus.PREFERRED),))])
    score = fuzz.ratio(query, term)
    (match,) = termbase.lookup(query, score_cutoff=score)
    assert match.score == score


@pytest.mark.parametrize("cutoff", [5e-324, 2.2250738585072014e-308, 1e-300])
def test_tiny_cutoff(cutoff: float) -> None:
    """Regression: a tiny cutoff overflowed the length window or let scores of 0 through."""
    termbase = Termbase([
        Concept("a", (Term("A", "en", TermStatus.PREFERRED),)),
        Concept("b", (Term("B", "en", TermStatus.PREFERRED),)),
    ])
    assert [m.concept.id for m in termbase.lookup("A", score_cutoff=cutoff)] == ["a"]
