"""Where the shared material is: ``../shared`` beside the repository (the CI layout), or beside
the main checkout when this is a git worktree of it. Tests that need it skip loudly, naming the
folder they looked for."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _main_checkout(repo: Path) -> Path:
    """The main working tree of ``repo``: itself, or the one a worktree's ``.git`` file points to."""
    dot_git = repo / ".git"
    if not dot_git.is_file():
        return repo
    gitdir = Path(dot_git.read_text(encoding="utf-8").removeprefix("gitdir:").strip())
    common = gitdir / "commondir"
    common_dir = (gitdir / common.read_text(encoding="utf-8").strip()).resolve() if common.is_file() else gitdir
    return common_dir.parent


CANDIDATES = tuple(dict.fromkeys([REPO.parent / "shared", _main_checkout(REPO).parent / "shared"]))
SHARED = next((path for path in CANDIDATES if path.is_dir()), CANDIDATES[0])


def shared(*parts: str) -> Path:
    """``../shared/<parts>``, or a skip that says which folders were looked for."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        looked = " or ".join(str(c.joinpath(*parts)) for c in CANDIDATES)
        pytest.skip(f"shared material missing: {looked} (CI clones shared/ beside the repository)")
    return path
