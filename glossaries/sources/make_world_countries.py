#!/usr/bin/env python3
"""Generate ``glossaries/world-countries.yaml``: one termbase concept per country.

Inputs, all in this folder (origin, commit and license in README.md):

* ``country_names_ar_multisource.tsv`` -- one row per ISO 3166-1 entry, with the Arabic names of
  CLDR 49 and Debian iso-codes (short and official);
* ``mledoze_countries.json`` -- English common / official names, English ``altSpellings``,
  Arabic common / official names, UN subregion, independence; also Kosovo (XK), which is not in
  ISO 3166-1;
* ``stefangabos_world_ar.csv``, ``stefangabos_world_en.csv`` -- ISO numeric code and a third
  Arabic and English name;
* ``country-variants.yaml`` -- the curated supplement: news-style preferred forms, ids, obsolete
  names, press spellings and exclusions, each with its sources.

How a concept is built:

1. Every name the sources give is a candidate term. Forms that are list labels rather than printed
   names are skipped: ISO-style inverted forms with a comma (``Korea, Republic of``,
   ``إيران، الجمهورية الإسلامية``) and forms with a parenthetical qualifier
   (``سانت مارتن (الجزء الهولندي)``); so are the known source errors in ``SOURCE_ERRORS``.
2. Arabic forms are cleaned (harakat and tatweel removed, a detached conjunction و re-attached) and
   deduplicated by their folded form (``fold_ar``); of two spellings that fold alike the one with
   more hamza / ta marbuta / alif maqsura is kept (the more careful orthography), else the one of
   the better source (CLDR, stefangabos, iso-codes, mledoze). English forms are deduplicated
   case- and accent-insensitively.
3. The preferred Arabic term is the form most short-name sources agree on (CLDR wins ties); the
   preferred English term is mledoze's common name. The supplement overrides both where news
   style differs.
4. The supplement adds and amends terms; everything else is ``admitted``.

The output is validated before it is written (exactly one preferred term per language, unique ids,
no two terms of a concept with the same folded form, no form shared by two countries unless they
name each other in ``related``); any violation exits with status 1.

Usage::

    python glossaries/sources/make_world_countries.py          # regenerate the glossary
    python glossaries/sources/make_world_countries.py --check  # exit 1 if the file is stale
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "world-countries.yaml"
MULTISOURCE_TSV = HERE / "country_names_ar_multisource.tsv"
MLEDOZE_JSON = HERE / "mledoze_countries.json"
STEFANGABOS_AR = HERE / "stefangabos_world_ar.csv"
STEFANGABOS_EN = HERE / "stefangabos_world_en.csv"
SUPPLEMENT = HERE / "country-variants.yaml"

CLDR, ISO, MLEDOZE, STEFANGABOS = "CLDR", "iso-codes", "mledoze", "stefangabos"
MLEDOZE_ALT = "mledoze altSpellings"

#: Source forms that are plain errors, left out of the glossary: (alpha-2, language, cleaned form).
SOURCE_ERRORS: dict[tuple[str, str, str], str] = {
    # mledoze typo: ف for غ ("Affanistan"); the correct official name comes from iso-codes.
    ("AF", "ar", "جمهورية أففانستان الإسلامية"): "mledoze typo (أففانستان for أفغانستان)",
    # mledoze typo: the letters ك and س swapped in المكسيك.
    ("MX", "ar", "المسكيك"): "mledoze typo (المسكيك for المكسيك)",
    # iso-codes drops the article: "جمهورية الفرنسية" is ungrammatical; mledoze has الجمهورية الفرنسية.
    ("FR", "ar", "جمهورية الفرنسية"): "iso-codes error (missing article, for الجمهورية الفرنسية)",
    # iso-codes writes "Hellenistic Republic" (هلنستية, of the Hellenistic age) for the Hellenic
    # Republic; mledoze has the correct الجمهورية الهيلينية.
    ("GR", "ar", "الجمهورية الهلنستية"): "iso-codes mistranslation (Hellenistic for Hellenic)",
    # iso-codes misspells Guernsey (ز and ن transposed); CLDR and mledoze have غيرنزي.
    ("GG", "ar", "جزيرة جويرزني"): "iso-codes typo (جويرزني for جويرنزي)",
}

#: Arabic spelling fixes applied to every source form: hamzat al-wasl written as hamza.
AR_SPELLING_FIXES: tuple[tuple[str, str], ...] = (("الإتحاد", "الاتحاد"), ("إتحاد", "اتحاد"))

AR_SHORT_SOURCES = (CLDR, STEFANGABOS, ISO, MLEDOZE)  # also the tie-break order
AR_STATE_WORDS = frozenset(
    {"جمهوريه", "مملكه", "دوله", "اماره", "سلطنه", "اتحاد", "كومنولث", "كومونولث", "ولايات", "دوقيه", "منطقه", "اقليم"}
)
EN_STATE_WORDS = re.compile(
    r"\b(Republic|Kingdom|State|States|Federation|Commonwealth|Union|Principality|Duchy|Sultanate"
    r"|Confederation|Bailiwick|Collectivity|Territory|Department)\b"
)
#: Function words of other languages: mledoze mixes endonyms into its English names
#: ("Union des Comores", "Svalbard og Jan Mayen").
NON_ENGLISH_WORDS = re.compile(r"\b(des|de|du|del|della|di|og|und|y)\b")
STATUS_ORDER = {"preferred": 0, "admitted": 1, "deprecated": 2, "forbidden": 3}
TERM_KEY_ORDER = ("term", "status", "type", "pos", "case_sensitive", "usage", "context", "note", "historical", "sources")
#: Sources whose licence the generated file (ODbL-1.0) cannot take data from: stefangabos is CC BY-SA 4.0
#: (share-alike, incompatible with ODbL) and iso-codes LGPL-2.1. Their names corroborate forms that a
#: compatible source (CLDR: Unicode-3.0, mledoze: ODbL-1.0) or a curated, sourced entry also gives;
#: a form that only they give is left out (see README.md, "License of the generated glossary").
INCOMPATIBLE_SOURCES = (STEFANGABOS, ISO)
SUBREGION_PHRASES = {
    "Caribbean": "the Caribbean",
    "Australia and New Zealand": "Oceania",
    "South-Eastern Asia": "Southeast Asia",
    "Middle Africa": "Central Africa",
    "": "Antarctica",
}

# ---------------------------------------------------------------------------------- folding

_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_AR_MARKED_LETTERS = frozenset("أإآٱىةؤئ")
_DETACHED_WAW = re.compile(r"(?<=\s)و\s+(?=\S)")


def clean_ar(form: str) -> str:
    """Return an Arabic source form as it should be printed: no harakat or tatweel, single
    spaces, the conjunction و attached to its word, hamzat al-wasl not written as hamza."""
    text = " ".join(_AR_MARKS.sub("", form).split())
    text = _DETACHED_WAW.sub("و", text)
    for wrong, right in AR_SPELLING_FIXES:
        text = re.sub(rf"(?<!\S){wrong}", right, text)
    return text


def fold_ar(form: str) -> str:
    """Fold an Arabic form the way lookup does: drop harakat and tatweel, unify alef, ya, ta marbuta."""
    return " ".join(_AR_MARKS.sub("", form).translate(_AR_FOLD).split())


def clean_en(form: str) -> str:
    """Return an English source form with straight apostrophes and single spaces."""
    return " ".join(form.replace("\u2019", "'").replace("\u2018", "'").split())


def fold_en(form: str) -> str:
    """Fold an English form: case- and accent-insensitive, straight apostrophes."""
    decomposed = unicodedata.normalize("NFKD", clean_en(form))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(lang: str, form: str) -> str:
    return fold_ar(form) if lang == "ar" else fold_en(form)


def slug(text: str) -> str:
    """Lowercase ASCII slug: ``Côte d'Ivoire`` -> ``cote-d-ivoire``."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def is_label(form: str) -> bool:
    """True for list labels that are not printed names: ISO-style inverted forms with a comma,
    parenthetical qualifiers, CLDR's ``Congo - Kinshasa`` / ``Antigua & Barbuda`` /
    ``Hong Kong SAR China`` label style."""
    return any(mark in form for mark in ("،", ", ", "(", "&", " - ")) or "SAR China" in form


