"""termbase: keep translations of Arabic news into English consistent with one termbase."""

from __future__ import annotations

from termbase._version import __version__
from termbase.errors import (
    ConceptNotFoundError,
    FormatError,
    GlossaryError,
    GlossarySchemaError,
    GlossarySyntaxError,
    InputError,
    LanguageError,
    OutputError,
    TermbaseError,
    TextDecodingError,
)
from termbase.glossary import Glossary, load_glossaries, load_glossary, shipped_glossary_paths
from termbase.interchange import read_glossary_file, write_glossary_file
from termbase.lookup import Match, Matches
from termbase.matches import MatchKind
from termbase.model import Concept, GlossaryInfo, Office, PartOfSpeech, Term, TermStatus, TermType
from termbase.normalize import FOLDING_SCHEME, fold
from termbase.qa.issues import Issue, IssueCode, Report, Severity, TextSpan
from termbase.qa.render import render
from termbase.termbase import Termbase
from termbase.tm import TranslationMemory

__all__ = [
    "Concept",
    "ConceptNotFoundError",
    "FOLDING_SCHEME",
    "FormatError",
    "Glossary",
    "GlossaryError",
    "GlossaryInfo",
    "GlossarySchemaError",
    "GlossarySyntaxError",
    "InputError",
    "Issue",
    "IssueCode",
    "LanguageError",
    "Match",
    "MatchKind",
    "Matches",
    "Office",
    "OutputError",
    "PartOfSpeech",
    "Report",
    "Severity",
    "Term",
    "TermStatus",
    "TermType",
    "Termbase",
    "TermbaseError",
    "TextDecodingError",
    "TextSpan",
    "TranslationMemory",
    "__version__",
    "fold",
    "load_glossaries",
    "load_glossary",
    "read_glossary_file",
    "render",
    "shipped_glossary_paths",
    "write_glossary_file",
]
