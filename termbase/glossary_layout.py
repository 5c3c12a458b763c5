"""A fast reader of glossary files written in termbase's own layout, without building YAML nodes.

The layout is the one :mod:`termbase.interchange.yaml_glossary` writes (and the shipped files and
the benchmarks' generator follow): a header mapping, then ``concepts:`` with one block mapping per
concept, terms as one flow mapping per line, scalars plain or quoted on one line, lists in flow
style or as block lists of scalars. Such a file is read line by line here, several times faster
than composing its YAML, and with only the glossary's own objects allocated (a composed 100k-concept
file is tens of millions of nodes and marks, which the cyclic garbage collector then walks again and
again).

:func:`read_layout` returns ``None`` for anything else: a YAML construct outside the layout
(block scalars, multi-line or escaped scalars it cannot decode exactly, comments after a value,
anchors, tags, history or offices, ...) or a file that breaks a rule of the format. The YAML
reader of :mod:`termbase.glossary` then reads the file, so every error names its file and line as
before, and what this reader accepts is what that reader gives (a property test holds the two
to it).
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from termbase.glossary_schema import BOOLEANS, CONCEPT_KEYS, HEADER_KEYS, TERM_KEYS, is_period
from termbase.langtags import LanguageTagError, parse_tag
from termbase.model import CONCEPT_ID, MEMBERS_BY_VALUE, Concept, Gender, Glossary, GlossaryInfo, PartOfSpeech, Term, TermStatus, TermType
from termbase.progress import progress_bar

__all__ = ["read_layout"]

# Characters after which this reader does not vouch for YAML's reading: tabs, carriage returns,
# characters YAML refuses or reads as line breaks (NEL, LS, PS), byte order marks, surrogates.
_UNSURE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_PAIR = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):(?: +(\S.*))?\Z")
"""``key: value`` or ``key:`` (after the indentation)."""
_PLAIN_FIRST = "[^\\s\\-?:,\\[\\]{}#&*!|>'\"%@`]"
_BLOCK_PLAIN = re.compile(_PLAIN_FIRST + "(?:[^#]|(?<=\\S)#)*\\Z")
_QUOTED = "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'"
_FLOW_SCALAR = _QUOTED + "|" + _PLAIN_FIRST + "(?:[^,\\[\\]{}#:]|:(?=[^\\s,\\[\\]{}])|(?<=\\S)#)*"
_FLOW_ITEM = re.compile(f"({_FLOW_SCALAR})(, |\\Z)")
_FLOW_PAIR = re.compile(f"([A-Za-z][A-Za-z0-9_-]*): ({_FLOW_SCALAR}|\\[[^\\[\\]{{}}]*\\])(, |}}\\Z)")
_COMMON_TERM = re.compile("\\{term: (" + _PLAIN_FIRST + "[^,\\[\\]{}#:]*), "
                          "(status: [A-Za-z]+(?:, type: [A-Za-z]+)?(?:, pos: [A-Za-z]+)?)}\\Z")
"""The usual term line: a plain text, then its shape (status, and maybe type and part of speech)."""
_SHAPE = re.compile("status: ([A-Za-z]+)(?:, type: ([A-Za-z]+))?(?:, pos: ([A-Za-z]+))?\\Z")
_ESCAPES = re.compile(r'\\(?:["\\nt]|u(?![dD][89a-fA-F])[0-9a-fA-F]{4})')
"""Escapes that YAML and JSON decode alike; a double-quoted scalar with any other is left to YAML."""
_STATUS, _TYPE, _POS, _GENDER = (MEMBERS_BY_VALUE[e] for e in (TermStatus, TermType, PartOfSpeech, Gender))
_PREFERRED = TermStatus.PREFERRED
_Shape = tuple[TermStatus, TermType | None, PartOfSpeech | None, bool]
"""A usual term line's status, type, part of speech and case sensitivity (the arguments after text and language)."""
_NO_DEFINITIONS: Mapping[str, str] = MappingProxyType({})
"""The definitions of every concept without any (read-only, so one serves them all)."""
_SCALAR_KEYS = frozenset({"id", "subject", "customer", "overrides"})
_TEXT_KEYS = frozenset({"note", "related", "xref", "graphic", "sources"})
_PROGRESS_STEP = 1000
_E = TypeVar("_E", bound=enum.Enum)


