"""Accuracy of spotting and autofix on labelled real news sentences (see README.md beside this file).

    python benchmarks/accuracy/run.py                  # the table
    python benchmarks/accuracy/run.py --format json    # the same figures as JSON
    python benchmarks/accuracy/run.py --show missed,wrong,false,unannotated,damage,planted,loo

Four runs over the data in ``data/``:

- **spans**: every annotated span of ``spans.ar.jsonl`` / ``spans.en.jsonl`` against ``Termbase.spot``
  of its sentence: found (a hit on the span names its concept), ambiguous (an unresolved hit lists
  it), wrong concept, missed; false hits on look-alikes (spans labelled ``none``); glossary gaps apart.
- **leave-one-out**: each attested spelling removed from the glossary in memory (its concept keeps its
  other terms) and spotted again in a real sentence.
- **autofix**: ``Termbase.fix`` of the correct English sentences must change nothing.
- **planted**: deprecated and misspelt forms planted in those sentences (``planted.en.jsonl``) must be
  reported, and fixed back to the original sentence without touching anything else.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from termbase import Termbase  # noqa: E402
from termbase.attestation import read_attestations, shipped_attestations_path  # noqa: E402
from termbase.errors import FormatError  # noqa: E402
from termbase.model import Concept, PartOfSpeech, TermStatus  # noqa: E402
from termbase.normalize import fold  # noqa: E402
from termbase.qa.issues import Issue, IssueCode  # noqa: E402
from termbase.matches import Hit  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
LANGS = ("ar", "en")
NONE = "none"
FINDING_CODES = frozenset({IssueCode.DEPRECATED_TERM, IssueCode.FORBIDDEN_TERM, IssueCode.MISSPELLED_TERM})
PLANT_KINDS = ("deprecated", "typo")

# -- data ---------------------------------------------------------------------------------------


class DataError(ValueError):
    """A data file is malformed: the message names the file, the line and what is wrong."""


@dataclass(frozen=True, slots=True)
class Span:
    """One annotated mention: ``sentence.text[start:end] == text``, labelled with what it denotes.

    ``concept`` is the id of the concept the mention denotes, or ``none`` for a word that denotes no
    concept at all; ``gap`` says the annotator found no such concept in the glossary; ``lookalike``
    marks a mention that resembles another concept's name (a relative, a namesake, a homograph, an
    ordinary word).
    """

    start: int
    end: int
    text: str
    concept: str
    gap: bool = False
    lookalike: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence copied from a news page, with its source and its annotated spans."""

    id: str
    lang: str
    text: str
    url: str
    outlet: str
    date: str
    spans: tuple[Span, ...]
    clean: bool = False


@dataclass(frozen=True, slots=True)
class Plant:
    """A form planted into a correct sentence: ``text[start:end] == planted`` replaces ``original``."""

    id: str
    base: str
    kind: str
    concept: str
    text: str
    start: int
    end: int
    planted: str
    original: str


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                raise DataError(f"{path}:{number}: not JSON: {error.msg}") from None
            if not isinstance(value, dict):
                raise DataError(f"{path}:{number}: a line must be a JSON object")
            yield number, value


def _field(path: Path, number: int, value: dict[str, Any], name: str, kind: type = str) -> Any:
    if name not in value or not isinstance(value[name], kind):
        raise DataError(f"{path}:{number}: field {name!r} missing or not {kind.__name__}")
    return value[name]


def load_sentences(path: Path, tb: Termbase | None = None) -> list[Sentence]:
    """Sentences of one spans file, checked: offsets match the quoted text, URLs present, labels known.

    With ``tb``, every label must be a concept of ``tb``, ``none``, or flagged as a gap (``"gap":
    true``); a gap that the glossary has since gained counts as a glossary concept in the runs.
    """
    sentences: list[Sentence] = []
    seen: set[str] = set()
    for number, value in _read_jsonl(path):
        sid = _field(path, number, value, "id")
        where = f"{path}:{number} ({sid})"
        if sid in seen:
            raise DataError(f"{where}: duplicate id")
        seen.add(sid)
        text = _field(path, number, value, "text")
        url = _field(path, number, value, "url")
        if not url.startswith(("http://", "https://")):
            raise DataError(f"{where}: url {url!r} is not an http(s) address")
        spans: list[Span] = []
        for raw in _field(path, number, value, "spans", list):
            if not isinstance(raw, dict):
                raise DataError(f"{where}: a span must be an object")
            start, end = _field(path, number, raw, "start", int), _field(path, number, raw, "end", int)
            quoted, concept = _field(path, number, raw, "text"), _field(path, number, raw, "concept")
            gap, lookalike = raw.get("gap", False) is True, raw.get("lookalike", False) is True
            if not 0 <= start < end <= len(text) or text[start:end] != quoted:
                raise DataError(f"{where}: span [{start}, {end}) is {text[start:end]!r}, not {quoted!r}")
            if spans and start < spans[-1].end:
                raise DataError(f"{where}: span {quoted!r} overlaps or precedes {spans[-1].text!r}")
            if concept == NONE and not lookalike:
                raise DataError(f"{where}: {quoted!r} is labelled none but not marked as a look-alike")
            if tb is not None and concept != NONE and not gap and concept not in tb:
                raise DataError(f"{where}: concept {concept!r} of {quoted!r} is not in the glossary "
                                "(a misspelt id, or a glossary gap to flag with \"gap\": true)")
            spans.append(Span(start, end, quoted, concept, gap, lookalike))
        lang = _field(path, number, value, "lang")
        if lang not in LANGS:
            raise DataError(f"{where}: lang {lang!r} is not one of {', '.join(LANGS)}")
        sentences.append(Sentence(sid, lang, text, url, str(value.get("outlet", "")),
                                  str(value.get("date", "")), tuple(spans), value.get("clean") is True))
    return sentences


