"""A generated archive of article/draft pairs made from the seed article and its example draft,
and one Dask LocalCluster of two worker processes shared by the corpus tests."""

from __future__ import annotations

import json
import logging
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from termbase import Termbase
from termbase.qa.render.json import issue_to_dict
from termbase.textio import read_text

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "c5plus1-summit.ar.txt"
DRAFT = REPO / "examples" / "c5plus1-summit.draft.en.txt"

# renderings swapped into drafts: deprecated and approved spellings of the shipped glossary
SWAPS = [("Kyrgyzstan", "Kirghizia"), ("Kirghizia", "Kyrgyzstan"), ("Tokayev", "Tokaev"),
         ("Kazakhstan", "Kazakstan"), ("Mirziyoyev", "Mirzyoyev")]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s.strip()]


def make_pairs(folder: Path, count: int, seed: int = 14) -> list[tuple[str, str, str]]:
    """``count`` pairs ``NAME.ar.txt`` + ``NAME.en.txt`` of two to four seed sentences and two to
    four draft sentences (some spellings swapped), written to ``folder``; returns (id, ar, en)."""
    rng = random.Random(seed)
    arabic = _sentences(SEED.read_text(encoding="utf-8"))
    english = _sentences(DRAFT.read_text(encoding="utf-8"))
    pairs = []
    for number in range(count):
        start = rng.randrange(len(arabic) - 4)
        size = rng.randint(2, 4)
        source = " ".join(arabic[start:start + size])
        target = " ".join(english[start:start + size])
        for old, new in rng.sample(SWAPS, rng.randint(0, 2)):
            target = target.replace(old, new)
        name = f"a{number:05d}"
        (folder / f"{name}.ar.txt").write_text(source + "\n", encoding="utf-8")
        (folder / f"{name}.en.txt").write_text(target + "\n", encoding="utf-8")
        pairs.append((f"{name}.ar.txt", source + "\n", target + "\n"))
    return pairs


def single_checks(termbase: Termbase, pairs: list[tuple[str, str, str]], folder: Path) -> dict[str, list[str]]:
    """The reference: one single check per pair, as ``termbase check SOURCE DRAFT --format json`` runs
    it (each file read by ``read_text``, then ``Termbase.check``; ``test_reference_is_termbase_check``
    holds the two to it), findings as sorted JSON strings."""
    found = {}
    for name, _, _ in pairs:
        source, target = read_text(folder / name), read_text(folder / name.replace(".ar.txt", ".en.txt"))
        found[name] = sorted(json.dumps(issue_to_dict(issue), sort_keys=True, ensure_ascii=False)
                             for issue in termbase.check(source, target).issues)
    return found


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory, shipped_termbase: Termbase
            ) -> tuple[Path, dict[str, list[str]]]:
    """2,000 generated pairs in a folder, and the findings of 2,000 single checks."""
    folder = tmp_path_factory.mktemp("archive")
    pairs = make_pairs(folder, 2000)
    return folder, single_checks(shipped_termbase, pairs, folder)


@pytest.fixture(scope="session")
def cluster() -> Iterator[object]:
    """A LocalCluster of two worker processes, started for these tests and closed after them."""
    distributed = pytest.importorskip("distributed", reason="corpus mode needs dask.distributed (the corpus extra)")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as local:
        yield local
