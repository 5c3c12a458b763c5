"""Every bad invocation and every bad file: a clear message naming the file, line or element,
exit 2, never a traceback — run over a matrix of option combinations and broken inputs.

Each repro of the CLI review is a case here; the expectations (exit 2, the words of the message)
are what the README documents for a usage or input error.
"""

from __future__ import annotations

import itertools
import os
import pty
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from termbase.cli import main

REPO = Path(__file__).resolve().parent.parent.parent
SEED_AR = REPO / "seeds" / "c5plus1-summit.ar.txt"
SEED_EN = REPO / "seeds" / "c5plus1-summit.en.txt"
DRAFT = REPO / "examples" / "c5plus1-summit.draft.en.txt"
NEWS_PO = REPO / "tests" / "data" / "formats" / "news-ar-en.po"
NEWS_XLIFF = REPO / "tests" / "data" / "formats" / "news-ar-en-2.0.xlf"
GLOSSARIES = REPO / "glossaries"

Capsys = pytest.CaptureFixture[str]


def run(capsys: Capsys, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- broken inputs -------------------------------------------------------------------------------

BROKEN: dict[str, tuple[str, bytes, str]] = {
    # name: (file name, bytes, words the message must contain besides the file name)
    "po-unterminated": ("bad.po", b'msgid "a\nmsgstr "b"\n', "line 1"),
    "po-binary": ("bin.po", b"\x00\x01\x02msgid", "binary"),
    "po-latin1-undeclared": ("l1.po", 'msgid "caf\u00e9"\nmsgstr "x"\n'.encode("latin-1"), "line 1"),
    "xliff-not-xml": ("bad.xlf", b"<xliff version='2.0'><file>", "line 1"),
    "xliff-wrong-root": ("root.xlf", b"<html/>", "<html>"),
    "xliff-empty-file": ("empty.xlf", b"", "empty"),
    "xliff-no-units": ("nounits.xlf", b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                       b'srcLang="ar" trgLang="en"><file id="f"/></xliff>', "nothing to check"),
    "xliff-bad-lang": ("lang.xlf", b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                       b'srcLang="ar" trgLang="f r"><file id="f"><unit id="u"><segment><source>a</source>'
                       b'</segment></unit></file></xliff>', "f r"),
    "tsv-three-columns": ("cols.tsv", "أ\tb\tc\n".encode(), "line 1"),
    "tsv-empty": ("empty.tsv", b"", "nothing to check"),
    "po-header-only": ("header.po", b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n',
                       "nothing to check"),
}


@pytest.fixture(params=sorted(BROKEN))
def broken(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    name, data, words = BROKEN[request.param]
    path = tmp_path / name
    path.write_bytes(data)
    return path, words


@pytest.mark.parametrize(("fmt", "fail_on", "output"), list(itertools.product(
    ("text", "json", "junit", "html"), ("error", "warning", "never"), (False, True))))
def test_broken_files_exit_2_naming_the_file(capsys: Capsys, tmp_path: Path, broken: tuple[Path, str],
                                             fmt: str, fail_on: str, output: bool) -> None:
    path, words = broken
    report = tmp_path / "report.out"
    extra = ["-o", str(report)] if output else []
    code, out, err = run(capsys, "check", path, "--format", fmt, "--fail-on", fail_on, *extra)
    assert code == 2, err
    assert out == ""
    assert str(path) in err and words in err, err
    assert err.startswith("termbase: error: ") and err.count("\n") == 1
    assert not report.exists()  # nothing half-written


# -- bad invocations -----------------------------------------------------------------------------

def _po(tmp_path: Path) -> Path:
    path = tmp_path / "news.po"
    path.write_bytes(NEWS_PO.read_bytes())
    return path


def _text(tmp_path: Path) -> Path:
    path = tmp_path / "a.en.txt"
    path.write_text("Tokayev visited Astana.\n", encoding="utf-8")
    return path


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.en.txt"
    path.write_bytes(b"")
    return path


Setup = Callable[[Path], list[str]]

USAGE: dict[str, tuple[Setup, str]] = {
    # The review's repros that were tracebacks or silent, and the options that need another.
    "po-with-aligned": (lambda t: ["check", str(_po(t)), "--aligned"], "--aligned takes two"),
    "target-only-with-aligned": (lambda t: ["check", "--target-only", "--aligned", str(_text(t))],
                                 "--target-only and --aligned"),
    "target-only-two-files": (lambda t: ["check", "--target-only", str(SEED_AR), str(SEED_EN)],
                              "--target-only takes one file"),
    "three-files": (lambda t: ["check", str(SEED_AR), str(SEED_EN), str(DRAFT)], "3 files given"),
    "one-text-file": (lambda t: ["check", str(SEED_EN)], "one file must be"),
    "in-place-without-fix": (lambda t: ["check", "--target-only", str(_text(t)), "--in-place"], "needs --fix"),
    "fixed-without-fix": (lambda t: ["check", "--target-only", str(_text(t)), "--fixed", str(t / "f.txt")],
                          "needs --fix"),
    "in-place-and-fixed": (lambda t: ["check", "--target-only", str(_text(t)), "--fix", "--in-place",
                                      "--fixed", str(t / "f.txt")], "exclude each other"),
    "in-place-stdin": (lambda t: ["check", "--target-only", "-", "--fix", "--in-place"], "standard input"),
    "annotate-not-po": (lambda t: ["check", str(SEED_AR), str(SEED_EN), "--annotate", str(t / "x.po")],
                        "PO files"),
    "annotate-without-path": (lambda t: ["check", str(_po(t)), "--annotate"], "needs a PATH"),
    "include-fuzzy-not-po": (lambda t: ["check", str(SEED_AR), str(SEED_EN), "--include-fuzzy"], "PO files"),
    "msgid-lang-not-po": (lambda t: ["check", str(SEED_AR), str(SEED_EN), "--msgid-lang", "en"], "PO files"),
    "tsv-quoting-not-tsv": (lambda t: ["check", str(_po(t)), "--tsv-quoting", "none"], ".tsv files"),
    "color-not-text": (lambda t: ["check", str(SEED_AR), str(SEED_EN), "--format", "json", "--color"],
                       "text report"),
    "source-lang-fr": (lambda t: ["check", str(SEED_AR), str(SEED_EN), "--source-lang", "fr"],
                       "do not support fr→en"),
    "target-lang-de": (lambda t: ["check", str(SEED_AR), str(SEED_EN), "--target-lang", "de-DE"],
                       "do not support ar→de-DE"),
    "same-languages": (lambda t: ["check", str(SEED_AR), str(SEED_EN), "--source-lang", "en"],
                       "do not support en→en"),
    "malformed-lang": (lambda t: ["check", str(SEED_AR), str(SEED_EN), "--source-lang", "f r"],
                       "not a BCP 47 language tag"),
    "lookup-limit-0": (lambda t: ["lookup", "Tokayev", "--limit", "0"], "below 1"),
    "lookup-limit-negative": (lambda t: ["lookup", "Tokayev", "-n", "-3"], "below 1"),
    "lookup-limit-word": (lambda t: ["lookup", "Tokayev", "--limit", "ten"], "not a whole number"),
    "lookup-cutoff-150": (lambda t: ["lookup", "Tokayev", "--score-cutoff", "150"], "outside 0-100"),
    "lookup-cutoff-negative": (lambda t: ["lookup", "Tokayev", "--score-cutoff", "-1"], "outside 0-100"),
    "lookup-cutoff-nan": (lambda t: ["lookup", "Tokayev", "--score-cutoff", "nan"], "outside 0-100"),
    "lookup-empty": (lambda t: ["lookup", ""], "QUERY is empty"),
    "lookup-blank": (lambda t: ["lookup", "  "], "QUERY is empty"),
    "lookup-bad-lang": (lambda t: ["lookup", "Tokayev", "--lang", "e n"], "not a BCP 47 language tag"),
    "show-empty": (lambda t: ["show", ""], "CONCEPT is empty"),
    "spot-bad-lang": (lambda t: ["spot", str(SEED_EN), "--lang", "en_US"], "not a BCP 47 language tag"),
    "glossary-empty-folder": (lambda t: ["lookup", "Tokayev", "-g", str(t)], "no glossary"),
    "missing-source": (lambda t: ["check", str(t / "nope.ar.txt"), str(SEED_EN)], "nope.ar.txt"),
    "source-is-folder": (lambda t: ["check", str(t), str(SEED_EN)], "cannot read"),
    "empty-target": (lambda t: ["check", str(SEED_AR), str(_empty(t))], "empty file"),
}


@pytest.mark.parametrize("case", sorted(USAGE))
def test_bad_invocations_exit_2_with_a_clear_message(capsys: Capsys, tmp_path: Path, case: str) -> None:
    setup, words = USAGE[case]
    argv = setup(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2, (code, err)
    message = err.strip().splitlines()[-1]  # argparse prints its usage lines first
    assert message.startswith("termbase") and ": error: " in message, err
    assert words in message, err
    assert "Traceback" not in err


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    """The same refusals from ``python -m termbase``: a message on stderr, exit 2."""
    for argv in (["check", str(_po(tmp_path)), "--aligned"], ["lookup", "Tokayev", "--limit", "0"],
                 ["check", str(SEED_AR), str(SEED_EN), "--source-lang", "fr"]):
        done = subprocess.run([sys.executable, "-m", "termbase", *argv], capture_output=True, text=True,
                              timeout=120, check=False)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        assert done.stderr.strip().splitlines()[-1].startswith("termbase"), done.stderr


# -- what used to be refused or wrong ------------------------------------------------------------

def test_glossary_folder_loads_its_glossaries(capsys: Capsys) -> None:
    by_folder = run(capsys, "lookup", "Tokayev", "-g", GLOSSARIES, "--format", "json")
    by_files = run(capsys, "lookup", "Tokayev", *itertools.chain.from_iterable(
        ("-g", str(p)) for p in sorted(GLOSSARIES.glob("*.yaml"))), "--format", "json")
    assert by_folder[0] == 0 and by_folder == by_files
    assert by_folder[1] == run(capsys, "lookup", "Tokayev", "--format", "json")[1]  # the shipped ones


def test_limit_1_and_cutoff_bounds_are_accepted(capsys: Capsys) -> None:
    assert run(capsys, "lookup", "Tokayev", "--limit", "1", "--score-cutoff", "100")[0] == 0
    assert run(capsys, "lookup", "Tokayev", "--score-cutoff", "0")[0] == 0


def test_language_tags_are_case_insensitive(capsys: Capsys) -> None:
    plain = run(capsys, "check", SEED_AR, DRAFT, "--format", "json")
    upper = run(capsys, "check", SEED_AR, DRAFT, "--format", "json", "--source-lang", "AR",
                "--target-lang", "EN-us")
    assert plain[0] == upper[0] == 1
    assert _issues(plain[1]) == _issues(upper[1])


def _issues(out: str) -> list[object]:
    import json

    return list(json.loads(out)["issues"])


def test_swapped_arguments_get_a_hint(capsys: Capsys) -> None:
    code, _, err = run(capsys, "check", DRAFT, SEED_AR)
    assert code == 1
    assert "hint:" in err and "swapped" in err
    _, _, err = run(capsys, "check", SEED_AR, DRAFT)
    assert "hint:" not in err


def test_tsv_with_a_quoted_target_is_read(capsys: Capsys, tmp_path: Path) -> None:
    pairs = tmp_path / "quotes.tsv"
    pairs.write_text('قال توكاييف\t"Yes," Tokayev said.\n', encoding="utf-8")
    code, out, err = run(capsys, "check", pairs, "--format", "json")
    assert code in (0, 1), err
    code, _, err = run(capsys, "check", pairs, "--tsv-quoting", "csv")
    assert code == 2 and "--tsv-quoting none" in err and "line 1" in err
    assert run(capsys, "check", pairs, "--tsv-quoting", "none")[0] in (0, 1)


# -- the verdict of every report is the exit status ---------------------------------------------

@pytest.mark.parametrize("fail_on", ["error", "warning", "never"])
@pytest.mark.parametrize("draft", [DRAFT, SEED_EN], ids=["draft", "reference"])
def test_every_report_carries_the_exit_status(capsys: Capsys, tmp_path: Path, fail_on: str, draft: Path) -> None:
    import json

    import lxml.html

    verdicts: dict[str, bool] = {}
    codes = set()
    for fmt in ("text", "json", "junit", "html"):
        out_file = tmp_path / f"report.{fmt}"
        code, _, _ = run(capsys, "check", SEED_AR, draft, "--format", fmt, "--fail-on", fail_on, "-o", out_file)
        codes.add(code)
        body = out_file.read_text(encoding="utf-8")
        if fmt == "json":
            verdict = json.loads(body)["verdict"]
            assert verdict["fail_on"] == fail_on
            verdicts[fmt] = verdict["failed"]
        elif fmt == "junit":
            root = etree.fromstring(body.encode())
            properties = {p.get("name"): p.get("value") for p in root.iter("property")}
            assert properties["fail_on"] == fail_on
            verdicts[fmt] = int(root.get("failures", "0")) > 0 or int(root.get("errors", "0")) > 0
        elif fmt == "html":
            text = lxml.html.fromstring(body).text_content()
            verdicts[fmt] = f"Verdict: failed (--fail-on {fail_on})" in text
            assert verdicts[fmt] or f"Verdict: passed (--fail-on {fail_on})" in text
        else:
            verdicts[fmt] = f"Verdict: failed (--fail-on {fail_on})" in body
            assert verdicts[fmt] or f"Verdict: passed (--fail-on {fail_on})" in body
    (code,) = codes
    assert set(verdicts.values()) == {code == 1}, verdicts
    if fail_on == "never":
        assert code == 0
    if draft == DRAFT and fail_on != "never":
        assert code == 1


# -- colour --------------------------------------------------------------------------------------

def _on_a_terminal(env: dict[str, str]) -> bytes:
    """Run ``termbase check`` with stdout on a pseudo-terminal; what it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "termbase", "check", str(SEED_AR), str(DRAFT)],
        stdout=follower, stderr=subprocess.DEVNULL, env=env, close_fds=True,
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks)


def test_no_color_is_honoured_on_a_terminal() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")} | {"TERM": "xterm"}
    coloured = _on_a_terminal(env)
    plain = _on_a_terminal(env | {"NO_COLOR": "1"})
    assert b"\x1b[" in coloured and b"Verdict" in coloured
    assert b"\x1b[" not in plain and b"Verdict: failed" in plain
