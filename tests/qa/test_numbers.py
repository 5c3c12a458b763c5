"""number-mismatch: figures compared across scripts, number words excusing figures, pairing."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import pytest
from hypothesis import given, settings, strategies as st

from termbase import Termbase
from termbase.arabic import DEFINITE_PREFIXES, INDEFINITE_PREFIXES
from termbase.normalize import fold
from termbase.qa.checks import _number_words
from termbase.qa.issues import IssueCode

# (source, target, expected findings as (source text, target text, suggestion))
CASES = [
    ("في عام ٢٠٢٢", "in 2022", []),
    ("في عام ۲۰۲۲", "in 2022", []),
    ("في عام 2022", "in 2022", []),
    ("قرض بقيمة ثلاثة مليارات دولار", "a $3 billion loan", []),
    ("التقى قادة الدول الخمس", "the leaders of the 5 countries met", []),
    ("وثلاثة عقود", "and three decades", []),
    ("منذ عام 1991", "since 1992", [("1991", "1992", "1991")]),
    ("منذ عام 1991", "since independence", [("1991", None, "1991")]),
    ("قمة", "3 summits", [(None, "3", None)]),
    ("نسبة ٣٫٥ بالمئة", "a 3.5 percent rate", []),
    ("عدد 1,200 شخص", "1200 people", []),
    ("عدد ١٬٢٠٠ شخص", "1,200 people", []),  # ٬ U+066C ARABIC THOUSANDS SEPARATOR
    ("بلغ ٢٬٥٠٠٬٠٠٠ برميل", "2,500,000 barrels", []),
    # a suggestion keeps the source's thousands grouping, in English style; a year stays ungrouped
    ("عدد ١٬٢٠٠ شخص", "1,300 people", [("١٬٢٠٠", "1,300", "1,200")]),
    ("بلغ ٢٬٥٠٠٬٠٠٠٫٥ برميل", "2,400,000.5 barrels", [("٢٬٥٠٠٬٠٠٠٫٥", "2,400,000.5", "2,500,000.5")]),
    ("عدد 1,200 شخص", "1300 people", [("1,200", "1300", "1,200")]),
    ("في عام ٢٠٢٢", "in 2023", [("٢٠٢٢", "2023", "2022")]),
]


@pytest.mark.parametrize(("source", "target", "expected"), CASES)
def test_number_mismatch(qa_termbase: Termbase, source: str, target: str,
                         expected: list[tuple[str | None, str | None, str | None]]) -> None:
    report = qa_termbase.check_segments([(source, target)])
    found = [
        (i.source.text if i.source else None, i.target.text if i.target else None, i.suggestion)
        for i in report.issues if i.code is IssueCode.NUMBER_MISMATCH
    ]
    assert found == expected


def _number_words_oracle(text: str, lang: str) -> Counter[str]:
    """Number words read word by word from the data file: each word as itself, else under the
    longest clitic chain (written out from Arabic grammar) that leaves a number word; a tens and a
    unit in a row one number."""
    raw = json.loads(resources.files("termbase.qa").joinpath("data", "number_words.json").read_text("utf-8"))
    words = {fold(word): int(value) for word, value in raw[lang].items()}
    chains = sorted(INDEFINITE_PREFIXES | DEFINITE_PREFIXES, key=lambda chain: (-len(chain), chain))
    values: list[int | None] = []
    for word in fold(text).split(" "):
        value = words.get(word)
        for chain in chains:
            if value is None and chain and word.startswith(chain):
                value = words.get(word[len(chain):])
        values.append(value)
    found: Counter[str] = Counter()
    i = 0
    while i < len(values):
        first, second = values[i], values[i + 1] if i + 1 < len(values) else None
        if first is not None and second is not None and any(
                20 <= tens <= 90 and tens % 10 == 0 and 1 <= unit <= 9
                for tens, unit in ((first, second), (second, first))):
            found[str(first + second)] += 1
            i += 2
            continue
        if first is not None:
            found[str(first)] += 1
        i += 1
    return found


_AR_NUMBER_WORDS = ["ثلاثة", "عشرون", "واحد", "الخامس", "مليار", "ألف", "خمس", "ثلاث", "بنك", "قمة", "ال", "و"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "و", "ب", "ل", "وب", "ال", "وال", "بال", "فلل", "لل", "ك"]),
                          st.sampled_from(_AR_NUMBER_WORDS)), max_size=8),
       st.lists(st.sampled_from(["twenty", "one", "five", "third", "billion", "bank", "summit", "Seven"]), max_size=8))
def test_number_words_agree_with_a_word_by_word_reading(arabic: list[tuple[str, str]], english: list[str]) -> None:
    ar_text = " ".join(chain + word for chain, word in arabic)
    en_text = " ".join(english)
    assert _number_words(ar_text, "ar") == _number_words_oracle(ar_text, "ar")
    assert _number_words(en_text, "en") == _number_words_oracle(en_text, "en")
