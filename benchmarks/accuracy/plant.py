"""Write ``data/planted.en.jsonl``: deprecated and misspelt forms planted into correct sentences.

    python benchmarks/accuracy/plant.py            # rewrite the planted set from spans.en.jsonl

Each planted item replaces one annotated mention of a correct English sentence by

- ``deprecated``: a deprecated or forbidden English term of the same concept with as many words as the
  mention (``Tokayev`` → ``Tokaev``, ``Kazakhstan`` → ``Kazakstan``), possessive kept; or
- ``typo``: a misspelling of the mention's longest word — one of the slips in ``KNOWN_TYPOS`` seen in
  copy, or else one letter dropped, two letters swapped, a letter doubled or a vowel changed (chosen
  by a hash of the sentence id, so the file is the same on every run) — that is no form of any concept
  and no English word (``wordfreq``, the ``bench`` extra: "Untied States" is not a misspelling a
  checker should flag).

The expectation of every item is the base sentence itself: the planted form reported, and ``--fix``
putting the original mention back without touching anything else. The choice is deterministic; the
file is committed so that reviews see exactly what is planted.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DATA, LANGS, Plant, Sentence, Span, load_sentences, split_possessive, uses_unapproved  # noqa: E402

from termbase import Termbase  # noqa: E402

from termbase.model import PartOfSpeech, TermStatus  # noqa: E402
from termbase.normalize import fold  # noqa: E402

KNOWN_TYPOS = {
    "Trump": "Trumph",
    "Turkmenistan": "Turkmanistan",
    "Kazakhstan": "Kazakhistan",
    "Kyrgyzstan": "Kyrgystan",
    "Uzbekistan": "Uzbekstan",
    "Tajikistan": "Tajikstan",
    "Mirziyoyev": "Mirzyoyev",
    "Tokayev": "Tokayv",
    "Japarov": "Jáparov",
    "Berdimuhamedov": "Berdimuhammedov",
    "Rahmon": "Rahmom",
    "Tashkent": "Tashkend",
    "Samarkand": "Samarkhand",
    "Ashgabat": "Ashgabath",
    "Dushanbe": "Dushambe",
    "Bishkek": "Bishkec",
}
"""Slips of the kind that reach copy desks, by the word they spoil."""

VOWELS = "aeiou"


def _typo(word: str, seed: int) -> list[str]:
    """Candidate misspellings of ``word``, the seed deciding the order."""
    if word in KNOWN_TYPOS:
        return [KNOWN_TYPOS[word]]
    out: list[str] = []
    inner = range(2, len(word) - 1)
    for i in inner:
        out.append(word[:i] + word[i + 1:])                            # a letter dropped
        out.append(word[:i] + word[i + 1] + word[i] + word[i + 2:])    # two letters swapped
        if word[i].lower() not in VOWELS:
            out.append(word[:i] + word[i] + word[i:])                  # a letter doubled
        else:
            other = VOWELS[(VOWELS.index(word[i].lower()) + 1 + seed) % len(VOWELS)]
            out.append(word[:i] + other + word[i + 1:])                # a vowel changed
    start = seed % len(out) if out else 0
    return out[start:] + out[:start]


def plants_for(tb: Termbase, sentence: Sentence, span: Span, forms: set[str],
               is_word: Callable[[str], bool]) -> list[Plant]:
    """The deprecated and typo plants of one mention (at most one of each kind)."""
    concept = tb.concept(span.concept)
    mention, ending = split_possessive(span.text)
    approved = [t for t in concept.terms_in("en") if t.status.approved]
    if not any(t.text == mention for t in approved):
        return []
    made: list[Plant] = []
    seed = int(hashlib.sha1(f"{sentence.id}:{span.start}".encode()).hexdigest()[:8], 16)

    def plant(kind: str, form: str) -> None:
        text = sentence.text[:span.start] + form + sentence.text[span.end:]
        made.append(Plant(f"{sentence.id}-{span.start}-{kind}", sentence.id, kind, span.concept, text,
                          span.start, span.start + len(form), form, span.text))

    words = len(mention.split())
    deprecated = [t.text for t in concept.terms_in("en")
                  if t.status in (TermStatus.DEPRECATED, TermStatus.FORBIDDEN) and len(t.text.split()) == words]
    if deprecated:
        plant("deprecated", deprecated[seed % len(deprecated)] + ending)
    if concept.preferred("en") is not None and approved[0].pos is PartOfSpeech.PROPER_NOUN:
        longest = max(mention.split(), key=len)
        if len(longest) >= 5 and longest.isalpha():
            for candidate in _typo(longest, seed):
                typo = mention.replace(longest, candidate, 1)
                if fold(typo) not in forms and fold(candidate) not in forms and not is_word(candidate):
                    plant("typo", typo + ending)
                    break
    return made


def main() -> int:
    """Rewrite the planted set."""
    from wordfreq import zipf_frequency  # the bench extra: only writing the planted set needs it

    def is_word(text: str) -> bool:
        return zipf_frequency(text, "en") > 0

    tb = Termbase.load()
    sentences = load_sentences(DATA / "spans.en.jsonl", tb)
    forms = {fold(term.text) for concept in tb for lang in LANGS for term in concept.terms_in(lang)}
    forms |= {word for form in list(forms) for word in form.split()}
    plants = [plant for sentence in sentences
              if sentence.clean and not any(uses_unapproved(tb, span) for span in sentence.spans)
              for span in sentence.spans
              if not span.lookalike and not span.gap for plant in plants_for(tb, sentence, span, forms, is_word)]
    path = DATA / "planted.en.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for item in plants:
            handle.write(json.dumps({name: getattr(item, name) for name in Plant.__slots__},
                                    ensure_ascii=False) + "\n")
    kinds = {kind: sum(1 for p in plants if p.kind == kind) for kind in ("deprecated", "typo")}
    print(f"{path}: {len(plants)} planted forms {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
