"""TMX 1.4b: the LISA compliance kit imports, export validates against the DTD, round trips keep markup.

The kit holds 23 files: 5 in UTF-16 (ImportTest1A, 1F, 1G, 2A, 2B), 9 in UTF-8 with a BOM, 9 without.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from lxml import etree

from termbase.cli import main
from termbase.errors import FormatError
from termbase.formats.xmlsafe import parse_xml
from termbase.tm.interchange import export_tmx, import_file
from termbase.tm.memory import TranslationMemory

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _kit(tmx_dir: Path) -> list[Path]:
    files = sorted((tmx_dir / "compliance-kit").glob("*.tmx"))
    assert len(files) == 23
    return files


def _variants_in_file(path: Path) -> set[tuple[str, str]]:
    """Every (language, inline content of <seg>) of a TMX file, read with lxml directly."""
    found = set()
    for tuv in etree.parse(str(path), SAFE).iter("tuv"):
        seg = tuv.find("seg")
        assert seg is not None
        inner = escape(seg.text or "") + "".join(etree.tostring(child, encoding="unicode") for child in seg)
        found.add((tuv.get(XML_LANG, "").lower(), _canonical(inner)))
    return found


def _canonical(markup: str) -> str:
    """Inline markup in one serialization, so equal XML compares equal."""
    root = etree.fromstring(f"<seg>{markup}</seg>".encode(), SAFE)
    return etree.tostring(root, method="c14n").decode("utf-8")


def _variants_in_memory(memory: TranslationMemory) -> set[tuple[str, str]]:
    found = set()
    for s in memory.segments():
        found.add((s.source_lang.lower(), _canonical(s.source_markup)))
        if s.target_lang:
            found.add((s.target_lang.lower(), _canonical(s.target_markup)))
    return found


@pytest.fixture
def kit_memory(tmp_path: Path, tmx_dir: Path) -> TranslationMemory:
    memory = TranslationMemory(tmp_path / "kit.tm")
    for path in _kit(tmx_dir):
        import_file(memory, path)
    return memory


def test_the_kit_has_utf16_files(tmx_dir: Path) -> None:
    utf16 = [p.name for p in _kit(tmx_dir) if p.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")]
    assert utf16 == ["ImportTest1A.tmx", "ImportTest1F.tmx", "ImportTest1G.tmx", "ImportTest2A.tmx",
                     "ImportTest2B.tmx"]


def test_every_kit_variant_is_stored_with_its_markup(kit_memory: TranslationMemory, tmx_dir: Path) -> None:
    expected = set().union(*(_variants_in_file(p) for p in _kit(tmx_dir)))
    assert _variants_in_memory(kit_memory) == expected
    inline = [s for s in kit_memory.segments() if "<bpt" in s.source_markup]
    assert inline and all("<bpt" in s.target_markup for s in inline)
    big_cat = next(s for s in kit_memory.segments() if s.source == "The big black cat sleeps.")
    assert big_cat.target == "Le gros chat noir dors."


def test_export_validates_against_the_tmx14_dtd(kit_memory: TranslationMemory, tmx_dir: Path,
                                                 tmp_path: Path) -> None:
    dtd = etree.DTD(str(tmx_dir / "tmx14.dtd"))
    for encoding in ("UTF-8", "UTF-16"):
        out = tmp_path / f"out-{encoding}.tmx"
        assert export_tmx(kit_memory, out, encoding=encoding) == len(kit_memory)
        assert dtd.validate(parse_xml(out.read_bytes(), out)), dtd.error_log.filter_from_errors()
    assert (tmp_path / "out-UTF-16.tmx").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")


def _rows(memory: TranslationMemory) -> list[tuple[str, ...]]:
    """Every segment with its text, inline markup, origin, document and position."""
    return sorted((s.source_lang, s.target_lang, s.source, s.target, _canonical(s.source_markup),
                   _canonical(s.target_markup), s.origin, str(s.document), str(s.position))
                  for s in memory.segments())


def test_import_export_import_keeps_every_segment(kit_memory: TranslationMemory, tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    export_tmx(kit_memory, out, encoding="UTF-16")
    again = TranslationMemory(tmp_path / "again.tm")
    result, _ = import_file(again, out)
    assert result.added == len(kit_memory)
    assert _rows(again) == _rows(kit_memory)


def test_the_kit_through_the_command_line(tmx_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``termbase tm import FILE --tm kit.tm`` for all 23 files, ``tm export``, the DTD, and back."""
    kit, out, again = tmp_path / "kit.tm", tmp_path / "out.tmx", tmp_path / "again.tm"
    for path in _kit(tmx_dir):
        assert main(["tm", "import", str(path), "--tm", str(kit), "--format", "json"]) == 0, path.name
        assert json.loads(capsys.readouterr().out)["file"] == str(path)
    assert main(["tm", "export", str(out), "--tm", str(kit)]) == 0
    dtd = etree.DTD(str(tmx_dir / "tmx14.dtd"))
    assert dtd.validate(parse_xml(out.read_bytes(), out)), dtd.error_log.filter_from_errors()
    assert main(["tm", "import", str(out), "--tm", str(again)]) == 0
    expected = set().union(*(_variants_in_file(p) for p in _kit(tmx_dir)))
    with TranslationMemory(kit) as first, TranslationMemory(again) as second:
        # every language variant of every file, with its inline markup, is in both memories …
        assert _variants_in_memory(first) == _variants_in_memory(second) == expected
        # … in the same pairs, with the same document, position and origin
        assert _rows(second) == _rows(first) and len(_rows(first)) == len(first) > 0


