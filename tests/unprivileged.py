"""Running a command as a user the permission bits apply to: the current one, or ``nobody``
through ``setpriv`` when the tests run as root (as CI does), since root passes every permission
check. Tests that need this skip, saying why, only when neither is possible."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

ROOT = os.name == "posix" and os.geteuid() == 0
NOBODY = 65534
POSSIBLE = os.name == "posix" and (not ROOT or shutil.which("setpriv") is not None)
"""Whether :func:`unprivileged` can give a command that the permission bits restrict."""
WHY_NOT = "needs an unprivileged user: run as one, or as root with setpriv"
WHY_NOT_HERE = ("needs an unprivileged user who can import termbase from this checkout: a folder on the way "
                "to it or to its virtual environment is private (as one made by mktemp -d is)")


def unprivileged(command: list[str]) -> list[str]:
    """``command``, run as ``nobody`` when the tests run as root."""
    if ROOT:
        return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    return command


@cache
def checkout_importable() -> bool:
    """Whether :func:`unprivileged` can run this interpreter and import termbase from the checkout."""
    if not POSSIBLE:
        return False
    probe = subprocess.run(unprivileged([sys.executable, "-c", "import termbase"]), capture_output=True,
                           cwd=tempfile.gettempdir(), check=False)
    return probe.returncode == 0


@contextmanager
def world_readable_folder() -> Iterator[Path]:
    """A temporary folder that another user can enter (pytest's own are private to the user)."""
    folder = Path(tempfile.mkdtemp(prefix="termbase-test-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o700)
        shutil.rmtree(folder)
