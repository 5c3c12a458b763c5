"""Deterministic generators of synthetic glossaries, queries and running texts for the benchmarks.

Everything here is seeded: the same arguments give the same output on every machine and run.

* :func:`generate_concepts` -- ``n`` concepts, each with a name-like term in English (Latin
  syllables) and Arabic (Arabic letters), one to three words long, and variant spellings per
  language: a preferred form, an admitted form one letter away and a deprecated form one or two
  letters away (the way transliterations of one name drift: Tokayev / Tokaev, توكاييف / توكايف).
* :func:`glossary_yaml` / :func:`write_glossary` -- the same concepts as a glossary file in the
  real format (``glossaries/README.md``), so that loading can be timed too.
* :func:`make_queries` -- lookup queries: variants as listed (exact) and variants with one or two
  random edits (what a translator types from memory).
* :func:`generate_text` -- running Arabic or English text mixing glossary terms with filler words
  at a given density, with the spans of the inserted terms (for spotting and check benchmarks).

Import from a benchmark script next to this file (``from generate import ...``) or as
``benchmarks.generate`` from the repository root.
"""

from __future__ import annotations

import itertools
import math
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from termbase.model import Concept, PartOfSpeech, Term, TermStatus, TermType

__all__ = [
    "AR_FILLER",
    "EN_FILLER",
    "GeneratedText",
    "Query",
    "TermSpan",
    "arabic_word",
    "concepts_for_terms",
    "english_word",
    "edit_words",
    "generate_concepts",
    "generate_memory",
    "generate_text",
    "glossary_yaml",
    "make_queries",
    "mutate",
    "term_count",
    "write_glossary",
]

# -- letters and syllables ----------------------------------------------------------------------

_AR_CONSONANTS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
_AR_LONG_VOWELS = "اوي"
_AR_EDIT_LETTERS = _AR_CONSONANTS + _AR_LONG_VOWELS
_LATIN_ONSETS = (
    "b", "d", "f", "g", "h", "j", "k", "kh", "l", "m", "n", "p", "q", "r", "s", "sh", "t", "v",
    "y", "z", "zh", "ch", "gh", "dj",
)
_LATIN_VOWELS = ("a", "e", "i", "o", "u", "a", "a", "i", "o", "ay", "ou", "ai", "ia")
_LATIN_CODAS = ("", "", "", "n", "r", "l", "m", "v", "k", "sh", "t", "s")
_LATIN_EDIT_LETTERS = "abdefghijklmnoqrstuvyz"

EN_FILLER = (
    "the of and to in a on for with said that was by as at from has is were after talks new "
    "president minister summit government meeting visit foreign cooperation between leaders "
    "agreement region countries week official trade security talks announced during which their "
    "its also would will have been more than two first last this state capital economic sides "
    "agreed joint statement support development energy investment"
).split()
AR_FILLER = (
    "في من على إلى عن مع قال أن التي الذي وقد كما بين خلال بعد قبل هذا هذه الرئيس وزير القمة "
    "الحكومة اجتماع زيارة الخارجية التعاون قادة اتفاق المنطقة الدول الأسبوع رسمي التجارة الأمن "
    "أعلن حيث أيضا سوف كان كانت أكثر الأول الماضي الدولة العاصمة الاقتصادي الجانبين اتفقا بيان "
    "مشترك دعم التنمية الطاقة الاستثمار"
).split()
_AR_CLITICS = ("و", "ب", "ل", "ف", "وب", "ول")


def english_word(rng: random.Random, syllables: int | None = None) -> str:
    """A capitalised name-like Latin word of two to four syllables (Bakhoran, Zheltousa)."""
    count = syllables if syllables is not None else rng.choice((2, 2, 3, 3, 3, 4))
    parts = []
    for i in range(count):
        onset = rng.choice(_LATIN_ONSETS) if i or rng.random() < 0.85 else ""
        coda = rng.choice(_LATIN_CODAS) if i == count - 1 else ""
        parts.append(onset + rng.choice(_LATIN_VOWELS) + coda)
    return "".join(parts).capitalize()


def arabic_word(rng: random.Random, syllables: int | None = None) -> str:
    """A name-like Arabic word: consonants with long vowels, sometimes a hamza alef or ta marbuta."""
    count = syllables if syllables is not None else rng.choice((3, 3, 4, 4, 5))
    letters = []
    if rng.random() < 0.1:
        letters.append("ال")
    elif rng.random() < 0.1:
        letters.append(rng.choice("أإا"))
    for i in range(count):
        letters.append(rng.choice(_AR_CONSONANTS))
        if rng.random() < 0.5 and i < count - 1:
            letters.append(rng.choice(_AR_LONG_VOWELS))
    if rng.random() < 0.08:
        letters.append("ة")
    elif rng.random() < 0.06:
        letters.append("ى")
    return "".join(letters)


