"""The telling word of a name: the one word that names the thing alone once its head is dropped.

News copy names a thing by its full name once and by its telling word after: خط أنابيب تابي
("the TAPI pipeline") is تابي, the Pamir Mountains are the Pamir, the Kyzylkum Desert the Kyzylkum,
the Republic of Kiribati Kiribati. The rest of such a name is a head: a common noun of the language
that classifies (pipeline, Mountains, Desert, Republic of, جزر, خط أنابيب), written where the
language writes a head — after the name in English ("Kyzylkum Desert") or before it with "of"
("Republic of Kiribati"), before it in Arabic, in the construct (a head without the article: جزر
البهاما, not the adjective of البيت الأبيض).

A word is the telling word of a term of a concept that is no person (persons have their surname
rule) when, read from the glossary and the frequency list alone:

* every other word is a head: a common word of the language (wordfreq, :data:`HEAD_ZIPF`) that the
  terms of at least :data:`HEAD_CONCEPTS` concepts use — a classifier of the glossary's names, not a
  part of one name only (Verde of Cabo Verde, Shan of Tien Shan) — and that is no name on its own
  (no one-word name: غينيا of غينيا بيساو, هولندا of هولندا الكاريبية), nor an administrative head
  (``name_heads.json``: Region, ولاية — a region named after its centre leaves the city's name);
* the word itself is no ordinary word (wordfreq; in Arabic also no common noun that takes the
  article: الحرير "silk" of طريق الحرير), no word of another concept's terms (China of the
  Communist Party of China, Karaganda of the Karaganda Region), no word that person names use
  (Wikidata person labels: Mayotte, مارشال of جزر مارشال), no adjective (Gabonese of the Gabonese
  Republic names the people's adjective, not the state; in Arabic a nisba with the article, غينيا
  الاستوائية), and no shorter than four letters;
* the name is no coordination (Antigua and Barbuda, ساو تومي وبرينسيبي) nor a hyphenated compound
  (Guinea-Bissau: Bissau is the capital).

A word found so is a hypothesis of the fuzzy pass (:mod:`termbase.spotting.fuzzy`), with a lower
confidence than a full name and its evidence; it gives way to any other concept's name that the
word may be (Qaraghandy of the Qaraghandy Region is a spelling of the city Karaganda first).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import cache

from termbase.arabic import ARTICLE, NISBA_ENDINGS
from termbase.spotting.heads import name_heads
from termbase.spotting.homographs import is_common_arabic_word
from termbase.spotting.names import arabic_name_words, english_name_words
from termbase.spotting.wordlist import is_ordinary, zipf

__all__ = ["ADJECTIVE_ENDINGS", "HEAD_CONCEPTS", "HEAD_ZIPF", "MIN_TELLING", "telling_word"]

HEAD_CONCEPTS = 2
"""Fewest concepts whose terms use a word for it to be a head (a classifier of names)."""
HEAD_ZIPF = 3.0
"""Least frequency (wordfreq Zipf) of a head word in either language: a common noun (pipeline 4.0,
crater 3.6). Arabic's ordinary-word threshold (4.5, high because clitics split its counts) would
leave out heads such as أنابيب (4.0) and جبال (4.5)."""
MIN_TELLING = 4
"""Shortest telling word (folded letters)."""
ADJECTIVE_ENDINGS = ("ese", "ic", "ian", "ish")
"""Endings of English adjectives of a place or people (Gabonese, Hellenic, Caspian, Turkish): such a
word alone is the adjective, not the thing the name names."""
_JOINERS = "-\u2010\u2011\u2013"
_COORDINATION = frozenset({"and", "&", "و"})


def telling_word(text: str, words: Sequence[str], bare: Sequence[str], lang: str,
                 concepts_of: Callable[[str], Collection[int]], concept: int,
                 is_name: Callable[[str], bool]) -> int | None:
    """The position of the telling word of a term (see the module), or None.

    ``text`` is the term as written, ``words`` its folded words and ``bare`` the same without the
    Arabic article; ``concepts_of`` gives the numbers of the concepts whose terms in ``lang`` use a
    (bare) word, ``concept`` is the number of the term's own concept, and ``is_name`` tells whether a
    folded word is a one-word proper-noun term of the glossary in ``lang``.
    """
    if len(words) < 2 or any(joiner in text for joiner in _JOINERS) or not _COORDINATION.isdisjoint(words):
        return None
    if lang == "ar":
        position = len(words) - 1
        heads = list(range(position))
        if any(words[k].startswith(ARTICLE) or words[k].startswith("و") for k in heads):
            return None  # a head with the article is a noun before its adjective, not a construct; و joins
    elif "of" in words:
        of = words.index("of")
        after = [k for k in range(of + 1, len(words)) if words[k] != "the"]
        if len(after) != 1 or of == 0:
            return None
        position, heads = after[0], list(range(of))
    else:
        position, heads = 0, list(range(1, len(words)))
    word = bare[position]  # the glossary's tests first: they are cheaper than the frequency list's
    if len(word) < MIN_TELLING or set(concepts_of(word)) != {concept}:
        return None
    heads_of_regions = _region_heads(lang == "ar")
    if not all(len(concepts_of(bare[k])) >= HEAD_CONCEPTS and not is_name(words[k]) and bare[k] not in heads_of_regions
               for k in heads):
        return None
    if not all(zipf(words[k], lang) >= HEAD_ZIPF for k in heads) or is_ordinary(word, lang) \
            or is_ordinary(words[position], lang):
        return None
    if lang == "ar":
        if is_common_arabic_word(word) or word in arabic_name_words() or (
                words[position].startswith(ARTICLE) and word.endswith(NISBA_ENDINGS)):
            return None
    elif word.endswith(ADJECTIVE_ENDINGS) or word in english_name_words():
        return None
    return position


@cache
def _region_heads(arabic: bool) -> frozenset[str]:
    """The one-word administrative heads (``name_heads.json``) of Arabic, or else of English."""
    data = name_heads()
    return frozenset(head[0] for head in data.ar_region if len(head) == 1) if arabic else data.en_region
