"""Issue 22 items 2 and 4: the window at 100,000 hazards, watched by its own event loop.

A 10 ms timer ticks on the UI thread; the longest gap between two ticks is the longest time the
window could not answer (a stall). Each step is done through the window's own actions and
widgets, as an officer does it, and its worst stall is printed against the goal (200 ms):

- open an approved register (File → Open recent's path), the first rows on screen (goal
  0.5 s), and the tamper check that follows in the background until its answer is shown;
- select a site or division of about 10,000 hazards in the tree (goal 100 ms);
- type a search, key by key (goal 100 ms a key: the key's own handling plus the query the
  typing pause's timer starts, from the moment that timer fires; the pause is not counted);
- Assessment → Verify, File → Export (the register PDF), File → Export a signed register PDF,
  File → Merge (preview and merge of a copy with 100 changed hazards) and Assessment →
  Approve, each through the background runner;
- open the draft (its stall, its first rows), and edit it: Edit → Delete hazard, then Edit →
  Undo (each an edit the tree follows by its counts, the list read again: goal 200 ms).

``STALL_STEPS=verify,export,sign,merge,approve,select_site,search,edit`` runs only those steps
(all by default); the approved register and then the draft are always opened.

Beside each stall's wall time, the UI thread's own CPU time in that gap: on a shared machine
a gap can be another process's turn, and the CPU says whether the window was working; and
``busiest_ui_cpu``, the most UI-thread CPU in any one gap of the step (on a loaded machine the
longest gap is often not the window's longest work). After
each step, the window's peak memory during it (goal 400 MB; on Linux the peak is reset before
the step, so the figure is the step's own).

``STALL_SAMPLE=1`` also prints, after each step, where the UI thread spent it: its stack is
sampled every 5 ms from another thread (cProfile cannot tell the UI thread from the workers),
and the functions seen most often, with their share of the busy samples, go to stderr. With
it on, the window crashed (SIGSEGV) twice of three times in the export step at 100,000
hazards on CPython 3.12.1 (walking another thread's frames is suspected): figures are taken
without it.

Run as ``python -m benchmarks.stall_bench FOLDER [HAZARDS] [--opening]`` (default 100,000);
``prepare`` and ``window`` run in child processes of their own, so that the window's peak memory
is its own. ``--opening`` leaves out the background actions (verify, export, merge, approve):
opening, selecting, searching and editing alone.
``python -m benchmarks.stall_bench --server FOLDER [HAZARDS]`` (default 50,000) does the same
for an approved register on a local PostgreSQL server (issue 22 item 7): the demo's writing,
then the window opening it, its first rows, its stall and its peak memory.
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from argparse import ArgumentParser, Namespace
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.common import argument_parser, emit, folder, peak_memory_mb, positive

STALL_GOAL_S = 0.2
FIRST_ROWS_GOAL_S = 0.5
INTERACTIVE_GOAL_S = 0.1  # a site selected, a key typed
MEMORY_GOAL_MB = 400
TICK_MS = 10
APPROVER = {"by": "Ахметов Ержан Серикович", "position": "Директор"}
SEARCH = "газ CO"  # typed key by key
CHANGED = 100  # hazards the other copy changed, for the merge


def _paths(folder: Path) -> dict[str, Path]:
    names = ("draft", "approved", "other")
    return {name: folder / f"stall-{name}.wrac" for name in names}


def _wrac(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "wrac_desktop", *args], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def prepare(folder: Path, hazards: int) -> None:
    """The three registers: a draft demo, the same approved, and a copy with changes."""
    paths = _paths(folder)
    _wrac("demo", str(paths["draft"]), "--workplaces", str(hazards // 10), "--force")
    for name in ("approved", "other"):
        shutil.copy(paths["draft"], paths[name])
    _wrac("approve", str(paths["approved"]), "--by", APPROVER["by"], "--position",
          APPROVER["position"], "--yes")  # fmt: skip
    subprocess.run([sys.executable, "-m", "benchmarks.stall_bench", "change", str(paths["other"])],
                   check=True)  # fmt: skip


def change(path: Path) -> None:
    """CHANGED hazards of the other copy get a note (what the merge brings)."""
    from sqlalchemy import select

    from wrac_desktop.persistence.models import Hazard
    from wrac_desktop.register import open_register

    with open_register(path) as register, register.uow.transaction() as session:
        for hazard in session.scalars(select(Hazard).order_by(Hazard.id).limit(CHANGED)):
            hazard.notes = "далада тексерілді"


class Watch:
    """A timer ticking every TICK_MS on the UI thread; the longest gap between ticks since
    ``reset`` is the worst stall, with the UI thread's CPU seconds in it."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.reset()
        self.timer.start()

    def reset(self) -> None:
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.worst, self.worst_cpu = 0.0, 0.0
        self.busiest = 0.0  # the most UI-thread CPU in one gap (on a loaded machine the
        # longest gap may be another process's turn, not the window's longest work)

    def tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if now - self.last > self.worst:
            self.worst, self.worst_cpu = now - self.last, cpu - self.last_cpu
        self.busiest = max(self.busiest, cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu


class Answerer:
    """Answers the modal dialogs a step opens, as the officer would (a timer looks for one)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.answers: list[Callable[[Any], bool]] = []
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        for answer in list(self.answers):
            if answer(dialog):
                self.answers.remove(answer)
                return
        if isinstance(dialog, QMessageBox):  # a result shown: read and closed
            dialog.accept()


def wait_for(condition: Callable[[], bool], seconds: float = 3600) -> None:
    """Run the event loop until ``condition`` holds (checked every 20 ms)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop, poll = QEventLoop(), QTimer()
    deadline = time.monotonic() + seconds

    def look() -> None:
        if condition() or time.monotonic() > deadline:
            loop.quit()

    poll.setInterval(20)
    poll.timeout.connect(look)
    poll.start()
    loop.exec()
    poll.stop()
    if not condition():
        raise TimeoutError("the step did not end")


@contextmanager
def step(watch: Watch, name: str, hazards: int) -> Iterator[None]:
    """Time a step's worst stall and its peak memory; the step's body starts it and waits
    for its end."""
    before = reset_peak()
    sampler = UiSampler() if os.environ.get("STALL_SAMPLE") else None
    watch.reset()
    start, cpu = time.perf_counter(), time.process_time()
    yield
    wait_for(lambda: time.perf_counter() - watch.last < TICK_MS * 3 / 1000)  # a tick after it
    emit(f"gui_stall_{name}_{hazards}", watch.worst, "s", goal=STALL_GOAL_S,
         ui_cpu=round(watch.worst_cpu, 3), busiest_ui_cpu=round(watch.busiest, 3),
         step_wall=round(time.perf_counter() - start, 2),
         step_cpu=round(time.process_time() - cpu, 2))  # fmt: skip
    emit(f"gui_peak_{name}_{hazards}", step_peak_mb(), "MB", goal=MEMORY_GOAL_MB,
         at_start=round(before))  # fmt: skip
    if sampler is not None:
        sampler.report(name)


def reset_peak() -> float:
    """Linux: the peak resident memory starts again from now (``clear_refs`` 5); the
    resident memory now, in MB (0 where it is not known)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return 0.0  # elsewhere the process's peak so far is printed: an upper bound
    return step_peak_mb()


def step_peak_mb() -> float:
    """The peak resident memory since ``reset_peak`` (Linux), else the process's peak."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return peak_memory_mb()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else peak_memory_mb()


class UiSampler:
    """The UI thread's stack every 5 ms, counted when the thread used the CPU meanwhile (a
    modal dialog's waiting is not work); ``report`` prints the functions it was busy in."""

    def __init__(self) -> None:
        self.ui = threading.main_thread().ident or 0
        self.clock = time.pthread_getcpuclockid(self.ui)
        self.counts: collections.Counter[str] = collections.Counter()
        self.busy = 0
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        used = time.clock_gettime(self.clock)
        while self.running:
            time.sleep(0.005)
            now = time.clock_gettime(self.clock)
            frame = sys._current_frames().get(self.ui)
            if now - used < 0.002 or frame is None:
                used = now
                continue
            used = now
            self.busy += 1
            seen = set()
            while frame is not None:
                code = frame.f_code
                seen.add(f"{Path(code.co_filename).name}:{code.co_firstlineno} {code.co_name}")
                frame = frame.f_back
            self.counts.update(seen)

    def report(self, name: str) -> None:
        self.running = False
        self.thread.join()
        print(f"--- {name}: UI thread busy in {self.busy} samples of 5 ms", file=sys.stderr)
        for where, count in self.counts.most_common(40):
            print(f"{count:6d} {100 * count / max(self.busy, 1):5.1f}%  {where}", file=sys.stderr)


def window(folder: Path, hazards: int, actions: bool = True) -> None:
    from PySide6.QtWidgets import QApplication

    from wrac_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = _paths(folder)
    main = MainWindow(None)
    main.testing = True  # no "open the folder?" question after the export
    main.show()
    watch, answers = Watch(), Answerer()

    with step(watch, "open_approved", hazards):
        _first_rows(main, paths["approved"], f"gui_first_rows_{hazards}")
    if wanted("select_site"):
        _select_site(main, watch, hazards)
    if wanted("search"):
        _search(main, watch, hazards)
    emit(f"gui_approved_open_peak_{hazards}", peak_memory_mb(), "MB", goal=MEMORY_GOAL_MB)
    if actions:
        _verify_and_export(main, watch, answers, folder, hazards)

    with step(watch, "open_draft", hazards):
        _first_rows(main, paths["draft"], f"gui_draft_first_rows_{hazards}")
    if wanted("edit"):
        _edit(main, watch, hazards)
    if actions:
        _merge_and_approve(main, watch, answers, paths, hazards)

    emit(f"gui_window_peak_{hazards}", peak_memory_mb(), "MB", goal=MEMORY_GOAL_MB)
    _close(main, app)


def _close(main: Any, app: Any) -> None:
    """Close the window as ``app.run_gui`` does (``dispose_window``)."""
    from wrac_desktop.ui.application import dispose_window

    main.close()
    dispose_window(main, app)


def wanted(name: str) -> bool:
    """Whether a step runs: all of them, unless ``STALL_STEPS`` lists some (``verify,merge``);
    opening the approved register and then the draft always runs, the steps need them."""
    chosen = os.environ.get("STALL_STEPS")
    return not chosen or name in chosen.split(",")


def _first_rows(main: Any, path: Path, name: str) -> None:
    """Open ``path`` as File → Open does; the first rows drawn (their page read), in wall time
    and in the UI thread's CPU (what a shared machine's load does not change: the goal's
    measure); then the checks that run behind, until their answer is shown."""
    view = main.register_view
    start, cpu = time.perf_counter(), time.thread_time()
    main.open_path(path)
    wait_for(lambda: view.model.rowCount() > 0)
    view.table.viewport().repaint()
    ui_cpu = time.thread_time() - cpu
    emit(name, time.perf_counter() - start, "s", goal=FIRST_ROWS_GOAL_S,
         rows=view.model.rowCount(), ui_cpu=round(ui_cpu, 3))  # fmt: skip
    emit(f"{name}_ui_cpu", ui_cpu, "s", goal=FIRST_ROWS_GOAL_S)
    wait_for(lambda: main.approval.checking.isHidden())


def _edit(main: Any, watch: Watch, hazards: int) -> None:
    """Edit → Delete hazard on the first row, then Edit → Undo: the tree recounts, the list
    is read again."""
    view = main.register_view
    view.table.selectRow(0)
    for name in ("delete_hazard", "undo"):
        with step(watch, f"edit_{name}", hazards):
            main.action_map[name].trigger()
            view.table.viewport().repaint()


def _verify_and_export(main: Any, watch: Watch, answers: Answerer, folder: Path,
                       hazards: int) -> None:  # fmt: skip
    if wanted("verify"):
        with step(watch, "verify", hazards):
            main.approval.verified = None
            main.action_map["verify"].trigger()
            wait_for(lambda: main.approval.verified is not None)

    export_to = folder / "stall-register.pdf"
    if wanted("export"):
        with step(watch, "export_register_pdf", hazards):
            answers.answers.append(lambda dialog: _export_answer(dialog, export_to))
            main.action_map["export"].trigger()
            wait_for(lambda: main.exports.last_export is not None)
        export_to.unlink(missing_ok=True)

    if wanted("sign"):  # File → Export a signed register PDF, after its key and file dialogs
        from tests.unit.cli.test_approval_cli import PASSWORD, make_key

        key = make_key(folder / "stall-officer.p12")
        with step(watch, "sign_register_pdf", hazards):
            main.exports.sign_to(key, PASSWORD, export_to)
            wait_for(lambda: main.exports.signed is not None)
        export_to.unlink(missing_ok=True)
        key.unlink()


def _merge_and_approve(main: Any, watch: Watch, answers: Answerer, paths: dict[str, Path],
                       hazards: int) -> None:  # fmt: skip
    if wanted("merge"):
        with step(watch, "merge_preview_and_merge", hazards):
            answers.answers.append(_accept_merge)
            main.merges.merge_from(str(paths["other"]))  # File → Merge after its file dialog
            wait_for(lambda: main.merges.last_report is not None)

    if wanted("approve"):
        with step(watch, "approve", hazards):
            answers.answers.append(_approve_answer)
            main.action_map["approve"].trigger()
            wait_for(lambda: main.operations.frozen and not main.approval.approving)


def _select_site(main: Any, watch: Watch, hazards: int) -> None:
    view = main.register_view
    node, count = _unit_near(main, 10_000)
    with step(watch, "select_site", hazards):
        start, cpu = time.perf_counter(), time.process_time()
        main.tree.select_node(node)
        wait_for(lambda: view.model.total == count)
        view.table.viewport().repaint()
        emit(f"gui_select_site_{hazards}", time.perf_counter() - start, "s",
             goal=INTERACTIVE_GOAL_S, hazards=view.model.total,
             cpu=round(time.process_time() - cpu, 3))  # fmt: skip


def _search(main: Any, watch: Watch, hazards: int) -> None:
    view = main.register_view
    main.tree.select_node(("organisation", 1))
    keystrokes, stalls, cpus = _type_search(main, watch)
    emit(f"gui_search_keystroke_worst_{hazards}", max(keystrokes), "s", goal=INTERACTIVE_GOAL_S,
         keys=len(keystrokes), found=view.model.total, cpu=round(max(cpus), 3))  # fmt: skip
    worst = max(stalls)
    emit(f"gui_stall_search_keys_{hazards}", worst[0], "s", goal=STALL_GOAL_S,
         ui_cpu=round(worst[1], 3))  # fmt: skip
    view.search.clear()
    wait_for(lambda: not view.search.text())


def _unit_near(main: Any, wanted: int) -> tuple[tuple[str, int], int]:
    """The site or division whose hazard count is nearest ``wanted``."""
    from wrac_desktop.persistence.queries import site_tree

    register = main.register
    with register.uow.reading() as session:  # a bench may look past the UI
        organisations = site_tree(session)
    units, stack = [], list(organisations)
    while stack:
        node = stack.pop()
        if node.kind in ("site", "division"):
            units.append(node)
        stack.extend(child for child in node.children if child.kind != "workplace")
    best = min(units, key=lambda unit: abs(unit.hazard_count - wanted))
    return (best.kind, best.id), best.hazard_count


def _type_search(
    main: Any, watch: Watch
) -> tuple[list[float], list[tuple[float, float]], list[float]]:
    """Each key of SEARCH typed into the search box; a key's time is its own handling plus,
    once the typing pause's timer fires, the query and the rows drawn after it. Beside it,
    the CPU the process spent on the key (its threads too: the query is read behind)."""
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from wrac_desktop.ui.register_view import SEARCH_DELAY_MS

    view = main.register_view
    pause = next(timer for timer in view.findChildren(QTimer)
                 if timer.isSingleShot() and timer.interval() == SEARCH_DELAY_MS)  # fmt: skip
    fired: list[float] = []

    class Fired(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Timer:
                fired.append(time.perf_counter())
            return False

    spy = Fired()
    pause.installEventFilter(spy)
    view.search.setFocus()
    timings, stalls, cpus = [], [], []
    for key in SEARCH:
        watch.reset()
        start, cpu = time.perf_counter(), time.process_time()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):  # any letter, as typed
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, key)
            QApplication.sendEvent(view.search, event)
        typed = time.perf_counter() - start
        wait_for(lambda: bool(fired) and not pause.isActive())
        wait_for(lambda: not getattr(view.model, "loading", False))
        view.table.viewport().repaint()
        timings.append(typed + time.perf_counter() - fired.pop())
        cpus.append(time.process_time() - cpu)
        fired.clear()
        wait_for(lambda: time.perf_counter() - watch.last < TICK_MS * 3 / 1000)  # a tick after
        stalls.append((watch.worst, watch.worst_cpu))
    pause.removeEventFilter(spy)
    return timings, stalls, cpus