def load_plants(path: Path, sentences: Sequence[Sentence]) -> list[Plant]:
    """The planted set, checked against the sentences it was made from."""
    by_id = {sentence.id: sentence for sentence in sentences}
    plants: list[Plant] = []
    for number, value in _read_jsonl(path):
        plant = Plant(**{f.name: _field(path, number, value, f.name, int if f.name in ("start", "end") else str)
                         for f in dataclasses.fields(Plant)})
        where = f"{path}:{number} ({plant.id})"
        base = by_id.get(plant.base)
        if base is None or not base.clean:
            raise DataError(f"{where}: base {plant.base!r} is not a correct English sentence")
        if plant.kind not in PLANT_KINDS:
            raise DataError(f"{where}: kind {plant.kind!r} is not one of {', '.join(PLANT_KINDS)}")
        if plant.text[plant.start:plant.end] != plant.planted:
            raise DataError(f"{where}: [{plant.start}, {plant.end}) is not {plant.planted!r}")
        rebuilt = plant.text[:plant.start] + plant.original + plant.text[plant.end:]
        if rebuilt != base.text:
            raise DataError(f"{where}: putting {plant.original!r} back does not give the base sentence")
        plants.append(plant)
    return plants


@dataclass(frozen=True, slots=True)
class Attested:
    """One spelling of a concept to leave out, and where it was seen."""

    concept: str
    lang: str
    spelling: str
    outlet: str = ""
    url: str = ""


def load_attested(path: Path) -> list[Attested]:
    """Distinct (concept, lang, spelling) rows of an attested spellings TSV, first outlet kept."""
    rows: dict[tuple[str, str, str], Attested] = {}
    for row in read_attestations(path):
        rows.setdefault((row.concept, row.lang, row.spelling),
                        Attested(row.concept, row.lang, row.spelling, row.outlet, row.url))
    return list(rows.values())


PERSON_AND_PLACE = frozenset({"people", "geography"})
"""Subject fields of the concepts whose spellings the fallback leave-one-out set takes."""


def glossary_spellings(tb: Termbase) -> list[Attested]:
    """Non-preferred proper-noun terms of person and place concepts that keep other terms in their
    language (the leave-one-out set when there is no attested spellings file)."""
    found: list[Attested] = []
    for concept in tb:
        if concept.subject not in PERSON_AND_PLACE:
            continue
        for lang in LANGS:
            terms = concept.terms_in(lang)
            if len(terms) < 2:
                continue
            for term in terms:
                if term.status is not TermStatus.PREFERRED and term.pos is PartOfSpeech.PROPER_NOUN:
                    found.append(Attested(concept.id, lang, term.text, "glossary"))
    return found


# -- spans --------------------------------------------------------------------------------------


def _overlapping(hits: Sequence[Hit], start: int, end: int) -> list[Hit]:
    return [hit for hit in hits if hit.start < end and start < hit.end]


def judge(hits: Sequence[Hit], concept: str, start: int, end: int) -> str:
    """found, ambiguous, wrong or missed: what the hits over the mention ``[start, end)`` say of
    ``concept``. A hit of another concept makes it ``wrong`` only when it covers at least half of the
    mention ("Republic of China" in "People's Republic of China"); a word of a longer name that names
    something else ("Russian" in "Russian Federation") leaves the mention missed.
    """
    if any(hit.concept == concept for hit in hits):
        return "found"
    if any(hit.concept is None and concept in hit.candidates for hit in hits):
        return "ambiguous"
    if any((hit.concept is not None or hit.candidates)
           and 2 * (min(end, hit.end) - max(start, hit.start)) >= end - start for hit in hits):
        return "wrong"
    return "missed"


