"""``termbase corpus``: the same findings as single checks, on local processes and on a
LocalCluster; a killed worker loses no document; the aggregate report and its formats."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from termbase import Termbase
from termbase.cli import main
from termbase.corpus import CheckOptions, CorpusReport, find_documents, render_corpus_report, run_corpus

from .conftest import make_pairs, single_checks

pytest.importorskip("distributed", reason="corpus mode needs dask.distributed (the corpus extra)")


def _by_document(results: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for result in results:
        assert result.error is None, result.error
        assert result.document not in found, f"{result.document} came back twice"
        found[result.document] = sorted(json.dumps(f, sort_keys=True, ensure_ascii=False) for f in result.findings)
    return found


def _cli_findings(argv: list[str], capsys: pytest.CaptureFixture[str], report: Path) -> dict[str, list[str]]:
    """``termbase corpus check`` run through the command line's ``main``: its JSON lines by document."""
    code = main(["corpus", "check", *argv, "--format", "json", "-o", str(report)])
    assert code in (0, 1)
    found: dict[str, list[str]] = {}
    for line in capsys.readouterr().out.splitlines():
        finding = json.loads(line)
        found.setdefault(finding.pop("document"), []).append(json.dumps(finding, sort_keys=True, ensure_ascii=False))
    return {name: sorted(findings) for name, findings in found.items()}


def _with_empty(expected: dict[str, list[str]], got: dict[str, list[str]]) -> dict[str, list[str]]:
    """``got`` with the documents that had no finding (and so no line) listed empty."""
    return {name: got.get(name, []) for name in expected} if set(got) <= set(expected) else got