def mutate(text: str, edits: int, rng: random.Random) -> str:
    """``text`` with ``edits`` random one-letter edits (substitution, deletion, insertion).

    Edits touch letters only (never spaces), use letters of the text's own script, and always
    change the text when it has a letter to change.
    """
    arabic = any("\u0600" <= c <= "\u06ff" for c in text)
    alphabet = _AR_EDIT_LETTERS if arabic else _LATIN_EDIT_LETTERS
    chars = list(text)
    for _ in range(edits):
        positions = [i for i, c in enumerate(chars) if c.isalpha()]
        if len(positions) < 2:
            break
        at = rng.choice(positions)
        kind = rng.random()
        old = chars[at]
        if kind < 0.5:
            upper = old.isupper()
            new = rng.choice([c for c in alphabet if c != old.lower()])
            chars[at] = new.upper() if upper else new
        elif kind < 0.75:
            del chars[at]
        else:
            chars.insert(at + 1, rng.choice(alphabet))
    return "".join(chars)


def _distinct_variant(base: str, edits: int, rng: random.Random, taken: set[str]) -> str:
    for _ in range(20):
        candidate = mutate(base, edits, rng)
        if (candidate not in taken and candidate.strip() == candidate and "  " not in candidate
                and min(map(len, candidate.split(" "))) >= 2):
            return candidate
    return base + ("ي" if any("\u0600" <= c <= "\u06ff" for c in base) else "h")


def _name(rng: random.Random, lang: str, words: int) -> list[str]:
    make = arabic_word if lang.split("-")[0] == "ar" else english_word
    return [make(rng) for _ in range(words)]


def generate_concepts(
    n: int,
    *,
    seed: int = 0,
    variants: int = 3,
    languages: Sequence[str] = ("en", "ar"),
    glossary: str = "synthetic",
) -> list[Concept]:
    """``n`` synthetic concepts with ``variants`` terms per language (1 to 3 statuses).

    Term 1 is preferred; term 2 (admitted) differs from it by one letter; term 3 (deprecated) by
    one or two; further terms are admitted short forms or more deprecated spellings. Names are
    one (30 %), two (50 %) or three (20 %) words long.
    """
    rng = random.Random(seed)
    concepts: list[Concept] = []
    for number in range(n):
        words = rng.choices((1, 2, 3), weights=(30, 50, 20))[0]
        terms: list[Term] = []
        slug = ""
        for lang in languages:
            preferred = " ".join(_name(rng, lang, words))
            if not slug:
                slug = re.sub(r"[^a-z0-9]+", "-", preferred.lower()).strip("-")[:40]
            taken = {preferred}
            terms.append(Term(preferred, lang, TermStatus.PREFERRED, TermType.FULL_FORM, PartOfSpeech.PROPER_NOUN))
            for k in range(1, variants):
                if k == 1:
                    text, status, kind = _distinct_variant(preferred, 1, rng, taken), TermStatus.ADMITTED, TermType.VARIANT
                elif k == 2:
                    edits = rng.choice((1, 2))
                    text, status, kind = (_distinct_variant(preferred, edits, rng, taken), TermStatus.DEPRECATED,
                                          TermType.TRANSLITERATED_FORM)
                elif words > 1 and k == 3:
                    text, status, kind = preferred.split(" ")[-1], TermStatus.ADMITTED, TermType.SHORT_FORM
                else:
                    text, status, kind = (_distinct_variant(preferred, 2, rng, taken), TermStatus.DEPRECATED,
                                          TermType.VARIANT)
                if text in taken:
                    continue
                taken.add(text)
                terms.append(Term(text, lang, status, kind))
        concept_id = f"{slug or 'c'}-{number}"
        concepts.append(Concept(id=concept_id, terms=tuple(terms), subject="people", glossary=glossary))
    return concepts


def term_count(concepts: Iterable[Concept]) -> int:
    """Number of terms (variants) of ``concepts``."""
    return sum(len(concept.terms) for concept in concepts)


