"""Library calls leave the garbage collector as they found it: never switched off or on.

The collector was once disabled and re-enabled around every parse, build and ``spot()`` call:
process-wide state, and one thread re-enabled it inside another's pause.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from termbase import Termbase


def test_no_library_call_switches_the_collector(synthetic_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    monkeypatch.setattr(gc, "enable", lambda: calls.append("enable"))
    for _ in range(2):  # cold, then from the cache
        termbase = Termbase.load([synthetic_path])
        termbase.spot("وأكد قاسم جومارت توكاييف في أستانا")
        termbase.check("وأكد قاسم جومارت توكاييف في أستانا", "Tokaev said in Astana.")
        termbase.lookup("Tokaev")
    assert calls == []


def test_the_collector_stays_on_while_other_threads_spot(synthetic_path: Path) -> None:
    termbase = Termbase.load([synthetic_path])
    seen: list[bool] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            seen.append(gc.isenabled())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        workers = [threading.Thread(target=lambda: [termbase.spot("Tokaev met Berdimuhamedov in Astana.")
                                                    for _ in range(200)]) for _ in range(3)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        stop.set()
        watcher.join()
    assert gc.isenabled() and seen and all(seen)
