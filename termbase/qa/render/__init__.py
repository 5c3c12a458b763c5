"""Renderers of a check :class:`~termbase.qa.issues.Report`: one module per output format.

``render(report, "text" | "json" | "junit" | "html", **options)``; the options are the keyword
arguments of the format's function:

- every format: ``fail_on: Severity | str | None = "error"`` — the verdict the report states
  (``"never"`` or ``None``: it never fails), the same as the exit status of ``termbase check``
- ``text``: ``color: bool | None = None`` (``None``: only on a TTY without ``NO_COLOR``),
  ``stream: TextIO | None = None`` (the stream whose TTY-ness decides; stdout by default)
- ``json``: ``indent: int | None = 2``
- ``junit``: ``suite_name: str = "termbase"``
- ``html``: ``title: str = "termbase check report"``
"""

from __future__ import annotations

from collections.abc import Callable

from termbase.qa.issues import Report
from termbase.qa.render.html import render_html
from termbase.qa.render.json import render_json
from termbase.qa.render.junit import render_junit
from termbase.qa.render.text import render_text

__all__ = ["RENDERERS", "render", "render_html", "render_json", "render_junit", "render_text"]

RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "html": render_html,
}


def render(report: Report, format: str, **options: object) -> str:
    """``report`` rendered in ``format`` (a key of :data:`RENDERERS`) with that format's options.

    Raises ``ValueError`` for an unknown format and ``TypeError`` for an option the format
    does not take.
    """
    try:
        renderer = RENDERERS[format]
    except KeyError:
        known = ", ".join(sorted(RENDERERS))
        raise ValueError(f"unknown report format {format!r} (known: {known})") from None
    return renderer(report, **options)
