"""Writing output files: what is at the path is never damaged, and each kind of path is written
the way the module promises (regular files atomically, devices, pipes and descriptors directly)."""

from __future__ import annotations

import codecs
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from termbase import OutputError
from termbase.textio import atomic_write_bytes, atomic_write_text, check_output_path, read_text
from unprivileged import POSSIBLE, ROOT, WHY_NOT, WHY_NOT_HERE, checkout_importable, unprivileged, world_readable_folder

REPO = Path(__file__).resolve().parent.parent


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    old = os.umask(0o022)
    try:
        atomic_write_text(target, "one\n")
        os.umask(0o002)
        atomic_write_text(tmp_path / "other.txt", "two\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # once 0600 whatever the umask
    assert stat.S_IMODE((tmp_path / "other.txt").stat().st_mode) == 0o664


def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _listing(tmp_path) == ["draft.txt"]


@pytest.mark.skipif(not ROOT, reason="changing a file's owner needs root")
def test_existing_file_keeps_its_owner(tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    target.write_text("old")
    os.chown(target, 65534, 65534)  # nobody: --in-place once made it root:root
    atomic_write_text(target, "new")
    info = target.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534)
    assert target.read_text() == "new"


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                           (b"", "utf-8")])
def test_text_written_like_the_original_keeps_bom_encoding_and_line_ends(
    tmp_path: Path, bom: bytes, encoding: str
) -> None:
    target = tmp_path / "draft.txt"
    target.write_bytes(bom + "Tokaev's visit.\r\nثانياً\r\n".encode(encoding))
    text = read_text(target)
    atomic_write_text(target, text.replace("Tokaev", "Tokayev"), like=target)
    assert target.read_bytes() == bom + "Tokayev's visit.\r\nثانياً\r\n".encode(encoding)


def test_symlink_is_followed_to_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "real" / "draft.txt"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)  # the link stays a link ...
    assert real.read_text() == "new"  # ... and the file it points to is the one fixed
    assert _listing(real.parent) == ["draft.txt"]


def test_hard_link_is_refused_with_a_message(tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    target.write_text("old")
    os.link(target, tmp_path / "other-name.txt")
    with pytest.raises(OutputError, match="2 hard links"):
        atomic_write_text(target, "new")
    assert target.read_text() == (tmp_path / "other-name.txt").read_text() == "old"
    assert os.stat(target).st_nlink == 2


def test_folder_is_refused_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder") as info:
        check_output_path(tmp_path)
    assert info.value.path == str(tmp_path)
    with pytest.raises(OutputError, match="is a folder"):
        atomic_write_text(tmp_path, "x")


def test_missing_parent_folders_are_created(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "2026" / "check.json"
    atomic_write_text(target, "{}")
    assert target.read_text() == "{}"


def test_parent_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="is not a folder"):
        atomic_write_text(tmp_path / "file" / "report.txt", "x")
    assert (tmp_path / "file").read_text() == "x"


@pytest.mark.skipif(ROOT, reason="as root a regression would replace the real /dev/null: the next test "
                    "writes to a device node of its own instead")
def test_dev_null_is_written_not_replaced() -> None:
    before = os.stat("/dev/null")
    atomic_write_text("/dev/null", "discarded")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


@pytest.mark.skipif(not ROOT, reason="making a device node needs root")
def test_device_node_is_written_not_replaced(tmp_path: Path) -> None:
    node = tmp_path / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null of our own
    atomic_write_text(node, "discarded")
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert _listing(tmp_path) == ["null"]


def _read_fifo(path: Path, into: list[bytes]) -> None:
    with open(path, "rb") as handle:
        into.append(handle.read())


def test_named_pipe_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=_read_fifo, args=(fifo, received))
    reader.start()
    atomic_write_text(fifo, "through the pipe\n")
    reader.join(timeout=30)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _listing(tmp_path) == ["pipe"]


@pytest.mark.parametrize("spelling", ["/dev/fd/{fd}", "/proc/self/fd/{fd}", "link"])
def test_own_descriptor_is_written_directly(tmp_path: Path, spelling: str) -> None:
    """``-o >(cat)`` names /dev/fd/63; a symlink to /proc/self/fd/1 was once renamed over."""
    if spelling.startswith("/proc") and not Path("/proc/self/fd").is_dir():
        pytest.skip("no /proc/self/fd on this system")
    read_end, write_end = os.pipe()
    try:
        path = spelling.format(fd=write_end)
        if spelling == "link":
            link = tmp_path / "out"
            link.symlink_to(f"/proc/self/fd/{write_end}" if Path("/proc/self/fd").is_dir() else f"/dev/fd/{write_end}")
            path = str(link)
        atomic_write_text(path, "report\n")
        os.close(write_end)
        write_end = -1
        assert os.read(read_end, 100) == b"report\n"
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
    if spelling == "link":
        assert (tmp_path / "out").is_symlink()


