"""XLIFF languages (BCP 47, per file and per unit, any case, never guessed) and declarations the
bytes contradict."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from termbase.cli import main
from termbase.errors import FormatError, TextDecodingError
from termbase.formats import parse_xliff

BODY = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">'
        '<file id="f"><unit id="u"><segment><source>مجلس é</source><target>Café</target></segment></unit>'
        '</file></xliff>')
DECLARED = '<?xml version="1.0" encoding="{}"?>'

CONTRADICTED = {
    "utf8-bom-declares-latin1": codecs.BOM_UTF8 + (DECLARED.format("ISO-8859-1") + BODY).encode(),
    "utf16-bom-declares-utf8": codecs.BOM_UTF16_LE + (DECLARED.format("UTF-8") + BODY).encode("utf-16-le"),
    "utf16-without-bom-declares-utf8": (DECLARED.format("UTF-8") + BODY).encode("utf-16-le"),
    "utf8-declares-utf16": (DECLARED.format("UTF-16") + BODY).encode(),
    "utf8-declares-latin1": (DECLARED.format("ISO-8859-1") + BODY).encode(),
    "utf8-declares-windows-1256": (DECLARED.format("windows-1256") + BODY).encode(),
}
AGREED = {
    "utf16-bom": codecs.BOM_UTF16_LE + (DECLARED.format("UTF-16") + BODY).encode("utf-16-le"),
    "utf16be-without-bom": (DECLARED.format("UTF-16") + BODY).encode("utf-16-be"),
    "utf8-bom": codecs.BOM_UTF8 + (DECLARED.format("UTF-8") + BODY).encode(),
    "utf8": (DECLARED.format("utf-8") + BODY).encode(),
    "latin1": (DECLARED.format("ISO-8859-1") + BODY.replace("مجلس", "Rat")).encode("latin-1"),
    "no-declaration": BODY.encode(),
}


@pytest.mark.parametrize("case", sorted(CONTRADICTED))
def test_a_declaration_the_bytes_contradict_is_refused(case: str) -> None:
    with pytest.raises(TextDecodingError, match="the XML declaration says encoding=") as caught:
        parse_xliff(CONTRADICTED[case], "x.xlf")
    assert (caught.value.path, caught.value.line) == ("x.xlf", 1)


@pytest.mark.parametrize("case", sorted(AGREED))
def test_a_declaration_the_bytes_agree_with_is_read(case: str) -> None:
    (segment,) = parse_xliff(AGREED[case])
    assert segment.source in ("مجلس é", "Rat é") and segment.target == "Café"


def _v2(src: str | None, trg: str | None, unit_lang: str = "") -> bytes:
    attributes = "".join(f' {n}="{v}"' for n, v in (("srcLang", src), ("trgLang", trg)) if v is not None)
    lang = f' xml:lang="{unit_lang}"' if unit_lang else ""
    return (f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"{attributes}><file id="f">'
            f'<unit id="u1"><segment><source>قال توكاييف</source><target>Tokayev said</target></segment></unit>'
            f'<unit id="u2"><segment><source>قال توكاييف</source><target{lang}>Tokayev said</target></segment>'
            '</unit></file></xliff>').encode()


def test_languages_are_validated_per_file_and_per_unit() -> None:
    with pytest.raises(FormatError, match="'f r' is not a BCP 47") as caught:
        parse_xliff(_v2("ar", "f r"))
    assert caught.value.element == "xliff/@trgLang"
    with pytest.raises(FormatError, match="not a BCP 47") as caught:
        parse_xliff(_v2("ar", "en", unit_lang="en_US"))
    assert caught.value.element == "target/@xml:lang" and caught.value.line == 1
    segments = parse_xliff(_v2("AR", "EN-us", unit_lang="EN-gb"))
    assert [(s.source_lang, s.target_lang) for s in segments] == [("ar", "en-US"), ("ar", "en-GB")]


def test_a_missing_target_language_is_not_guessed() -> None:
    assert {s.target_lang for s in parse_xliff(_v2("ar", None))} == {None}


def _run(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> tuple[int, str, str]:
    code = main(["check", str(path), "--format", "json", *options])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_refuses_or_reads_each_language_case(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "u.xlf"
    path.write_bytes(_v2("ar", None))
    code, _, err = _run(capsys, path)
    assert code == 2 and "no target language" in err and "unit[@id='u1']" in err
    assert _run(capsys, path, "--target-lang", "en")[0] == 0  # stated on the command line: read
    path.write_bytes(_v2("ar", "de"))
    code, _, err = _run(capsys, path)
    assert code == 2 and "do not support ar→de" in err and str(path) in err
    path.write_bytes(_v2("ar", "en", unit_lang="fr"))
    code, _, err = _run(capsys, path)
    assert code == 2 and "unit[@id='u2']" in err and "ar→fr" in err
    path.write_bytes(_v2("AR", "EN-US"))
    code, out, err = _run(capsys, path)
    assert code == 0, err
    path.write_bytes(_v2("AR", "EN-US").replace(b"Tokayev", b"Tokaev"))  # upper-case tags get the checks
    code, out, err = _run(capsys, path, "--fail-on", "warning")
    assert code == 1, err
    assert [(i["code"], i["segment"]) for i in json.loads(out)["issues"]] == [
        ("deprecated-term", "u1"), ("deprecated-term", "u2")]
