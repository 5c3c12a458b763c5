"""Hostile TBX files are refused, or streamed within bounded memory; a local file is never read."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from termbase.errors import FormatError
from termbase.interchange import read_glossary_file

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
BODY = ('<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader>'
        '<fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>'
        '<conceptEntry id="a"><langSec xml:lang="en"><termSec><term>{term}</term></termSec></langSec>'
        '</conceptEntry></body></text></tbx>')


def _hostile(tmp_path: Path, secret: Path) -> dict[str, tuple[str, int]]:
    """Documents and the line their refusal must name."""
    laughs = "".join(f'<!ENTITY lol{n} "{"&lol%d;" % (n - 1) * 10}">\n' for n in range(1, 10))
    return {
        "billion-laughs": (HEAD + f'<!DOCTYPE tbx [\n<!ENTITY lol0 "lol">\n{laughs}]>\n' + BODY.format(term="&lol9;"), 3),
        "external-entity": (HEAD + f'<!DOCTYPE tbx [\n<!ENTITY xxe SYSTEM "{secret.as_uri()}">\n]>\n'
                            + BODY.format(term="&xxe;"), 3),
        "parameter-entity": (HEAD + f'<!DOCTYPE tbx [\n  <!ENTITY % p SYSTEM "{secret.as_uri()}">\n  %p;\n]>\n'
                             + BODY.format(term="x"), 3),
        "network-dtd-subset": (HEAD + '<!DOCTYPE tbx SYSTEM "http://example.invalid/tbx.dtd" [\n'
                               '<!ATTLIST term id CDATA "from-the-dtd">\n]>\n' + BODY.format(term="x"), 2),
    }


@pytest.mark.parametrize("name", ["billion-laughs", "external-entity", "parameter-entity", "network-dtd-subset"])
def test_hostile_doctypes_are_refused_naming_file_and_line(tmp_path: Path, name: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    text, line = _hostile(tmp_path, secret)[name]
    path = tmp_path / f"{name}.tbx"
    path.write_text(text, encoding="utf-8")
    before = secret.stat().st_atime_ns
    with pytest.raises(FormatError) as caught:
        read_glossary_file(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert "TOP-SECRET" not in str(caught.value)
    assert secret.stat().st_atime_ns == before  # the local file was never opened for reading


def test_an_external_dtd_is_neither_fetched_nor_applied(tmp_path: Path) -> None:
    dtd = tmp_path / "tbx.dtd"
    dtd.write_text('<!ATTLIST termSec id CDATA "from-the-dtd">', encoding="utf-8")
    before = dtd.stat().st_atime_ns
    path = tmp_path / "doctype.tbx"
    path.write_text(HEAD + f'<!DOCTYPE tbx SYSTEM "{dtd.as_uri()}">\n' + BODY.format(term="Astana"), encoding="utf-8")
    glossary = read_glossary_file(path)
    assert [t.text for c in glossary.concepts for t in c.terms] == ["Astana"]
    assert dtd.stat().st_atime_ns == before


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    depth = 100_000
    path = tmp_path / "deep.tbx"
    path.write_text(HEAD + BODY.format(term="<hi>" * depth + "x" + "</hi>" * depth), encoding="utf-8")
    with pytest.raises(FormatError, match="not well-formed"):
        read_glossary_file(path)


_STREAM = textwrap.dedent("""
    import sys, tracemalloc
    from termbase.interchange.tbx import iter_tbx_concepts

    def high_water_mark():  # the process's peak resident set (its own, unlike ru_maxrss after a fork)
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))

    before = high_water_mark()
    tracemalloc.start()
    count = 0
    for concept in iter_tbx_concepts(sys.argv[1]):
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    after = high_water_mark()
    print(count, peak, after - before, after)
""")


def test_a_200_mb_tbx_streams_in_bounded_memory(tmp_path: Path) -> None:
    """Every concept of a 200 MB file is read while the process grows by a small part of that."""
    if not Path("/proc/self/status").is_file():
        pytest.skip("needs /proc/self/status (Linux) to read the peak resident set")
    path = tmp_path / "big.tbx"
    definition = "تعريف طويل " * 4_000  # ~88 KB of Arabic per entry, well under libxml2's text limit
    entries = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD + BODY.split("<conceptEntry")[0])
        while out.tell() < 200 * 1024 * 1024:
            out.write(f'<conceptEntry id="c{entries}"><langSec xml:lang="ar"><descrip type="definition">'
                      f'{definition}</descrip><termSec><term>مصطلح {entries}</term></termSec></langSec>'
                      '</conceptEntry>\n')
            entries += 1
        out.write("</body></text></tbx>\n")
    size = path.stat().st_size
    result = subprocess.run([sys.executable, "-c", _STREAM, str(path)], capture_output=True, text=True, check=True)
    count, python_peak, rss_growth, rss_peak = (int(v) for v in result.stdout.split())
    print(f"{size / 2**20:.0f} MB, {count} entries: Python peak {python_peak / 2**20:.1f} MB, "
          f"RSS growth {rss_growth / 2**20:.1f} MB, RSS peak {rss_peak / 2**20:.1f} MB")
    assert count == entries
    assert python_peak < size / 50  # a few entries at a time, not the file
    assert rss_growth < size / 10  # libxml2's tree of a few entries, not of the file
    assert rss_peak < size / 2  # the whole process, interpreter and libraries included
