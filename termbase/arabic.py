"""Facts of the Arabic script that spotting, fuzzy matching and the checks share.

The clitic chains that news copy glues in front of a word (the conjunctions و ف, then one of the
prepositions ب ل ك), the article ال and the chains written with it (وال بال لل فلل …), and the
Unicode blocks that count as Arabic script; and the nisba ending (ي, "of") that makes an adjective
of a noun, with its forms of gender and number. Strings here are in folded form (see
:mod:`termbase.normalize`): bare alef, no tatweel, no diacritics.
"""

from __future__ import annotations

import re

__all__ = [
    "construct_duals",
    "ARABIC_LETTER",
    "ARABIC_SCRIPT",
    "ARTICLE",
    "CHAINS_LONGEST_FIRST",
    "DEFINITE_PREFIXES",
    "DETACHED_ARTICLES",
    "DETACHED_CLITICS",
    "INDEFINITE_PREFIXES",
    "LAM_CHAINS",
    "NISBA_DUAL",
    "NISBA_ENDINGS",
    "bare_readings",
    "clitics_before_article",
    "has_article",
    "is_arabic",
    "nisba_forms",
    "nisba_stem",
    "rasm",
]

ARTICLE = "ال"
"""The definite article as folded."""
INDEFINITE_PREFIXES = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
"""Clitic chains allowed before an indefinite word (conjunction, then preposition)."""
DEFINITE_PREFIXES = frozenset(
    {"ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "وكال", "فكال", "لل", "ولل", "فلل"}
)
"""Article with its clitic chains, before a stem whose article was taken off (ل + ال = لل)."""
LAM_CHAINS = frozenset({"ل", "ول", "فل"})
"""Chains ending in ل that take the place of ل + ال before a stem that itself starts with ل
(ل + اللجنة = للجنة)."""
DETACHED_CLITICS = INDEFINITE_PREFIXES - {""}
"""Clitics written apart in news style (لـ تركمانستان, بـ C5+1) before an indefinite word."""
DETACHED_ARTICLES = DEFINITE_PREFIXES
"""Articles written apart (الـ كرملين) before a stem."""
CHAINS_LONGEST_FIRST: tuple[str, ...] = tuple(
    sorted(INDEFINITE_PREFIXES | DEFINITE_PREFIXES, key=lambda chain: (-len(chain), chain))
)
"""Every chain, article or not, longest first (the order to try them when stripping a word)."""

NISBA_ENDINGS: tuple[str, ...] = ("ي", "يه", "يون", "يين", "يات", "يتان", "يتين")
"""The nisba (relative adjective) ending ي and its forms of gender and number as folded: أوزبكي,
أوزبكيه (-iyya), أوزبكيون, أوزبكيين, أوزبكيات, أوزبكيتان, أوزبكيتين. A word with one of these
endings on a glossary word is a derivative of it, not a spelling of a name."""
NISBA_DUAL = "يان"
"""The masculine dual of the nisba (أوزبكيان), kept apart from :data:`NISBA_ENDINGS`: it is also
the ending of Armenian surnames (باشينيان, Pashinyan), which are no derivatives."""

ARABIC_SCRIPT = "\u0600-\u06ff\u0750-\u077f\u0870-\u089f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
"""Regex character ranges of the Arabic script: Arabic, its Supplement, Extended-B and -A, and
the Presentation Forms A and B (without the byte order mark U+FEFF)."""
ARABIC_LETTER = re.compile(f"[{ARABIC_SCRIPT}]")
"""One character of the Arabic script."""


def is_arabic(text: str) -> bool:
    """True when ``text`` contains a character of the Arabic script."""
    return ARABIC_LETTER.search(text) is not None


_CHAINS_BY_LETTER: dict[str, tuple[str, ...]] = {
    letter: (*(chain for chain in CHAINS_LONGEST_FIRST if chain[:1] == letter), "")
    for letter in {chain[:1] for chain in CHAINS_LONGEST_FIRST if chain}
}
"""The chains of :data:`CHAINS_LONGEST_FIRST` by their first letter, each list ending with the empty chain."""
_NO_CHAIN = ("",)


def bare_readings(word: str) -> tuple[str, ...]:
    """A folded word read with each clitic chain it may begin with set aside, longest chain first;
    the word itself (the empty chain) last: لبنك gives بنك, then لبنك."""
    return tuple(word[len(chain):] for chain in _CHAINS_BY_LETTER.get(word[:1], _NO_CHAIN) if word.startswith(chain))


def clitics_before_article(chain: str) -> str:
    """The clitics of a chain from :data:`DEFINITE_PREFIXES` without its article: وبال gives وب,
    لل gives ل (ل + ال is written لل), ال gives nothing."""
    if chain.endswith("لل"):
        return chain[:-1]
    return chain.removesuffix(ARTICLE)


def has_article(word: str) -> bool:
    """True when a written (unfolded) word starts with the article and a stem of two letters or more."""
    return word.startswith(ARTICLE) and len(word) > 3


def nisba_stem(name: str) -> str:
    """The stem a folded name takes the nisba on: a final ا, يا or ة (folded ه) dropped, as روسيا
    gives روسي, أمريكا أمريكي; a name in a consonant (كازاخستان) is its own stem."""
    if name.endswith("يا") and len(name) > 3:
        return name[:-2]
    if name.endswith(("ا", "ه")) and len(name) > 2:
        return name[:-1]
    return name


def construct_duals(noun: str) -> tuple[str, ...]:
    """The dual of a folded feminine noun in ة (folded ه) as the first term of a construct, which
    drops the ن: ولايه gives ولايتا and ولايتي (ولايتي واشنطن وأوريغون, "the states of Washington and
    Oregon"); a noun in another letter gives none."""
    if not noun.endswith("ه") or len(noun) < 3:
        return ()
    return (noun[:-1] + "تا", noun[:-1] + "تي")


def nisba_forms(stem: str) -> tuple[str, ...]:
    """The nisba adjective made on a folded noun, in the order of :data:`NISBA_ENDINGS`, then its
    masculine dual: the people أوزبك give أوزبكي ("Uzbek"), أوزبكيه, أوزبكيون … أوزبكيان."""
    return tuple(stem + ending for ending in (*NISBA_ENDINGS, NISBA_DUAL))


_RASM = str.maketrans({
    "ب": "ٮ", "ت": "ٮ", "ث": "ٮ", "ن": "ٮ", "ي": "ٮ", "ى": "ٮ", "ئ": "ٮ",
    "ج": "ح", "خ": "ح", "ذ": "د", "ز": "ر", "ش": "س", "ض": "ص", "ظ": "ط", "غ": "ع",
    "ق": "ٯ", "ف": "ٯ", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و",
})


def rasm(word: str) -> str:
    """The letters of ``word`` without their dots (the rasm): خيفا and حيفا, ترمذ and ترمد share one.

    Medial and final shapes are not told apart, so ن and ى share the dotless beh; letters outside
    the Arabic alphabet are kept.
    """
    return word.translate(_RASM)
