"""Glossaries in the formats translators' tools use: TBX v3 and v2, CSV/TSV, XLSX, PO, YAML.

One module per format, each an :class:`~termbase.interchange.base.InterchangeFormat`; formats are
found by name (``--to``, ``--from``) or by file name ending, and imported only when used::

    from termbase.interchange import read_glossary_file, write_glossary_file
    glossary = read_glossary_file("memoq-export.tbx")
    write_glossary_file("for-deepl.tsv", [glossary], langs=["en", "ar"])
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType

from termbase.errors import InputError
from termbase.interchange.base import InterchangeFormat
from termbase.model import Glossary

__all__ = [
    "FORMATS",
    "GLOSSARY_SUFFIXES",
    "InterchangeFormat",
    "format_for_path",
    "get_format",
    "read_glossary_file",
    "write_glossary_file",
]

FORMATS = MappingProxyType({
    "tbx": "termbase.interchange.tbx:TbxFormat",
    "tbx2": "termbase.interchange.tbx2:Tbx2Format",
    "csv": "termbase.interchange.delimited:CsvFormat",
    "tsv": "termbase.interchange.delimited:TsvFormat",
    "xlsx": "termbase.interchange.xlsx:XlsxFormat",
    "po": "termbase.interchange.po_glossary:PoGlossaryFormat",
    "yaml": "termbase.interchange.yaml_glossary:YamlFormat",
})
"""Format name → ``module:class``; a module is imported the first time its format is used."""

_EXTENSIONS = {".tbx": "tbx", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".xlsx": "xlsx",
               ".po": "po", ".yaml": "yaml", ".yml": "yaml"}
GLOSSARY_SUFFIXES = tuple(_EXTENSIONS)
"""File name endings of glossaries, in every format termbase reads."""


def get_format(name: str, *, langs: Sequence[str] | None = None, pairs: bool = False) -> InterchangeFormat:
    """The format called ``name``; ``langs`` are the languages of files that do not name them
    (two-column CSV/TSV, PO), ``pairs`` writes CSV/TSV in the two-column form."""
    if name not in FORMATS:
        raise InputError(f"unknown glossary format {name!r} (known: {', '.join(FORMATS)})")
    module_name, _, class_name = FORMATS[name].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    if name in ("csv", "tsv"):
        return cls(langs=langs, pairs=pairs)  # type: ignore[no-any-return]
    if name == "po":
        return cls(langs=langs)  # type: ignore[no-any-return]
    return cls()  # type: ignore[no-any-return]


def format_for_path(path: str | Path, data: bytes | None = None) -> str:
    """The format of a file from its name; a ``.tbx`` file's bytes tell v3 (``<tbx``) from v2 (``<martif``)."""
    suffix = Path(path).suffix.lower()
    name = _EXTENSIONS.get(suffix)
    if name is None:
        raise InputError(f"cannot tell the glossary format from the name (known endings: "
                         f"{', '.join(sorted(_EXTENSIONS))}); give --from/--to", path=path)
    if name == "tbx" and data is not None and b"martif" in _markup_head(data):
        return "tbx2"
    return name


def _markup_head(data: bytes) -> bytes:
    head = data[:1 << 14]
    if b"\x00" in head:  # UTF-16/32: keep the ASCII letters of the markup
        head = head.replace(b"\x00", b"")
    return head


def read_glossary_file(path: str | Path, *, format: str | None = None, langs: Sequence[str] | None = None
                       ) -> Glossary:
    """Read a glossary in any format (``-`` is standard input; then ``format`` is needed)."""
    from termbase.formats._files import read_bytes

    data = read_bytes(path)
    shown = "<stdin>" if str(path) == "-" else str(path)
    name = format or format_for_path(path, data)
    return get_format(name, langs=langs).read(data, shown)


def write_glossary_file(path: str | Path, glossaries: Sequence[Glossary], *, format: str | None = None,
                        langs: Sequence[str] | None = None, pairs: bool = False) -> None:
    """Write glossaries in a format (from ``path``'s ending unless given) atomically; ``-`` is stdout."""
    import sys

    from termbase.textio import atomic_write_bytes

    name = format or format_for_path(path)
    data = get_format(name, langs=langs, pairs=pairs).write(glossaries, langs=langs)
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        atomic_write_bytes(path, data)
