"""The registry: names, dispatch, errors, and the contract every renderer keeps."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from termbase.qa.issues import Report
from termbase.qa.render import RENDERERS, render, render_html, render_json, render_junit, render_text


def test_registry_names_formats() -> None:
    assert RENDERERS == {"text": render_text, "json": render_json, "junit": render_junit, "html": render_html}


@pytest.mark.parametrize(
    ("format", "options"),
    [("text", {"color": False}), ("json", {"indent": None}), ("junit", {"fail_on": "error"}), ("html", {"title": "T"})],
)
def test_render_dispatches_with_options(document_report: Report, format: str, options: dict[str, object]) -> None:
    assert render(document_report, format, **options) == RENDERERS[format](document_report, **options)


def test_unknown_format_names_the_known_ones(document_report: Report) -> None:
    with pytest.raises(ValueError, match="known: html, json, junit, text"):
        render(document_report, "yaml")


def test_option_of_another_format_is_refused(document_report: Report) -> None:
    with pytest.raises(TypeError):
        render(document_report, "json", color=True)


@pytest.mark.parametrize("format", sorted(RENDERERS))
def test_every_renderer_gives_text_ending_in_newline_with_the_signature(any_report: Report, format: str) -> None:
    output = render(any_report, format)
    assert isinstance(output, str)
    assert output.endswith("\n")
    assert any_report.signature in output


_RENDER_ALL = """
import json, pickle, sys
from termbase.qa.render import RENDERERS, render
reports = pickle.load(open(sys.argv[1], "rb"))
print(json.dumps([render(report, name) for report in reports for name in sorted(RENDERERS)]))
"""


def test_every_renderer_is_deterministic_across_processes(
        tmp_path: Path, document_report: Report, aligned_report: Report, clean_report: Report,
        empty_report: Report) -> None:
    """Every format renders each report byte for byte the same in processes with different string
    hash seeds (set and dict orders of strings differ between them; within one process they do not)."""
    reports = tmp_path / "reports.pickle"
    reports.write_bytes(pickle.dumps([document_report, aligned_report, clean_report, empty_report]))
    outputs = []
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run([sys.executable, "-c", _RENDER_ALL, str(reports)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        outputs.append(json.loads(done.stdout))
    assert len(outputs[0]) == 4 * len(RENDERERS)
    assert all(output == outputs[0] for output in outputs[1:])
