"""The path of one hazard from the editor to its PDF row, measured (docs/architecture.md).

Opens a small demo register in the main window, types a new description into the hazard
panel's field and presses Enter, then exports the register PDF through File → Export (the
export dialog answered as a user would). While that runs it records the Python call stack at
each moment that carries the hazard, found by the text typed:

- written: an SQL statement whose parameters hold the text (the UPDATE, the audit entry);
- read: a typed record (NamedTuple or dataclass) holding the text, where it is made;
- row: the PDF row (a dataclass of the reports whose cells hold the text), where it is made;
- drawn: the text of its PDF cell handed on while a page is drawn, at the deepest call.

The path is every wrac_desktop module on those stacks. For each consecutive caller → callee
pair of wrac_desktop frames on them, the callee's layer (the ``layers`` contract of
pyproject.toml) must be the caller's or one below: an upward step is printed. Beside the path
the old figure is printed too, every module whose code runs during the same service calls
(an edit and a whole register export: the page header, approval stamp, legend, scales,
sign-off, photos and notes are drawn as well, which are not the hazard's path).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/hazard_path.py
"""

from __future__ import annotations

import dataclasses
import inspect
import os
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Edited ZQ7 in the panel"  # typed into the hazard's description
MARK = "ZQ7"  # how the text is found again: short, so a wrapped cell keeps it on one line
PACKAGE = "/wrac_desktop/"


def contract_layers(pyproject: Path = ROOT / "pyproject.toml") -> tuple[tuple[str, ...], ...]:
    """The top-level modules of each layer, top first, as the ``layers`` contract lists them."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers")
    return tuple(tuple(n.strip() for n in layer.split("|")) for layer in contract["layers"])


LAYERS = contract_layers()


def level_of(module: str) -> int:
    """0 for the top layer, larger further down. ``module``: "services/work.py"."""
    top = module.split("/")[0].removesuffix(".py")
    for level, names in enumerate(LAYERS):
        if top in names:
            return level
    raise ValueError(f"{module} is in no layer of the contract")


def layer_name(module: str) -> str:
    return " | ".join(LAYERS[level_of(module)])


class Frame(NamedTuple):
    module: str  # "services/work.py"
    function: str
    # A generator's frame, resumed by whoever iterates it: a lower layer pulling the rows a
    # higher one made for it (a report's streamed rows, issue 22) does not call upward.
    resumed: bool = False


class Moment(NamedTuple):
    kind: str  # written, read, drawn
    what: str  # the statement, the record's type, the function handed the text
    stack: tuple[Frame, ...]  # wrac_desktop frames, the outermost caller first


class Step(NamedTuple):
    caller: Frame
    callee: Frame


def upward_steps(stack: tuple[Frame, ...]) -> list[Step]:
    """The calls on ``stack`` into a higher layer than the caller's."""
    return [
        Step(caller, callee)
        for caller, callee in zip(stack, stack[1:], strict=False)
        if level_of(callee.module) < level_of(caller.module) and not callee.resumed
    ]


def wrac_stack(frame: FrameType | None) -> tuple[Frame, ...]:
    frames: list[Frame] = []
    while frame is not None:
        name = frame.f_code.co_filename
        if PACKAGE in name:
            resumed = bool(frame.f_code.co_flags & inspect.CO_GENERATOR)
            frames.append(Frame(name.split(PACKAGE, 1)[1], frame.f_code.co_name, resumed))
        frame = frame.f_back
    return tuple(reversed(frames))


def holds_text(value: Any) -> bool:
    """The text itself: a string holding it, or lines (a tuple or list of strings; a record
    holding it is not the text)."""
    if isinstance(value, str):
        return MARK in value
    if isinstance(value, (tuple, list)) and not hasattr(type(value), "_fields"):
        return len(value) <= 64 and any(isinstance(i, str) and MARK in i for i in value)
    return False


WRITES = ("INSERT", "UPDATE", "DELETE")