# ---------------------------------------------------------------------------------- candidates


@dataclass
class Candidate:
    """One distinct (folded) form of a country name in one language."""

    term: str
    key: str
    sources: list[str] = field(default_factory=list)
    short_votes: set[str] = field(default_factory=set)  # short-name sources that give this form
    official_only: bool = True  # seen only as an official (long) name
    curated: dict[str, Any] = field(default_factory=dict)  # keys from the supplement


class TermSet:
    """The candidate terms of one concept in one language, deduplicated by folded form."""

    def __init__(self, lang: str, alpha2: str, excluded: dict[str, str]) -> None:
        self.lang = lang
        self.alpha2 = alpha2
        self.excluded = excluded  # folded form -> reason
        self.used_exclusions: set[str] = set()
        self.items: dict[str, Candidate] = {}

    def add_source_form(self, raw: str | None, source: str, *, official: bool, is_name: bool = False) -> None:
        """Add a form given by a source; ``official`` if the source gives it as the official name,
        ``is_name`` if it is known to be a name rather than a list label (never filtered)."""
        if not raw or (not is_name and is_label(raw)):
            return
        if self.lang == "en" and NON_ENGLISH_WORDS.search(raw):
            return
        form = clean_ar(raw) if self.lang == "ar" else clean_en(raw)
        if (self.alpha2, self.lang, form) in SOURCE_ERRORS:
            return
        key = fold(self.lang, form)
        if key in self.excluded:
            self.used_exclusions.add(key)
            return
        item = self.items.get(key)
        if item is None:
            item = self.items[key] = Candidate(form, key)
        elif self.lang == "ar" and _marked(form) > _marked(item.term):
            item.term = form
        label = f"{source} (official name)" if official and source != MLEDOZE_ALT else source
        if label not in item.sources:
            item.sources.append(label)
        if not official:
            item.official_only = False
            if source in AR_SHORT_SOURCES:
                item.short_votes.add(source)

    def add_curated(self, spec: dict[str, Any]) -> None:
        key = fold(self.lang, spec["term"])
        item = self.items.get(key)
        if item is None:
            item = self.items[key] = Candidate(spec["term"], key, official_only=False)
        item.term = spec["term"]
        for name, value in spec.items():
            if name == "sources":
                item.sources.extend(s for s in value if s not in item.sources)
            elif name != "term":
                item.curated[name] = value


