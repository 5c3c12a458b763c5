"""``termbase check FILE.tmx``: a TMX file is aligned input like TSV, PO and XLIFF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termbase.cli import main
from termbase.formats.tmx import TmxUnit, TmxVariant, write_tmx


def test_check_reads_a_tmx_as_aligned_segments(tmp_path: Path, seed_pairs: list[tuple[str, str]],
                                               draft_lines: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.tmx"
    units = [
        TmxUnit((TmxVariant("ar", ar, ar.replace("&", "&amp;").replace("<", "&lt;"), None),
                 TmxVariant("en", draft, draft.replace("&", "&amp;").replace("<", "&lt;"), None)),
                "ar", f"s{n}", None, n)
        for n, ((ar, _), draft) in enumerate(zip(seed_pairs, draft_lines, strict=True), 1)
    ]
    write_tmx(path, units, encoding="UTF-16")
    code = main(["check", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    deprecated = {(i["segment"], i["target"]["text"]) for i in report["issues"] if i["code"] == "deprecated-term"}
    assert ("s2", "Kirghizia") in deprecated
    assert any(segment == "s5" and "Tokaev" in text for segment, text in deprecated)
    assert code == 1
