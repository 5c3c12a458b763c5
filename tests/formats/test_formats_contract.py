"""One contract for every reader: Arabic round trip, RTL marks, encodings, empty, malformed input.

Each format subclasses :class:`FormatContract` (translate-toolkit ``test_base.py`` style) and says
how to write pairs in its format, how to read them back, and what malformed input looks like.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import ClassVar
from xml.sax.saxutils import escape

import pytest

from termbase.errors import FormatError, InputError, TextDecodingError
from termbase.formats import Segment, read_aligned_text, read_po, read_tmx_segments, read_tsv, read_xliff

PAIRS = [
    ("مُصْطَلَحُ مجلسِ الأمنِ الدولي", "the UN Security Council"),
    ("\u202bالأمم المتحدة\u202c (الأونروا)\u200f", "UN Relief and Works Agency (UNRWA)"),
    ('قال: "نعم" & <لا>\tتم', 'He said: "yes" & <no>\tdone'),
    ("١٢٣ شخصاً", "123 people"),
]


class FormatContract:
    """The tests every format passes; subclasses fill in the hooks."""

    #: ``True`` when an empty file is a FormatError, ``False`` when it gives no segments.
    empty_is_error: ClassVar[bool] = False
    #: file name → text of a malformed document, and the line the error must name.
    malformed: ClassVar[dict[str, str]] = {}
    malformed_line: ClassVar[int] = 1

    def render(self, pairs: list[tuple[str, str]], declared: str) -> dict[str, str]:
        """File name → text holding ``pairs``; ``declared`` is the encoding name to declare."""
        raise NotImplementedError

    def read(self, files: dict[str, Path]) -> list[Segment]:
        raise NotImplementedError

    def write(self, folder: Path, texts: dict[str, str], encoding: str) -> dict[str, Path]:
        paths = {}
        for name, text in texts.items():
            path = folder / name
            path.write_bytes(text.encode(encoding, errors="replace"))
            paths[name] = path
        return paths

    def pairs_of(self, files: dict[str, Path]) -> list[tuple[str, str]]:
        return [(s.source, s.target) for s in self.read(files)]

    # --- the contract -------------------------------------------------------------------------

    def test_arabic_round_trip(self, tmp_path: Path) -> None:
        files = self.write(tmp_path, self.render(PAIRS, "UTF-8"), "utf-8")
        assert self.pairs_of(files) == PAIRS

    def test_ids_are_unique_and_origins_located(self, tmp_path: Path) -> None:
        segments = self.read(self.write(tmp_path, self.render(PAIRS, "UTF-8"), "utf-8"))
        assert len({s.id for s in segments}) == len(segments)
        assert all(s.origin.path and s.origin.line for s in segments)
        assert {(s.source_lang, s.target_lang) for s in segments} == {("ar", "en")}

    @pytest.mark.parametrize(("encoding", "declared"), [
        ("utf-8-sig", "UTF-8"), ("utf-16", "UTF-16"), ("utf-16-be-bom", "UTF-16"), ("utf-32", "UTF-32"),
    ])
    def test_unicode_with_bom(self, tmp_path: Path, encoding: str, declared: str) -> None:
        texts = self.render(PAIRS, declared)
        if encoding == "utf-16-be-bom":
            files = {}
            for name, text in texts.items():
                (tmp_path / name).write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
                files[name] = tmp_path / name
        else:
            files = self.write(tmp_path, texts, encoding)
        assert self.pairs_of(files) == PAIRS

    def test_non_utf8_is_a_decoding_error(self, tmp_path: Path) -> None:
        files = self.write(tmp_path, self.render(PAIRS, "UTF-8"), "cp1256")
        with pytest.raises(TextDecodingError) as caught:
            self.read(files)
        assert caught.value.path in {str(p) for p in files.values()}

    def test_binary_is_refused(self, tmp_path: Path) -> None:
        files = self.write(tmp_path, self.render(PAIRS, "UTF-8"), "utf-8")
        for path in files.values():
            path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
        with pytest.raises((TextDecodingError, FormatError)):
            self.read(files)

    def test_empty_file(self, tmp_path: Path) -> None:
        files = self.write(tmp_path, self.render(PAIRS, "UTF-8"), "utf-8")
        for path in files.values():
            path.write_bytes(b"")
        if self.empty_is_error:
            with pytest.raises(FormatError, match="empty"):
                self.read(files)
        else:
            assert self.read(files) == []

    def test_malformed_names_file_and_line(self, tmp_path: Path) -> None:
        files = self.write(tmp_path, self.malformed, "utf-8")
        with pytest.raises(FormatError) as caught:
            self.read(files)
        assert caught.value.path in {str(p) for p in files.values()}
        assert caught.value.line == self.malformed_line

    def test_missing_file(self, tmp_path: Path) -> None:
        files = {name: tmp_path / "missing" / name for name in self.render(PAIRS, "UTF-8")}
        with pytest.raises(InputError, match="cannot read"):
            self.read(files)


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n") + '"'


class TestPo(FormatContract):
    malformed: ClassVar[dict[str, str]] = {"bad.po": 'msgid "أ"\nmsgstr "a"\n\nmsgid "ب\nmsgstr "b"\n'}
    malformed_line: ClassVar[int] = 4

    def render(self, pairs: list[tuple[str, str]], declared: str) -> dict[str, str]:
        header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        body = "".join(f"\nmsgid {_po_string(s)}\nmsgstr {_po_string(t)}\n" for s, t in pairs)
        return {"news.po": header + body}

    def read(self, files: dict[str, Path]) -> list[Segment]:
        return read_po(next(iter(files.values())))


class TestTsv(FormatContract):
    malformed: ClassVar[dict[str, str]] = {"bad.tsv": "أ\ta\nب\tb\tc\n"}
    malformed_line: ClassVar[int] = 2

    def render(self, pairs: list[tuple[str, str]], declared: str) -> dict[str, str]:
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["source", "target"])
        writer.writerows(pairs)
        return {"pairs.tsv": out.getvalue()}

    def read(self, files: dict[str, Path]) -> list[Segment]:
        return read_tsv(next(iter(files.values())))


class TestAlignedText(FormatContract):
    malformed: ClassVar[dict[str, str]] = {"ar.txt": "أ\nب\n", "en.txt": "a\n"}
    malformed_line: ClassVar[int] = 2

    def render(self, pairs: list[tuple[str, str]], declared: str) -> dict[str, str]:
        return {"ar.txt": "".join(s + "\n" for s, _ in pairs), "en.txt": "".join(t + "\n" for _, t in pairs)}

    def read(self, files: dict[str, Path]) -> list[Segment]:
        return read_aligned_text(files["ar.txt"], files["en.txt"])


class TestXliff12(FormatContract):
    empty_is_error: ClassVar[bool] = True
    malformed: ClassVar[dict[str, str]] = {
        "bad.xlf": '<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n',
    }
    malformed_line: ClassVar[int] = 4

    def render(self, pairs: list[tuple[str, str]], declared: str) -> dict[str, str]:
        units = "".join(
            f'<trans-unit id="{n}">\n<source><g id="1">{escape(s)}</g></source>\n'
            f'<target><x id="2"/>{escape(t)}</target>\n</trans-unit>\n'
            for n, (s, t) in enumerate(pairs, 1)
        )
        return {"news.xlf": f'<?xml version="1.0" encoding="{declared}"?>\n'
                            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                            '<file original="news" source-language="ar" target-language="en" datatype="plaintext">\n'
                            f"<body>\n{units}</body>\n</file>\n</xliff>\n"}

    def read(self, files: dict[str, Path]) -> list[Segment]:
        return read_xliff(next(iter(files.values())))


class TestXliff20(FormatContract):
    empty_is_error: ClassVar[bool] = True
    malformed: ClassVar[dict[str, str]] = {
        "bad.xlf": '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar">\n'
                   '<file id="f"><unit id="u"><segment><source>أ</sourc>\n</segment></unit></file></xliff>\n',
    }
    malformed_line: ClassVar[int] = 2

    def render(self, pairs: list[tuple[str, str]], declared: str) -> dict[str, str]:
        units = "".join(
            f'<unit id="u{n}">\n<segment>\n<source><pc id="1">{escape(s)}</pc><ph id="2"/></source>\n'
            f'<target><sm id="m"/>{escape(t)}<em startRef="m"/></target>\n</segment>\n</unit>\n'
            for n, (s, t) in enumerate(pairs, 1)
        )
        return {"news.xlf": f'<?xml version="1.0" encoding="{declared}"?>\n'
                            '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                            f'srcLang="ar" trgLang="en">\n<file id="f">\n{units}</file>\n</xliff>\n'}

    def read(self, files: dict[str, Path]) -> list[Segment]:
        return read_xliff(next(iter(files.values())))


class TestTmx(FormatContract):
    empty_is_error: ClassVar[bool] = True
    malformed: ClassVar[dict[str, str]] = {
        "bad.tmx": '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ar"/>\n<body>\n'
                   '<tu><tuv xml:lang="ar"><seg>أ</seg></tuv>\n<tuv><seg>a</seg></tuv></tu>\n</body></tmx>\n',
    }
    malformed_line: ClassVar[int] = 5

    def render(self, pairs: list[tuple[str, str]], declared: str) -> dict[str, str]:
        units = "".join(
            f'<tu tuid="{n}">\n<tuv xml:lang="ar"><seg><bpt i="1">&lt;b&gt;</bpt>{escape(s)}<ept i="1">&lt;/b&gt;</ept></seg></tuv>\n'
            f'<tuv xml:lang="en"><seg><ph x="1">&lt;br/&gt;</ph>{escape(t)}</seg></tuv>\n</tu>\n'
            for n, (s, t) in enumerate(pairs, 1)
        )
        return {"news.tmx": f'<?xml version="1.0" encoding="{declared}"?>\n<tmx version="1.4">\n'
                            '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
                            f'adminlang="en" srclang="ar" datatype="plaintext"/>\n<body>\n{units}</body>\n</tmx>\n'}

    def read(self, files: dict[str, Path]) -> list[Segment]:
        return read_tmx_segments(next(iter(files.values())))

    @pytest.mark.parametrize(("encoding", "declared"), [
        ("utf-8-sig", "UTF-8"), ("utf-16", "UTF-16"), ("utf-16-be-bom", "UTF-16"),
    ])
    def test_unicode_with_bom(self, tmp_path: Path, encoding: str, declared: str) -> None:
        super().test_unicode_with_bom(tmp_path, encoding, declared)

    def test_utf32_is_refused_with_the_file(self, tmp_path: Path) -> None:
        # TMX is read by the streaming parser, and libxml2's push parser reads no UTF-32
        # (TMX 1.4b files are UTF-8 or UTF-16 in practice): refused, naming the file.
        files = self.write(tmp_path, self.render(PAIRS, "UTF-32"), "utf-32")
        with pytest.raises(FormatError) as caught:
            self.read(files)
        assert caught.value.path == str(files["news.tmx"])