def concepts_for_terms(terms: int, *, seed: int = 0, variants: int = 3,
                       languages: Sequence[str] = ("en", "ar")) -> list[Concept]:
    """Enough concepts for about ``terms`` variants in all (``variants`` per language)."""
    per_concept = variants * len(languages)
    return generate_concepts(math.ceil(terms / per_concept), seed=seed, variants=variants, languages=languages)


# -- YAML ---------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[^\s\[\]{}:,#&*!|>'\"%@`?-][^\[\]{}:,#]*\Z")


def _scalar(text: str) -> str:
    if _PLAIN.match(text) and text == text.strip():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def glossary_yaml(concepts: Iterable[Concept], *, glossary_id: str = "synthetic",
                  title: str = "Synthetic benchmark glossary") -> str:
    """The concepts as glossary YAML in the shipped format (header, concepts, flow-style terms)."""
    lines = [
        "glossary:",
        f"  id: {glossary_id}",
        f"  title: {_scalar(title)}",
        "  description: Generated by benchmarks/generate.py (synthetic names, not real data).",
        "  license: CC0-1.0",
        "",
        "concepts:",
    ]
    for concept in concepts:
        lines.append(f"- id: {concept.id}")
        if concept.subject:
            lines.append(f"  subject: {_scalar(concept.subject)}")
        for lang, text in concept.definitions.items():
            lines.append(f"  definition:\n    {lang}: {_scalar(text)}")
        if concept.related:
            lines.append(f"  related: [{', '.join(concept.related)}]")
        lines.append("  terms:")
        for lang in concept.languages:
            lines.append(f"    {lang}:")
            for term in concept.terms:
                if term.lang != lang:
                    continue
                fields = [f"term: {_scalar(term.text)}", f"status: {term.status.value}"]
                if term.type is not None:
                    fields.append(f"type: {term.type.value}")
                if term.pos is not None:
                    fields.append(f"pos: {term.pos.value}")
                lines.append("    - {" + ", ".join(fields) + "}")
        lines.append("")
    return "\n".join(lines)


def write_glossary(path: str | Path, concepts: Iterable[Concept], **header: str) -> Path:
    """Write :func:`glossary_yaml` to ``path`` (UTF-8) and return the path."""
    target = Path(path)
    target.write_text(glossary_yaml(concepts, **header), encoding="utf-8")
    return target


# -- queries ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Query:
    """A lookup query made from a variant of ``concept_id`` with ``edits`` random edits."""

    text: str
    lang: str
    concept_id: str
    source: str
    edits: int


def make_queries(concepts: Sequence[Concept], n: int = 200, *, seed: int = 1,
                 exact_share: float = 0.25) -> list[Query]:
    """``n`` queries over random variants: ``exact_share`` as listed, the rest with 1 or 2 edits.

    Languages alternate, so half the queries are Arabic and half English (when both exist).
    """
    rng = random.Random(seed)
    queries: list[Query] = []
    languages = sorted({term.lang for concept in concepts[:100] for term in concept.terms})
    for i in range(n):
        concept = concepts[rng.randrange(len(concepts))]
        lang = languages[i % len(languages)]
        pool = [term for term in concept.terms if term.lang == lang] or list(concept.terms)
        term = rng.choice(pool)
        edits = 0 if rng.random() < exact_share else rng.choice((1, 2))
        text = mutate(term.text, edits, rng) if edits else term.text
        queries.append(Query(text, term.lang, concept.id, term.text, edits))
    return queries


# -- running text -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TermSpan:
    """One glossary term placed in a generated text: ``text[start:end] == surface``."""

    start: int
    end: int
    concept_id: str
    term: str
    surface: str


