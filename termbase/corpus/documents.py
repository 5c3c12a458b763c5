"""The documents of a corpus (pairs of source and draft files, or one bilingual file each), found
in a folder or listed in a manifest, and the check of one document as plain, picklable data."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from termbase.arabic import ARABIC_SCRIPT
from termbase.errors import InputError, TermbaseError
from termbase.formats.bilingual import BILINGUAL_SUFFIXES, read_bilingual
from termbase.normalize import fold
from termbase.qa.render.json import issue_to_dict
from termbase.textio import read_text

if TYPE_CHECKING:
    from termbase.qa.issues import Report
    from termbase.termbase import Termbase

__all__ = ["CheckOptions", "Document", "DocumentResult", "check_document", "find_documents"]


@dataclass(frozen=True, slots=True)
class Document:
    """One document of a corpus: ``source`` and ``target`` files of a pair, or one bilingual
    file (``target`` is None, ``kind`` its format). ``id`` is its path relative to the corpus."""

    id: str
    kind: str
    source: str
    target: str | None = None


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What a corpus run checks: the options of ``termbase check``."""

    source_lang: str = "ar"
    target_lang: str = "en"
    fuzzy: bool = True
    counts: bool = True
    usage: bool = False


@dataclass(slots=True)
class DocumentResult:
    """What one document gave: its findings as JSON objects (those of ``termbase check``), an
    input error, and, for ``corpus usage``, the glossary terms its target uses and the words it
    leaves to no glossary term."""

    document: str
    findings: list[dict[str, object]] = field(default_factory=list)
    error: str | None = None
    renderings: list[tuple[str, str, str]] = field(default_factory=list)
    """``(concept, term, status)`` of every glossary term found in the target."""
    source_concepts: list[str] = field(default_factory=list)
    unglossed_source: list[str] = field(default_factory=list)
    unglossed_target: list[str] = field(default_factory=list)


_PAIR_SUFFIX = ".txt"


def find_documents(path: str | Path, *, source_lang: str = "ar", target_lang: str = "en") -> list[Document]:
    """The documents of a folder, or of a manifest file, in a stable order.

    In a folder (searched recursively): ``NAME.<source_lang>.txt`` with ``NAME.<target_lang>.txt``
    (or ``NAME.draft.<target_lang>.txt``) beside it is a pair; every ``.tsv``, ``.po``, ``.xlf``
    or ``.xliff`` file is a document of its own. A ``.txt`` file of either language without its
    partner is an error, never silently left out. A manifest is a text file with one document per
    line: ``SOURCE<TAB>TARGET`` or one bilingual file, paths relative to the manifest; blank
    lines and lines starting with ``#`` are skipped.
    """
    root = Path(path)
    if root.is_dir():
        return _folder_documents(root, source_lang, target_lang)
    if root.is_file():
        return _manifest_documents(root)
    raise InputError("no such file or folder", path=str(root))


def _folder_documents(root: Path, source_lang: str, target_lang: str) -> list[Document]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    source_end, target_ends = f".{source_lang}{_PAIR_SUFFIX}", (f".draft.{target_lang}{_PAIR_SUFFIX}",
                                                                 f".{target_lang}{_PAIR_SUFFIX}")
    paired: set[Path] = set()
    documents: list[Document] = []
    for file in files:
        name = file.name
        if name.endswith(source_end):
            stem = name[: -len(source_end)]
            partner = next((file.with_name(stem + end) for end in target_ends if file.with_name(stem + end).is_file()),
                           None)
            if partner is None:
                raise InputError(f"source without a draft (looked for {stem}{target_ends[1]} and "
                                 f"{stem}{target_ends[0]})", path=str(file))
            paired.update((file, partner))
            documents.append(Document(str(file.relative_to(root)), "pair", str(file), str(partner)))
        elif file.suffix.lower() in BILINGUAL_SUFFIXES:
            documents.append(Document(str(file.relative_to(root)), BILINGUAL_SUFFIXES[file.suffix.lower()],
                                      str(file)))
    for file in files:
        if file.name.endswith(target_ends) and file not in paired:
            raise InputError("draft without its source", path=str(file))
    if not documents:
        raise InputError("no documents found (pairs NAME.ar.txt + NAME.en.txt, or .tsv/.po/.xlf files)",
                         path=str(root))
    return documents