@dataclass
class SpanResult:
    """Counts of one language's span run, and the cases behind them."""

    positives: Counter[str] = field(default_factory=Counter)
    by_match: Counter[str] = field(default_factory=Counter)
    gaps: Counter[str] = field(default_factory=Counter)
    gaps_filled: int = 0
    nones: int = 0
    lookalikes: int = 0
    false_hits: int = 0
    unannotated: int = 0
    sentences: int = 0
    cases: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def figures(self) -> dict[str, Any]:
        """The figures of this run as plain values."""
        total = sum(self.positives.values())
        gap_total = sum(self.gaps.values())
        return {
            "sentences": self.sentences,
            "spans": total + gap_total + self.nones,
            "glossary_spans": total,
            "recall": _ratio(self.positives["found"], total),
            "ambiguous_rate": _ratio(self.positives["ambiguous"], total),
            "wrong_concept_rate": _ratio(self.positives["wrong"], total),
            "missed_rate": _ratio(self.positives["missed"], total),
            "found_by_match": dict(sorted(self.by_match.items())),
            "gap_spans": gap_total,
            "gap_wrong_concept": self.gaps["wrong"],
            "gaps_now_in_glossary": self.gaps_filled,
            "recall_with_gaps": _ratio(self.positives["found"], total + gap_total),
            "lookalike_spans": self.lookalikes,
            "lookalike_false_hits": self.false_hits,
            "lookalike_false_hit_rate": _ratio(self.false_hits, self.lookalikes),
            "unannotated_hits": self.unannotated,
        }


def _claims_other(hit: Hit, concept: str) -> bool:
    """True when ``hit`` says its words name a concept other than ``concept``."""
    if hit.concept is not None:
        return hit.concept != concept
    return bool(hit.candidates) and concept not in hit.candidates


def _describe(hits: Iterable[Hit], context: str | None = None) -> str:
    """The hits as ``'text'→concept (match)``; with ``context`` (the sentence), each hit's evidence
    (the rules and terms that made it) and the sentence follow on their own lines."""
    hits = list(hits)
    parts = [f"{hit.text!r}→{hit.concept or '|'.join(hit.candidates)} ({hit.match})" for hit in hits]
    line = ", ".join(parts) or "no hit"
    if context is None:
        return line
    evidence = [f"\n      {hit.text!r}: " + "; ".join(f"{e.rule}: {e.detail}" for e in hit.evidence) for hit in hits]
    return line + "".join(evidence) + f"\n      sentence: {context}"


def run_spans(tb: Termbase, sentences: Sequence[Sentence], *, context: bool = False) -> SpanResult:
    """Spot every sentence and judge every annotated span.

    A span of a glossary concept is found, ambiguous, wrong or missed (:func:`judge`); a span whose
    concept the glossary lacks is a gap (a miss counted apart, "wrong" when a hit gives it another
    concept); a look-alike span is a false hit when a hit on it claims a concept it does not denote.
    With ``context``, each case carries its sentence and the evidence of the hits over it.
    """
    result = SpanResult()
    for sentence in sentences:
        result.sentences += 1
        hits = tb.spot(sentence.text, lang=sentence.lang)
        shown = sentence.text if context else None
        for span in sentence.spans:
            over = _overlapping(hits, span.start, span.end)
            where = f"{sentence.id} {span.text!r} [{span.concept}]: {_describe(over, shown)}"
            if span.lookalike:
                result.lookalikes += 1
                if any(_claims_other(hit, span.concept) for hit in over):
                    result.false_hits += 1
                    result.cases["false"].append(where)
            if span.concept == NONE:
                result.nones += 1
                continue
            verdict = judge(over, span.concept, span.start, span.end)
            if span.concept not in tb:
                result.gaps[verdict] += 1
                result.cases["gap"].append(where)
                continue
            result.gaps_filled += span.gap
            result.positives[verdict] += 1
            if verdict == "found":
                result.by_match[str(next(h for h in over if h.concept == span.concept).match)] += 1
            else:
                result.cases[verdict].append(where)
        for hit in hits:
            if not any(hit.start < span.end and span.start < hit.end for span in sentence.spans):
                result.unannotated += 1
                result.cases["unannotated"].append(f"{sentence.id}: {_describe([hit], shown)}")
    return result


# -- leave-one-out ------------------------------------------------------------------------------