def _marked(form: str) -> int:
    return sum(1 for c in form if c in _AR_MARKED_LETTERS)


def _first_word(form: str) -> str:
    word = fold_ar(form).split(" ")[0]
    return word.removeprefix("ال")


def choose_preferred(terms: TermSet, default_key: str | None) -> str:
    """Return the folded key of the preferred term: curated, else ``default_key``, else the form
    most short-name sources agree on (the first source in ``AR_SHORT_SOURCES`` order wins ties)."""
    curated = [k for k, c in terms.items.items() if c.curated.get("status") == "preferred"]
    if len(curated) > 1:
        raise ValueError(f"{terms.alpha2}/{terms.lang}: several curated preferred terms")
    if curated:
        return curated[0]
    if default_key is not None and default_key in terms.items:
        return default_key

    def rank(item: Candidate) -> tuple[int, int]:
        first = min((AR_SHORT_SOURCES.index(s) for s in item.short_votes), default=len(AR_SHORT_SOURCES))
        return (-len(item.short_votes), first)

    return min(terms.items.values(), key=rank).key


def is_full_form(lang: str, item: Candidate, preferred: Candidate) -> bool:
    """A long official name: given only as an official name, or a longer 'Republic of ...' form."""
    if item.official_only:
        return True
    if len(item.term) <= len(preferred.term):
        return False
    if lang == "ar":
        return _first_word(item.term) in AR_STATE_WORDS
    return bool(EN_STATE_WORDS.search(item.term))


def licensed(item: Candidate) -> bool:
    """True when some source of the form allows ODbL use (not only stefangabos and iso-codes)."""
    return any(not source.startswith(INCOMPATIBLE_SOURCES) for source in item.sources)


def drop_unlicensed(terms: TermSet) -> list[str]:
    """Remove the forms whose only sources are incompatible; return them as ``XX/lang: form``."""
    dropped = [key for key, item in terms.items.items() if not licensed(item)]
    for key in dropped:
        del terms.items[key]
    return [f"{terms.alpha2}/{terms.lang}: {key}" for key in dropped]


def build_terms(terms: TermSet, preferred_key: str) -> list[dict[str, Any]]:
    """Turn the candidates into glossary term mappings, preferred first."""
    preferred = terms.items[preferred_key]
    out: list[dict[str, Any]] = []
    for item in terms.items.values():
        status = "preferred" if item.key == preferred_key else item.curated.get("status", "admitted")
        if status == "preferred" and item.key != preferred_key:
            status = "admitted"
        if item.key == preferred_key:
            default_type = "shortForm"
        elif is_full_form(terms.lang, item, preferred):
            default_type = "fullForm"
        else:
            default_type = "variant"
        term: dict[str, Any] = {
            **item.curated,
            "term": item.term,
            "status": status,
            "type": item.curated.get("type", default_type),
            "pos": "properNoun",
            "sources": item.sources,
        }
        out.append({k: term[k] for k in TERM_KEY_ORDER if k in term})
    out.sort(key=lambda t: STATUS_ORDER[t["status"]])
    return out


