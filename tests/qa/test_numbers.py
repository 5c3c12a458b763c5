"""number-mismatch: figures compared across scripts, number words excusing figures, pairing."""

from __future__ import annotations

import pytest

from termbase import Termbase
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
