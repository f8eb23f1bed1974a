"""Closing the window while work runs in the background: Qt aborted the whole app when the
window went with a thread still running (issue 19, seen closing the window during the demo)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from tests.unit.ui.conftest import stored
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.ui.background import BackgroundJob, Progress
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.register_view import PREPARE_DELAY_MS


def running_jobs(window: MainWindow) -> list[BackgroundJob]:
    return [job for job in window.findChildren(BackgroundJob) if job.isRunning()]


@pytest.fixture
def no_job_left(window: MainWindow) -> Iterator[None]:
    """Without the fix a job outlives the window: end it here, so a failing test fails
    with its assertion rather than taking the whole run down with it."""
    yield
    for job in window.findChildren(BackgroundJob):
        job.worker.cancel_requested = True
        job.quit()
        job.wait()


@pytest.mark.usefixtures("no_job_left")
def test_quit_while_the_demo_is_written_stops_it_and_keeps_no_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "big.wrac"
    opened_before = window.register
    window.files.write_demo_in_background(target, workplaces=3000)
    job = window.operations.job
    assert job is not None and job.isRunning()
    window.action_map["quit"].trigger()
    assert not window.isVisible()
    assert job.isFinished()  # the window may be deleted now
    qtbot.wait(20)  # the job's answer, had it been kept, would open the demo here
    assert window.register is opened_before
    assert not target.exists() and list(tmp_path.glob(".big*")) == []


@pytest.mark.usefixtures("no_job_left")
def test_closing_mid_write_rolls_the_write_back(window: MainWindow) -> None:
    """A write still in its transaction when the window closes keeps nothing."""
    described = select(func.count()).where(Hazard.description == "overwritten")
    writing = threading.Event()

    def task(work: Work, progress: Progress) -> None:
        session_of(work).execute(update(Hazard).values(description="overwritten"))
        writing.set()
        while True:  # a long write: each step may be the user's Cancel
            progress.step(0, 1)
            threading.Event().wait(0.005)

    answers: list[object] = []
    job = window.operations.in_background(
        "deleting", task, lambda *answer: answers.append(answer), write=True
    )
    assert writing.wait(30)
    window.close()
    assert job.isFinished() and answers == []
    assert stored(window, lambda s: s.scalar(described)) == 0


@pytest.mark.usefixtures("no_job_left")
def test_a_closed_window_reads_no_recent_registers(window: MainWindow) -> None:
    """The app closes the register after its window has closed: the start screen that shows
    then must not start reading the recent registers for a window about to be deleted."""
    window.set_register(None)
    assert window.start_screen.recent.count() == 1  # read in the background
    window.close()
    assert running_jobs(window) == []
    window.set_register(None)  # as run_gui does once the window has closed
    assert running_jobs(window) == []


def started(job: BackgroundJob) -> bool:
    return job.isRunning() or job.isFinished()


@pytest.mark.usefixtures("no_job_left")
def test_a_timer_that_fires_after_the_close_starts_no_job(
    window: MainWindow, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """A read the window deferred to a timer (the search's texts, read once the rows are
    drawn) fired after its close and started a thread that Qt then destroyed running with
    the window: the process aborted in CI. Closed, the window starts no job any more."""
    window.register_view.prepare_search_soon()  # fires 0.5 s later
    window.close()
    before = set(window.findChildren(BackgroundJob))
    caplog.set_level("INFO", logger="wrac_desktop.ui.background")
    qtbot.wait(PREPARE_DELAY_MS + 200)
    asked = [job for job in window.findChildren(BackgroundJob) if job not in before]
    assert asked, "the timer asked for no job: the test no longer tests anything"
    assert not any(started(job) for job in asked)
    assert "its window has closed" in caplog.text


@pytest.mark.usefixtures("no_job_left")
def test_a_window_shown_again_starts_jobs_again(window: MainWindow, qtbot: QtBot) -> None:
    window.close()
    window.show()
    answers: list[object] = []
    job = window.operations.in_background(
        "reading", lambda _work, _progress: 1, lambda *answer: answers.append(answer), write=False
    )
    qtbot.waitUntil(lambda: answers == [(1, None)])
    qtbot.waitUntil(job.isFinished)  # its answer is handed over before its thread ends
