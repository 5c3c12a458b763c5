"""Progress bars: drawn on a terminal only, after the delay; notes printed once."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from termbase import progress

REPO = Path(__file__).resolve().parent.parent


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    items = list(range(5))
    assert progress.track(items, "counting") is items  # not even wrapped
    with progress.progress_bar("counting", 5) as bar:
        for _ in items:
            bar.advance()
    assert stream.getvalue() == ""


def test_drawn_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = _Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    assert list(progress.track(range(3), "building the index", unit="concept")) == [0, 1, 2]
    shown = stream.getvalue()
    assert "building the index" in shown and "concept" in shown


def test_short_work_on_a_terminal_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = _Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(progress, "DELAY", 3600.0)
    with progress.progress_bar("loading", 2) as bar:
        bar.advance(2)
    assert stream.getvalue() == ""


def test_note_is_one_line_once(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    message = f"a test note {os.getpid()} {id(stream)}"
    progress.note(message)
    progress.note(message)
    assert stream.getvalue() == f"termbase: note: {message}\n"


def test_a_slow_cli_build_shows_a_bar_on_a_real_terminal(tmp_path: Path, synthetic_path: Path) -> None:
    """``termbase spot`` under a pseudo-terminal, with the delay at zero: the bar reaches stderr."""
    script = (
        "import sys; import termbase.progress as p; p.DELAY = 0.0\n"
        "from termbase.cli import main; sys.exit(main(sys.argv[1:]))\n"
    )
    text = tmp_path / "text.txt"
    text.write_text("Tokaev met Berdimuhamedov in Astana.\n", encoding="utf-8")
    main_side, child_side = pty.openpty()
    fcntl.ioctl(child_side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal's size
    env = {**os.environ, "PYTHONPATH": str(REPO), "TERMBASE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", script, "spot", "-g", str(synthetic_path), str(text)],
                          stdout=subprocess.PIPE, stderr=child_side, env=env, timeout=120)
    os.close(child_side)
    chunks = []
    try:
        while True:
            chunk = os.read(main_side, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    except OSError:  # the terminal is closed once the child's side is gone
        pass
    os.close(main_side)
    assert done.returncode == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "spotting index" in shown
    assert b"hit(s)" in done.stdout
