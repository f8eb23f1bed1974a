"""Run fuzz cases through ``wrac`` in a worker process, so an abort or a hang is counted, not
suffered: the worker is restarted and the case recorded as a crash.

For each case the worker runs the real command line (``cli.main``) and reports the exit code
and whether a register changed although the command refused (exit 2). A worksheet goes to
``wrac import`` (a dry run, or a real import on a fresh copy of the register); a register file
to ``wrac info`` and ``wrac check``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import multiprocessing
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

CASE_TIMEOUT_S = 60.0  # a hang: the due-date parser once took hours on one cell
Case = tuple[str, str, bytes]


@dataclass
class Tally:
    tried: int = 0
    crashed: int = 0  # aborted, hung, or raised past the CLI
    bad_exits: int = 0  # exit codes other than 0, 1, 2
    changed_on_refusal: int = 0
    codes: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, case: Case, outcome: dict[str, Any]) -> None:
        self.tried += 1
        for code in outcome.get("codes", []):
            self.codes[code] = self.codes.get(code, 0) + 1
        problem = outcome.get("problem")
        if problem == "crash":
            self.crashed += 1
        elif problem == "exit":
            self.bad_exits += 1
        elif problem == "changed":
            self.changed_on_refusal += 1
        if problem:
            self.failures.append(
                f"{problem}: {case[1]} ({len(case[2])} bytes) {outcome.get('detail', '')}"
            )

    @property
    def ok(self) -> bool:
        return not (self.crashed or self.bad_exits or self.changed_on_refusal)

    def summary(self) -> str:
        codes = ", ".join(f"exit {code}: {count}" for code, count in sorted(self.codes.items()))
        return (
            f"fuzz: {self.tried} cases tried, {self.crashed} crashed, {self.bad_exits} exits "
            f"outside 0/1/2, {self.changed_on_refusal} registers changed by a refused command "
            f"({codes})"
        )


class Runner:
    """One worker process at a time; restarted after a crash or hang."""

    def __init__(self, register: Path, timeout: float = CASE_TIMEOUT_S) -> None:
        self.register, self.timeout = register, timeout
        self.context = multiprocessing.get_context("spawn")
        self.process: Any = None
        self.pipe: Connection | None = None
        self.tally = Tally()

    def run(self, case: Case) -> dict[str, Any]:
        if self.process is None or not self.process.is_alive():
            self._start()
        assert self.pipe is not None
        self.pipe.send(case)
        if self.pipe.poll(self.timeout):
            try:
                outcome: dict[str, Any] = self.pipe.recv()
            except EOFError:
                outcome = self._crashed("the worker died")
        else:
            outcome = self._crashed(f"no answer in {self.timeout:.0f} s")
        self.tally.add(case, outcome)
        return outcome

    def close(self) -> None:
        if self.process is not None and self.process.is_alive():
            assert self.pipe is not None
            self.pipe.send(None)
            self.process.join(10)
        if self.process is not None and self.process.is_alive():
            self.process.kill()

    def _start(self) -> None:
        self.pipe, child = self.context.Pipe()
        self.process = self.context.Process(target=_serve, args=(child, str(self.register)))
        self.process.start()

    def _crashed(self, why: str) -> dict[str, Any]:
        code = self.process.exitcode if self.process is not None else None
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.process = None
        return {"problem": "crash", "detail": f"{why} (exit code {code})"}


def _serve(pipe: Connection, pristine: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["WRAC_DATA_DIR"] = folder
        while (case := pipe.recv()) is not None:
            pipe.send(evaluate(case, Path(pristine), Path(folder)))


def evaluate(case: Case, pristine: Path, folder: Path) -> dict[str, Any]:
    """The exit codes ``wrac`` gives for ``case``, and what (if anything) went wrong."""
    kind, name, data = case
    work = folder / "case"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    target = work / name
    target.write_bytes(data)
    if kind == "worksheet":
        register = work / "register.wrac"
        shutil.copyfile(pristine, register)
        runs = [
            ["import", str(register), str(target), "--dry-run"],
            ["import", str(register), str(target)],
        ]
        return _commands(runs, register)
    return _commands([["info", str(target)], ["check", str(target)]], target)


def _commands(runs: list[list[str]], watched: Path) -> dict[str, Any]:
    from wrac_desktop.cli.main import main

    codes = []
    for argv in runs:
        before = _digest(watched)
        sink = io.StringIO()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                code = main(["--lang", "en", *argv])
        except BaseException as error:  # past the CLI's own handling: a crash
            return {"problem": "crash", "detail": f"{type(error).__name__}: {error}"[:300]}
        codes.append(code)
        if code not in (0, 1, 2):
            return {"problem": "exit", "codes": codes, "detail": sink.getvalue()[-300:]}
        if code == 2 and _digest(watched) != before:
            return {"problem": "changed", "codes": codes, "detail": " ".join(argv[:1])}
    return {"codes": codes}


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"
