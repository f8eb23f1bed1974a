"""Approve, verify, merge and a signed export run off the UI thread, and their Cancel stops
them with nothing kept (issue 22: at 100,000 hazards Approve spent 2.7 s of the UI thread
reading what an inspector would ask about, and a Cancel pressed during Approve or Verify was
never asked for, so the approval was written whole and the verification ran to its end)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.unit.cli.test_approval_cli import PASSWORD, make_key
from tests.unit.ui.conftest import ShownErrors, approve_now
from wrac_desktop.services import approval, exporting, fingerprints, merge, revisions
from wrac_desktop.services.review import review_current
from wrac_desktop.ui import approval_ui
from wrac_desktop.ui.approve_dialog import ApproveDialog
from wrac_desktop.ui.background import BackgroundJob
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.merge_dialog import MergeDialog

APPROVER = {"by": "Серікбаев Қайрат", "position": "Бас инженер", "on": date.today()}


def on_ui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def recording(threads: list[bool], call: Callable[..., Any]) -> Callable[..., Any]:
    """``call``, noting whether each call ran on the UI thread."""

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(on_ui_thread())
        return call(*args, **kwargs)

    return recorded


def cancelling(call: Callable[..., Any]) -> Callable[..., Any]:
    """``call``, with the progress dialog's Cancel pressed as it starts (the flag it sets) for
    the job running it (``operations.job`` is set only once the job has started)."""

    def pressed(*args: Any, **kwargs: Any) -> Any:
        job = QThread.currentThread()
        assert isinstance(job, BackgroundJob)
        job.worker.cancel_requested = True
        return call(*args, **kwargs)

    return pressed


def finished(window: MainWindow, qtbot: QtBot) -> BackgroundJob:
    job = window.operations.job
    assert job is not None
    qtbot.waitUntil(job.isFinished, timeout=30_000)
    qtbot.wait(50)  # its answer, queued to the UI thread
    return job


def test_approve_reads_its_review_and_writes_the_approval_off_the_ui_thread(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[bool] = []
    monkeypatch.setattr(approval_ui, "review_current", recording(threads, review_current))
    approve = revisions.approve_current
    monkeypatch.setattr(revisions, "approve_current", recording(threads, approve))
    shown: list[bool] = []

    def user_signs(dialog: ApproveDialog) -> int:
        shown.append(on_ui_thread())
        dialog.by.setText(APPROVER["by"])
        dialog.position.setText(APPROVER["position"])
        dialog.confirmed.setChecked(True)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ApproveDialog, "exec", user_signs)
    window.action_map["approve"].trigger()
    assert shown == []  # the slot returned before the review was in: the dialog comes after
    qtbot.waitUntil(lambda: not window.operations.editable, timeout=30_000)
    assert threads == [False, False]  # the review, then the approval: both behind
    assert shown == [True]  # the dialog in between, on the UI thread


def test_cancel_during_the_approval_keeps_the_draft(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, shown_errors: ShownErrors
) -> None:
    """Pressed while the approval's text is written, Cancel stops it at the next chunk of
    hazards, and its transaction is rolled back: still a draft, no fingerprint stored."""
    monkeypatch.setattr(fingerprints, "_utf8", cancelling(fingerprints._utf8))
    approve_now(window, **APPROVER)
    assert window.operations.editable and not window.operations.frozen
    assert window.operations.read(revisions.frozen_revision) is None
    assert window.action_map["approve"].isEnabled()  # offered again
    assert window.banner.isHidden()


def test_cancel_stops_the_verification(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    approve_now(window, **APPROVER)
    # The check on opening fingerprints an approved revision too: ended first, so that only
    # Verify's own call is counted (it ran into the patch on a busy machine)
    qtbot.waitUntil(window.approval.checking.isHidden, timeout=30_000)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    threads: list[bool] = []
    checked = cancelling(approval.fingerprint)
    monkeypatch.setattr(approval, "fingerprint", recording(threads, checked))
    window.action_map["verify"].trigger()
    finished(window, qtbot)
    assert threads == [False]  # off the UI thread
    assert window.approval.verified is None and told == []  # stopped: nothing to say


def test_merge_opens_the_other_copy_off_the_ui_thread(
    window: MainWindow, demo_file: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the other copy checks it whole (0.3 s of the UI thread at 100,000 hazards)."""
    other = demo_file.with_name("other.wrac")
    other.write_bytes(demo_file.read_bytes())
    threads: list[bool] = []
    monkeypatch.setattr(merge, "open_location", recording(threads, merge.open_location))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    monkeypatch.setattr(MergeDialog, "exec", lambda _d: QDialog.DialogCode.Accepted.value)
    window.action_map["merge"].trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert threads == [False] and "nothing new" in told[0]