def without_term(concept: Concept, lang: str, spelling: str) -> Concept:
    """``concept`` without its ``lang`` term ``spelling``."""
    terms = tuple(t for t in concept.terms if not (t.lang == lang and t.text == spelling))
    return dataclasses.replace(concept, terms=terms)


COMMON_WORD_CONCEPTS = 6
"""A folded word in the terms of this many concepts or more is common ("republic", "جمهورية")."""


def loo_batches(tb: Termbase, items: Sequence[Attested]) -> list[list[Attested]]:
    """Items grouped so that one glossary build serves a batch of left-out spellings.

    In one batch: no concept loses two spellings (in any language), nor do two concepts that relate
    to each other (an adjective takes the nisba of its country's names: قازاخستاني of قازاخستان);
    no removed spelling runs inside another ("Republic of China" inside "People's Republic of
    China"); a word of a removed spelling
    is in the terms of no other concept of the batch, and no other spelling of the batch removes it,
    unless it is common (:data:`COMMON_WORD_CONCEPTS`), and then the batch's removals leave it
    common. So each spelling is spotted with a glossary that lacks it and differs from "the glossary
    minus that spelling" only in concepts that share no telling word with it (``--exact-loo``
    rebuilds per spelling to confirm).
    """
    neighbours: dict[str, set[str]] = defaultdict(set)  # concept -> the concepts it relates to, both ways
    for concept in tb:
        for other in concept.related:
            neighbours[concept.id].add(other)
            neighbours[other].add(concept.id)
    sharing: Counter[tuple[str, str]] = Counter()
    own: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for concept in tb:
        for lang in LANGS:
            words = {(lang, word) for term in concept.terms_in(lang) for word in fold(term.text).split()}
            own[(lang, concept.id)] = words
            sharing.update(words)

    @dataclass
    class Batch:
        items: list[Attested] = field(default_factory=list)
        concepts: set[str] = field(default_factory=set)
        taken: set[tuple[str, str]] = field(default_factory=set)
        removals: Counter[tuple[str, str]] = field(default_factory=Counter)
        phrases: set[tuple[str, str]] = field(default_factory=set)

        def fits(self, concept: str, removed: set[tuple[str, str]], words: set[tuple[str, str]],
                 phrase: tuple[str, str]) -> bool:
            if concept in self.concepts or not neighbours[concept].isdisjoint(self.concepts):
                return False
            if any(lang == phrase[0] and (_within(other, phrase[1]) or _within(phrase[1], other))
                   for lang, other in self.phrases):
                return False
            for word in removed:
                if sharing[word] >= COMMON_WORD_CONCEPTS:
                    if self.removals[word] > sharing[word] - COMMON_WORD_CONCEPTS:
                        return False
                elif word in self.taken or self.removals[word]:
                    return False
            return not any(self.removals[word] and sharing[word] < COMMON_WORD_CONCEPTS for word in words)

    batches: list[Batch] = []
    for item in items:
        removed = {(item.lang, word) for word in fold(item.spelling).split()}
        words = own[(item.lang, item.concept)]
        phrase = (item.lang, f" {fold(item.spelling)} ")
        batch = next((b for b in batches if b.fits(item.concept, removed, words, phrase)), None)
        if batch is None:
            batch = Batch()
            batches.append(batch)
        batch.items.append(item)
        batch.concepts.add(item.concept)
        batch.taken |= {word for word in words if sharing[word] < COMMON_WORD_CONCEPTS}
        batch.removals.update(removed)
        batch.phrases.add(phrase)
    return [batch.items for batch in batches]


def _within(part: str, whole: str) -> bool:
    """True when the words of ``part`` (padded with spaces) run inside ``whole`` (padded too)."""
    return part in whole


def loo_contexts(item: Attested, subjects: Mapping[str, str | None],
                 sentences: Sequence[Sentence]) -> list[tuple[str, int, int, str]]:
    """Real sentences to spot a left-out spelling in: (text, start, end, kind), best kind first.

    ``attested``: sentences where the spelling itself is annotated with its concept (up to three).
    Otherwise ``substituted``: a sentence with a mention of the concept, that mention replaced by the
    spelling; or ``substituted-kind``: a mention of another concept of the same subject field (a
    country for a country, a person for a person) replaced by the spelling. Otherwise ``bare``: the
    spelling alone. Substitutions pick their sentence by a hash of the spelling, the same every run.
    """
    key, subject = fold(item.spelling), subjects.get(item.concept)
    attested: list[tuple[str, int, int, str]] = []
    same: list[tuple[Sentence, Span]] = []
    kind: list[tuple[Sentence, Span]] = []
    for sentence in sentences:
        if sentence.lang != item.lang:
            continue
        for span in sentence.spans:
            if span.concept == NONE or span.concept not in subjects:
                continue
            if span.concept == item.concept:
                folded = fold(span.text)
                if folded == key:
                    attested.append((sentence.text, span.start, span.end, "attested"))
                elif folded.endswith(key) and span.text.endswith(item.spelling):  # a clitic in front
                    attested.append((sentence.text, span.end - len(item.spelling), span.end, "attested"))
                else:
                    same.append((sentence, span))
            elif subject is not None and subjects.get(span.concept) == subject:
                kind.append((sentence, span))
    if attested:
        return attested[:3]
    for pool, name in ((same, "substituted"), (kind, "substituted-kind")):
        if pool:
            sentence, span = pool[int(hashlib.sha1(item.spelling.encode()).hexdigest()[:8], 16) % len(pool)]
            text = sentence.text[:span.start] + item.spelling + sentence.text[span.end:]
            return [(text, span.start, span.start + len(item.spelling), name)]
    return [(item.spelling, 0, len(item.spelling), "bare")]


