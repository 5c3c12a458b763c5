"""The fuzzy pass: unlisted name spellings are fuzzy hits; common words never are."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from termbase import Termbase
from termbase.matches import MatchKind
from termbase.spotting.fuzzy import arabic_skeleton, romanization_key

FUZZY_GLOSSARY = """\
    glossary: {id: fuzzy, title: Fuzzy test glossary, license: CC0-1.0}
    concepts:
    - id: sadyr-japarov
      terms:
        en: [{term: Sadyr Japarov, status: preferred, pos: properNoun}]
        ar: [{term: صدير جاباروف, status: preferred, pos: properNoun}]
    - id: shavkat-mirziyoyev
      terms:
        en: [{term: Shavkat Mirziyoyev, status: preferred, pos: properNoun}]
        ar: [{term: شوكت ميرزيوييف, status: preferred, pos: properNoun}]
    - id: kassym-jomart-tokayev
      terms:
        en: [{term: Kassym-Jomart Tokayev, status: preferred, pos: properNoun}]
        ar: [{term: قاسم جومارت توكاييف, status: preferred, pos: properNoun}]
    - id: turkmenistan
      terms:
        en: [{term: Turkmenistan, status: preferred, pos: properNoun}]
        ar: [{term: تركمانستان, status: preferred, pos: properNoun}]
    """


@pytest.fixture(scope="module")
def fuzzy_tb(tmp_path_factory: pytest.TempPathFactory) -> Termbase:
    path = tmp_path_factory.mktemp("fuzzy") / "fuzzy.yaml"
    path.write_text(textwrap.dedent(FUZZY_GLOSSARY), encoding="utf-8")
    return Termbase.load([path])


UNLISTED = [  # text, lang, concept, the unlisted spelling
    ("قال جباروف إن", "ar", "sadyr-japarov", "جباروف"),
    ("وقال ميرزيائيف أمس", "ar", "shavkat-mirziyoyev", "ميرزيائيف"),
    ("ووصل توكايف إلى", "ar", "kassym-jomart-tokayev", "توكايف"),
    ("President Zhaparov said", "en", "sadyr-japarov", "Zhaparov"),
    ("Mirziyoev arrived", "en", "shavkat-mirziyoyev", "Mirziyoev"),
    ("Tokaev said", "en", "kassym-jomart-tokayev", "Tokaev"),
    ("Turkmenistán said", "en", "turkmenistan", None),  # accents fold: an exact hit, not fuzzy
]


@pytest.mark.parametrize(("text", "lang", "concept", "spelling"), UNLISTED)
def test_unlisted_spelling_is_a_fuzzy_hit(
    fuzzy_tb: Termbase, text: str, lang: str, concept: str, spelling: str | None
) -> None:
    hits = fuzzy_tb.spot(text, lang=lang)
    assert len(hits) == 1
    (hit,) = hits
    assert hit.concept == concept
    assert text[hit.start:hit.end] == hit.text
    if spelling is None:
        assert hit.match is not MatchKind.FUZZY
        return
    assert hit.text.endswith(spelling)
    assert hit.match is MatchKind.FUZZY
    assert hit.score < 100


def test_fuzzy_hit_keeps_its_clitic(fuzzy_tb: Termbase) -> None:
    (hit,) = fuzzy_tb.spot("وقال وتوكايف أمس", lang="ar")
    assert (hit.text, hit.prefix, hit.match) == ("وتوكايف", "و", MatchKind.FUZZY)
    assert hit.score < 100


def test_fuzzy_off(fuzzy_tb: Termbase) -> None:
    assert fuzzy_tb.spot("Zhaparov said", lang="en", fuzzy=False) == []


COMMON_ARABIC = (
    "الاستراتيجية الاقتصادية والدبلوماسية التكنولوجيا المستقبل الاستثمارات التجارية "
    "المسؤولين الجمهورية المواطنين العلاقات الاجتماعي المتحدة الحكومات التحركات "
    "والسيارات الولايات تركيا تركمان ميراث جبارين توكيل شوكة"
).split()
COMMON_ENGLISH = (
    "Parliament Japanese Mirror Tomorrow Tokens Turkey Turkmen Sadly Paragraph Shaved Minister "
    "President Statement Jasper Kasbah Market Toaster"
).split()


@pytest.mark.parametrize("word", COMMON_ARABIC)
def test_common_arabic_word_is_not_a_name(fuzzy_tb: Termbase, word: str) -> None:
    assert fuzzy_tb.spot(f"قال إن {word} مهمة", lang="ar") == []


@pytest.mark.parametrize("word", COMMON_ENGLISH)
def test_common_english_word_is_not_a_name(fuzzy_tb: Termbase, word: str) -> None:
    assert fuzzy_tb.spot(f"The {word} said so.", lang="en") == []


@pytest.mark.parametrize(("a", "b"), [("جاباروف", "جباروف"), ("ميرزيوييف", "ميرزوييف"), ("رحمون", "رهمون"), ("صدير", "صدر")])
def test_arabic_skeleton_merges_spellings(a: str, b: str) -> None:
    assert arabic_skeleton(a) == arabic_skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("zhaparov", "japarov"), ("tokayev", "tokaiev"), ("khan", "han")])
def test_romanization_key_merges_spellings(a: str, b: str) -> None:
    assert romanization_key(a) == romanization_key(b)


def test_seed_article_has_no_spurious_fuzzy_hit(shipped_termbase: Termbase, repo_root: Path) -> None:
    for name, lang in (("c5plus1-summit.ar.txt", "ar"), ("c5plus1-summit.en.txt", "en")):
        path = repo_root / "seeds" / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        fuzzy = [h for h in shipped_termbase.spot(text, lang=lang) if h.match is MatchKind.FUZZY]
        assert [(h.text, h.concept, h.score) for h in fuzzy] == [], name
