"""Forging a cache entry as a careful hand edit would: a file of the entry changed, then its
manifest rewritten with the file's true digest (the manifest's MAC, made with the signing key, then
no longer fits). The cache tests use it to show such an entry is never trusted."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def forge(entry: Path, name: str) -> None:
    """Rewrite ``entry``'s manifest so that it names file ``name`` with that file's current digest."""
    manifest = entry / "manifest.json"
    fields = json.loads(manifest.read_text("ascii"))
    fields["files"][name] = hashlib.sha256((entry / name).read_bytes()).hexdigest()
    manifest.write_text(json.dumps(fields), "ascii")