# ---------------------------------------------------------------------------------- inputs


def load_inputs() -> tuple[list[dict[str, Any]], dict[str, dict[str, str]], dict[str, dict[str, str]], dict[str, str]]:
    """Return mledoze records, TSV rows by alpha-2, stefangabos rows by alpha-2, stefangabos English."""
    mledoze: list[dict[str, Any]] = json.loads(MLEDOZE_JSON.read_text(encoding="utf-8"))
    with MULTISOURCE_TSV.open(encoding="utf-8", newline="") as handle:
        tsv = {row["alpha2"]: row for row in csv.DictReader(handle, delimiter="\t")}
    with STEFANGABOS_AR.open(encoding="utf-8", newline="") as handle:
        sg_ar = {row["alpha2"].upper(): row for row in csv.DictReader(handle)}
    with STEFANGABOS_EN.open(encoding="utf-8", newline="") as handle:
        sg_en = {row["alpha2"].upper(): row["name"] for row in csv.DictReader(handle)}
    # The multi-source TSV was extracted from the same files: make sure they still agree.
    for record in mledoze:
        row = tsv.get(record["cca2"])
        if row is not None:
            assert row["ar_mledoze_common"] == record["translations"]["ara"]["common"], record["cca2"]
            assert row["ar_stefangabos"] == sg_ar[record["cca2"]]["name"], record["cca2"]
    assert set(tsv) <= {r["cca2"] for r in mledoze}, "TSV row missing from mledoze"
    return mledoze, tsv, sg_ar, sg_en


def region_phrase(record: dict[str, Any]) -> str:
    subregion = record.get("subregion") or ""
    return SUBREGION_PHRASES.get(subregion, subregion)


def build_concept(
    record: dict[str, Any],
    row: dict[str, str] | None,
    sg_ar: dict[str, str] | None,
    sg_en: str | None,
    curated: dict[str, Any],
) -> tuple[dict[str, Any], list[str], list[str]]:
    """Build one concept; also return the supplement exclusions that matched nothing and the forms
    left out for their licence."""
    alpha2: str = record["cca2"]
    sets: dict[str, TermSet] = {}
    for lang in ("en", "ar"):
        spec = curated.get(lang) or {}
        excluded = {fold(lang, e["term"]): e["reason"] for e in spec.get("exclude", [])}
        sets[lang] = TermSet(lang, alpha2, excluded)

    en = sets["en"]
    # mledoze's English names are names, not list labels ("Cocos (Keeling) Islands").
    en.add_source_form(record["name"]["common"], MLEDOZE, official=False, is_name=True)
    en.add_source_form(row["english_cldr"] if row else None, CLDR, official=False)
    en.add_source_form(sg_en, STEFANGABOS, official=False)
    en.add_source_form(record["name"]["official"], MLEDOZE, official=True, is_name=True)
    for alt in record.get("altSpellings", []):
        if EN_STATE_WORDS.search(alt):  # English official names; the rest are codes or endonyms
            en.add_source_form(alt, MLEDOZE_ALT, official=True)

    ar = sets["ar"]
    ara = record["translations"]["ara"]
    ar.add_source_form(row["ar_cldr"] if row else None, CLDR, official=False)
    ar.add_source_form(sg_ar["name"] if sg_ar else None, STEFANGABOS, official=False)
    ar.add_source_form(row["ar_isocodes"] if row else None, ISO, official=False)
    ar.add_source_form(ara["common"], MLEDOZE, official=False)
    ar.add_source_form(row["ar_isocodes_official"] if row else None, ISO, official=True)
    ar.add_source_form(ara["official"], MLEDOZE, official=True)

    terms: dict[str, list[dict[str, Any]]] = {}
    stale: list[str] = []
    unlicensed: list[str] = []
    for lang, term_set in sets.items():
        for spec in (curated.get(lang) or {}).get("terms", []):
            term_set.add_curated(spec)
        unlicensed += drop_unlicensed(term_set)
        default = fold_en(record["name"]["common"]) if lang == "en" else None
        terms[lang] = build_terms(term_set, choose_preferred(term_set, default))
        stale += [f"{alpha2}/{lang}: {k}" for k in set(term_set.excluded) - term_set.used_exclusions]

    english = terms["en"][0]["term"]
    concept_id = curated.get("id", slug(english))
    kind = "Country" if record.get("independent") else "Territory"
    definition = curated.get("definition", f"{kind} in {region_phrase(record)}; ISO 3166-1 {alpha2}.")
    definitions = dict(definition) if isinstance(definition, dict) else {"en": definition}
    if row:
        numeric = sg_ar["id"].zfill(3) if sg_ar else record["ccn3"]
        notes = [f"ISO 3166-1 alpha-2 {alpha2}, alpha-3 {row['alpha3']}, numeric {numeric}."]
    else:
        notes = [f"Code {alpha2} is user-assigned, not part of ISO 3166-1."]
    notes += curated.get("note", [])

    concept: dict[str, Any] = {
        "id": concept_id,
        "subject": "geography",
        "definition": definitions,
        "note": notes,
    }
    if curated.get("related"):
        concept["related"] = list(curated["related"])
    if curated.get("sources"):
        concept["sources"] = list(curated["sources"])
    concept["terms"] = terms
    return concept, stale, unlicensed