def test_reference_is_termbase_check(archive: tuple[Path, dict[str, list[str]]],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The 2,000 single checks of the reference are what ``termbase check SOURCE DRAFT --format json``
    prints, shown on a sample of them run through the command line."""
    folder, expected = archive
    for name in sorted(expected)[::80]:
        assert main(["check", str(folder / name), str(folder / name.replace(".ar.txt", ".en.txt")),
                     "--format", "json"]) in (0, 1)
        issues = json.loads(capsys.readouterr().out)["issues"]
        assert sorted(json.dumps(issue, sort_keys=True, ensure_ascii=False) for issue in issues) == expected[name]


def test_corpus_check_equals_single_checks_on_local_processes(
    archive: tuple[Path, dict[str, list[str]]], capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    """``termbase corpus check DIR`` on its own local worker processes, over 2,000 pairs."""
    folder, expected = archive
    assert len(find_documents(folder)) == len(expected) == 2000
    got = _cli_findings([str(folder), "--workers", "2"], capsys, tmp_path / "report.json")
    assert _with_empty(expected, got) == expected
    assert sum(map(len, expected.values())) > 2000  # the drafts do have findings
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["documents"] == 2000


def test_corpus_check_equals_single_checks_on_a_local_cluster(
    archive: tuple[Path, dict[str, list[str]]], cluster: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    """``termbase corpus check DIR --scheduler ADDRESS`` on a running LocalCluster, over 2,000 pairs."""
    folder, expected = archive
    got = _cli_findings([str(folder), "--scheduler", cluster.scheduler_address], capsys, tmp_path / "report.json")
    assert _with_empty(expected, got) == expected
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["documents"] == 2000


def _rescheduled(client: Any) -> int:
    """How many times the scheduler found a corpus task running on a worker that died."""
    def count(dask_scheduler: Any) -> int:
        prefix = dask_scheduler.task_prefixes.get("check_batch")
        return 0 if prefix is None else int(prefix.suspicious)

    return int(client.run_on_scheduler(count))


def test_killed_worker_loses_no_document(tmp_path: Path, shipped_termbase: Termbase, cluster: Any) -> None:
    from distributed import Client

    pairs = make_pairs(tmp_path, 300, seed=8)
    expected = single_checks(shipped_termbase, pairs, tmp_path)
    with Client(cluster.scheduler_address) as client:
        pids = client.run(os.getpid)
        rescheduled = _rescheduled(client)
        results = run_corpus(shipped_termbase, find_documents(tmp_path), CheckOptions(), client=client,
                             batch_size=4)
        got: dict[str, list[str]] = {}
        first = next(results)
        busy = client.run_on_scheduler(lambda dask_scheduler: [
            worker.address for worker in dask_scheduler.workers.values() if worker.processing])
        assert busy  # mid-run: batches are running
        os.kill(pids[busy[0]], signal.SIGKILL)  # a worker running a batch
        got.update(_by_document([first]))
        after = _by_document(results)
        got.update(after)
        assert len(after) >= 200  # most of the run came after the kill
        assert _rescheduled(client) > rescheduled  # the batch it was running was run again elsewhere
        assert client.run(os.getpid) != pids  # the nanny started a new worker process
    assert got == expected


def test_cli_check_streams_findings_and_writes_one_report(
    shipped_termbase: Termbase, cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    expected = single_checks(shipped_termbase, make_pairs(folder, 300, seed=5), folder)
    report_path = tmp_path / "report.json"
    code = main(["corpus", "check", str(folder), "--scheduler", cluster.scheduler_address,
                 "--format", "json", "-o", str(report_path)])
    out = capsys.readouterr().out
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == sum(map(len, expected.values()))
    assert {line["document"] for line in lines} == {name for name, found in expected.items() if found}
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["documents"] == 300
    assert report["findings"]["total"] == len(lines)
    got: dict[str, list[str]] = {name: [] for name in expected}
    for line in lines:
        got[line.pop("document")].append(json.dumps(line, sort_keys=True, ensure_ascii=False))
    assert {name: sorted(found) for name, found in got.items()} == expected
    severities = {line["severity"] for line in lines}
    assert report["verdict"]["failed"] is ("error" in severities)
    assert code == (1 if "error" in severities else 0)


def test_cli_usage_reports_renderings_discouraged_variants_and_a_chart(
    tmp_path: Path, cluster: Any, capsys: pytest.CaptureFixture[str],
) -> None:
    pairs = make_pairs(tmp_path, 60, seed=3)
    kirghizia = sorted(name for name, _, target in pairs if "Kirghizia" in target)
    assert kirghizia
    html_path = tmp_path / "usage.html"
    code = main(["corpus", "usage", str(tmp_path), "--scheduler", cluster.scheduler_address, "-f", "json"])
    assert code == 0
    usage = json.loads(capsys.readouterr().out)["usage"]
    deprecated = {(row["concept"], row["term"]): row["documents"] for row in usage["discouraged"]}
    assert deprecated[("kyrgyzstan", "Kirghizia")] == kirghizia
    kyrgyzstan = next(row for row in usage["concepts"] if row["concept"] == "kyrgyzstan")
    assert {r["term"] for r in kyrgyzstan["renderings"]} >= {"Kyrgyzstan", "Kirghizia"}
    assert kyrgyzstan["distinct"] >= 2
    main(["corpus", "usage", str(tmp_path), "--scheduler", cluster.scheduler_address, "-f", "html",
          "-o", str(html_path)])
    page = html_path.read_text(encoding="utf-8")
    assert "<svg" in page and "kyrgyzstan" in page


def test_unglossed_words_that_drift() -> None:
    """A source word with no glossary entry, rendered two ways across documents, is reported."""
    from termbase.corpus import DocumentResult

    report = CorpusReport("sig", usage=True)
    for number in range(8):
        if number < 4:  # the word in half the documents, rendered two ways; a word in all is a function word
            name = "Jomart Bay" if number % 2 else "Zhomart Bai"
            report.add(DocumentResult(f"d{number}", unglossed_source=["جومارتباي", "الاجتماع"],
                                      unglossed_target=[name, "Monday"]))
        else:
            report.add(DocumentResult(f"d{number}", unglossed_source=["الاجتماع"], unglossed_target=["Monday"]))
    (row,) = report.unglossed()
    assert row["source"] == "جومارتباي"
    assert [r["text"] for r in row["renderings"]] == ["Jomart Bay", "Zhomart Bai"]
    assert "جومارتباي" in render_corpus_report(report, "text")


def test_unpaired_source_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "lonely.ar.txt").write_text("نص\n", encoding="utf-8")
    assert main(["corpus", "check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "lonely.ar.txt" in err and "without a draft" in err


def test_manifest_errors_name_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = tmp_path / "corpus.tsv"
    manifest.write_text("# pairs\nmissing.ar.txt\tmissing.en.txt\n", encoding="utf-8")
    assert main(["corpus", "check", str(manifest)]) == 2
    assert f"{manifest}:2" in capsys.readouterr().err


def test_bad_scheduler_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "check", str(tmp_path), "--scheduler", "somewhere"]) == 2
    assert "--scheduler" in capsys.readouterr().err