def _export_answer(dialog: Any, path: Path) -> bool:
    from wrac_desktop.ui.export_dialog import ExportDialog

    if not isinstance(dialog, ExportDialog):
        return False
    dialog.report.setCurrentIndex(dialog.report.findData("register"))
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.path.setText(str(path))
    dialog.accept()
    return True


def _accept_merge(dialog: Any) -> bool:
    from wrac_desktop.ui.merge_dialog import MergeDialog

    if not isinstance(dialog, MergeDialog):
        return False
    dialog.accept()
    return True


def _approve_answer(dialog: Any) -> bool:
    from wrac_desktop.ui.approval_ui import ApproveDialog

    if not isinstance(dialog, ApproveDialog):
        return False
    dialog.by.setText(APPROVER["by"])
    dialog.position.setText(APPROVER["position"])
    dialog.confirmed.setChecked(True)
    dialog.accept()
    return True


def main(folder: Path, hazards: int, opening: bool = False) -> None:
    for part in ("prepare", "window"):
        subprocess.run([sys.executable, "-m", "benchmarks.stall_bench", part, str(folder),
                        str(hazards), *(["--opening"] if opening else [])], check=True,
                       env=_env(folder))  # fmt: skip
    for path in _paths(folder).values():
        path.unlink(missing_ok=True)


