"""Folding rules: one case table per rule (input -> expected key), plus pairs that must stay apart.

Every table row is checked both ways: the variant folds to the expected key, and the expected key,
being canonical, folds to itself. The ``*_DISTINCT`` tables list letters or words that the rule
must not merge.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, strategies as st

from termbase.normalize import FOLDING_SCHEME, fold, fold_char, fold_text
from termbase.normalize.charmap import CharRule, _parse_rule, load_rules

# -- one table per rule ---------------------------------------------------------------------------

ARABIC_DIACRITICS = [
    ("مُصْطَلَح", "مصطلح"),  # damma, sukun, fatha
    ("شدّة", "شده"),  # shadda (ta marbuta folds too)
    ("كتابٌ", "كتاب"),  # dammatan
    ("كتاباً", "كتابا"),  # fathatan
    ("كتابٍ", "كتاب"),  # kasratan
    ("بِسْمِ", "بسم"),  # kasra, sukun
    ("هٰذا", "هذا"),  # superscript alef U+0670
    ("رحمٰن", "رحمن"),
    ("ا\u0653", "ا"),  # maddah above U+0653
    ("ا\u0654", "ا"),  # hamza above U+0654 (decomposed أ)
    ("ا\u0655", "ا"),  # hamza below U+0655 (decomposed إ)
    ("و\u0654", "و"),  # decomposed ؤ
    ("ي\u0654", "ي"),  # decomposed ئ
    ("تُوكَايِيف", "توكاييف"),
    ("الْقُرْآنُ", "القران"),
]
ARABIC_DIACRITICS_DISTINCT = [
    ("ء", ""),  # a bare hamza is a letter, not a mark
    ("عمر", "عمرو"),
    ("ب", "ت"),
]

TATWEEL = [
    ("تـرامب", "ترامب"),
    ("ترامـــــب", "ترامب"),
    ("لـ", "ل"),  # a detached clitic
    ("ـ", ""),
]
TATWEEL_DISTINCT = [
    ("لـترامب", "ل ترامب"),  # tatweel joins, it does not separate
]

ALEF_FORMS = [
    ("أستانا", "استانا"),
    ("إيران", "ايران"),
    ("آسيا", "اسيا"),
    ("ٱلله", "الله"),  # alef wasla
    ("ٲ", "ا"),  # wavy hamza above
    ("ٳ", "ا"),  # wavy hamza below
    ("ٵ", "ا"),  # high hamza alef
    ("أإآٱ", "اااا"),
]
ALEF_FORMS_DISTINCT = [
    ("ا", "ع"),  # alef and ain are different letters
    ("أمر", "عمر"),
    ("ا", "ى"),  # alef maqsura is not an alef form
    ("ا", "ء"),  # nor is a bare hamza
]

ALEF_MAQSURA = [
    ("على", "علي"),
    ("موسى", "موسي"),
    ("مصطفى", "مصطفي"),
]
ALEF_MAQSURA_DISTINCT = [
    ("ى", "ا"),
    ("على", "علا"),
]

TA_MARBUTA = [
    ("مدرسة", "مدرسه"),
    ("منظمة شنغهاي", "منظمه شنغهاي"),
    ("ة", "ه"),
]
TA_MARBUTA_DISTINCT = [
    ("ة", "ت"),  # ta marbuta is printed as ha, never as ta
    ("مدرسة", "مدرست"),
    ("ه", "ت"),
]

HAMZA_SEATS = [
    ("مؤتمر", "موتمر"),
    ("رئيس", "رييس"),
    ("ٶ", "و"),
    ("ٸ", "ي"),
]
HAMZA_SEATS_DISTINCT = [
    ("ء", "ا"),  # a bare hamza has no seat to fold to
    ("ء", "و"),
    ("ء", "ي"),
    ("سؤال", "سال"),
]

PERSIAN_LETTERS = [
    ("کازاخستان", "كازاخستان"),  # keheh
    ("ڪ", "ك"),
    ("ایران", "ايران"),  # farsi yeh
    ("فارسی", "فارسي"),
    ("ې", "ي"),
    ("ۍ", "ي"),
    ("ھ", "ه"),  # heh doachashmee
    ("ہ", "ه"),
    ("ۀ", "ه"),
    ("ە", "ه"),
]
PERSIAN_LETTERS_DISTINCT = [
    ("گ", "ك"),  # gaf is its own letter
    ("پ", "ب"),
    ("چ", "ج"),
    ("ژ", "ز"),
    ("ڤ", "ف"),
]

ARABIC_INDIC_DIGITS = [
    ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
    ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),  # Eastern Arabic (Persian) digits
    ("C٥+١", "c5+1"),
    ("٢٠٢٥", "2025"),
    ("۲۰۲۵", "2025"),
]
ARABIC_INDIC_DIGITS_DISTINCT = [
    ("١", "7"),
    ("٧", "1"),
    ("٥", "0"),  # the Arabic-Indic 5 looks like 0 but means 5
    ("٢٠٢٥", "2052"),
]

FORMAT_MARKS = [
    ("ترا\u200cمب", "ترامب"),  # ZWNJ removed, never a space
    ("ترا\u200dمب", "ترامب"),  # ZWJ
    ("ترا\u200bمب", "ترامب"),  # zero-width space
    ("\u200fترامب\u200f", "ترامب"),  # right-to-left mark
    ("\u200eTrump\u200e", "trump"),  # left-to-right mark
    ("\u061cترامب", "ترامب"),  # Arabic letter mark
    ("\u202bترامب\u202c", "ترامب"),  # embedding, pop
    ("\u202eترامب\u202c", "ترامب"),  # override
    ("\u2067ترامب\u2069", "ترامب"),  # isolates
    ("\u2066Putin\u2069", "putin"),
    ("Tok\u2060ayev", "tokayev"),  # word joiner
    ("\ufeffTokayev", "tokayev"),  # BOM
    ("Toka\u00adyev", "tokayev"),  # soft hyphen
]
FORMAT_MARKS_DISTINCT = [
    ("ترا مب", "ترامب"),  # a real space stays a separator
    ("Toka yev", "Tokayev"),
]

PRESENTATION_FORMS = [
    ("ﻻ", "لا"),  # lam-alef ligature
    ("ﻷ", "لا"),  # lam-alef with hamza
    ("ﻵ", "لا"),  # lam-alef with madda
    ("ﺗﺮﺍﻣﺐ", "ترامب"),  # positional forms
    ("ﻛﺎﺯﺍﺧﺴﺘﺎﻥ", "كازاخستان"),
    ("ﷲ", "الله"),
    ("ﺓ", "ه"),  # presentation ta marbuta folds like ta marbuta
    ("ﻯ", "ي"),
    ("ＳＣＯ", "sco"),  # fullwidth Latin
    ("ﬁnance", "finance"),  # Latin ligature
]
PRESENTATION_FORMS_DISTINCT = [
    ("ﻻ", "ل"),
    ("ﻻ", "ﻟ"),
]

ENGLISH_CASE = [
    ("TOKAYEV", "tokayev"),
    ("Tokayev", "tokayev"),
    ("tOkAyEv", "tokayev"),
    ("SCO", "sco"),
    ("İstanbul", "istanbul"),
]
ENGLISH_CASE_DISTINCT = [
    ("Tokayev", "Tokaev"),  # folding never merges spellings: deprecated romanisations stay apart
    ("Kyrgyzstan", "Kirghizia"),
    ("Berdimuhamedov", "Berdymukhamedov"),
]

LATIN_DIACRITICS = [
    ("Café", "cafe"),
    ("Türkmenbaşy", "turkmenbasy"),
    ("Öskemen", "oskemen"),
    ("Kassym-Jomart Toqaev", "kassym jomart toqaev"),
    ("Aşgabat", "asgabat"),
    ("Ñandú", "nandu"),
    ("Şavkat Mirziýoýew", "savkat mirziyoyew"),
    ("Cafe\u0301", "cafe"),  # decomposed acute
]
LATIN_DIACRITICS_DISTINCT = [
    ("Tokayev", "Tokaev"),
    ("Ashgabat", "Asgabat"),  # sh is not ş
]

APOSTROPHES = [
    ("O’Brien", "o brien"),
    ("O'Brien", "o brien"),
    ("O‘Brien", "o brien"),
    ("Oʼzbekiston", "o zbekiston"),  # modifier letter apostrophe
    ("Oʻzbekiston", "o zbekiston"),  # okina
    ("O`Brien", "o brien"),
    ("O´Brien", "o brien"),
    ("O′Brien", "o brien"),
]
APOSTROPHES_DISTINCT = [
    ("O'Brien", "OBrien"),  # an apostrophe separates words, it does not vanish
]

DASHES = [
    ("Kassym-Jomart", "kassym jomart"),
    ("Kassym Jomart", "kassym jomart"),
    ("Kassym–Jomart", "kassym jomart"),  # en dash
    ("Kassym—Jomart", "kassym jomart"),  # em dash
    ("Kassym\u2010Jomart", "kassym jomart"),  # hyphen
    ("Kassym\u2011Jomart", "kassym jomart"),  # non-breaking hyphen
    ("Kassym\u2012Jomart", "kassym jomart"),  # figure dash
    ("Kassym\u2015Jomart", "kassym jomart"),  # horizontal bar
    ("Kassym\u2212Jomart", "kassym jomart"),  # minus sign
    ("Kassym\ufe63Jomart", "kassym jomart"),  # small hyphen-minus
    ("Kassym\uff0dJomart", "kassym jomart"),  # fullwidth hyphen-minus
    ("Nur-Sultan", "nur sultan"),
    ("Kassym - Jomart", "kassym jomart"),
]
DASHES_DISTINCT = [
    ("Kassym-Jomart", "KassymJomart"),
]

SEPARATORS = [
    ("a  b", "a b"),
    ("a \t\n b", "a b"),
    ("a\u00a0b", "a b"),  # no-break space
    ("a\u202fb", "a b"),  # narrow no-break space
    ("a\u2009b", "a b"),  # thin space
    ("a\u3000b", "a b"),  # ideographic space
    ("  Tokayev  ", "tokayev"),  # fold() strips
    ("(Tokayev)", "tokayev"),
    ("«ترامب»", "ترامب"),
    ("ترامب، بوتين", "ترامب بوتين"),  # Arabic comma
    ("ترامب؛ بوتين؟", "ترامب بوتين"),
    ("a.b,c;d", "a b c d"),
    ("", ""),
    ("   ", ""),
]
SEPARATORS_DISTINCT = [
    ("AT&T", "AT T"),  # & is kept as part of a term
    ("C5+1", "C5 1"),  # and so is +
    ("٪", ""),  # Arabic percent sign is kept
    ("50%", "50"),
]

RULE_TABLES: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {
    "arabic-diacritics": (ARABIC_DIACRITICS, ARABIC_DIACRITICS_DISTINCT),
    "tatweel": (TATWEEL, TATWEEL_DISTINCT),
    "alef-forms": (ALEF_FORMS, ALEF_FORMS_DISTINCT),
    "alef-maqsura": (ALEF_MAQSURA, ALEF_MAQSURA_DISTINCT),
    "ta-marbuta": (TA_MARBUTA, TA_MARBUTA_DISTINCT),
    "hamza-seats": (HAMZA_SEATS, HAMZA_SEATS_DISTINCT),
    "persian-letters": (PERSIAN_LETTERS, PERSIAN_LETTERS_DISTINCT),
    "arabic-indic-digits": (ARABIC_INDIC_DIGITS, ARABIC_INDIC_DIGITS_DISTINCT),
    "format-marks": (FORMAT_MARKS, FORMAT_MARKS_DISTINCT),
    "presentation-forms": (PRESENTATION_FORMS, PRESENTATION_FORMS_DISTINCT),
    "english-case": (ENGLISH_CASE, ENGLISH_CASE_DISTINCT),
    "latin-diacritics": (LATIN_DIACRITICS, LATIN_DIACRITICS_DISTINCT),
    "apostrophes": (APOSTROPHES, APOSTROPHES_DISTINCT),
    "dashes": (DASHES, DASHES_DISTINCT),
    "separators": (SEPARATORS, SEPARATORS_DISTINCT),
}

FOLD_CASES = [
    pytest.param(text, key, id=f"{rule}-{i}")
    for rule, (cases, _) in RULE_TABLES.items()
    for i, (text, key) in enumerate(cases)
]
DISTINCT_CASES = [
    pytest.param(a, b, id=f"{rule}-{i}")
    for rule, (_, pairs) in RULE_TABLES.items()
    for i, (a, b) in enumerate(pairs)
]


@pytest.mark.parametrize(("text", "key"), FOLD_CASES)
def test_variant_folds_to_key(text: str, key: str) -> None:
    assert fold(text) == key


@pytest.mark.parametrize(("text", "key"), FOLD_CASES)
def test_key_is_canonical(text: str, key: str) -> None:
    """The folded form is a fixed point: folding never goes the other way."""
    assert fold(key) == key
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(("text", "key"), FOLD_CASES)
def test_running_text_folds_alike(text: str, key: str) -> None:
    """fold_text (running text) and fold (keys) agree up to the outer separators."""
    assert fold_text(text).folded.strip(" ") == key


@pytest.mark.parametrize(("a", "b"), DISTINCT_CASES)
def test_not_merged(a: str, b: str) -> None:
    assert fold(a) != fold(b)


# -- one direction only ---------------------------------------------------------------------------

ONE_WAY = [
    # (variant, canonical): the variant becomes the canonical letter, never the reverse
    ("ة", "ه"),
    ("ى", "ي"),
    ("أ", "ا"),
    ("ؤ", "و"),
    ("ئ", "ي"),
    ("ک", "ك"),
    ("ی", "ي"),
]


@pytest.mark.parametrize(("variant", "canonical"), ONE_WAY)
def test_one_direction(variant: str, canonical: str) -> None:
    assert fold_char(variant) == canonical
    assert fold_char(canonical) == canonical
    assert variant not in fold(canonical * 3)


# -- the rule data --------------------------------------------------------------------------------

DATA_RULES = [
    "arabic-diacritics",
    "tatweel",
    "alef-forms",
    "alef-maqsura",
    "ta-marbuta",
    "hamza-seats",
    "persian-letters",
    "arabic-indic-digits",
    "format-marks",
    "apostrophes",
    "dashes",
    "keep-symbols",
]


def test_rule_names() -> None:
    assert [rule.name for rule in load_rules().rules] == DATA_RULES


def test_every_data_rule_has_a_table() -> None:
    tested = set(RULE_TABLES) | {"keep-symbols"}  # keep-symbols: SEPARATORS_DISTINCT
    assert set(DATA_RULES) <= tested


@pytest.mark.parametrize("name", DATA_RULES)
def test_rule_data_applies(name: str) -> None:
    """Every character a rule lists is removed, mapped or kept as the data says."""
    rule = load_rules().rule(name)
    assert rule.description
    for char in rule.remove:
        assert fold_char(char) == "", f"U+{ord(char):04X}"
        assert fold("a" + char + "b") == "ab", f"U+{ord(char):04X} must not separate words"
    for char, target in rule.mapping.items():
        assert fold_char(char) == "".join(fold_char(c) for c in target), f"U+{ord(char):04X}"
    for char in rule.keep:
        assert fold_char(char) == char
        assert fold("a" + char + "b") == "a" + char + "b"


def test_diacritic_ranges_listed() -> None:
    removed = load_rules().rule("arabic-diacritics").remove
    for cp in [*range(0x064B, 0x0660), 0x0670, 0x0653, 0x0654, 0x0655]:
        assert chr(cp) in removed, f"U+{cp:04X}"


def test_unknown_rule_name() -> None:
    with pytest.raises(KeyError):
        load_rules().rule("no-such-rule")


def test_scheme_name() -> None:
    assert FOLDING_SCHEME.startswith("termbase-fold-")


def test_fold_text_keeps_outer_separators() -> None:
    assert fold_text("  Tokayev, ").folded == " tokayev "
    assert fold("  Tokayev, ") == "tokayev"


# -- rule validation ------------------------------------------------------------------------------

GOOD_RULE = {"name": "demo", "description": "a demo rule", "remove": ["064B-065F", "0670"]}

BAD_RULES: list[tuple[str, Any, str]] = [
    ("not-an-object", ["064B"], "a rule must be an object"),
    ("unknown-key", {**GOOD_RULE, "mapping": {}}, "unknown keys ['mapping']"),
    ("no-name", {"description": "d", "remove": ["0640"]}, "needs a name and a description"),
    ("no-description", {"name": "demo", "remove": ["0640"]}, "needs a name and a description"),
    ("bad-code-point", {**GOOD_RULE, "remove": ["06ZZ"]}, "'06ZZ' is not a code point"),
    ("empty-range", {**GOOD_RULE, "remove": ["065F-064B"]}, "empty range '065F-064B'"),
    ("multi-char-map-key", {"name": "demo", "description": "d", "map": {"ab": "c"}}, "map must take single"),
    ("non-text-map-value", {"name": "demo", "description": "d", "map": {"a": 1}}, "map must take single"),
    ("map-not-object", {"name": "demo", "description": "d", "map": ["a"]}, "map must take single"),
    ("multi-char-keep", {"name": "demo", "description": "d", "keep": ["&&"]}, "keep must list single"),
    ("does-nothing", {"name": "demo", "description": "d"}, "must remove, map or keep something"),
]


_UNNAMED = {
    "a rule must be an object",
    "unknown keys ['mapping']",
    "needs a name and a description",
}


def test_parse_good_rule() -> None:
    rule = _parse_rule(GOOD_RULE, "demo.json, rule 0")
    assert isinstance(rule, CharRule)
    assert rule.name == "demo"
    assert "\u064e" in rule.remove
    assert "\u0670" in rule.remove
    assert len(rule.remove) == 0x065F - 0x064B + 2


@pytest.mark.parametrize(("raw", "message"), [pytest.param(r, m, id=n) for n, r, m in BAD_RULES])
def test_parse_bad_rule(raw: Any, message: str) -> None:
    with pytest.raises(ValueError) as info:
        _parse_rule(raw, "data/bad.json, rule 3")
    text = str(info.value)
    assert text.startswith("data/bad.json, rule 3")
    assert message in text
    if message not in _UNNAMED:
        assert "(demo)" in text  # once the name is read, errors name the rule


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=12))
def test_ascii_text_folds_as_its_characters(text: str) -> None:
    """Words of English letters fold to lower case; any ASCII text as its characters one by one."""
    one_by_one = " ".join("".join(fold_char(c) for c in text).split())
    assert fold(text) == one_by_one
    if text.isalpha():
        assert fold(text) == text.lower()
