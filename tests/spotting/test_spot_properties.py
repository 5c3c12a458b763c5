"""Property tests: a decorated glossary term inside random Arabic text is found, span exact.

The inserted form is ``clitic prefix + term``, where any letter may carry harakat and tatweel
and format marks (bidi controls, ZWNJ/ZWJ) may stand between letters. The hit must span exactly
the inserted form: it starts at the clitic prefix (if any) and ends after the last letter of the
term plus the harakat and tatweel attached to it. No span starts or ends on a combining mark.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from termbase import Termbase

SETTINGS = settings(max_examples=150, deadline=None)

HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
TATWEEL = "\u0640"
FORMAT_MARKS = "\u200c\u200d\u200e\u200f\u061c\u2066\u2069\u200b"
INDEFINITE = ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"]
DEFINITE = ["ال", "وال", "فال", "بال", "كال", "وبال", "لل", "ولل", "فلل"]
FILLER = [
    "قال", "الرئيس", "في", "أمس", "مع", "بعد", "الاجتماع", "المسؤول", "إن", "اليوم", "الجديد",
    "حيث", "التي", "خلال", "😀", "𝕏", "2025", "«", "»", "،", ".", "مُؤَكِّداً",
]

NAMES = [  # concept, term without article
    ("washington", "واشنطن"), ("bishkek", "بيشكيك"), ("lukashenko", "لوكاشينكو"),
    ("france", "فرنسا"), ("lebanon", "لبنان"), ("libya", "ليبيا"), ("canada", "كندا"),
    ("kassym-jomart-tokayev", "قاسم جومارت توكاييف"), ("sadyr-japarov", "صدير جاباروف"),
    ("turkmenistan", "تركمانستان"),
]
WITH_ARTICLE = [  # concept, term after its article
    ("kremlin", "كرملين"), ("united-states", "ولايات المتحدة"), ("critical-minerals", "معادن الحيوية"),
]


@st.composite
def inserted_term(draw: st.DrawFn) -> tuple[str, str]:
    """``(concept, form)``: a term with a valid clitic chain, not yet decorated."""
    if draw(st.booleans()):
        concept, term = draw(st.sampled_from(NAMES))
        prefix = draw(st.sampled_from(INDEFINITE))
    else:
        concept, term = draw(st.sampled_from(WITH_ARTICLE))
        prefix = draw(st.sampled_from(DEFINITE))
        if prefix.endswith("لل") and term.startswith("ل"):
            prefix = prefix[:-1]  # ل + ال + ل… is written لل…
    return concept, prefix + term


@st.composite
def decorated(draw: st.DrawFn, form: str) -> str:
    """``form`` with harakat and tatweel after letters and format marks between letters."""
    out: list[str] = []
    for i, char in enumerate(form):
        out.append(char)
        if char == " ":
            continue
        if draw(st.booleans()):
            out.append(draw(st.text(alphabet=HARAKAT + TATWEEL, min_size=1, max_size=3)))
        if i + 1 < len(form) and form[i + 1] != " " and draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(FORMAT_MARKS)))
    return "".join(out)


context = st.lists(st.sampled_from(FILLER), max_size=6).map(" ".join)


def _not_mark(text: str, at: int) -> bool:
    return at >= len(text) or unicodedata.category(text[at]) != "Mn"


@SETTINGS
@given(data=st.data(), before=context, after=context)
def test_decorated_term_is_found_with_exact_span(spot_tb: Termbase, data: st.DataObject, before: str,
                                                 after: str) -> None:
    concept, form = data.draw(inserted_term())
    inserted = data.draw(decorated(form))
    start = len(before) + 1
    text = f"{before} {inserted} {after}"
    end = start + len(inserted)
    hits = spot_tb.spot(text, lang="ar", fuzzy=False)
    assert any((h.start, h.end, h.concept) == (start, end, concept) for h in hits), (
        inserted, [(h.concept, h.start, h.end, h.text) for h in hits], (start, end))
    for hit in hits:
        assert text[hit.start:hit.end] == hit.text
        assert _not_mark(text, hit.start) and _not_mark(text, hit.end)
        assert text[hit.end:hit.end + 1] != TATWEEL


@SETTINGS
@given(st.text(alphabet="واشنطنبيكلفسرمَُِّْـ\u200c\u200f 😀𝕏«»،.", max_size=60))
def test_spans_never_cut_marks_or_astral_characters(spot_tb: Termbase, text: str) -> None:
    for hit in spot_tb.spot(text, lang="ar"):
        assert text[hit.start:hit.end] == hit.text
        assert 0 <= hit.start < hit.end <= len(text)
        assert _not_mark(text, hit.start) and _not_mark(text, hit.end)
        assert not any("\ud800" <= c <= "\udfff" for c in hit.text)


@SETTINGS
@given(data=st.data(), words=st.lists(st.sampled_from(FILLER), min_size=1, max_size=8))
def test_terms_in_a_row_are_all_found(spot_tb: Termbase, data: st.DataObject, words: list[str]) -> None:
    chosen = data.draw(st.lists(inserted_term(), min_size=1, max_size=4))
    pieces: list[str] = []
    expected: list[tuple[str, int, int]] = []
    position = 0
    for (concept, form), word in zip(chosen, words + words * 4):
        inserted = data.draw(decorated(form))
        piece = f"{word} {inserted} "
        expected.append((concept, position + len(word) + 1, position + len(word) + 1 + len(inserted)))
        pieces.append(piece)
        position += len(piece)
    text = "".join(pieces)
    found = [(h.concept, h.start, h.end) for h in spot_tb.spot(text, lang="ar", fuzzy=False)]
    assert found == expected, text
