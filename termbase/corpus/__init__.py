"""Corpus mode: an archive of documents checked and surveyed on Dask (``termbase corpus``)."""

from __future__ import annotations

from termbase.corpus.documents import CheckOptions, Document, DocumentResult, check_document, find_documents
from termbase.corpus.engine import run_corpus
from termbase.corpus.report import CorpusReport, render_corpus_report

__all__ = [
    "CheckOptions",
    "CorpusReport",
    "Document",
    "DocumentResult",
    "check_document",
    "find_documents",
    "render_corpus_report",
    "run_corpus",
]
