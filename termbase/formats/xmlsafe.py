"""The one safe XML parser of termbase: no entity expansion, no DTD loading, no network.

Every XML file termbase reads goes through :func:`parse_xml`. The parser never loads a DTD, never
touches the network and keeps libxml2's size limits (``huge_tree=False``). A document whose
DOCTYPE declares entities is refused: internal entities are how entity bombs work ("billion
laughs"), and external ones how files leak (``SYSTEM "file:///etc/passwd"``). A reference to an
entity nobody declared is refused too, since its text would be silently lost.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from termbase.errors import FormatError, TextDecodingError
from termbase.formats._files import read_bytes

__all__ = ["parse_xml", "read_xml", "safe_xml_parser"]

_UTF16_32 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DOCTYPE = re.compile(r"<!DOCTYPE\b")
_ENTITY = re.compile(r"<!ENTITY\b")
_START_TAG = re.compile(r"<[^!?]")


def safe_xml_parser() -> etree.XMLParser:
    """A new hardened parser (parsers are not thread-safe, so make one per use)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _prolog_text(data: bytes) -> str:
    """Decode the document enough to see its markup (ASCII in every encoding lxml accepts)."""
    head = data[:1 << 16]
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                      (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(name, errors="replace")
    if head.startswith(b"<\x00\x00\x00"):
        return head.decode("utf-32-le", errors="replace")
    if head.startswith(b"\x00\x00\x00<"):
        return head.decode("utf-32-be", errors="replace")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", errors="replace")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1")


def _refuse_entity_declarations(data: bytes, path: str | Path) -> None:
    """Raise :class:`FormatError` at the line of the first ``<!ENTITY`` in the DOCTYPE, if any."""
    text = _prolog_text(data)
    doctype = _DOCTYPE.search(text)
    if doctype is None:
        return
    first_tag = _START_TAG.search(text, doctype.end())
    end = first_tag.start() if first_tag is not None else len(text)
    entity = _ENTITY.search(text, doctype.end(), end)
    if entity is not None:
        raise FormatError(
            "DOCTYPE declares an entity; entity declarations are refused (entity expansion and "
            "external entities are unsafe)",
            path=path, line=text.count("\n", 0, entity.start()) + 1, element="<!ENTITY>",
        )


def _looks_binary(data: bytes) -> bool:
    if b"\x00" not in data[:1 << 16]:
        return False
    return not (data.startswith(_UTF16_32) or data.startswith((b"<\x00", b"\x00<", b"\x00\x00\x00<")))


def parse_xml(data: bytes, path: str | Path = "<input>") -> etree._ElementTree:
    """Parse XML bytes safely (the document declares its own encoding).

    Raises :class:`TextDecodingError` for binary data or bytes invalid in the declared encoding,
    :class:`FormatError` (with path and line) for empty or malformed XML and for entity
    declarations or undeclared entity references.
    """
    if not data.strip():
        raise FormatError("empty document: an XML file needs a root element", path=path, line=1)
    if _looks_binary(data):
        offset = data.index(b"\x00")
        raise TextDecodingError(
            f"binary data (NUL byte at offset {offset}); expected an XML document",
            path=path, line=data.count(b"\n", 0, offset) + 1,
        )
    _refuse_entity_declarations(data, path)
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        error = exc.error_log.last_error if exc.error_log else None
        message = error.message if error is not None else str(exc)
        line = exc.lineno if exc.lineno else None
        if error is not None and error.type_name in ("ERR_INVALID_ENCODING", "ERR_INVALID_CHAR") \
                and "encoding" in message.lower():
            raise TextDecodingError(f"not valid text in the declared encoding: {message}",
                                    path=path, line=line) from None
        raise FormatError(f"not well-formed XML: {message}", path=path, line=line) from None
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None:
        for declared in dtd.iterentities():
            raise FormatError(
                f"DOCTYPE declares entity {declared.name!r}; entity declarations are refused",
                path=path, line=1, element="<!ENTITY>",
            )
    for reference in root.iter(etree.Entity):
        name = reference.name if isinstance(reference, etree._Entity) else "?"
        raise FormatError(
            f"reference to undeclared entity &{name}; (its text cannot be read safely)",
            path=path, line=reference.sourceline, element=f"&{name};",
        )
    return tree


def read_xml(path: str | Path) -> etree._ElementTree:
    """Read and parse an XML file (``-`` is standard input) with :func:`parse_xml`."""
    return parse_xml(read_bytes(path), "<stdin>" if str(path) == "-" else path)
