"""Library calls leave the garbage collector as they found it.

The collector was once disabled and re-enabled around every parse, build and ``spot()`` call by a
flag that one thread reset inside another's pause, and later frozen (``gc.freeze``) inside
``load_glossary``: process-wide state changed by a library call. Builds now pause it through
:func:`termbase.collector.collector_paused`, which restores what it found.
"""

from __future__ import annotations

import gc
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from termbase import Termbase
from termbase.collector import collector_paused
from termbase.glossary import load_glossary

_State = tuple[bool, int, tuple[int, ...]]


def _state() -> _State:
    return gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()


def _unchanged(before: _State) -> bool:
    """Whether the collector is as ``before``: on or off alike, the same thresholds, nothing frozen
    since (frozen objects that were freed leave the count, so it may only fall)."""
    enabled, frozen, thresholds = _state()
    return (enabled, thresholds) == (before[0], before[2]) and frozen <= before[1]


@pytest.fixture(params=["on", "off", "frozen, other thresholds"])
def collector(request: pytest.FixtureRequest) -> Iterator[_State]:
    """The collector in a state an application may have chosen, put back after the test."""
    before = _state()
    if request.param == "off":
        gc.disable()
    elif request.param != "on":
        gc.freeze()
        gc.set_threshold(5000, 20, 30)
    try:
        assert request.param == "on" or _state() != before
        yield _state()
    finally:
        gc.unfreeze()
        gc.set_threshold(*before[2])
        (gc.enable if before[0] else gc.disable)()


def test_load_glossary_leaves_the_collector_as_it_was(synthetic_path: Path, collector: _State) -> None:
    for _ in range(2):  # parsed and cached, then read from the cache
        load_glossary(synthetic_path)
        assert _unchanged(collector)


def test_no_library_call_changes_the_collector(synthetic_path: Path, collector: _State) -> None:
    for _ in range(2):  # cold, then from the cache
        termbase = Termbase.load([synthetic_path])
        assert _unchanged(collector)
        termbase.spot("وأكد قاسم جومارت توكاييف في أستانا")
        termbase.check("وأكد قاسم جومارت توكاييف في أستانا", "Tokaev said in Astana.")
        termbase.lookup("Tokaev")
        assert _unchanged(collector)


def test_the_collector_is_off_while_a_glossary_is_read(synthetic_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import termbase.glossary as glossary_module

    seen: list[bool] = []
    parse = glossary_module._parse

    def watched(text: str, path: str, digest: str | None) -> object:
        seen.append(gc.isenabled())
        return parse(text, path, digest)

    monkeypatch.setattr(glossary_module, "_parse", watched)
    fresh = synthetic_path.with_name("fresh.yaml")  # content no earlier test has cached
    fresh.write_text(synthetic_path.read_text("utf-8") + f"# {secrets.token_hex(8)}\n", encoding="utf-8")
    load_glossary(fresh)
    assert seen == [False] and gc.isenabled()


def test_overlapping_pauses_in_two_threads_restore_the_collector_once() -> None:
    """A enters, B enters, A leaves (the collector stays off: B still works), B leaves (back on)."""
    a_in, b_in, a_out, b_may_leave = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def second() -> None:
        a_in.wait(5)
        with collector_paused():
            b_in.set()
            a_out.wait(5)
            seen["B, after A left"] = gc.isenabled()
            b_may_leave.wait(5)

    assert gc.isenabled()
    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    a_out.wait(5)
    b_in.wait(5)
    b_may_leave.set()
    for thread in threads:
        thread.join()
    assert seen == {"B, after A left": False} and gc.isenabled()


def test_the_collector_stays_on_while_other_threads_spot(synthetic_path: Path) -> None:
    termbase = Termbase.load([synthetic_path])
    termbase.spot("Tokaev met Berdimuhamedov in Astana.")  # the indexes are built (collector paused)
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
