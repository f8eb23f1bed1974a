"""Issue 23 item 17: a full or read-only disk is the user's to fix, said so plainly (exit 2).

`demo` onto a full disk and `export`/`audit`/`demo` into a read-only folder exited 3 (the
temp-file clean-up raised); `demo --force` and `approve` on a nearly full disk said "… is not
a WRAC register". Each runs `wrac` in a child process on a small tmpfs mounted for the test
(root only) or, where mounting is not allowed, under RLIMIT_FSIZE, which fails writes past a
size as a full disk does.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.unit.cli.test_cli import DEMO_ARGS, run

FULL = ("is full", "free some space")


@contextmanager
def mounted(folder: Path, options: str) -> Iterator[bool]:
    """A tmpfs at ``folder``; yields False (nothing mounted) where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        yield False
        return
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    try:
        yield result.returncode == 0
    finally:
        if result.returncode == 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def wrac(
    *args: str, file_limit: int | None = None, data: Path | None = None
) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if file_limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    environment = {**os.environ, "WRAC_DATA_DIR": str(data or tempfile.gettempdir())}
    return subprocess.run(
        [sys.executable, "-m", "wrac_desktop", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        preexec_fn=limit,
    )


def user_error(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    message = result.stderr.strip()
    assert result.returncode == 2, (result.returncode, message[-1500:])
    assert "internal error" not in message and "not a WRAC register" not in message
    for fragment in fragments:
        assert fragment in message, message
    return message


@pytest.fixture
def register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "r.wrac"
    assert run(capsys, "demo", str(path), *DEMO_ARGS)[0] == 0
    return path


def test_demo_onto_a_full_disk(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    with mounted(disk, "size=256k") as real:
        target = disk / "demo.wrac"
        limit = None if real else 200_000
        result = wrac("demo", str(target), "--workplaces", "60", file_limit=limit, data=tmp_path)
        message = user_error(result, str(target))
        assert any(word in message for word in FULL)
        assert sorted(p.name for p in disk.iterdir()) == []  # no half register, no temp file


@pytest.mark.parametrize("command", ["export", "audit", "demo", "library"])
def test_writing_into_a_read_only_folder(register: Path, tmp_path: Path, command: str) -> None:
    folder = tmp_path / "ro"
    with mounted(folder, "size=64k,ro") as real:
        if not real:
            folder.chmod(0o555)
            if os.access(folder, os.W_OK):
                pytest.skip("root without mount: a read-only folder cannot be made here")
        target = folder / {"audit": "out.csv", "demo": "out.wrac"}.get(command, "out.json")
        argv = {
            "export": ["export", str(register), "--report", "summary", "--format", "json"],
            "audit": ["audit", str(register)],
            "library": ["library", "export", str(register)],
            "demo": ["demo", str(target), "--workplaces", "1"],
        }[command]
        if command != "demo":
            argv += ["-o", str(target)]
        message = user_error(wrac(*argv, data=tmp_path), str(target))
        assert "read-only" in message
        assert not target.exists()


@pytest.mark.parametrize("size", ["550k", "600k", "650k", "700k"])
def test_a_demo_whose_wal_does_not_fit_is_refused_not_torn(tmp_path: Path, size: str) -> None:
    """The demo's one transaction sits in the -wal until closing folds it into the file; on a
    disk with room for one but not both, that fold fails. Moving the file without its -wal
    wrote a torn register with exit 0 (schema 5 at 600k and 650k; schema 6 at 700k)."""
    disk = tmp_path / "disk"
    with mounted(disk, f"size={size}") as real:
        if not real:
            pytest.skip("needs a small tmpfs (root): a file size limit does not cut the fold")
        target = disk / "r.wrac"
        result = wrac("demo", str(target), "--workplaces", "2", data=tmp_path)
        if result.returncode == 0:
            assert wrac("check", str(target), data=tmp_path).returncode == 0
        else:
            assert any(word in user_error(result, str(target)) for word in FULL)
            assert sorted(p.name for p in disk.iterdir()) == []


def test_demo_force_and_approve_on_a_nearly_full_disk(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    # room for the 2-workplace demo with its -wal while it is folded in (schema 10, the
    # texts' translations with their search texts: about twice 570k)
    with mounted(disk, "size=1400k") as real:
        target = disk / "r.wrac"
        result = wrac("demo", str(target), "--workplaces", "2", data=tmp_path)
        assert result.returncode == 0, result.stderr
        before = target.read_bytes()
        filler = disk / "filler"
        if real:
            with filler.open("wb") as stream, suppress(OSError):  # leave almost nothing free
                stream.write(b"\0" * 2**20)
        limit = None if real else len(before) + 4096
        result = wrac("demo", str(target), "--workplaces", "60", "--force", file_limit=limit,
                      data=tmp_path)  # fmt: skip
        user_error(result, str(target))
        assert target.read_bytes() == before
        result = wrac("approve", str(target), "--by", "A. Officer", "--position", "Head",
                      file_limit=limit, data=tmp_path)  # fmt: skip
        if result.returncode != 0:  # approving needs a few pages; where they did not fit:
            message = user_error(result, str(target))
            assert any(word in message for word in FULL)
        filler.unlink(missing_ok=True)
        assert wrac("check", str(target), data=tmp_path).returncode == 0


def test_a_killed_demo_leaves_nothing_the_next_run_keeps(tmp_path: Path) -> None:
    target = tmp_path / "demo.wrac"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    leftovers = [tmp_path / f".demo.wrac.{dead.stdout.strip()}.tmp{suffix}"
                 for suffix in ("", "-wal", "-shm")]  # fmt: skip
    alive = tmp_path / f".demo.wrac.{os.getpid()}.tmp"  # a run still going: not ours to remove
    for path in (*leftovers, alive):
        path.write_bytes(b"partial")
    result = wrac("demo", str(target), "--workplaces", "1", data=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not any(path.exists() for path in leftovers)
    assert alive.exists()