@dataclass
class LooResult:
    """Counts of the leave-one-out run."""

    source: str = ""
    verdicts: Counter[str] = field(default_factory=Counter)
    by_lang: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    contexts: Counter[str] = field(default_factory=Counter)
    builds: int = 0
    cases: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    verdict_of: dict[Attested, str] = field(default_factory=dict)
    shared: Counter[str] = field(default_factory=Counter)
    """Verdicts of the spellings that another concept lists too (:func:`run_loo`), among the others."""

    def figures(self) -> dict[str, Any]:
        """The figures of this run as plain values."""
        total = sum(self.verdicts.values())
        shared = sum(self.shared.values())
        per_lang = {lang: {"spellings": sum(c.values()), "recall": _ratio(c["found"], sum(c.values())),
                           "wrong_concept_rate": _ratio(c["wrong"], sum(c.values()))}
                    for lang, c in sorted(self.by_lang.items())}
        return {
            "source": self.source,
            "spellings": total,
            "recall": _ratio(self.verdicts["found"], total),
            "ambiguous_rate": _ratio(self.verdicts["ambiguous"], total),
            "wrong_concept_rate": _ratio(self.verdicts["wrong"], total),
            "missed_rate": _ratio(self.verdicts["missed"], total),
            "shared_spellings": shared,
            "shared_verdicts": dict(sorted(self.shared.items())),
            "recall_without_shared": _ratio(self.verdicts["found"] - self.shared["found"], total - shared),
            "wrong_concept_rate_without_shared": _ratio(self.verdicts["wrong"] - self.shared["wrong"], total - shared),
            "by_lang": per_lang,
            "contexts": dict(sorted(self.contexts.items())),
            "glossary_builds": self.builds,
        }


def run_loo(tb: Termbase, items: Sequence[Attested], sentences: Sequence[Sentence], *,
            exact: bool = False, source: str = "") -> LooResult:
    """Leave each spelling out of the glossary and spot it in context (one build per batch, or per
    spelling with ``exact``).

    A spelling that another concept lists too (كازاخي of the Kazakhs and of the state, a surname
    of father and son) stays a glossary term when its concept loses it: only the text can tell
    the two concepts apart, and when it cannot, the verdict is ambiguous or wrong whatever the
    spotter does. Such spellings count like the others and are also counted as ``shared``, their
    cases listed under that name too.
    """
    result = LooResult(source=source)
    subjects = {concept.id: concept.subject for concept in tb}
    listing: dict[tuple[str, str], set[str]] = defaultdict(set)  # (lang, folded term) -> concepts
    for concept in tb:
        for term in concept.terms:
            listing[(term.lang, fold(term.text))].add(concept.id)
    known = [item for item in items if item.concept in tb and item.lang in LANGS and any(
        t.text == item.spelling for t in tb.concept(item.concept).terms_in(item.lang))]
    result.verdicts["not in glossary"] = 0
    skipped = len(items) - len(known)
    batches = [[item] for item in known] if exact else loo_batches(tb, known)
    for batch in batches:
        removed = {item.concept: item for item in batch}
        concepts = [without_term(c, removed[c.id].lang, removed[c.id].spelling) if c.id in removed else c
                    for c in tb]
        reduced = Termbase(concepts)
        result.builds += 1
        for item in batch:
            if not reduced.concept(item.concept).terms_in(item.lang):
                continue
            others = sorted(listing[(item.lang, fold(item.spelling))] - {item.concept})
            verdicts = []
            for text, start, end, kind in loo_contexts(item, subjects, sentences):
                hits = _overlapping(reduced.spot(text, lang=item.lang), start, end)
                verdicts.append(judge(hits, item.concept, start, end))
                result.contexts[kind] += 1
                case = f"{item.lang} {item.spelling!r} [{item.concept}] in {kind} context: {_describe(hits)}"
                if verdicts[-1] != "found":
                    result.cases[verdicts[-1]].append(case)
                if others:
                    result.cases["shared"].append(f"{case} ({verdicts[-1]}; also a term of {', '.join(others)})")
            verdict = verdicts[0] if len(set(verdicts)) == 1 else min(verdicts, key=_VERDICT_ORDER.index)
            result.verdicts[verdict] += 1
            result.by_lang[item.lang][verdict] += 1
            result.verdict_of[item] = verdict
            if others:
                result.shared[verdict] += 1
    del result.verdicts["not in glossary"]
    if skipped:
        result.contexts["skipped (spelling not a glossary term)"] = skipped
    return result