class _Outside(Exception):
    """The file leaves the layout or breaks a rule: the YAML reader reads it."""


def read_layout(text: str, path: str, digest: str) -> Glossary | None:
    """The glossary in ``text`` when it is in termbase's layout and valid, else ``None``."""
    if _UNSURE.search(text):
        return None
    try:
        return _Layout(text.split("\n"), path, digest).glossary()
    except _Outside:
        return None


def _new_pair(match: re.Match[str] | None, fields: Mapping[str, object], allowed: frozenset[str]
              ) -> tuple[str, str | None]:
    """The key and value of a matched ``key: value``, when the key is allowed and not seen before."""
    if match is None or match.group(1) in fields or match.group(1) not in allowed:
        raise _Outside
    return match.group(1), match.group(2)


def _is_language(tag: str) -> bool:
    try:
        parse_tag(tag)
    except LanguageTagError:
        return False
    return True


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quoted(raw: str) -> str:
    if raw[0] == "'":
        return raw[1:-1].replace("''", "'")
    inner = raw[1:-1]
    if "\\" not in inner:
        return inner
    if _ESCAPES.sub("", inner).count("\\"):
        raise _Outside
    value: str = json.loads(raw)
    return value


def _text(value: str) -> str:
    """A scalar as the YAML reader accepts it: not blank."""
    if not value.strip():
        raise _Outside
    return value


def _block_scalar(raw: str) -> str:
    """A scalar written after ``key: `` or ``- `` in block context."""
    if not raw:
        raise _Outside
    first = raw[0]
    if first in "\"'":
        if raw[-1] != first or len(raw) < 2 or not re.fullmatch(_QUOTED, raw):
            raise _Outside
        return _text(_quoted(raw))
    if not _BLOCK_PLAIN.match(raw) or ": " in raw or raw[-1] in " :":
        raise _Outside
    return raw


def _flow_scalar(raw: str) -> str:
    if raw[0] in "\"'":
        return _text(_quoted(raw))
    if raw[-1] == " ":
        raise _Outside
    return raw


def _flow_list(raw: str) -> tuple[str, ...]:
    """``[a, "b", ...]`` as texts."""
    inner = raw[1:-1]
    if not inner:
        return ()
    items: list[str] = []
    position = 0
    while position < len(inner):
        match = _FLOW_ITEM.match(inner, position)
        if match is None or (match.group(2) == ", " and match.end() == len(inner)):
            raise _Outside
        items.append(_flow_scalar(match.group(1)))
        position = match.end()
    return tuple(items)


def _texts(raw: str) -> tuple[str, ...]:
    """A text, or a flow list of texts, written inline."""
    if raw[0] == "[":
        if raw[-1] != "]":
            raise _Outside
        return _flow_list(raw)
    return (_block_scalar(raw),)


