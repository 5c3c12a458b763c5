"""Readers of bilingual files (aligned text, TSV, PO, XLIFF, TMX) into :class:`Segment` values.

One module per format; every XML file goes through :mod:`termbase.formats.xmlsafe`.
"""

from __future__ import annotations

from termbase.formats.aligned import (
    TsvQuoting,
    align_lines,
    parse_tsv,
    read_aligned_text,
    read_tsv,
    replace_lines,
    replace_tsv_targets,
    segments_from_pairs,
    tsv_quoting,
)
from termbase.formats.po import annotate_po, parse_po, read_po, replace_msgstrs
from termbase.formats.segments import Origin, Segment
from termbase.formats.tmx import read_tmx_segments
from termbase.formats.xliff import parse_xliff, read_xliff, replace_xliff_targets, xliff_text
from termbase.formats.xmlsafe import iterparse_xml, parse_xml, read_xml, safe_xml_parser

__all__ = [
    "Origin",
    "Segment",
    "TsvQuoting",
    "align_lines",
    "annotate_po",
    "iterparse_xml",
    "parse_po",
    "parse_tsv",
    "parse_xliff",
    "parse_xml",
    "read_aligned_text",
    "read_po",
    "read_tmx_segments",
    "read_tsv",
    "read_xliff",
    "read_xml",
    "replace_lines",
    "replace_msgstrs",
    "replace_tsv_targets",
    "replace_xliff_targets",
    "safe_xml_parser",
    "segments_from_pairs",
    "tsv_quoting",
    "xliff_text",
]
