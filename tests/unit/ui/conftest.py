"""Fixtures for GUI tests: a demo register in a main window, and scripted dialog answers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from wrac_desktop.register import open_register
from wrac_desktop.services.demo import write_demo
from wrac_desktop.ui import ask
from wrac_desktop.ui.background import stop_jobs
from wrac_desktop.ui.language import apply_language
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.screen_fit import FRAME
from wrac_desktop.ui.settings import Settings

T = TypeVar("T")
LAPTOP = QSize(1366, 768)
SMALL_LAPTOP = QSize(1280, 720)
# A hazard of the library, long in every language (it wraps, or ends in "…").
LONG_TEXTS = {
    "kk": "Жабық кеңістіктердегі (бункерлер, сыйымдылықтар, құдықтар) оттегінің жетіспеушілігі "
    "және улы газдардың жиналуы, құтқару жұмыстары кезінде қосымша қауіп төндіреді",
    "ru": "Недостаток кислорода и скопление ядовитых газов в замкнутых пространствах (бункеры, "
    "ёмкости, колодцы), в том числе при спасательных работах",
    "en": "Lack of oxygen and build-up of toxic gases in confined spaces (bunkers, tanks, "
    "wells), including during rescue work",
}


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.wrac"
    write_demo(path, workplaces=12, seed=2)
    return path


@pytest.fixture(params=["kk", "ru", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each language in turn, ours and Qt's (a laptop's checks: Kazakh and Russian words are
    longer than English ones)."""
    apply_language(request.param)
    yield request.param
    apply_language("en")  # Qt's translator and locale; the root conftest restores ours


@pytest.fixture
def demo_in(lang: str, tmp_path: Path) -> Path:
    """A demo register written in ``lang``."""
    path = tmp_path / f"demo-{lang}.wrac"
    write_demo(path, workplaces=12, seed=2, lang=lang)
    return path


@pytest.fixture
def window(demo_file: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow(open_register(demo_file))
    main.show()  # not qtbot.addWidget: dispose() below closes and deletes it
    yield main
    dispose(main, qtbot)


def approve_now(window: MainWindow, **values: object) -> None:
    """Assessment → Approve's work with these answers, waited for: it runs in the background."""
    window.approval.approve_with(**values)
    wait_until(lambda: not window.approval.approving)


def wait_until(condition: Callable[[], bool], seconds: float = 30) -> None:
    """Process events until ``condition`` holds (for helpers that have no ``qtbot``)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        QCoreApplication.processEvents()
        time.sleep(0.002)


def due_read(window: MainWindow) -> None:
    """Until the Due tab's reminders, read off the UI thread since issue 22, are shown."""
    wait_until(lambda: window.due_view.job is None)


def wait_for_job(window: MainWindow, qtbot: QtBot) -> None:
    """Until the user's background job has ended and its answer was handled. On the job's own
    signal, not a wall-clock guess: a loaded machine took over 20 s to write a small demo.
    The bound only stops a hang; a job cut short by it is stopped when the window goes."""
    job = window.operations.job
    assert job is not None
    if job.isRunning():
        with qtbot.waitSignal(job.finished, timeout=600_000):
            pass


def dispose(main: MainWindow, qtbot: QtBot) -> None:
    """Close the register and really delete the window, so no later test paints it.

    A job that a queued call or a timer started after the close (a read the window defers to
    the event loop) is stopped before the window goes, as ``app.run_gui`` does: Qt aborts the
    process when a running thread is deleted with its window (a worker crashed this way once
    in CI, in this teardown)."""
    main.set_register(None)
    main.close()
    QApplication.processEvents()
    stop_jobs(main)
    main.deleteLater()
    qtbot.wait(1)


class Answers:
    """Answers the static QInputDialog / QMessageBox calls in order, like a user typing."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        self.items: list[str] = []
        monkeypatch.setattr(ask, "text", self._text)
        monkeypatch.setattr(ask, "item", self._item)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    def _text(self, *_args: object, **_kwargs: object) -> tuple[str, bool]:
        return (self.texts.pop(0), True) if self.texts else ("", False)

    def _item(
        self, _parent: object, _title: str, _label: str, items: list[str], *_args: object
    ) -> tuple[str, bool]:
        wanted = self.items.pop(0) if self.items else None
        return (wanted, True) if wanted in items else ("", False)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers(monkeypatch)


class ShownErrors(list):  # type: ignore[type-arg]
    """Error dialogs the code under test tried to show; a test that expects one clears it."""


@pytest.fixture(autouse=True)
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[ShownErrors]:
    errors = ShownErrors()
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: errors.append(text))
    yield errors
    assert not errors, f"unexpected error dialog(s): {errors}"


_KEPT: list[object] = []


@pytest.fixture
def keep_alive() -> Callable[[object], object]:
    """Keep a model alive for the whole session.

    Qt workaround: pytest-qt's model tester outlives the test, and a model deleted before it
    (with its window) corrupts memory that a later paint trips over.
    """

    def keep(model: object) -> object:
        _KEPT.append(model)
        return model

    return keep


def stored(window: MainWindow, query: Callable[[Session], T]) -> T:
    """What the register holds now, read past the UI (the UI itself never holds a session)."""
    assert window.register is not None
    with window.register.uow.reading() as session:
        return query(session)


def flag_by_a_near_miss(window: MainWindow, *, last: bool = False) -> tuple[int, int]:
    """A near miss on 12.03.2026 at the register's first (or ``last``) hazard, recorded in a
    transaction of its own as the Events menu does: the hazard is flagged for re-assessment.
    Returns (hazard id, workplace id)."""
    from datetime import datetime

    from sqlalchemy import select

    from wrac_desktop.persistence.models import Hazard, Workplace
    from wrac_desktop.services import events

    assert window.register is not None
    with window.register.uow.transaction() as session:
        order = Hazard.id.desc() if last else Hazard.id
        hazard = session.scalars(select(Hazard).order_by(order)).first()
        assert hazard is not None
        place = session.get_one(Workplace, hazard.workplace_id)
        found = hazard.id, hazard.workplace_id
        events.add_event(
            session, "near-miss", datetime(2026, 3, 12, 9, 30), str(place.uuid), [str(hazard.uuid)]
        )
    window.operations.changed.emit()  # as every committed edit does
    return found


@pytest.fixture
def laptop(demo_in: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    """The window maximised on a 1,366 × 768 screen (less its task bar), a hazard in the
    panel, every site and division open in the tree."""
    window = MainWindow(open_register(demo_in), Settings())
    window.testing = True
    window.show()
    window.resize(LAPTOP - FRAME - QSize(0, 40))
    window.tree.expandAll()
    window.register_view.table.selectRow(3)
    qtbot.waitUntil(lambda: window.editor.hazard_id is not None)
    assert window.editor_dock.isVisible()
    yield window
    dispose(window, qtbot)


def show_tab(window: MainWindow, tab: object, qtbot: QtBot) -> None:
    window.tabs.setCurrentWidget(tab)
    QApplication.processEvents()  # the columns fitted
    qtbot.wait(100)  # the rows measured after them


def rows_on_screen(table: QTableView) -> list[int]:
    """The rows wholly in the table's viewport."""
    room, first = table.viewport().height(), max(0, table.rowAt(0))
    return [
        row
        for row in range(first, table.model().rowCount())
        if 0 <= table.rowViewportPosition(row) <= room - table.rowHeight(row)
    ]