class _Layout:
    """The line-by-line reader; every method raises :class:`_Outside` to give up."""

    def __init__(self, lines: list[str], path: str, digest: str) -> None:
        self.lines = lines
        self.at = 0
        self.depth = 0
        """The indentation of the line :meth:`skip` returned last."""
        self.path = path
        self.digest = digest
        self.concept_lines: dict[str, int] = {}
        self.term_lines: dict[tuple[str, str, str], int] = {}
        self.languages: dict[str, bool] = {}
        self.shapes: dict[str, _Shape | None] = {}

    def skip(self) -> str | None:
        """The next line that is not blank or a comment (``self.at`` moved to it and ``self.depth``
        set to its indentation), None at the end."""
        lines, at = self.lines, self.at
        while at < len(lines):
            line = lines[at]
            content = line.lstrip(" ")
            if content and content[0] != "#":
                self.at, self.depth = at, len(line) - len(content)
                return line
            at += 1
        self.at = at
        return None

    def glossary(self) -> Glossary:
        info: GlossaryInfo | None = None
        concepts: tuple[Concept, ...] | None = None
        line = self.skip()
        while line is not None:
            pair = _PAIR.match(line)
            if pair is None or pair.group(2) is not None:
                raise _Outside
            self.at += 1
            if pair.group(1) == "glossary" and info is None and concepts is None:
                info = self.header()
            elif pair.group(1) == "concepts" and concepts is None:
                info = info or GlossaryInfo(id=Path(self.path).stem, path=self.path, digest=self.digest)
                concepts = self.concepts(info)
            else:
                raise _Outside
            line = self.skip()
        if concepts is None or info is None:
            raise _Outside
        return Glossary(info, concepts, MappingProxyType(self.concept_lines), MappingProxyType(self.term_lines))

    def pairs(self, indent: int) -> list[tuple[str, str | None, int]]:
        """The ``key: value`` lines of a block mapping at ``indent`` (value None when the key's value
        is a block below it), each with the index of its line; nested lines are left to the caller
        through :meth:`block_list`, so this reads only mappings of inline values."""
        found: list[tuple[str, str | None, int]] = []
        line = self.skip()
        while line is not None and _indent(line) == indent:
            pair = _PAIR.match(line, indent)
            if pair is None:
                raise _Outside
            found.append((pair.group(1), pair.group(2), self.at))
            self.at += 1
            line = self.skip()
        if line is not None and _indent(line) > indent:
            raise _Outside
        return found

    def header(self) -> GlossaryInfo:
        line = self.skip()
        if line is None or _indent(line) == 0:
            raise _Outside
        indent = _indent(line)
        fields: dict[str, str | tuple[str, ...]] = {}
        while line is not None and _indent(line) == indent:
            key, raw = _new_pair(_PAIR.match(line, indent), fields, HEADER_KEYS)
            self.at += 1
            if key == "sources":
                fields[key] = _texts(raw) if raw is not None else self.block_list(indent)
            elif raw is None:
                raise _Outside
            else:
                fields[key] = _block_scalar(raw)
            line = self.skip()
        if line is not None and _indent(line) != 0:
            raise _Outside

        sources = fields.get("sources", ())
        return GlossaryInfo(id=_single(fields, "id") or Path(self.path).stem, path=self.path,
                            title=_single(fields, "title"), description=_single(fields, "description"),
                            license=_single(fields, "license"),
                            sources=sources if isinstance(sources, tuple) else (sources,), digest=self.digest)

    def block_list(self, key_indent: int) -> tuple[str, ...]:
        """A block list of scalars under a key at ``key_indent`` (its items at that indent or deeper)."""
        line = self.skip()
        if line is None or not line.startswith("- ", _indent(line)) or _indent(line) < key_indent:
            raise _Outside
        indent = _indent(line)
        items: list[str] = []
        while line is not None and _indent(line) == indent and line.startswith("- ", indent):
            items.append(_block_scalar(line[indent + 2:]))
            self.at += 1
            line = self.skip()
        if line is not None and _indent(line) > key_indent:
            raise _Outside
        return tuple(items)

    def concepts(self, info: GlossaryInfo) -> tuple[Concept, ...]:
        line = self.skip()
        if line is None:
            raise _Outside
        item = self.depth
        concepts: list[Concept] = []
        with progress_bar(f"reading {Path(self.path).name}", len(self.lines), unit="line") as progress:
            reported = 0
            while line is not None and self.depth == item and line.startswith("- ", item):
                concepts.append(self.concept(item, info.id))
                if len(concepts) % _PROGRESS_STEP == 0:
                    progress.advance(self.at - reported)
                    reported = self.at
                line = self.skip()
        if not concepts or (line is not None and (self.depth != 0 or line.startswith("- "))):
            raise _Outside
        return tuple(concepts)

    def concept(self, item: int, glossary_id: str) -> Concept:
        start = self.at
        indent = item + 2  # the keys after ``- `` on the item's line and below it
        fields: dict[str, object] = {}
        line: str | None = self.lines[start]
        while line is not None and (self.depth == indent or self.at == start):
            key, raw = _new_pair(_PAIR.match(line, indent), fields, CONCEPT_KEYS)
            self.at += 1
            if key in _SCALAR_KEYS and raw is not None:
                fields[key] = _block_scalar(raw)
            elif key in _TEXT_KEYS:
                fields[key] = _texts(raw) if raw is not None else self.block_list(indent)
            elif key == "definition":
                fields[key] = {"en": _block_scalar(raw)} if raw is not None else self.definitions(indent)
            elif key == "terms" and raw is None and isinstance(fields.get("id"), str):
                fields[key] = self.terms(indent, str(fields["id"]))
            else:  # history, offices, terms before the id, ...: left to the YAML reader
                raise _Outside
            line = self.skip()
        if line is not None and self.depth > item:
            raise _Outside
        concept_id = fields.get("id")
        if not isinstance(concept_id, str) or not CONCEPT_ID.match(concept_id) or concept_id in self.concept_lines \
                or "terms" not in fields:
            raise _Outside
        if "related" in fields and any(not CONCEPT_ID.match(other) for other in fields["related"]):  # type: ignore[attr-defined]
            raise _Outside
        if "overrides" in fields and not CONCEPT_ID.match(str(fields["overrides"])):
            raise _Outside
        self.concept_lines[concept_id] = start + 1
        empty: tuple[str, ...] = ()
        return Concept(
            concept_id, fields["terms"], fields.get("subject"),  # type: ignore[arg-type]
            MappingProxyType(fields["definition"]) if "definition" in fields else _NO_DEFINITIONS,  # type: ignore[arg-type]
            fields.get("note", empty), fields.get("related", empty), fields.get("sources", empty),  # type: ignore[arg-type]
            fields.get("xref", empty), fields.get("graphic", empty), fields.get("customer"),  # type: ignore[arg-type]
            (), glossary_id, fields.get("overrides"),  # type: ignore[arg-type]
        )

    def definitions(self, key_indent: int) -> dict[str, str]:
        line = self.skip()
        if line is None or _indent(line) <= key_indent:
            raise _Outside
        definitions: dict[str, str] = {}
        for lang, raw, _ in self.pairs(_indent(line)):
            if raw is None or lang in definitions or not self.is_language(lang):
                raise _Outside
            definitions[lang] = _block_scalar(raw)
        return definitions

    def terms(self, key_indent: int, concept_id: str) -> tuple[Term, ...]:
        line = self.skip()
        if line is None or self.depth <= key_indent:
            raise _Outside
        indent = self.depth
        lines, term_lines, shapes = self.lines, self.term_lines, self.shapes
        terms: list[Term] = []
        languages: set[str] = set()
        while line is not None and self.depth == indent and not line.startswith("- ", indent):
            pair = _PAIR.match(line, indent)
            if pair is None or pair.group(2) is not None:
                raise _Outside
            lang = pair.group(1)
            if lang in languages or not self.is_language(lang):
                raise _Outside
            languages.add(lang)
            self.at += 1
            line = self.skip()
            if line is None or self.depth < indent or not line.startswith("- {", self.depth):
                raise _Outside
            items = self.depth
            prefix, start = line[:items + 3], items + 2
            preferred = False
            at = self.at
            while True:  # consecutive term lines read directly; a blank or comment line goes through skip()
                term = _term(line, start, lang, shapes)
                if "\n" in term.text:
                    raise _Outside
                if term.status is _PREFERRED:
                    if preferred:
                        raise _Outside
                    preferred = True
                term_lines.setdefault((concept_id, lang, term.text), at + 1)
                terms.append(term)
                at += 1
                if at < len(lines) and lines[at].startswith(prefix):
                    line = lines[at]
                    continue
                self.at = at
                line = self.skip()
                if line is None or not line.startswith(prefix):
                    break
                at = self.at
            if line is not None and self.depth > indent and self.depth != items:
                raise _Outside
        if not terms or (line is not None and self.depth > key_indent):
            raise _Outside
        return tuple(terms)

    def is_language(self, tag: str) -> bool:
        """Whether ``tag`` is a language tag (each tag parsed once per file)."""
        known = self.languages.get(tag)
        if known is None:
            known = self.languages[tag] = _is_language(tag)
        return known