def server(folder: Path, hazards: int) -> None:
    """The approved demo on a throw-away local server (as server_bench starts one)."""
    from benchmarks.scale_bench import child
    from benchmarks.server_bench import _create_database
    from tests import pg_server

    instance = pg_server.start_server(durable=True)
    try:
        _create_database(instance, "stall")
        url = instance.url("stall")
        wrac = [sys.executable, "-m", "wrac_desktop"]
        written = child([*wrac, "demo", url, "--workplaces", str(hazards // 10)])
        emit(f"postgres_demo_write_{hazards}_cpu", written.cpu, "s", wall=round(written.wall, 2),
             exit=written.code)  # fmt: skip
        emit(f"postgres_demo_write_{hazards}_wall", written.wall, "s", goal=30.0)
        child([*wrac, "approve", url, "--by", APPROVER["by"], "--position", APPROVER["position"],
               "--yes"])  # fmt: skip
        subprocess.run([sys.executable, "-m", "benchmarks.stall_bench", "open-server", url,
                        str(hazards)], check=True, env=_env(folder))  # fmt: skip
    finally:
        pg_server.remove(instance)


def open_server(url: str, hazards: int) -> None:
    """The window opening the approved register at ``url``: first rows, stall, memory."""
    from PySide6.QtWidgets import QApplication

    from wrac_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    main = MainWindow(None)
    main.show()
    watch, view = Watch(), main.register_view
    with step(watch, "postgres_open_approved", hazards):
        start = time.perf_counter()
        main.open_path(url)
        wait_for(lambda: view.model.rowCount() > 0)
        view.table.viewport().repaint()
        emit(f"gui_postgres_first_rows_{hazards}", time.perf_counter() - start, "s",
             goal=FIRST_ROWS_GOAL_S, rows=view.model.rowCount())  # fmt: skip
        wait_for(lambda: main.approval.checking.isHidden())
    emit(f"gui_postgres_approved_open_peak_{hazards}", peak_memory_mb(), "MB",
         goal=MEMORY_GOAL_MB)  # fmt: skip
    _close(main, app)


def _env(folder: Path) -> dict[str, str]:
    return os.environ | {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                         "WRAC_CONFIG_DIR": str(folder / "config"),
                         "WRAC_DATA_DIR": str(folder / "data"),
                         "QT_LOGGING_RULES": "qt.qpa.*=false"}  # fmt: skip


CHILD_STEPS = ("prepare", "change", "window", "open-server")  # what the run starts in children


def arguments(argv: list[str] | None = None) -> Namespace:
    given = sys.argv[1:] if argv is None else argv
    if given[:1] and given[0] in CHILD_STEPS:
        return _child_step_parser().parse_args(given)
    parser = argument_parser("benchmarks.stall_bench", __doc__)
    parser.add_argument("folder", type=folder, help="where the registers are written")
    parser.add_argument("hazards", type=positive, nargs="?",
                        help="register size (default 100,000; 50,000 with --server)")  # fmt: skip
    parser.add_argument("--opening", action="store_true", help="leave out the background actions")
    parser.add_argument("--server", action="store_true", help="on a local PostgreSQL server")
    return parser.parse_args(argv)


def _child_step_parser() -> ArgumentParser:
    parser = argument_parser("benchmarks.stall_bench", "One step, run by the benchmark itself.")
    steps = parser.add_subparsers(dest="step", required=True)
    for name, place in (("prepare", "folder"), ("change", "path"), ("window", "folder"),
                        ("open-server", "url")):  # fmt: skip
        step = steps.add_parser(name)
        step.add_argument(place, type=folder if place == "folder" else str)
        if name != "change":
            step.add_argument("hazards", type=positive)
        if name == "window":
            step.add_argument("--opening", action="store_true")
    return parser


if __name__ == "__main__":
    given = arguments()
    child_step = getattr(given, "step", None)  # not `step`: the module's own context manager
    if child_step == "open-server":
        open_server(given.url, given.hazards)
    elif child_step == "change":
        change(Path(given.path))
    elif child_step == "prepare":
        prepare(given.folder, given.hazards)
    elif child_step == "window":
        window(given.folder, given.hazards, actions=not given.opening)
    elif given.server:
        server(given.folder, given.hazards or 50_000)
    else:
        main(given.folder, given.hazards or 100_000, given.opening)