def test_own_descriptor_to_a_file_appends_where_the_shell_left_it(tmp_path: Path) -> None:
    """``termbase … -o /dev/stdout >> log``: written through the descriptor, not renamed over the log."""
    log = tmp_path / "log.txt"
    log.write_text("earlier\n")
    with open(log, "ab") as handle:
        atomic_write_text(f"/dev/fd/{handle.fileno()}", "report\n")
    assert log.read_text() == "earlier\nreport\n"


def test_failed_write_leaves_the_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "draft.txt"
    target.write_text("old")

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert _listing(tmp_path) == ["draft.txt"]


def test_interrupted_write_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "draft.txt"
    target.write_text("old")

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert _listing(tmp_path) == ["draft.txt"]


def test_temporary_of_a_killed_write_is_removed_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "big.txt"
    target.write_text("old")
    script = (
        "import sys; from termbase.textio import atomic_write_bytes\n"
        "atomic_write_bytes(sys.argv[1], b'x' * (400 << 20))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writer = subprocess.Popen([sys.executable, "-c", script, str(target)], env=env)
    try:
        deadline = time.monotonic() + 60
        while not any(name.endswith(".tmp") for name in os.listdir(tmp_path)):
            assert writer.poll() is None, "the writer ended before its temporary file appeared"
            assert time.monotonic() < deadline
            time.sleep(0.005)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert target.read_text() == "old"  # the kill damaged nothing ...
    left = [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]
    assert len(left) == 1  # ... but left its temporary file (SIGKILL cannot be caught)
    atomic_write_text(target, "new")
    assert _listing(tmp_path) == ["big.txt"]
    assert target.read_text() == "new"


def test_unrelated_hidden_files_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    keep = [".draft.txt.swp", ".draft.txt.notes.tmp", ".other.txt.termbase-1-0123abcd.tmp"]
    for name in keep:
        (tmp_path / name).write_text("user's")
    atomic_write_text(target, "new")
    assert _listing(tmp_path) == sorted(keep + ["draft.txt"])


@pytest.fixture
def world_readable_tmp() -> Iterator[Path]:
    """A temporary folder that another user can enter."""
    with world_readable_folder() as folder:
        yield folder


@pytest.mark.skipif(not POSSIBLE, reason=WHY_NOT)
@pytest.mark.skipif(POSSIBLE and not checkout_importable(), reason=WHY_NOT_HERE)
def test_read_only_folder_is_a_clear_error(world_readable_tmp: Path) -> None:
    folder = world_readable_tmp / "read-only"
    folder.mkdir()
    (folder / "draft.txt").write_text("old")
    folder.chmod(0o555)
    script = (
        "import sys\n"
        "from termbase import OutputError\n"
        "from termbase.textio import atomic_write_text\n"
        "for name in ('draft.txt', 'new.txt', 'sub/new.txt'):\n"
        "    try:\n"
        "        atomic_write_text(sys.argv[1] + '/' + name, 'new')\n"
        "    except OutputError as exc:\n"
        "        print(exc)\n"
    )
    command = unprivileged([sys.executable, "-c", script, str(folder)])
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd="/", timeout=120)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 3 and all("Permission denied" in line for line in lines), done.stdout
    assert lines[0].startswith(f"{folder}/draft.txt: cannot write in {folder}")
    assert _listing(folder) == ["draft.txt"] and (folder / "draft.txt").read_text() == "old"


def test_sigterm_during_a_write_of_the_command_removes_its_temporary(tmp_path: Path, qa_glossary: Path) -> None:
    """The ``termbase`` program ends on SIGTERM through SystemExit, so the write cleans up."""
    draft = tmp_path / "draft.en.txt"
    draft.write_text("Tokaev's visit to Kirghizia.\n", "utf-8")
    out = tmp_path / "reports" / "report.txt"
    script = (
        "import os, signal, sys\n"
        "import termbase.cli as cli\n"
        "real_fsync = os.fsync\n"
        "def terminated(fd):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real_fsync(fd)\n"
        "os.fsync = terminated\n"
        "sys.argv = ['termbase', 'check', '-g', sys.argv[1], '--target-only', sys.argv[2], '-o', sys.argv[3]]\n"
        "sys.exit(cli.console_main())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script, str(qa_glossary), str(draft), str(out)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert _listing(out.parent) == []  # neither the report nor its temporary file