@pytest.fixture
def key_file(tmp_path: Path) -> Iterator[Path]:
    yield make_key(tmp_path / "officer.p12")


def test_cancel_during_signing_leaves_no_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, key_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """Pressed while the PDF is signed, Cancel leaves neither the PDF nor a part of it."""
    approve_now(window, **APPROVER)
    threads: list[bool] = []
    signing = cancelling(exporting.sign_pdf_into)
    monkeypatch.setattr(exporting, "sign_pdf_into", recording(threads, signing))
    target = tmp_path / "signed.pdf"
    window.testing = True
    window.exports.sign_to(key_file, PASSWORD, target, lang="kk")
    finished(window, qtbot)
    assert threads == [False]
    assert window.exports.signed is None
    assert sorted(path.name for path in tmp_path.iterdir() if "signed" in path.name) == []


def test_a_preview_is_read_from_a_file_removed_when_it_closes(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The preview's PDF was held twice as bytes in the window (220 MB for a 100,000-hazard
    register); now it is written to a file the preview reads its pages from."""
    window.testing = True
    window.exports.preview_report("matrix", "pdf", "kk")
    qtbot.waitUntil(lambda: window.exports.preview is not None, timeout=30_000)
    preview = window.exports.preview
    assert preview is not None
    shown = preview._file  # noqa: SLF001 - where its pages are read from
    assert shown is not None and shown.read_bytes().startswith(b"%PDF")
    assert preview.document.pageCount() >= 1
    preview.done(QDialog.DialogCode.Rejected.value)  # Close
    assert not shown.exists()
    preview.deleteLater()


def test_work_that_reports_no_progress_still_shows_the_dialog_and_its_cancel(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Qt shows a progress dialog only once told a first value: approve and verify report
    none, so they ran with no dialog, and no Cancel to press."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from wrac_desktop.ui.background import Cancelled, Progress, run_in_background

    release = threading.Event()

    def task(progress: Progress) -> str:
        release.wait(30)
        progress.check()
        return "written"

    answers: list[tuple[Any, Any]] = []
    job = run_in_background(window, "…", task, lambda *answer: answers.append(answer))
    assert job.dialog is not None
    qtbot.waitUntil(job.dialog.isVisible, timeout=5_000)
    [cancel] = job.dialog.findChildren(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    [(result, error)] = answers
    assert result is None and isinstance(error, Cancelled)


def test_a_finished_jobs_worker_goes_back_to_the_ui_thread_without_its_task(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Destroyed in its own thread as it ended, a worker deadlocked the window now and then
    (PySide's destructor waits for the GIL under Qt's lock on connections); a finished job
    also no longer holds its task, and with it the register the task read."""
    from wrac_desktop.ui.background import Progress, run_in_background

    class Register:  # what a task's closure holds
        pass

    held = Register()
    seen: list[Any] = []

    def task(_progress: Progress) -> Any:
        seen.append(QThread.currentThread())
        return held

    answers: list[tuple[Any, Any]] = []
    job = run_in_background(window, "…", task, lambda *answer: answers.append(answer), quiet=True)
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    assert job.wait(10_000)
    assert seen[0] is not window.thread()  # it ran off the UI thread
    assert job.worker.thread() is window.thread()
    assert job.worker._task is None
