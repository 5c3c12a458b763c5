"""Quality checks of loaded glossaries: findings are values, one code per kind of problem."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from termbase.glossary import Glossary
from termbase.model import TermStatus
from termbase.normalize import fold

__all__ = ["LintCode", "LintFinding", "lint_glossaries"]

CORE_LANGUAGES = ("ar", "en")


class LintCode(enum.StrEnum):
    """Kinds of glossary problems."""

    MISSING_PREFERRED = "missing-preferred"
    MISSING_LANGUAGE = "missing-language"
    DUPLICATE_TERM = "duplicate-term"
    CONFLICTING_STATUS = "conflicting-status"
    SHARED_FORM = "shared-form"
    UNKNOWN_RELATED = "unknown-related"
    SELF_RELATED = "self-related"
    EMPTY_KEY = "empty-key"


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One problem found in a glossary, located by file, line and concept."""

    code: LintCode
    path: str
    line: int | None
    concept: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.code} [{self.concept}] {self.message}"


def lint_glossaries(glossaries: Sequence[Glossary], *, known_ids: set[str] | None = None) -> list[LintFinding]:
    """Check glossaries together; ``known_ids`` adds concept ids defined elsewhere."""
    findings: list[LintFinding] = []
    ids = {c.id for g in glossaries for c in g.concepts} | (known_ids or set())
    related: dict[str, set[str]] = defaultdict(set)
    for glossary in glossaries:
        for concept in glossary.concepts:
            for other in concept.related:
                related[concept.id].add(other)
                related[other].add(concept.id)
    owners: dict[tuple[str, str], dict[str, tuple[Glossary, str]]] = defaultdict(dict)
    for glossary in glossaries:
        path = glossary.info.path
        for concept in glossary.concepts:
            line = glossary.concept_lines.get(concept.id)

            def report(code: LintCode, message: str, at: int | None = line, cid: str = concept.id) -> None:
                findings.append(LintFinding(code, path, at, cid, message))

            languages = concept.languages
            for lang in languages:
                if concept.preferred(lang) is None:
                    report(LintCode.MISSING_PREFERRED, f"no preferred {lang} term")
            for lang in CORE_LANGUAGES:
                if lang not in languages:
                    report(LintCode.MISSING_LANGUAGE, f"no {lang} term")
            for other in concept.related:
                if other == concept.id:
                    report(LintCode.SELF_RELATED, "the concept names itself in related")
                elif other not in ids:
                    report(LintCode.UNKNOWN_RELATED, f"related concept {other!r} does not exist")
            seen_text: set[tuple[str, str]] = set()
            by_key: dict[tuple[str, str], list[tuple[str, TermStatus, bool]]] = defaultdict(list)
            for term in concept.terms:
                at = glossary.term_lines.get((concept.id, term.lang, term.text), line)
                if (term.lang, term.text) in seen_text:
                    report(LintCode.DUPLICATE_TERM, f"{term.lang} term {term.text!r} is listed twice", at)
                seen_text.add((term.lang, term.text))
                key = fold(term.text)
                if not key:
                    report(LintCode.EMPTY_KEY, f"{term.lang} term {term.text!r} folds to nothing", at)
                    continue
                by_key[(term.lang, key)].append((term.text, term.status, term.case_sensitive))
                owners[(term.lang, key)].setdefault(concept.id, (glossary, term.text))
            for (lang, key), variants in by_key.items():
                statuses = {status for _, status, case in variants if not case}
                if len(statuses) > 1:
                    listed = ", ".join(f"{text!r} ({status})" for text, status, _ in variants)
                    report(LintCode.CONFLICTING_STATUS,
                           f"{lang} variants that fold to the same key have different statuses: {listed}")
    for (lang, key), by_concept in owners.items():
        concept_ids = sorted(by_concept)
        for i, first in enumerate(concept_ids):
            for second in concept_ids[i + 1:]:
                if second in related[first]:
                    continue
                glossary, text = by_concept[second]
                other_text = by_concept[first][1]
                findings.append(LintFinding(
                    LintCode.SHARED_FORM, glossary.info.path, glossary.term_lines.get((second, lang, text)),
                    second,
                    f"{lang} term {text!r} folds like {other_text!r} of unrelated concept {first!r} "
                    "(relate the concepts if the ambiguity is real)",
                ))
    return findings