def test_multilingual_units_give_one_pair_per_target(kit_memory: TranslationMemory) -> None:
    pairs = {(s.source_lang, s.target_lang) for s in kit_memory.segments() if s.source == "First entry in US English"}
    assert pairs == {("en-US", "en-GB"), ("en-US", "ja-JP"), ("en-US", "fr-CA"), ("en-US", "es-ES")}
    per_unit = {s.source_lang for s in kit_memory.segments() if s.source.startswith("First Entry - German")}
    assert per_unit == {"de-DE"}  # the <tu srclang> of ImportTest1K


MALFORMED = [
    ("no xml:lang", '<tu><tuv xml:lang="ar"><seg>ب</seg></tuv>\n<tuv><seg>b</seg></tuv></tu>', 9, "<tuv>"),
    ("not well-formed", '<tu><tuv xml:lang="ar"><seg>ب</seg></tuv>\n<tuv xml:lang="en"><seg>b</tuv></tu>', 9, None),
    ("two segs", '<tu><tuv xml:lang="ar"><seg>ب</seg><seg>c</seg></tuv></tu>', 8, "<tuv>"),
    ("foreign inline element", '<tu><tuv xml:lang="ar"><seg>ب <b>c</b></seg></tuv></tu>', 8, "<b>"),
    ("bad language tag", '<tu><tuv xml:lang="not a tag"><seg>ب</seg></tuv></tu>', 8, "<tuv>"),
]


@pytest.mark.parametrize(("why", "bad_unit", "line", "element"), MALFORMED)
def test_a_malformed_tmx_is_rejected_and_the_memory_left_as_it_was(
    tmp_path: Path, why: str, bad_unit: str, line: int, element: str | None,
) -> None:
    good = "\n".join(f'<tu><tuv xml:lang="ar"><seg>جملة {n}</seg></tuv><tuv xml:lang="en"><seg>sentence {n}</seg></tuv></tu>'
                     for n in range(3))
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
            'srclang="ar" datatype="plaintext"/>\n<body>\n' + good + "\n" + bad_unit + "\n</body>\n</tmx>\n")
    path = tmp_path / "bad.tmx"
    path.write_text(text, encoding="utf-8")
    assert text.split("\n")[line - 1].startswith(("<tu>", "<tuv")), why
    memory = TranslationMemory(tmp_path / "m.tm")
    memory.add("قمة", "summit", document="d", position=0)
    memory.store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every committed page in the file
    before, file_before = list(memory.store.connection.iterdump()), (tmp_path / "m.tm").read_bytes()
    with pytest.raises(FormatError) as caught:
        import_file(memory, path)
    assert (caught.value.path, caught.value.line) == (str(path), line), why
    if element is not None:
        assert caught.value.element == element
    assert list(memory.store.connection.iterdump()) == before  # the same tables and rows
    memory.close()
    assert (tmp_path / "m.tm").read_bytes() == file_before  # and the same bytes
    with TranslationMemory(tmp_path / "m.tm") as reopened:
        assert [(s.source, s.target) for s in reopened.segments()] == [("قمة", "summit")]