def _term(line: str, start: int, lang: str, shapes: dict[str, _Shape | None]) -> Term:
    """One term written as a flow mapping ``{term: ..., status: ..., ...}`` from ``line[start]`` on;
    ``shapes`` holds the reading of each usual shape met so far in the file (a few distinct ones in
    thousands of lines)."""
    common = _COMMON_TERM.match(line, start)
    if common is not None:  # the usual shape, in one match
        text, tail = common.groups()
        if tail not in shapes:
            shapes[tail] = _shape(tail)
        shape = shapes[tail]
        # The text starts with no white space (``_PLAIN_FIRST``), so it is stripped when it ends with none.
        if shape is not None and not text[-1].isspace():
            return Term(text, lang, *shape)
    raw = line[start:]
    if raw[-1] != "}":
        raise _Outside
    fields: dict[str, str | tuple[str, ...]] = {}
    position, end = 1, len(raw)
    while position < end:
        match = _FLOW_PAIR.match(raw, position)
        key, value = _new_pair(match, fields, TERM_KEYS)
        if match is None or value is None:  # never (a flow pair always has a value): for the types
            raise _Outside
        fields[key] = _flow_list(value) if value[0] == "[" else _flow_scalar(value)
        position = match.end()
    text, status = fields.get("term"), fields.get("status")
    if not isinstance(text, str) or not isinstance(status, str) or text != text.strip() or status not in _STATUS:
        raise _Outside
    term_type = _member(fields, "type", _TYPE)
    case_sensitive = term_type is not None and term_type.case_sensitive_by_default
    flag = fields.get("case_sensitive")
    if flag is not None:
        if not isinstance(flag, str) or flag.lower() not in BOOLEANS:
            raise _Outside
        case_sensitive = BOOLEANS[flag.lower()]
    historical = _single(fields, "historical")
    if historical is not None and not is_period(historical):
        raise _Outside
    return Term(
        text, lang, _STATUS[status], term_type, _member(fields, "pos", _POS), case_sensitive,
        _member(fields, "gender", _GENDER), _single(fields, "usage"), _single(fields, "context"),
        _several(fields, "note"), _several(fields, "sources"), _single(fields, "customer"), historical,
    )


