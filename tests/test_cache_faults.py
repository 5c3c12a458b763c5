"""Fault injection: damage every cache file in many ways; spotting and checking give the cold run's
results every time, and nothing crashes (a segfault in the native loader included).

Once one flipped bit in the stored automaton made every later ``spot`` and ``check`` segfault,
and a forged entry with recomputed digests was trusted. The probes run in a child process, so a
crash shows as its exit status: each probe starts from a pristine copy of a warm cache, damages one
file (bit flips at spread positions, a 20-bit burst, truncation, emptying, removal, a manifest
rewritten with the damaged file's true digest), loads the termbase from that cache and compares.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SYNTHETIC_GLOSSARY

REPO = Path(__file__).resolve().parent.parent

CHILD = r'''
import hashlib, json, os, random, shutil, sys
from pathlib import Path

glossary, pristine, work = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
os.environ["TERMBASE_CACHE_DIR"] = str(work)
from termbase import Termbase

AR = "وأكد قاسم جومارت توكاييف في أستانا أن قرغيزستان ووكازاخستان شريكتان."
EN = "Tokaev met Berdimuhamedov in Astana; the Kirghizia talks and the SCO summit."

def results():
    tb = Termbase.load([glossary])
    spotted = [[(h.concept, h.start, h.end, str(h.match)) for h in tb.spot(text)] for text in (AR, EN)]
    report = tb.check(AR, EN)
    issues = [(str(i.code), i.concept, i.target.start if i.target else None) for i in report.issues]
    return json.dumps([spotted, issues])

expected = results()  # a cold run fills the cache ...
# ... which every probe starts from; the word-frequency lists stay read in this process and are
# probed apart (tests/spotting/test_wordlist.py)
shutil.copytree(work, pristine, ignore=lambda folder, names: ["wordfreq"] if Path(folder) == work else [])
files = sorted(p.relative_to(pristine) for p in pristine.rglob("*") if p.is_file())

def forge(path):
    manifest = path.parent / "manifest.json"
    if path.name == "manifest.json" or not manifest.exists():
        return
    fields = json.loads(manifest.read_text("ascii"))
    fields["files"][path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(fields), "ascii")

def damages(data):
    size = len(data)
    for i in range(8):  # single bits, spread over the file
        bit = (i * 7919 * 8 + i) % max(size * 8, 1)
        yield f"bit {bit}", lambda d, bit=bit: _flip(d, [bit]), False
    rng = random.Random(size)
    burst = sorted(rng.sample(range(size * 8), min(20, size * 8)))
    yield "20-bit burst", lambda d: _flip(d, burst), False
    yield "20-bit burst, digest forged", lambda d: _flip(d, burst), True
    yield "bit 0, digest forged", lambda d: _flip(d, [0]), True
    yield "truncated", lambda d: d[: len(d) // 2], False
    yield "truncated, digest forged", lambda d: d[: len(d) // 2], True
    yield "emptied", lambda d: b"", False
    yield "removed", None, False

def _flip(data, bits):
    out = bytearray(data)
    for bit in bits:
        if out:
            out[bit // 8 % len(out)] ^= 1 << (bit % 8)
    return bytes(out)

probes = failures = 0
for name in files:
    original = (pristine / name).read_bytes()
    for label, damage, forged in damages(original):
        shutil.rmtree(work)
        shutil.copytree(pristine, work)
        target = work / name
        if damage is None:
            target.unlink()
        else:
            target.write_bytes(damage(original))
            if forged:
                forge(target)
        probes += 1
        got = results()
        if got != expected:
            failures += 1
            print(f"DIFFERENT: {name}: {label}", file=sys.stderr)
        if results() != expected:  # and the entry rewritten by the first run is good too
            failures += 1
            print(f"DIFFERENT AFTER REWRITE: {name}: {label}", file=sys.stderr)
print(json.dumps({"files": [str(f) for f in files], "probes": probes, "failures": failures}))
'''


def test_every_damaged_cache_file_gives_the_cold_results(tmp_path: Path) -> None:
    glossary = tmp_path / "synthetic.yaml"
    glossary.write_text(SYNTHETIC_GLOSSARY, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(glossary), str(tmp_path / "pristine"),
                           str(tmp_path / "work")], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, f"exit {done.returncode} (a negative status is a signal, e.g. -11 SIGSEGV)\n{done.stderr}"
    summary = json.loads(done.stdout.splitlines()[-1])
    kinds = {Path(f).parts[0] for f in summary["files"]}
    assert kinds == {"CACHEDIR.TAG", "key", "fuzzy", "glossary", "spot"}
    names = sorted(Path(f).name for f in summary["files"])
    spot_files = [f for f in summary["files"] if Path(f).parts[0] == "spot"]
    assert names.count("manifest.json") == 3 and len(spot_files) >= 3  # the index's files, whatever its form
    assert summary["probes"] == len(summary["files"]) * 15
    assert summary["failures"] == 0, done.stderr