_VERDICT_ORDER = ["wrong", "missed", "ambiguous", "found"]
"""The worst verdict first: a spelling seen in several sentences counts by its worst one."""

# -- autofix ------------------------------------------------------------------------------------


@dataclass
class FixResult:
    """Counts of the autofix runs on correct sentences and on planted forms."""

    correct: int = 0
    excluded: int = 0
    changed: int = 0
    flagged: int = 0
    flagged_by_code: Counter[str] = field(default_factory=Counter)
    planted: Counter[str] = field(default_factory=Counter)
    reported: Counter[str] = field(default_factory=Counter)
    fixed: Counter[str] = field(default_factory=Counter)
    damaged: int = 0
    cases: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def figures(self) -> dict[str, Any]:
        """The figures of these runs as plain values."""
        planted = sum(self.planted.values())
        return {
            "correct_sentences": self.correct,
            "correct_excluded": self.excluded,
            "changed_by_fix": self.changed,
            "damage_rate": _ratio(self.changed, self.correct),
            "sentences_with_findings": self.flagged,
            "findings_by_code": dict(sorted(self.flagged_by_code.items())),
            "planted": planted,
            "planted_by_kind": {kind: {"planted": self.planted[kind],
                                       "reported": _ratio(self.reported[kind], self.planted[kind]),
                                       "fixed": _ratio(self.fixed[kind], self.planted[kind])}
                                for kind in PLANT_KINDS if self.planted[kind]},
            "planted_reported": _ratio(sum(self.reported.values()), planted),
            "planted_fixed": _ratio(sum(self.fixed.values()), planted),
            "planted_damage_outside": self.damaged,
        }


POSSESSIVES = ("’s", "'s", "’", "'")


def split_possessive(text: str) -> tuple[str, str]:
    """``("Tokayev", "’s")`` for ``Tokayev’s``; ``(text, "")`` when there is no possessive ending."""
    for ending in POSSESSIVES:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)], ending
    return text, ""


def uses_unapproved(tb: Termbase, span: Span) -> bool:
    """True when the mention is, as written, a deprecated or forbidden term of its concept: a sentence
    that was correct when it was collected stops being so when the glossary deprecates its spelling."""
    if span.concept not in tb:
        return False
    mention = split_possessive(span.text)[0]
    return any(term.text == mention and not term.status.approved
               for term in tb.concept(span.concept).terms_in("en"))


def run_fix(tb: Termbase, sentences: Sequence[Sentence], plants: Sequence[Plant]) -> FixResult:
    """``check --target-only`` and ``--fix`` on the correct sentences and on the planted ones.

    A correct sentence that uses a form the glossary now deprecates (:func:`uses_unapproved`) is left
    out and counted apart: fixing it is right, not damage.
    """
    result = FixResult()
    for sentence in sentences:
        if sentence.lang != "en" or not sentence.clean:
            continue
        if any(uses_unapproved(tb, span) for span in sentence.spans):
            result.excluded += 1
            continue
        result.correct += 1
        report = tb.check(None, sentence.text, target_lang="en")
        findings = [issue for issue in report.issues if issue.code in FINDING_CODES]
        if findings:
            result.flagged += 1
            result.flagged_by_code.update(str(issue.code) for issue in findings)
        fixed = tb.fix(None, sentence.text, target_lang="en")
        if fixed != sentence.text:
            result.changed += 1
            result.cases["damage"].append(f"{sentence.id}: {_changes(sentence.text, fixed)}")
    by_id = {sentence.id: sentence for sentence in sentences}
    for plant in plants:
        if any(uses_unapproved(tb, span) for span in by_id[plant.base].spans):
            continue
        result.planted[plant.kind] += 1
        report = tb.check(None, plant.text, target_lang="en")
        if any(issue.code in FINDING_CODES and issue.target is not None and plant.concept in _named(issue)
               and issue.target.start < plant.end and plant.start < issue.target.end for issue in report.issues):
            result.reported[plant.kind] += 1
        else:
            result.cases["planted"].append(f"{plant.id} {plant.kind} {plant.planted!r} [{plant.concept}]: "
                                           f"not reported{_why_unreported(tb, plant, by_id[plant.base])}")
        fixed = tb.fix(None, plant.text, target_lang="en")
        original = plant.text[:plant.start] + plant.original + plant.text[plant.end:]
        if fixed == original:
            result.fixed[plant.kind] += 1
            continue
        tail = len(plant.text) - plant.end
        if fixed[:plant.start] != plant.text[:plant.start] or (tail and fixed[-tail:] != plant.text[-tail:]):
            result.damaged += 1
            result.cases["planted"].append(f"{plant.id}: damage outside the planted span: {_changes(plant.text, fixed)}")
    return result