def _shape(tail: str) -> _Shape | None:
    """The reading of a usual term line's shape, None when a value is not in its vocabulary."""
    match = _SHAPE.match(tail)
    if match is None:  # never (the shape was matched as a part of _COMMON_TERM): for the types
        raise _Outside
    status, type_name, pos_name = match.groups()
    term_type = _TYPE.get(type_name) if type_name is not None else None
    pos = _POS.get(pos_name) if pos_name is not None else None
    if status not in _STATUS or (term_type is None) != (type_name is None) or (pos is None) != (pos_name is None):
        return None
    return _STATUS[status], term_type, pos, term_type is not None and term_type.case_sensitive_by_default


def _single(fields: dict[str, str | tuple[str, ...]], key: str) -> str | None:
    value = fields.get(key)
    if isinstance(value, tuple):
        raise _Outside
    return value


def _several(fields: dict[str, str | tuple[str, ...]], key: str) -> tuple[str, ...]:
    value = fields.get(key, ())
    return (value,) if isinstance(value, str) else value


def _member(fields: dict[str, str | tuple[str, ...]], key: str, members: Mapping[object, _E]) -> _E | None:
    value = _single(fields, key)
    if value is None:
        return None
    member = members.get(value)
    if member is None:
        raise _Outside
    return member