def text_fields(value: Any) -> bool:
    """A typed record (NamedTuple or dataclass) holding the text in a field of its own, as
    a string or as lines; a PDF row's cells are lines too."""
    if isinstance(value, tuple) and hasattr(type(value), "_fields"):
        fields: tuple[Any, ...] = tuple(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = tuple(getattr(value, f.name, None) for f in dataclasses.fields(value))
    else:
        return False
    for field in fields:
        if holds_text(field):
            return True
        if isinstance(field, (tuple, list)) and len(field) <= 64 and any(map(holds_text, field)):
            return True
    return False


class Recorder:
    """The moments, and every module whose code ran, gathered by profile functions: the
    edit's (on the UI thread) records what ran; the export's (on its thread) also where a
    typed record holding the text is made and where a page's cell is handed the text."""

    def __init__(self) -> None:
        self.moments: list[Moment] = []
        self.ran: dict[str, None] = {}
        self._records: dict[int, Any] = {}  # kept alive: an id is not reused meanwhile
        self._drawn: dict[tuple[Frame, ...], str] = {}
        self._lock = threading.Lock()

    def profile_edit(self, frame: FrameType, event: str, _arg: Any) -> None:
        filename = frame.f_code.co_filename
        if event == "call" and PACKAGE in filename:
            self.ran.setdefault(filename.split(PACKAGE, 1)[1], None)

    def profile_export(self, frame: FrameType, event: str, arg: Any) -> None:
        filename = frame.f_code.co_filename
        if PACKAGE not in filename:
            return
        if event == "call":
            self.ran.setdefault(filename.split(PACKAGE, 1)[1], None)
            self._on_call(frame)
        elif event == "return" and id(arg) not in self._records and text_fields(arg):
            self._records[id(arg)] = arg
            stack = wrac_stack(frame)
            kind = "row" if stack[-1].module.startswith("reports/") else "read"
            with self._lock:
                self.moments.append(Moment(kind, type(arg).__name__, stack))

    def _on_call(self, frame: FrameType) -> None:
        code = frame.f_code
        arguments = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
        if not any(holds_text(frame.f_locals.get(name)) for name in arguments):
            return
        stack = wrac_stack(frame)
        if any(f.function == "draw" for f in stack):  # a flowable draws on the page
            with self._lock:
                self._drawn[stack] = code.co_name

    def sql(self, statement: str, parameters: Any) -> None:
        """A statement that writes the text: its stack."""
        if not statement.lstrip().upper().startswith(WRITES):
            return
        rows = parameters if isinstance(parameters, list) else [parameters]
        for row in rows:
            values = list(row.values()) if isinstance(row, dict) else row
            if isinstance(values, (tuple, list)) and any(map(holds_text, values)):
                head = " ".join(statement.split()[:3])
                with self._lock:
                    self.moments.append(Moment("written", head, wrac_stack(sys._getframe(1))))
                return

    def drawn(self) -> list[Moment]:
        """The deepest calls that were handed the cell's text while a page was drawn."""
        stacks = list(self._drawn)
        deepest = [s for s in stacks if not any(o[: len(s)] == s and o != s for o in stacks)]
        return [Moment("drawn", self._drawn[s], s) for s in deepest]


@contextmanager
def _patched(owner: Any, name: str, value: Any) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


class PathTrace(NamedTuple):
    moments: list[Moment]
    modules: list[str]  # on the moments' stacks, in the order first reached
    ran: list[str]  # every module whose code ran while the edit and the export did


def trace_path(workdir: Path) -> PathTrace:
    """Drive the window: edit one hazard's description, export the register PDF; see above."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QAction
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from wrac_desktop import i18n
    from wrac_desktop.register import open_register
    from wrac_desktop.services.demo import write_demo
    from wrac_desktop.ui import background
    from wrac_desktop.ui.background import stop_jobs
    from wrac_desktop.ui.export_dialog import ExportDialog
    from wrac_desktop.ui.main_window import MainWindow

    if QApplication.instance() is None:
        QApplication([])
    recorder = Recorder()
    target = workdir / "register.pdf"
    write_demo(workdir / "path.wrac", workplaces=2, seed=1, lang="en")

    def on_sql(*args: Any) -> None:  # before_cursor_execute(conn, cursor, statement, params, …)
        recorder.sql(args[2], args[3])

    def answer_export(dialog: ExportDialog) -> int:  # the user picks the register PDF, in English
        dialog.report.setCurrentIndex(dialog.report.findData("register"))
        dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
        dialog.lang.setCurrentIndex(dialog.lang.findData("en"))
        dialog.path.setText(str(target))
        dialog.accept()
        return int(dialog.result())

    worker_init = background._Worker.__init__

    def traced_worker(worker: Any, task: Callable[[Any], Any]) -> None:  # profile its thread
        def traced(progress: Any) -> Any:
            sys.setprofile(recorder.profile_export)
            try:
                return task(progress)
            finally:
                sys.setprofile(None)

        worker_init(worker, traced)

    def settle(condition: Callable[[], bool], seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the window did not get there")
            QCoreApplication.processEvents()
            time.sleep(0.005)

    language = i18n.current_language()
    i18n.set_language("en")
    window = MainWindow(open_register(workdir / "path.wrac"))
    event.listen(Engine, "before_cursor_execute", on_sql)  # only writes of the text count
    try:
        window.show()
        settle(
            lambda: not any(j.isRunning() for j in window.findChildren(background.BackgroundJob))
        )
        hazard_id = window.register_view.model.hazard_id(0)
        assert hazard_id is not None, "the demo register lists no hazard"
        window.register_view.select_hazard(hazard_id)
        settle(lambda: window.editor.hazard_id == hazard_id)
        field = window.editor._fields["description"]  # noqa: SLF001 - the widget the user types in
        field.setFocus()
        field.selectAll()
        QTest.keyClicks(field, TEXT)
        export = next(a for a in window.findChildren(QAction) if a.objectName() == "action_export")
        window.exports.testing = True  # no "open folder" box at the end
        # Only the export's thread is profiled: the views refreshed after the edit read in
        # threads of their own too (the Due tab's reminders), and are not this hazard's path.
        with _patched(ExportDialog, "exec", answer_export):
            sys.setprofile(recorder.profile_edit)
            try:
                QTest.keyClick(field, Qt.Key.Key_Return)  # the panel commits the field
                with _patched(background._Worker, "__init__", traced_worker):
                    export.trigger()  # File → Export…, answered above; runs in a thread
            finally:
                sys.setprofile(None)
            settle(lambda: window.exports.last_export == target)
    finally:
        event.remove(Engine, "before_cursor_execute", on_sql)
        stop_jobs(window)
        window.set_register(None)
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
        i18n.set_language(language)
    moments = [*recorder.moments, *recorder.drawn()]
    modules: dict[str, None] = {}
    for moment in moments:
        modules.update(dict.fromkeys(f.module for f in moment.stack))
    return PathTrace(moments, list(modules), list(recorder.ran))


def every_module_below_the_ui(workdir: Path) -> list[str]:
    """The old figure: every wrac_desktop module whose code runs during the service calls the
    panel's commit and File → Export make (an edit, a whole register PDF), first reached first.
    Modules are imported before the trace starts, so only running code counts."""
    from wrac_desktop.persistence.models import Hazard
    from wrac_desktop.register import open_location
    from wrac_desktop.services import demo, exporting, hazard_panel, work

    demo.write_demo(workdir / "every.wrac", workplaces=2, seed=1, lang="en")
    register = open_location(workdir / "every.wrac")
    with register.uow.reading() as session:
        hazard_id = min(session.scalars(Hazard.__table__.select().with_only_columns(Hazard.id)))
    order: dict[str, None] = {}

    def profile(frame: FrameType, _event: str, _arg: Any) -> None:
        name = frame.f_code.co_filename
        if PACKAGE in name:
            order.setdefault(name.split(PACKAGE, 1)[1], None)

    sys.setprofile(profile)
    try:
        with work.transaction(register) as on_register:
            edit = {"description": TEXT}
            hazard_panel.edit_hazard(on_register, hazard_id, edit, expected_version=None)
        exporting.export(register, "register", "pdf", "en", workdir / "every.pdf")
    finally:
        sys.setprofile(None)
        register.close()
    return list(order)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as workdir:
        for variable, folder in (("WRAC_DATA_DIR", "data"), ("WRAC_CONFIG_DIR", "config")):
            os.environ[variable] = str(Path(workdir) / folder)  # not the user's own settings
        # first: a module run once per process (a font registered, a cache filled) counts
        every = every_module_below_the_ui(Path(workdir))
        trace = trace_path(Path(workdir))
    for moment in trace.moments:
        print(f"\n{moment.kind}: {moment.what}")
        for frame in moment.stack:
            print(f"    {layer_name(frame.module):32} {frame.module}:{frame.function}")
    print("\nThe path, in the order first reached:")
    for module in trace.modules:
        print(f"    {layer_name(module):32} {module}")
    steps = {step for moment in trace.moments for step in upward_steps(moment.stack)}
    for step in sorted(steps):
        caller, callee = step
        print(f"UPWARD: {caller.module}:{caller.function} ({layer_name(caller.module)}) -> "
              f"{callee.module}:{callee.function} ({layer_name(callee.module)})")  # fmt: skip
    ui = sum(1 for m in trace.modules if m.startswith("ui/"))
    print(f"\nthe path: {len(trace.modules)} modules ({ui} in ui, {len(trace.modules) - ui} below)")
    print(f"every module whose code runs (the old count, below the UI): {len(every)}")
    print(f"every module whose code ran in the window's edit and export: {len(trace.ran)}")
    print(f"upward steps on the path: {len(steps)}")
    return 1 if steps else 0


if __name__ == "__main__":
    sys.exit(main())