def _why_unreported(tb: Termbase, plant: Plant, base: Sentence) -> str:
    """What sets an unreported plant apart, when something does: the spotter misses the original
    mention in the base sentence too, or the original is a case-sensitive term (an acronym), which is
    matched as written and never fuzzily."""
    end = plant.start + len(plant.original)
    if judge(_overlapping(tb.spot(base.text, lang="en"), plant.start, end), plant.concept, plant.start, end) != "found":
        return f" (the original {plant.original!r} is not found in the base sentence either)"
    if any(term.case_sensitive and term.text == split_possessive(plant.original)[0]
           for term in tb.concept(plant.concept).terms_in("en")):
        return f" (the original {plant.original!r} is a case-sensitive term: matched as written, never fuzzily)"
    return ""


def _named(issue: Issue) -> set[str]:
    """The concepts a finding is about: its concept, or every candidate of the ambiguous mention
    it was found on (a deprecated surname shared by father and son is reported for both)."""
    if issue.concept is not None:
        return {issue.concept}
    return {name for e in issue.evidence if e.rule == "ambiguous" for name in e.detail.removeprefix("fits ").split(", ")}


def _changes(before: str, after: str) -> str:
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return f"{before[start:len(before) - end]!r} → {after[start:len(after) - end]!r} at {start}"


# -- the command --------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def evaluate(tb: Termbase | None = None, *, data: Path = DATA, attested: Path | None = None,
             exact_loo: bool = False, context: bool = False) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """All four runs: the figures, and the cases behind them by kind (span cases with their
    sentence and the hits' evidence when ``context``)."""
    tb = tb or Termbase.load()
    started = time.perf_counter()
    sentences = [s for lang in LANGS for s in load_sentences(data / f"spans.{lang}.jsonl", tb)]
    plants = load_plants(data / "planted.en.jsonl", sentences)
    figures: dict[str, Any] = {"signature": tb.signature()}
    cases: dict[str, list[str]] = defaultdict(list)
    for lang in LANGS:
        spans = run_spans(tb, [s for s in sentences if s.lang == lang], context=context)
        figures[f"spans_{lang}"] = spans.figures()
        for kind, found in spans.cases.items():
            cases[kind] += found
    attested = attested if attested is not None else shipped_attestations_path()
    runs: list[tuple[str, list[Attested], str]] = []
    if attested is not None:
        shown = attested.relative_to(ROOT) if attested.is_relative_to(ROOT) else attested
        runs.append(("leave_one_out", load_attested(attested), f"attested spellings ({shown})"))
    runs.append(("leave_one_out_glossary", glossary_spellings(tb),
                 "non-preferred proper-noun terms of people and places in the glossary"))
    for name, items, source in runs:
        loo = run_loo(tb, items, sentences, exact=exact_loo, source=source)
        figures[name] = loo.figures()
        prefix = "loo-" if name == "leave_one_out" or len(runs) == 1 else "loo-glossary-"
        for kind, found in loo.cases.items():
            cases[f"{prefix}{kind}"] += found
    fix = run_fix(tb, sentences, plants)
    figures["autofix"] = fix.figures()
    for kind, found in fix.cases.items():
        cases[kind] += found
    figures["seconds"] = round(time.perf_counter() - started, 2)
    return figures, cases


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


