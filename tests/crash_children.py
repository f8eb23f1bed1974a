"""`wrac` commands run in child processes that die at a chosen point (SIGKILL).

The children are forked from a server that has already imported the app: a fresh interpreter
took 8 s to import it on a busy test machine, a fork takes milliseconds. A child dies before
the n-th SQL statement or commit it sends, or after a delay (inside a statement, a file
write, a report's rendering), as a power cut or the task manager would stop it.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.context import ForkServerContext
from pathlib import Path
from typing import Any

CHILD_TIMEOUT_S = 300
KILLED = -signal.SIGKILL


@dataclass(frozen=True)
class Kill:
    """Where a child dies: before its ``statement``-th SQL statement or commit, or ``after``
    seconds; neither: it runs to the end (and counts its statements)."""

    statement: int | None = None
    after: float | None = None

    def __str__(self) -> str:
        if self.statement is not None:
            return f"at statement {self.statement}"
        return "never" if self.after is None else f"after {self.after:.3f} s"


@dataclass
class ChildResult:
    exit_code: int | None
    output: str
    statements: int = 0
    seconds: float = 0.0


def _child(
    argv: list[str], env: dict[str, str], kill: Kill, folder: str, file_size_limit: int | None
) -> None:
    """The child: runs ``wrac ARGV`` in ``folder`` and dies where ``kill`` says."""
    if file_size_limit is not None:  # a full disk: writes past the limit fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
    os.environ.clear()
    os.environ.update(env)
    os.chdir(folder)
    output = os.open("child-output.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(output, 1)
    os.dup2(output, 2)
    counted = _install_kill(kill)
    from wrac_desktop.cli.main import main

    start = time.perf_counter()
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    report = {"statements": counted[0], "seconds": time.perf_counter() - start}
    # Whole or not at all: a kill timer that fires while the report is written (the command
    # done just in time) left an empty file, which the parent could not read (a flaky failure)
    Path("child-report.json.part").write_text(json.dumps(report), encoding="utf-8")
    os.replace("child-report.json.part", "child-report.json")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _install_kill(kill: Kill) -> list[int]:
    from sqlalchemy import Engine, event

    counted = [0]

    def count(*_args: Any) -> None:
        counted[0] += 1
        if counted[0] == kill.statement:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "before_cursor_execute", count)
    event.listen(Engine, "commit", count)
    if kill.after is not None:
        timer = threading.Timer(kill.after, os.kill, (os.getpid(), signal.SIGKILL))
        timer.daemon = True
        timer.start()
    return counted


def forkserver() -> ForkServerContext:
    """Children forked from a server that has imported the app (and the report writers)."""
    context = multiprocessing.get_context("forkserver")
    # The CLI imports what a command needs when it runs (a fast `wrac --help`): preload that.
    context.set_forkserver_preload(
        ["tests.crash_children", "wrac_desktop.cli.main", "wrac_desktop.register",
         "wrac_desktop.services.exporting", "wrac_desktop.services.importing",
         "wrac_desktop.services.merge", "wrac_desktop.services.revisions"]
    )  # fmt: skip
    return context


def run_wrac(
    context: ForkServerContext,
    folder: Path,
    argv: list[str],
    kill: Kill,
    file_size_limit: int | None = None,
) -> ChildResult:
    """Run ``wrac ARGV`` in a child in ``folder``; its exit code is None if it hung.
    ``file_size_limit``: no file it writes may grow past this many bytes (RLIMIT_FSIZE)."""
    (folder / "child-report.json").unlink(missing_ok=True)
    arguments = (argv, dict(os.environ), kill, str(folder), file_size_limit)
    child = context.Process(target=_child, args=arguments)
    child.start()
    child.join(CHILD_TIMEOUT_S)
    if child.is_alive():
        child.kill()
        child.join()
        return ChildResult(None, "hung")
    output = _read(folder / "child-output.txt")
    result = ChildResult(child.exitcode, output)
    report = folder / "child-report.json"
    if report.exists():
        figures = json.loads(report.read_text(encoding="utf-8"))
        result.statements, result.seconds = figures["statements"], figures["seconds"]
    return result


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