def build_glossary() -> dict[str, Any]:
    mledoze, tsv, sg_ar, sg_en = load_inputs()
    loaded = yaml.safe_load(SUPPLEMENT.read_text(encoding="utf-8"))
    supplement: dict[str, dict[str, Any]] = loaded["countries"]
    unknown = set(supplement) - {r["cca2"] for r in mledoze}
    if unknown:
        raise ValueError(f"supplement names unknown countries: {sorted(unknown)}")
    concepts: list[dict[str, Any]] = []
    stale: list[str] = []
    unlicensed: list[str] = []
    for record in mledoze:
        alpha2 = record["cca2"]
        concept, unused, dropped = build_concept(
            record, tsv.get(alpha2), sg_ar.get(alpha2), sg_en.get(alpha2), supplement.get(alpha2, {})
        )
        concepts.append(concept)
        stale += unused
        unlicensed += dropped
    if stale:
        raise ValueError(f"supplement exclusions that match no source form: {stale}")
    concepts.sort(key=lambda c: c["id"])
    return {
        "glossary": {
            "id": "world-countries",
            "title": "Countries of the world",
            "description": (
                "One concept per ISO 3166-1 country or territory (plus Kosovo) with its English and "
                "Arabic names: the news-style preferred form, official long names, short forms, other "
                "attested spellings and obsolete names. Generated by "
                "glossaries/sources/make_world_countries.py."
            ),
            "license": "ODbL-1.0",
            "sources": [
                (
                    "mledoze/countries, countries.json @ 5e9f370050f83ad2ba4cb885f75d66114badf72c "
                    "(https://github.com/mledoze/countries), ODbL-1.0"
                ),
                "Unicode CLDR 49 Arabic and English territory names, via PyPI babel 2.19.0, Unicode-3.0",
                "Curated variants with per-term sources: glossaries/sources/country-variants.yaml (ODbL-1.0)",
                (
                    "Corroboration only, no data taken (a form that only these give is left out): "
                    "stefangabos/world_countries @ 7edbb1e30ddc9b616ee07f76a3cad3af2416b618, CC-BY-SA-4.0; "
                    "Debian iso-codes via PyPI pycountry 26.2.16, LGPL-2.1. A term's sources name them "
                    "where they agree with a licensed source."
                ),
            ],
        },
        "concepts": concepts,
        "unlicensed": unlicensed,
        "elsewhere": frozenset(loaded.get("elsewhere", [])),
    }


# ---------------------------------------------------------------------------------- checks


def validate(glossary: dict[str, Any], elsewhere: frozenset[str] = frozenset()) -> list[str]:
    """Return a list of problems (empty if the glossary is sound); ``elsewhere`` are the ids of other
    glossaries' concepts that entries may name in ``related`` (``termbase lint`` checks they exist)."""
    problems: list[str] = []
    concepts = glossary["concepts"]
    ids = [c["id"] for c in concepts]
    known = set(ids) | elsewhere
    if len(set(ids)) != len(ids):
        problems.append("duplicate concept ids")
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    related = {c["id"]: set(c.get("related", [])) for c in concepts}
    for concept in concepts:
        cid = concept["id"]
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", cid):
            problems.append(f"{cid}: bad id")
        problems += [f"{cid}: unknown related id {r}" for r in related[cid] - known]
        for lang in ("en", "ar"):
            terms = concept["terms"][lang]
            if [t["status"] for t in terms].count("preferred") != 1:
                problems.append(f"{cid}/{lang}: not exactly one preferred term")
            keys = [fold(lang, t["term"]) for t in terms]
            if len(set(keys)) != len(keys):
                problems.append(f"{cid}/{lang}: two terms with the same folded form")
            for key in keys:
                owners[(lang, key)].add(cid)
    for (lang, key), cids in sorted(owners.items()):
        for a in cids:
            for b in cids - {a}:
                if b not in related[a]:
                    problems.append(f"{lang} form {key!r} shared by unrelated {sorted(cids)}")
    return sorted(set(problems))