@dataclass(frozen=True, slots=True)
class GeneratedText:
    """A generated running text and the terms placed in it."""

    text: str
    lang: str
    spans: tuple[TermSpan, ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


def generate_text(
    concepts: Sequence[Concept],
    lang: str,
    *,
    words: int = 1000,
    density: float = 0.05,
    seed: int = 2,
    inflect: float = 0.0,
    misspell: float = 0.0,
    sentence_length: int = 18,
) -> GeneratedText:
    """About ``words`` words of ``lang`` text; a share ``density`` of the word slots are terms.

    Terms are drawn from the concepts' ``lang`` terms (any status). With probability ``inflect``
    an Arabic term gets a clitic prefix (و ب ل ف) or the article, an English one a possessive
    ``'s``; with probability ``misspell`` it gets one random edit (a spelling the glossary does not
    list). Sentences end with a full stop (Arabic texts use the same ASCII full stop and the
    Arabic comma ، between clauses).
    """
    rng = random.Random(seed)
    pool = [(concept.id, term.text) for concept in concepts for term in concept.terms
            if term.lang.split("-")[0] == lang]
    if not pool:
        raise ValueError(f"no {lang} terms in the concepts")
    arabic = lang.split("-")[0] == "ar"
    filler = AR_FILLER if arabic else EN_FILLER
    pieces: list[str] = []
    spans: list[TermSpan] = []
    length = 0
    in_sentence = 0
    emitted = 0
    while emitted < words:
        if pieces:
            pieces.append(" ")
            length += 1
        if rng.random() < density:
            concept_id, term = rng.choice(pool)
            surface = mutate(term, 1, rng) if misspell and rng.random() < misspell else term
            start = length
            if inflect and rng.random() < inflect:
                if arabic:
                    article = () if surface.startswith("ال") else ("ال", "وال", "بال")
                    prefix = rng.choice(_AR_CLITICS + article)
                    pieces.append(prefix)
                    length += len(prefix)
                    start = length
                    pieces.append(surface)
                    length += len(surface)
                else:
                    pieces.append(surface + "'s")
                    length += len(surface) + 2
            else:
                pieces.append(surface)
                length += len(surface)
            spans.append(TermSpan(start, start + len(surface), concept_id, term, surface))
            emitted += len(surface.split())
        else:
            word = rng.choice(filler)
            if not arabic and in_sentence == 0:
                word = word.capitalize()
            pieces.append(word)
            length += len(word)
            emitted += 1
        in_sentence += 1
        if in_sentence >= sentence_length and rng.random() < 0.3:
            pieces.append(".")
            length += 1
            in_sentence = 0
        elif arabic and in_sentence > 4 and rng.random() < 0.04:
            pieces.append("،")
            length += 1
    text = "".join(pieces) + "."
    return GeneratedText(text, lang, tuple(spans))


# -- translation memories -----------------------------------------------------------------------


def _lexicon(size: int, rng: random.Random) -> tuple[list[str], list[str], list[float]]:
    """``size`` parallel word pairs (Arabic, English) and Zipf weights (rank ** -1.1)."""
    arabic, english, seen = [], [], set()
    while len(arabic) < size:
        word = arabic_word(rng, rng.choice((2, 3, 3, 4)))
        if word in seen:
            continue
        seen.add(word)
        arabic.append(word)
        english.append(english_word(rng, rng.choice((1, 2, 2, 3))).lower())
    weights = [1.0 / (rank ** 1.1) for rank in range(1, size + 1)]
    return arabic, english, weights


def edit_words(words: list[str], edits: int, rng: random.Random, vocabulary: Sequence[str]) -> list[str]:
    """``words`` with ``edits`` word edits: a word replaced, dropped or inserted, or a clitic glued on."""
    out = list(words)
    for _ in range(edits):
        kind = rng.random()
        at = rng.randrange(len(out)) if out else 0
        if kind < 0.4 and out:
            out[at] = rng.choice(vocabulary)
        elif kind < 0.6 and len(out) > 2:
            del out[at]
        elif kind < 0.8:
            out.insert(at, rng.choice(vocabulary))
        elif out:
            out[at] = rng.choice(_AR_CLITICS) + out[at] if not out[at].startswith("ال") else "و" + out[at]
    return out


def generate_memory(n: int, *, seed: int = 0, vocabulary: int = 30_000, near_share: float = 0.3,
                    ) -> tuple[list[tuple[str, str]], list[str]]:
    """``n`` Arabic→English segment pairs and the Arabic vocabulary they use.

    Sentences are 8 to 30 words drawn with Zipf frequencies from a parallel lexicon; the English
    side translates word for word. A share ``near_share`` of segments are near repeats of earlier
    ones (one to three word edits), as in real memories of news copy.
    """
    rng = random.Random(seed)
    arabic, english, weights = _lexicon(vocabulary, rng)
    to_english = dict(zip(arabic, english, strict=True))
    cumulative = list(itertools.accumulate(weights))
    pairs: list[tuple[str, str]] = []
    sources: list[list[str]] = []
    for _ in range(n):
        if sources and rng.random() < near_share:
            words = edit_words(rng.choice(sources), rng.randint(1, 3), rng, arabic)
        else:
            words = rng.choices(arabic, cum_weights=cumulative, k=rng.randint(8, 30))
        sources.append(words)
        pairs.append((" ".join(words), " ".join(to_english.get(w, w) for w in words)))
    return pairs, arabic
