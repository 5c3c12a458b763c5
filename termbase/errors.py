"""Errors raised by termbase.

Every error raised on purpose derives from :class:`TermbaseError`::

    TermbaseError
    ├── GlossaryError            a glossary file cannot be loaded (path, line, entry)
    │   ├── GlossarySyntaxError  not valid YAML
    │   └── GlossarySchemaError  valid YAML with invalid content (unknown status, duplicate id, …)
    ├── InputError               an input document cannot be read (path, line, element)
    │   ├── TextDecodingError    not text in a supported encoding (binary, invalid UTF-8 …)
    │   └── FormatError          malformed PO, XLIFF, TSV or XML content
    ├── LanguageError            a language tag that is not BCP 47, or a pair the checks do not support
    ├── OutputError              an output file cannot be written (path; nothing at it was damaged)
    └── ConceptNotFoundError     no concept has the requested id (also a KeyError)

Findings of checks (lint, validation) are values, never exceptions.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ConceptNotFoundError",
    "FormatError",
    "GlossaryError",
    "GlossarySchemaError",
    "GlossarySyntaxError",
    "InputError",
    "LanguageError",
    "OutputError",
    "TermbaseError",
    "TextDecodingError",
]


def _where(path: str | Path | None, line: int | None, element: str | None) -> str:
    parts: list[str] = []
    if path is not None:
        parts.append(str(path))
    if line is not None:
        parts.append(f"line {line}")
    if element:
        parts.append(element)
    return ", ".join(parts)


class TermbaseError(Exception):
    """Base class of every error termbase raises on purpose."""


class _LocatedError(TermbaseError):
    """An error about a place in a file: path, 1-based line and element or entry name."""

    def __init__(
        self,
        detail: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        element: str | None = None,
    ) -> None:
        self.detail = detail
        self.path = str(path) if path is not None else None
        self.line = line
        self.element = element
        where = _where(path, line, element)
        super().__init__(f"{where}: {detail}" if where else detail)


class GlossaryError(_LocatedError):
    """A glossary file cannot be loaded; ``element`` names the concept or term entry."""


class GlossarySyntaxError(GlossaryError):
    """A glossary file is not valid YAML."""


class GlossarySchemaError(GlossaryError):
    """A glossary file is valid YAML but its content breaks the glossary format."""


class InputError(_LocatedError):
    """An input document (article, draft, PO, XLIFF, TSV …) cannot be read."""


class TextDecodingError(InputError):
    """An input file is not text in a supported encoding."""


class FormatError(InputError):
    """An input file is text but its structure is malformed."""


class LanguageError(TermbaseError):
    """A language tag that is not BCP 47, or a language pair the checks do not support."""
class OutputError(_LocatedError):
    """An output file (report, fixed draft, annotated PO) cannot be written; what was at the
    path is left as it was."""


class ConceptNotFoundError(TermbaseError, KeyError):
    """No loaded concept has the requested id."""

    def __init__(self, concept_id: str) -> None:
        self.concept_id = concept_id
        super().__init__(f"no concept with id {concept_id!r}")

    def __str__(self) -> str:
        return f"no concept with id {self.concept_id!r}"