def _manifest_documents(manifest: Path) -> list[Document]:
    base = manifest.parent
    documents: list[Document] = []
    for number, line in enumerate(read_text(manifest).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        paths = [base / f.strip() for f in fields]
        where = f"{manifest}:{number}"
        if len(fields) > 2 or any(not f.strip() for f in fields):
            raise InputError("a manifest line is SOURCE<TAB>TARGET or one bilingual file", path=where)
        for file in paths:
            if not file.is_file():
                raise InputError(f"no such file: {file}", path=where)
        if len(paths) == 2:
            documents.append(Document(fields[0].strip(), "pair", str(paths[0]), str(paths[1])))
        else:
            kind = BILINGUAL_SUFFIXES.get(paths[0].suffix.lower())
            if kind is None:
                raise InputError(f"not a bilingual file ({', '.join(sorted(BILINGUAL_SUFFIXES))}): {paths[0]}",
                                 path=where)
            documents.append(Document(fields[0].strip(), kind, str(paths[0])))
    if not documents:
        raise InputError("the manifest lists no documents", path=str(manifest))
    return documents


def check_document(termbase: Termbase, document: Document, options: CheckOptions) -> DocumentResult:
    """Check one document as ``termbase check`` would; input errors become the result's ``error``."""
    result = DocumentResult(document.id)
    try:
        report, texts = _check(termbase, document, options)
    except TermbaseError as exc:
        result.error = str(exc)
        return result
    result.findings = [issue_to_dict(issue) for issue in report.issues]
    if options.usage:
        _usage(termbase, texts, options, result)
    return result


def _check(termbase: Termbase, document: Document,
           options: CheckOptions) -> tuple[Report, list[tuple[str, str]]]:
    if document.kind == "pair":
        assert document.target is not None
        source, target = read_text(document.source), read_text(document.target)
        report = termbase.check(source, target, source_lang=options.source_lang,
                                target_lang=options.target_lang, fuzzy=options.fuzzy, counts=options.counts)
        return report, [(source, target)]
    segments, source_lang, target_lang = read_bilingual(document.source, document.kind,
                                                        source_lang=options.source_lang,
                                                        target_lang=options.target_lang)
    report = termbase.check_segments(segments, source_lang=source_lang, target_lang=target_lang,
                                     fuzzy=options.fuzzy, counts=options.counts)
    return report, [(segment.source, segment.target) for segment in segments]


def _usage(termbase: Termbase, texts: Iterable[tuple[str, str]], options: CheckOptions,
           result: DocumentResult) -> None:
    concepts: dict[str, None] = {}
    unglossed_source: dict[str, None] = {}
    unglossed_target: dict[str, None] = {}
    for source, target in texts:
        source_hits = termbase.spot(source, lang=options.source_lang, fuzzy=False)
        target_hits = termbase.spot(target, lang=options.target_lang, fuzzy=False)
        concepts.update((hit.concept, None) for hit in source_hits if hit.concept is not None)
        result.renderings.extend((hit.concept, hit.term.text, str(hit.status))
                                 for hit in target_hits if hit.concept is not None)
        unglossed_source.update((word, None) for word in _uncovered_words(source, source_hits))
        unglossed_target.update((name, None) for name in _uncovered_names(target, target_hits))
    result.source_concepts = list(concepts)
    result.unglossed_source = list(unglossed_source)
    result.unglossed_target = list(unglossed_target)


MIN_WORD_LENGTH = 4
"""Source words shorter than this (particles, prepositions) are not drift candidates."""
_ARABIC_WORD = re.compile(f"[{ARABIC_SCRIPT}]+")


def _covered(text: str, spans: Sequence[Any]) -> list[bool]:
    covered = [False] * len(text)
    for hit in spans:
        covered[hit.start:hit.end] = [True] * (hit.end - hit.start)
    return covered


def _words(text: str) -> Iterable[tuple[int, int]]:
    start = None
    for i, char in enumerate(text + " "):
        if char.isalnum() or char in "-'’":
            if start is None:
                start = i
        elif start is not None:
            yield start, i
            start = None


def _uncovered_words(text: str, hits: Sequence[Any]) -> Iterable[str]:
    """Folded words of ``text`` (Arabic letters, at least four) that no glossary term covers."""
    covered = _covered(text, hits)
    for start, end in _words(text):
        word = text[start:end]
        if not any(covered[start:end]) and len(word) >= MIN_WORD_LENGTH and _ARABIC_WORD.fullmatch(word):
            yield fold(word)


def _uncovered_names(text: str, hits: Sequence[Any]) -> Iterable[str]:
    """Runs of capitalised words of ``text`` (names, one to three words) that no glossary term
    covers; a run that opens a sentence is left out (its capital says nothing)."""
    covered = _covered(text, hits)
    run: list[str] = []
    previous_end = -1
    for start, end in list(_words(text)) + [(len(text), len(text))]:
        word = text[start:end]
        capital = bool(word) and word[0].isupper() and not any(covered[start:end])
        sentence_start = text[:start].rstrip()[-1:] in ("", ".", "!", "?", "\n", ":", "\"", "“")
        joined = run and text[previous_end:start].strip() == ""
        if capital and not sentence_start and (not run or joined) and len(run) < 3:
            run.append(word)
        else:
            if run:
                yield " ".join(run)
            run = [word] if capital and not sentence_start else []
        previous_end = end
