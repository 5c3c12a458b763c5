"""The :class:`Termbase`: loaded concepts with lookup, spotting and checking on top."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property, partial as bind
from itertools import compress, repeat
from operator import attrgetter, is_, lt, not_
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from termbase import cache
from termbase.cache import Entry, EntryWriter
from termbase.collector import collector_paused
from termbase._version import __version__
from termbase.errors import ConceptNotFoundError
from termbase.glossary import load_glossaries
from termbase.langtags import primary_language
from termbase.lint import LintFinding
from termbase.lookup_index import LOOKUP_SCHEME, LookupIndex
from termbase.lookup import Matches, rank_matches
from termbase.matches import Hit, MatchKind
from termbase.model import Concept, GlossaryInfo, PartOfSpeech, Term, TermType
from termbase.formats.segments import Segment
from termbase.normalize import FOLDING_SCHEME, fold_text
from termbase.qa.autofix import fix_text
from termbase.qa.issues import Report
from termbase.qa.validate import CheckOptions, check_document, check_segments
from termbase.spotting.bodies import country_nisbas, qualified_bodies
from termbase.spotting.teams import national_teams
from termbase.spotting.casing import lower_case_names
from termbase.spotting.context import resolve_by_related
from termbase.spotting.fuzzy import FUZZY_SCHEME, GEOGRAPHY_SUBJECT, FuzzySpotter
from termbase.spotting.acronyms import Acronyms, defined_otherwise
from termbase.spotting.embedded import Embedding, embedded
from termbase.spotting.homographs import Neighbourhoods, is_homograph, supported
from termbase.spotting.index import SpotIndex, cache_parts
from termbase.spotting.nested import Nesting, nest
from termbase.spotting.names import (PEOPLE_SUBJECT, family_name_nouns, partial_name_terms, person_filter,
                                     resolve_by_neighbour, resolve_by_title, without_sons)
from termbase.term_keys import term_keys
from termbase.spotting.spotter import guess_language, resolve_ambiguity, resolve_by_marks, spot_exact

__all__ = ["DEFAULT_SCORE_CUTOFF", "Spotting", "Termbase"]

_Index = TypeVar("_Index")

_term_of, _concept_of = attrgetter("term"), attrgetter("concept")
_match_of, _candidates_of = attrgetter("match"), attrgetter("candidates")
_shared = bind(lt, 1)
"""Whether a count of candidates is more than one."""


class _ReadBy(NamedTuple):
    """What the rules that read a name's neighbours look for, by identity (a glossary's terms live
    as long as its termbase) or concept id; a hit whose term or concept is in none of them is
    left as it is by that rule."""

    nouns: frozenset[int]
    """The noun terms (:func:`~termbase.spotting.names.family_name_nouns` reads only those)."""
    short_forms: frozenset[int]
    """The short forms (:func:`~termbase.spotting.bodies.qualified_bodies` reads bodies' only)."""
    people: frozenset[str]
    """The people's concepts (:func:`~termbase.spotting.names.without_sons` drops only those)."""
    places: frozenset[str]
    """The places' concepts (:func:`~termbase.spotting.teams.national_teams` drops only countries)."""


DEFAULT_SCORE_CUTOFF = 75.0
"""Default lowest fuzzy score (0-100) that :meth:`Termbase.lookup` reports."""


class Termbase:
    """Concepts from one or more glossaries, with lookup in either language.

    >>> tb = Termbase.load()                      # the shipped glossaries
    >>> tb.lookup("Tokaev")[0].concept.id
    'kassym-jomart-tokayev'
    """

    def __init__(self, concepts: Iterable[Concept], glossaries: Sequence[GlossaryInfo] = ()) -> None:
        ordered: dict[str, Concept] = {}
        for concept in concepts:
            if concept.id in ordered:
                raise ValueError(f"duplicate concept id {concept.id!r}")
            ordered[concept.id] = concept
        self._concepts: Mapping[str, Concept] = MappingProxyType(ordered)
        self.glossaries: tuple[GlossaryInfo, ...] = tuple(glossaries)
        self.layer_findings: tuple[LintFinding, ...] = ()
        """Forms that a layered glossary made ambiguous (see :meth:`load`)."""

    def __reduce__(self) -> tuple[type[Termbase], tuple[tuple[Concept, ...], tuple[GlossaryInfo, ...]]]:
        """Pickled as its concepts and glossaries (indexes are rebuilt, or read from the cache,
        where it is unpickled: a Dask worker receives a small payload once)."""
        return (Termbase, (tuple(self._concepts.values()), self.glossaries))

    @classmethod
    def load(cls, paths: Iterable[str | Path] | None = None, *, add: Iterable[str | Path] = ()) -> Termbase:
        """Load glossary files (all shipped glossaries when ``paths`` is None), with the glossaries
        ``add`` names layered on top (a layer concept with ``overrides: <id>`` replaces a base one).

        Forms a layer makes ambiguous are in :attr:`layer_findings`.
        """
        from termbase.glossary import shipped_glossary_paths
        from termbase.layers import layer_ambiguities

        base = list(shipped_glossary_paths() if paths is None else paths)
        with collector_paused():  # the glossaries' objects all stay: no collection walks them meanwhile
            glossaries = load_glossaries(base, add=add)
            termbase = cls(
                (concept for glossary in glossaries for concept in glossary.concepts),
                [glossary.info for glossary in glossaries],
            )
            layers = glossaries[len(base):]
            if layers:
                termbase.layer_findings = tuple(layer_ambiguities(glossaries[:len(base)], layers))
        return termbase

    # -- concepts -----------------------------------------------------------------------------

    @property
    def concepts(self) -> Mapping[str, Concept]:
        """Concepts by id, in load order."""
        return self._concepts

    def __len__(self) -> int:
        return len(self._concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._concepts

    def concept(self, concept_id: str) -> Concept:
        """The concept with ``concept_id`` (raises :class:`ConceptNotFoundError`)."""
        try:
            return self._concepts[concept_id]
        except KeyError:
            raise ConceptNotFoundError(concept_id) from None

    def preferred(self, concept_id: str, lang: str) -> Term | None:
        """The preferred term of a concept in ``lang``."""
        return self.concept(concept_id).preferred(lang)

    def variants(self, concept_id: str, lang: str | None = None) -> tuple[Term, ...]:
        """All terms of a concept (in ``lang`` only, if given), preferred first."""
        concept = self.concept(concept_id)
        if lang is not None:
            return concept.terms_in(lang)
        return tuple(sorted(concept.terms, key=lambda t: (concept.languages.index(t.lang), t.status.rank)))

    def translations(self, variant: str, target_lang: str, *, source_lang: str | None = None) -> tuple[Term, ...]:
        """Preferred ``target_lang`` terms of the concepts that ``variant`` names (exactly or folded).

        One term when the variant is clear, several when it is ambiguous (never a silent pick),
        none when it is not in the termbase.
        """
        exact = rank_matches(self._lookup_index.find_exact(variant, lang=source_lang), limit=None)
        best = [m for m in exact if m.match.rank == exact[0].match.rank] if exact else []
        found = (m.concept.preferred(target_lang) for m in best)
        return tuple(term for term in found if term is not None)

    @cached_property
    def _term_keys(self) -> list[str]:
        """Every term folded, concept by concept: folded once for whichever indexes are built, not read
        from the cache."""
        return term_keys(list(self._concepts.values()))

    # -- lookup -------------------------------------------------------------------------------

    @cached_property
    def _lookup_index(self) -> LookupIndex:
        with collector_paused():
            return self._stored("lookup", (FOLDING_SCHEME, LOOKUP_SCHEME),
                                lambda concepts: LookupIndex(concepts, keys=self._term_keys), LookupIndex.load,
                                LookupIndex.save)

    def lookup(
        self,
        query: str,
        *,
        lang: str | None = None,
        limit: int | None = 10,
        score_cutoff: float = DEFAULT_SCORE_CUTOFF,
    ) -> Matches:
        """Concepts whose terms match ``query``, best first, one match per concept, at most ``limit``.

        Exact and folded matches score 100; fuzzy matches score the rapidfuzz ratio of the folded
        query against a term or one of its words. Concepts tied at the top are flagged ambiguous;
        ``more_tied`` of the result counts those the limit left out.
        """
        return self._lookup_index.rank(query, lang=lang, score_cutoff=score_cutoff, limit=limit)

    # -- spotting -----------------------------------------------------------------------------

    @cached_property
    def _spot_index(self) -> SpotIndex:
        with collector_paused():
            return self._stored("spot", cache_parts(), lambda concepts: SpotIndex.build(concepts, keys=self._term_keys),
                                SpotIndex.load, SpotIndex.save)

    def _stored(self, kind: str, parts: Sequence[str], build: Callable[[list[Concept]], _Index],
                load: Callable[[Entry, list[Concept]], _Index | None],
                save: Callable[[_Index, EntryWriter], None]) -> _Index:
        """An index of the concepts from the cache (kind ``kind``, keyed on the glossaries' digest and
        ``parts``), or built and stored; built only, when the concepts were made in memory."""
        concepts = list(self._concepts.values())
        if not self.glossaries:  # concepts made in memory: nothing to key a stored index on
            return build(concepts)
        key = cache.entry_key(self.digest, *parts)
        entry = cache.open_entry(kind, key)
        if entry is not None:
            cached = load(entry, concepts)
            if cached is not None:
                return cached
        index = build(concepts)
        slot = "\n".join(sorted(str(Path(info.path).resolve()) for info in self.glossaries))
        cache.store_entry(kind, key, bind(save, index), slot=slot)
        return index

    def spot(self, text: str, *, lang: str | None = None, fuzzy: bool = True, whole_names: bool = True) -> list[Hit]:
        """Every occurrence of a glossary term in ``text``, in text order, spans exact.

        ``lang`` is the language of the text (guessed from its script when None). With
        ``fuzzy``, spellings of names that the glossary does not list are reported as fuzzy hits.
        With ``whole_names`` (the default), a place or person name that a head word makes part of
        a longer name the glossary lacks is no hit ("Nazarbayev University": see
        :mod:`termbase.spotting.embedded`), nor is a body's short form that another country
        qualifies ("the Russian Security Council": :mod:`termbase.spotting.bodies`); without, they
        are reported as the name. An English name
        written in lower case in a text that uses capitals is no hit ("turkey prices": see
        :mod:`termbase.spotting.casing`).
        """
        return self.spotting(text, lang=lang, fuzzy=fuzzy).hits(whole_names=whole_names)

    def spotting(self, text: str, *, lang: str | None = None, fuzzy: bool = True) -> Spotting:
        """The spotting of ``text``, to be read with or without the names inside longer names
        (:meth:`Spotting.hits`) for the cost of one pass over the text."""
        lang = lang or guess_language(text)
        return Spotting(self, text, lang, tuple(self._spot_names(text, lang, fuzzy)))

    def _read_names(self, hits: list[Hit], text: str, lang: str, whole_names: bool) -> list[Hit]:
        """The rules of :meth:`spot` that read a name's neighbours, on :meth:`_spot_names`' hits."""
        hits = lower_case_names(hits, text, lang)
        hits = defined_otherwise(hits, text, self._concepts.get)
        # The rules below drop hits only; each runs when a hit of the text may be one it reads,
        # told by one set operation over the hits' terms or concepts (see :attr:`_read_by`).
        nouns, short_forms, people, places = self._read_by
        if primary_language(lang) == "ar" and nouns and not nouns.isdisjoint(map(id, map(_term_of, hits))):
            hits = family_name_nouns(hits, text)
        if people and not people.isdisjoint(map(_concept_of, hits)):
            hits = without_sons(hits, text, self._concepts)
        partial = self._partial_names(hits)
        if whole_names:
            hits = embedded(hits, text, lang, self._embedding, partial, self._is_common)
            if short_forms and not short_forms.isdisjoint(map(id, map(_term_of, hits))):
                hits = qualified_bodies(hits, text, lang, self._concepts.get, self._homograph_neighbours,
                                        self._is_common, self._country_nisbas)
        if places and not places.isdisjoint(map(_concept_of, hits)):
            hits = national_teams(hits, text, lang, self._concepts)
        if ((partial and any(map(partial.__contains__, map(id, map(_term_of, hits)))))
                or any(map(is_, map(_match_of, hits), repeat(MatchKind.FUZZY)))):
            hits = person_filter(hits, text, self._concepts, self._is_common, partial)
        if any(map(_shared, map(len, map(_candidates_of, hits)))):
            hits = resolve_by_title(hits, text, self._concepts)
            hits = resolve_by_marks(resolve_by_neighbour(resolve_ambiguity(hits), text), self._concepts)
            hits = resolve_by_related(hits, self._concepts)
        return hits

    def _spot_names(self, text: str, lang: str, fuzzy: bool) -> list[Hit]:
        """The hits of :meth:`spot` before the rules that read a name's neighbours: exact and
        fuzzy terms, common-word homographs kept only with support, nested names widened."""
        folded = fold_text(text)
        hits = spot_exact(self._spot_index, text, lang, folded=folded)
        if fuzzy:
            hits = self._fuzzy_spotter.spot(text, lang, hits, folded=folded)
            hits = self._acronyms.spot(text, lang, hits)
        # Each pass below runs only when some hit needs it; the tests iterate in C (maps over
        # attribute getters): a few ms for the 20k hits of a megabyte of news.
        homographs = self._homographs(hits)
        if homographs:
            hits = supported(hits, homographs, self._homograph_neighbours, text)
        nesting = self._nesting
        if nesting.outer and any(map(nesting.outer.__contains__, zip(map(_concept_of, hits), repeat(lang)))):
            hits = nest(hits, text, lang, nesting)
        return hits

    def _partial_names(self, hits: Sequence[Hit]) -> frozenset[int]:
        """Identities of the terms of ``hits`` that are a person's partial name (a surname alone),
        each person's terms read once, when a hit first carries one of them; the terms read before
        are told apart from the new ones in one set operation, not a look-up per hit, and a
        glossary with no person reads none."""
        if not self._read_by.people:
            return frozenset()
        read, partial = self._partial_memo
        carried = set(map(id, map(_term_of, hits)))
        unread = carried.difference(read)
        for hit in hits:
            if id(hit.term) in unread:
                unread.discard(id(hit.term))
                concept = self._person_of(hit)
                if concept is not None:  # a glossary term: it lives as long as the termbase, its identity too
                    partial.update(partial_name_terms((concept,)))
                    read.update(map(id, concept.terms))
        return frozenset(carried.intersection(partial))

    def _person_of(self, hit: Hit) -> Concept | None:
        """The person whose term ``hit`` carries (None when the term is no person's): looked for
        among the concepts the hit names, and only when it is none of theirs (a term the spotter
        made) in the table of every person term, made then."""
        term = hit.term
        for concept_id in (hit.concept, *hit.candidates):
            concept = self._concepts.get(concept_id) if concept_id is not None else None
            if concept is not None and any(map(is_, concept.terms, repeat(term))):
                return concept if concept.subject == PEOPLE_SUBJECT else None
        return self._person_terms.get(id(term))

    @cached_property
    def _read_by(self) -> _ReadBy:
        """The terms and concepts that the rules of :meth:`_read_names` which drop hits can read,
        gathered in one pass over the glossary."""
        nouns: set[int] = set()
        short_forms: set[int] = set()
        people: set[str] = set()
        places: set[str] = set()
        noun, short_form = PartOfSpeech.NOUN, TermType.SHORT_FORM
        for concept in self._concepts.values():
            if concept.subject == PEOPLE_SUBJECT:
                people.add(concept.id)
            elif concept.subject == GEOGRAPHY_SUBJECT:
                places.add(concept.id)
            for term in concept.terms:
                if term.pos is noun:
                    nouns.add(id(term))
                if term.type is short_form:
                    short_forms.add(id(term))
        return _ReadBy(frozenset(nouns), frozenset(short_forms), frozenset(people), frozenset(places))

    @cached_property
    def _person_terms(self) -> dict[int, Concept]:
        """The concept of each term of a person (the only terms that may be a partial name), by
        the term's identity (600k entries at 100k people: made only for a term no hit's concept
        holds, see :meth:`_person_of`); the people are those :attr:`_read_by` gathered."""
        concepts = self._concepts
        return {id(term): concepts[person] for person in self._read_by.people for term in concepts[person].terms}

    @cached_property
    def _partial_memo(self) -> tuple[set[int], set[int]]:
        """Identities of the person terms whose concept :meth:`_partial_names` has read, and of
        those among them that are a person's partial name."""
        return set(), set()

    def _homographs(self, hits: Sequence[Hit]) -> list[int]:
        """Positions of the hits whose term is a common-word homograph (:func:`is_homograph`),
        each term asked once (by identity); whether every term was asked before and whether any
        is a homograph are set operations over the hits' terms, not a call per hit."""
        asked, homographs = self._homograph_memo
        terms = list(map(id, map(_term_of, hits)))
        if not asked.issuperset(terms):
            for term in compress(map(_term_of, hits), map(not_, map(asked.__contains__, terms))):
                if id(term) not in asked:  # (a term carried twice is asked at its first hit)
                    if is_homograph(term):
                        homographs.add(id(term))
                    asked.add(id(term))
        if homographs.isdisjoint(terms):
            return []
        return list(compress(range(len(terms)), map(homographs.__contains__, terms)))

    @cached_property
    def _homograph_memo(self) -> tuple[set[int], set[int]]:
        """Identities of the terms :func:`is_homograph` was asked of, and of those among them it
        found to be homographs."""
        return set(), set()

    @cached_property
    def _homograph_neighbours(self) -> Neighbourhoods:
        return Neighbourhoods(self._concepts)

    @cached_property
    def _country_nisbas(self) -> dict[str, str]:
        concepts = self._concepts  # a country is a place: only the places :attr:`_read_by` gathered are read
        return country_nisbas({place: concepts[place] for place in self._read_by.places})

    @cached_property
    def _embedding(self) -> Embedding:
        return Embedding.build(self._concepts, people=self._read_by.people, places=self._read_by.places)

    @cached_property
    def _acronyms(self) -> Acronyms:
        return Acronyms(self._concepts.values())

    @cached_property
    def _nesting(self) -> Nesting:
        return Nesting.build(self._concepts)

    def _is_common(self, word: str) -> bool:
        return self._fuzzy_spotter.is_common(word)

    @cached_property
    def _fuzzy_spotter(self) -> FuzzySpotter:
        with collector_paused():
            return self._stored("fuzzy", (FOLDING_SCHEME, FUZZY_SCHEME),
                                lambda concepts: FuzzySpotter(concepts, keys=self._term_keys), FuzzySpotter.load,
                                FuzzySpotter.save)

    # -- checking -----------------------------------------------------------------------------

    def check(
        self,
        source: str | None,
        target: str,
        *,
        source_lang: str = "ar",
        target_lang: str = "en",
        fuzzy: bool = True,
        counts: bool = True,
    ) -> Report:
        """Check a translated document against its source (or alone, when ``source`` is None).

        Returns a :class:`~termbase.qa.issues.Report` of issue values; never raises for findings.
        """
        options = CheckOptions(fuzzy=fuzzy, counts=counts)
        return check_document(self, source, target, source_lang=source_lang, target_lang=target_lang,
                              options=options)

    def check_segments(
        self,
        segments: Iterable[Segment | tuple[str, str]],
        *,
        source_lang: str = "ar",
        target_lang: str = "en",
        fuzzy: bool = True,
        counts: bool = True,
        numbers: bool = True,
    ) -> Report:
        """Check aligned segments: (source, target) pairs or segments of a PO, XLIFF or TSV file."""
        options = CheckOptions(fuzzy=fuzzy, counts=counts, numbers=numbers)
        return check_segments(self, segments, source_lang=source_lang, target_lang=target_lang,
                              options=options)

    def fix(self, source: str | None, target: str, *, source_lang: str = "ar", target_lang: str = "en",
            unsafe: bool = False) -> str:
        """``target`` with the safe fixes applied (listed variants of the same kind, misspellings
        the source confirms); with ``unsafe``, every fixable suggestion (see :mod:`termbase.qa.autofix`)."""
        report = self.check(source, target, source_lang=source_lang, target_lang=target_lang)
        return fix_text(report, unsafe=unsafe)[0]

    # -- identity -----------------------------------------------------------------------------

    @cached_property
    def digest(self) -> str:
        """A short digest of the loaded glossaries (file contents) or of the concepts."""
        hasher = hashlib.sha256()
        if self.glossaries and all(info.digest for info in self.glossaries):
            for info in sorted(self.glossaries, key=lambda i: i.id):
                hasher.update(f"{info.id}:{info.digest}\n".encode())
        else:
            for concept in self._concepts.values():
                hasher.update(repr(concept).encode())
        return hasher.hexdigest()[:12]

    def signature(self, **settings: object) -> str:
        """Reproducibility signature: glossary digest, folding scheme, settings and version."""
        parts = [f"glossary:{self.digest}", f"fold:{FOLDING_SCHEME}"]
        parts += [f"{name}:{value}" for name, value in sorted(settings.items())]
        parts.append(f"version:{__version__}")
        return "|".join(parts)


class Spotting:
    """One text's spotting (:meth:`Termbase.spotting`): its hits, read with or without the names
    that a head word makes part of a longer name."""

    __slots__ = ("_names", "_termbase", "lang", "text")

    def __init__(self, termbase: Termbase, text: str, lang: str, names: tuple[Hit, ...]) -> None:
        self._termbase, self.text, self.lang, self._names = termbase, text, lang, names

    def hits(self, *, whole_names: bool = True) -> list[Hit]:
        """The hits of :meth:`Termbase.spot` with this ``whole_names``."""
        return self._termbase._read_names(list(self._names), self.text, self.lang, whole_names)