def render_table(figures: dict[str, Any]) -> str:
    """The figures as a plain text table."""
    lines = [f"{'measure':<58} {'ar':>10} {'en':>10}"]

    def row(label: str, key: str, pct: bool = True) -> None:
        values = [figures[f"spans_{lang}"][key] for lang in LANGS]
        cells = [_pct(v) if pct else str(v) for v in values]
        lines.append(f"{label:<58} {cells[0]:>10} {cells[1]:>10}")

    row("sentences", "sentences", pct=False)
    row("annotated spans (glossary concepts + gaps + look-alikes)", "spans", pct=False)
    row("recall on spans of glossary concepts", "recall")
    row("wrong concept", "wrong_concept_rate")
    row("ambiguous, unresolved", "ambiguous_rate")
    row("missed", "missed_rate")
    row("recall counting glossary gaps as misses", "recall_with_gaps")
    row("gap spans (concept not in the glossary)", "gap_spans", pct=False)
    row("look-alike spans", "lookalike_spans", pct=False)
    row("false hits on look-alikes", "lookalike_false_hit_rate")
    row("hits on no annotated span (for review)", "unannotated_hits", pct=False)
    for name in ("leave_one_out", "leave_one_out_glossary"):
        if name not in figures:
            continue
        loo = figures[name]
        lines.append("")
        lines.append(f"leave-one-out, {loo['source']}: {loo['spellings']} spellings, "
                     f"{loo['glossary_builds']} glossary builds, contexts {loo['contexts']}")
        for lang, values in loo["by_lang"].items():
            lines.append(f"  {lang}: {values['spellings']} spellings, recall {_pct(values['recall'])}, "
                         f"wrong concept {_pct(values['wrong_concept_rate'])}")
        lines.append(f"  all: recall {_pct(loo['recall'])}, wrong concept {_pct(loo['wrong_concept_rate'])}, "
                     f"ambiguous {_pct(loo['ambiguous_rate'])}, missed {_pct(loo['missed_rate'])}")
        if loo["shared_spellings"]:
            verdicts = ", ".join(f"{verdict} {count}" for verdict, count in loo["shared_verdicts"].items())
            lines.append(f"  of which {loo['shared_spellings']} another concept lists too ({verdicts}); "
                         f"without them: recall {_pct(loo['recall_without_shared'])}, "
                         f"wrong concept {_pct(loo['wrong_concept_rate_without_shared'])}")
    fix = figures["autofix"]
    lines.append("")
    lines.append(f"autofix on {fix['correct_sentences']} correct English sentences "
                 f"({fix['correct_excluded']} more left out: they use a form the glossary deprecates): "
                 f"{fix['changed_by_fix']} changed by --fix ({_pct(fix['damage_rate'])}); "
                 f"{fix['sentences_with_findings']} with a deprecated/forbidden/misspelled finding")
    lines.append(f"planted forms: {fix['planted']}, reported {_pct(fix['planted_reported'])}, "
                 f"fixed back to the original {_pct(fix['planted_fixed'])}, "
                 f"damage outside the planted span {fix['planted_damage_outside']}")
    for kind, values in fix["planted_by_kind"].items():
        lines.append(f"  {kind}: {values['planted']} planted, reported {_pct(values['reported'])}, "
                     f"fixed {_pct(values['fixed'])}")
    lines.append("")
    lines.append(f"{figures['signature']}  ({figures['seconds']} s)")
    return "\n".join(lines)


CASE_KINDS = ("missed", "wrong", "ambiguous", "gap", "false", "unannotated", "damage", "planted",
              "loo-missed", "loo-wrong", "loo-ambiguous", "loo-shared",
              "loo-glossary-missed", "loo-glossary-wrong", "loo-glossary-ambiguous", "loo-glossary-shared")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures (and, with ``--show``, the cases behind them)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--show", default="", help=f"comma-separated case lists to print: {', '.join(CASE_KINDS)}")
    parser.add_argument("--glossary", action="append", help="glossary file (repeatable; default: shipped)")
    parser.add_argument("--attested", type=Path, help="attested spellings TSV (default: the repo's "
                        "glossaries/sources/attested_spellings.tsv)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the spans and planted files")
    parser.add_argument("--context", action="store_true",
                        help="with --show, print each span case's sentence and the evidence of its hits")
    parser.add_argument("--exact-loo", action="store_true",
                        help="rebuild the glossary for every left-out spelling instead of per batch")
    args = parser.parse_args(argv)
    shown = [kind for kind in args.show.split(",") if kind]
    unknown = sorted(set(shown) - set(CASE_KINDS))
    if unknown:
        parser.error(f"--show: unknown case list {', '.join(unknown)}")
    try:
        tb = Termbase.load(args.glossary) if args.glossary else Termbase.load()
        figures, cases = evaluate(tb, data=args.data, attested=args.attested, exact_loo=args.exact_loo,
                                  context=args.context)
    except (DataError, FormatError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        payload = dict(figures)
        if shown:
            payload["cases"] = {kind: cases.get(kind, []) for kind in shown}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(render_table(figures))
    for kind in shown:
        print(f"\n{kind} ({len(cases.get(kind, []))}):")
        for line in cases.get(kind, []):
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