def shared_forms(glossary: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """Forms that belong to more than one concept (allowed only between related concepts)."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for concept in glossary["concepts"]:
        for lang, terms in concept["terms"].items():
            for term in terms:
                owners[(lang, fold(lang, term["term"]))].add(concept["id"])
    return [(lang, key, sorted(c)) for (lang, key), c in sorted(owners.items()) if len(c) > 1]


# ---------------------------------------------------------------------------------- output

_FLOW_UNSAFE = re.compile(r"[,\[\]{}?&:]")
_LEADING_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`]")


def scalar(value: Any, *, flow: bool) -> str:
    """Render a scalar, plain where YAML reads it back as the same string, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    plain = (
        text != ""
        and text == text.strip()
        and not _LEADING_UNSAFE.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not (flow and _FLOW_UNSAFE.search(text))
    )
    if plain:
        try:
            plain = yaml.safe_load(text) == text
        except yaml.YAMLError:
            plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def flow_mapping(mapping: dict[str, Any]) -> str:
    parts = []
    for key, value in mapping.items():
        if isinstance(value, list):
            rendered = "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
        else:
            rendered = scalar(value, flow=True)
        parts.append(f"{key}: {rendered}")
    return "{" + ", ".join(parts) + "}"


def render(glossary: dict[str, Any]) -> str:
    info = glossary["glossary"]
    lines = [
        "# GENERATED FILE - do not edit by hand.",
        "# Made by glossaries/sources/make_world_countries.py from the data in glossaries/sources/",
        "# (CLDR, iso-codes, mledoze, stefangabos) and the curated glossaries/sources/country-variants.yaml.",
        "# To change an entry, edit country-variants.yaml (or the script) and regenerate:",
        "#   python glossaries/sources/make_world_countries.py",
        "# License: ODbL-1.0 (derived from mledoze/countries); see glossaries/sources/README.md.",
        "",
        "glossary:",
    ]
    for key in ("id", "title", "description", "license"):
        lines.append(f"  {key}: {scalar(info[key], flow=False)}")
    lines.append("  sources:")
    lines += [f"    - {scalar(s, flow=False)}" for s in info["sources"]]
    lines += ["", "concepts:"]
    for concept in glossary["concepts"]:
        lines.append(f"- id: {concept['id']}")
        lines.append(f"  subject: {concept['subject']}")
        lines.append("  definition:")
        lines += [f"    {lang}: {scalar(text, flow=False)}" for lang, text in concept["definition"].items()]
        lines.append("  note:")
        lines += [f"  - {scalar(n, flow=False)}" for n in concept["note"]]
        if "related" in concept:
            lines.append("  related: [" + ", ".join(concept["related"]) + "]")
        if "sources" in concept:
            lines.append("  sources:")
            lines += [f"  - {scalar(s, flow=False)}" for s in concept["sources"]]
        lines.append("  terms:")
        for lang in ("en", "ar"):
            lines.append(f"    {lang}:")
            lines += [f"    - {flow_mapping(t)}" for t in concept["terms"][lang]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the glossary on disk is stale")
    args = parser.parse_args(argv)

    glossary = build_glossary()
    unlicensed = glossary.pop("unlicensed")
    problems = validate(glossary, glossary.pop("elsewhere"))
    text = render(glossary)
    if yaml.safe_load(text) != glossary:
        problems.append("rendered YAML does not read back as the generated data")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1

    concepts = glossary["concepts"]
    ar_multi = sum(1 for c in concepts if len(c["terms"]["ar"]) > 1)
    print(
        f"{len(concepts)} concepts, {sum(len(c['terms']['en']) for c in concepts)} en terms, "
        f"{sum(len(c['terms']['ar']) for c in concepts)} ar terms; {ar_multi} countries with more "
        f"than one Arabic term; {len(shared_forms(glossary))} forms shared by related countries; "
        f"{len(unlicensed)} forms left out because only stefangabos or iso-codes give them"
    )
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is stale; regenerate it", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
