"""Every ``examples/*.py`` script runs as documented (from the repository root) and exits 0.

Scripts are found by glob, so a new example is tested as soon as it is added; add its key output
lines to ``EXPECTED`` when they are known.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.py"))

# script name -> lines (or parts of lines) its default run must print
EXPECTED: dict[str, list[str]] = {
    "lookup_names.py": [
        "Tokaev: Kassym-Jomart Tokayev  [kassym-jomart-tokayev, exact match on 'Tokaev', deprecated]",
        "توكايف: Kassym-Jomart Tokayev",
        "Berdimuhamedov: AMBIGUOUS, names 2 concepts: Gurbanguly Berdimuhamedov (gurbanguly-berdimuhamedov); "
        "Serdar Berdimuhamedov (serdar-berdimuhamedov)",
        "قرغيزستان: Kyrgyzstan",
    ],
    "term_list.py": [
        " 5×  Donald Trump                     دونالد ترامب / ترامب / لترامب",
        " 2×  Kyrgyzstan                       وقرغيزستان / قيرغيزستان",
        " 6×  summit                           قمة / القمة",
        "50 concepts in c5plus1-summit.ar.txt",
    ],
    "preferred_terms.py": [
        "توكايف\tKassym-Jomart Tokayev",
        "قرغيزستان\tKyrgyzstan",
        "بيردي محمدوف\tGurbanguly Berdimuhamedov | Serdar Berdimuhamedov",
    ],
}

# script name -> (arguments, lines the run must print)
WITH_ARGUMENTS: dict[str, list[tuple[list[str], list[str]]]] = {
    "lookup_names.py": [
        (
            ["Kirghizia", "Zanzibarr"],
            ["    'Kirghizia' is deprecated; write 'Kyrgyzstan'", "Zanzibarr: not in the termbase"],
        ),
    ],
    "preferred_terms.py": [
        (["توكاييف", "تركمنستان"], ["توكاييف\tKassym-Jomart Tokayev", "تركمنستان\tTurkmenistan"]),
    ],
}


def run_script(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, str(script), *args],
        cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
    )


def test_examples_exist() -> None:
    assert {"lookup_names.py", "preferred_terms.py"} <= {p.name for p in EXAMPLES}


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(script: Path) -> None:
    result = run_script(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "an example should print something"
    lines = result.stdout.splitlines()
    for expected in EXPECTED.get(script.name, []):
        assert any(expected in line for line in lines), f"{expected!r} not in the output of {script.name}"


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_has_a_docstring_saying_how_to_run_it(script: Path) -> None:
    import ast

    docstring = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8")))
    assert docstring, f"{script.name} has no module docstring"
    assert f"examples/{script.name}" in docstring, "the docstring should say how to run the script"


@pytest.mark.parametrize(
    ("script", "args", "expected"),
    [
        pytest.param(name, args, expected, id=f"{name}-{i}")
        for name, runs in WITH_ARGUMENTS.items()
        for i, (args, expected) in enumerate(runs)
    ],
)
def test_example_with_arguments(script: str, args: list[str], expected: list[str]) -> None:
    result = run_script(REPO / "examples" / script, *args)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for line in expected:
        assert line in lines
