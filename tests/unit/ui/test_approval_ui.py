"""The Assessment menu in the window: approval freezes the view, revisions, diff, audit trail."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.unit.cli.test_approval_cli import PASSWORD, make_key
from tests.unit.ui.conftest import ShownErrors, approve_now, dispose, stored, wait_until
from wrac_desktop.persistence.models import Assessment, Hazard
from wrac_desktop.register import Register, open_register
from wrac_desktop.services import approval, assessments
from wrac_desktop.services.audit_trail import AuditRow, audit_rows
from wrac_desktop.services.revision_diff import Change
from wrac_desktop.ui.approval_models import AuditModel, ChangesModel
from wrac_desktop.ui.audit_dialog import AuditDialog
from wrac_desktop.ui.background import Cancelled, Progress
from wrac_desktop.ui.diff_dialog import DiffDialog
from wrac_desktop.ui.export_dialog import ExportDialog
from wrac_desktop.ui.language import apply_language
from wrac_desktop.ui.main_window import MainWindow

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"


def approve(window: MainWindow, next_review: date | None = None) -> None:
    today = date.today()
    approve_now(
        window, by="Серікбаев Қайрат", position="Бас инженер", on=today,
        next_review_on=next_review or today + timedelta(days=365),
    )  # fmt: skip


def test_approving_makes_the_revision_read_only_and_a_new_revision_editable(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert window.operations.editable and window.action_map["approve"].isEnabled()
    approve(window)
    assert not window.operations.editable
    assert not window.action_map["add_hazard"].isEnabled()
    assert window.action_map["new_revision"].isEnabled()
    assert window.banner.isVisible() and "Revision 1" in window.banner.text()
    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "approved-revision.png"))
    window.action_map["new_revision"].trigger()  # Assessment → Start a new revision
    qtbot.waitUntil(lambda: window.operations.editable, timeout=30_000)  # copied in the background
    assert not window.banner.isVisible()
    assert window.register_view.model.rowCount() > 0  # the copy's hazards, shown once
    dialog = DiffDialog(window, window.operations, [1, 2])
    assert dialog.model.rowCount() >= 1  # the revision number itself changed
    dialog.deleteLater()


def test_a_change_behind_the_apps_back_is_shown_on_opening(demo_file: Path, qtbot: QtBot) -> None:
    main = MainWindow(open_register(demo_file))
    approve(main)
    main.set_register(None)
    with sqlite3.connect(demo_file) as connection:
        connection.execute("UPDATE hazard SET description = 'Подделка' WHERE id = 3")
    main.set_register(open_register(demo_file))
    main.show()
    # The rows first, with a notice that the check runs behind; then the warning.
    assert main.register_view.model.rowCount() > 0
    assert main.approval.checking.isVisible()
    warning = main.approval.warning
    qtbot.waitUntil(warning.isVisible, timeout=30_000)
    assert "Подделка" in warning.text() and not main.approval.checking.isVisible()
    assert main.approval.last_notice is not None  # the non-blocking message box
    main.grab().save(str(ARTIFACTS / "tamper-warning.png"))
    main.approval.last_notice.close()
    dispose(main, qtbot)


def test_the_check_on_opening_runs_behind_and_a_register_closed_meanwhile_is_safe(
    demo_file: Path, qtbot: QtBot
) -> None:
    main = MainWindow(open_register(demo_file))
    # Not started yet: the window draws its rows first; the notice says it will run.
    assert main.approval.pending_check is not None and main.approval.open_check is None
    assert not main.approval.checking.isHidden()
    main.set_register(open_register(demo_file))  # another opened before the check started
    qtbot.waitUntil(lambda: main.approval.open_check is not None, timeout=30_000)
    job = main.approval.open_check
    assert job is not None
    main.set_register(open_register(demo_file))  # and again while it runs: it is cancelled
    assert job.worker.cancel_requested and job.isFinished()
    qtbot.waitUntil(lambda: main.approval.checking.isHidden(), timeout=30_000)
    assert main.approval.warning.isHidden() and main.approval.last_notice is None
    dispose(main, qtbot)


def test_overdue_review_is_listed_at_start_up_and_in_the_action_plan(window: MainWindow) -> None:
    approve(window, next_review=date.today() + timedelta(days=3))
    assert not window.approval.reviews.isHidden()
    assert "due on" in window.approval.plan_reviews.text()


def test_audit_dialog_filters_and_exports(window: MainWindow, tmp_path: Path, qtbot: QtBot) -> None:
    approve(window)
    dialog = AuditDialog(window, window.operations)
    everything = dialog.model.rowCount()
    assert everything >= 2 and "hash chain intact" in dialog.status.text()
    dialog.entity.setCurrentIndex(dialog.entity.findData("assessment"))
    assert 1 <= dialog.model.rowCount() < everything
    dialog.export_to(tmp_path / "audit.csv")
    assert "assessment" in (tmp_path / "audit.csv").read_text(encoding="utf-8-sig")
    dialog.grab().save(str(ARTIFACTS / "audit-trail.png"))
    dialog.deleteLater()


def test_signing_with_a_wrong_key_shows_a_clear_error(
    window: MainWindow, tmp_path: Path, shown_errors: ShownErrors, qtbot: QtBot
) -> None:
    key = tmp_path / "key.p12"
    key.write_text("not a key", encoding="utf-8")
    target = tmp_path / "signed.pdf"
    window.exports.sign_to(key, "x", target, lang="kk")
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=30_000)
    assert len(shown_errors) == 1 and "PKCS#12" in shown_errors[0]
    assert window.exports.signed is None
    shown_errors.clear()
    assert not target.exists()


def test_audit_and_changes_models_are_sound_qt_models(
    window: MainWindow, qtmodeltester: ModelTester, keep_alive
) -> None:  # type: ignore[no-untyped-def]
    audit = keep_alive(AuditModel())
    audit.set_rows(stored(window, audit_rows))
    qtmodeltester.check(audit)
    changes = keep_alive(ChangesModel())
    changes.set_changes(
        [
            Change("added", "hazard", "Шу"),
            Change("changed", "measure", "Қорғау", "status", "a", "b"),
        ]
    )
    qtmodeltester.check(changes)


def test_an_older_revision_is_printed_from_the_window(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, answers, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from wrac_desktop.services.verify import verify

    approve(window)
    window.action_map["new_revision"].trigger()  # Assessment → Start a new revision
    qtbot.waitUntil(lambda: not window.approval.revising, timeout=30_000)
    window.testing = True
    target = tmp_path / "revision1.pdf"
    answers.items = ["1"]  # Assessment → Print or export a revision… asks which one

    def user_chooses(dialog: ExportDialog) -> int:
        dialog.lang.setCurrentIndex(dialog.lang.findData("kk"))
        dialog.path.setText(str(target))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ExportDialog, "exec", user_chooses)
    window.action_map["print_revision"].trigger()
    qtbot.waitUntil(lambda: window.exports.last_export == target, timeout=30_000)
    result = verify(window.register, target, revision=1)  # type: ignore[arg-type]
    assert any("printed fingerprint matches" in line for line in result.lines), result.lines


def test_the_window_signs_a_register_pdf_off_the_ui_thread(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    key_file = make_key(tmp_path / "officer.p12")
    from wrac_desktop.reports.signing import signatures

    approve(window)
    target = tmp_path / "signed.pdf"
    window.testing = True
    window.exports.sign_to(key_file, PASSWORD, target, lang="kk")
    assert window.operations.job is not None  # signing runs in the background
    qtbot.waitUntil(lambda: window.exports.signed == target, timeout=30_000)
    [check] = signatures(target.read_bytes())
    assert check.intact and check.covers_whole_file and "Нұрланова" in check.signer


def revisions(register: Register) -> list[tuple[int, str]]:
    with register.uow.reading() as session:
        query = select(Assessment.revision, Assessment.status).order_by(Assessment.revision)
        return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def test_a_new_revision_is_copied_off_the_ui_thread_and_then_shown(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    approve(window)
    copied_in: list[int] = []
    start_revision = approval.start_revision

    def recording_thread(*args: Any, **kwargs: Any) -> Any:
        copied_in.append(threading.get_ident())
        return start_revision(*args, **kwargs)

    monkeypatch.setattr(approval, "start_revision", recording_thread)
    actions = window.approval
    window.action_map["new_revision"].trigger()
    # Back on the UI thread at once: the old revision still shown, the action not offered twice.
    assert actions.revising and not window.action_map["new_revision"].isEnabled()
    assert not window.operations.editable and window.banner.isVisible()
    qtbot.waitUntil(lambda: window.operations.editable, timeout=30_000)
    assert copied_in and copied_in[0] != threading.get_ident()
    assert actions.last_revision == 2 and not actions.revising
    register = window.register
    assert register is not None
    assert revisions(register) == [(1, "approved"), (2, "draft")]
    assert not window.banner.isVisible() and window.action_map["approve"].isEnabled()
    assert window.operations.undo_stack.count() == 0
    model = window.register_view.model
    assert model.rowCount() > 0  # the register view shows the draft's hazards
    first = model.hazard_id(0)
    shown = stored(window, lambda s: s.get_one(Hazard, first).assessment.revision)
    assert shown == 2


def test_a_new_revision_that_fails_shows_why_and_changes_nothing(
    window: MainWindow, demo_file: Path, qtbot: QtBot, shown_errors: ShownErrors
) -> None:
    approve(window)
    with open_register(demo_file) as elsewhere:  # another user starts one meanwhile
        with elsewhere.uow.transaction() as session:
            current = assessments.current_assessment(session)
            assert current is not None
            approval.start_revision(session, current)
        before = revisions(elsewhere)
    window.action_map["new_revision"].trigger()  # Assessment → Start a new revision
    qtbot.waitUntil(lambda: not window.approval.revising, timeout=30_000)
    assert len(shown_errors) == 1 and "draft" in shown_errors[0]
    shown_errors.clear()
    register = window.register
    assert register is not None and revisions(register) == before  # nothing half-written
    assert window.approval.last_revision is None
    assert window.operations.editable  # the window now shows the other user's draft


def test_a_cancelled_new_revision_keeps_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    approve(window)
    register = window.register
    assert register is not None
    before = revisions(register)

    def cancelled(_progress: Progress, done: int, _total: int) -> None:
        if done == 1:  # the team is copied, the hazards not yet: the user presses Cancel
            raise Cancelled

    monkeypatch.setattr(Progress, "step", cancelled)
    window.action_map["new_revision"].trigger()  # Assessment → Start a new revision
    qtbot.waitUntil(lambda: not window.approval.revising, timeout=30_000)
    assert revisions(register) == before
    assert not window.operations.editable and window.action_map["new_revision"].isEnabled()


def test_the_approve_dialog_lists_the_review_and_needs_a_confirmation(
    window: MainWindow, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from wrac_desktop.ui.approval_ui import ApproveDialog

    seen: dict[str, Any] = {}

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ApproveDialog):
            return  # the review is still read in the background
        poll.stop()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["listed"] = dialog.findings.toPlainText()
        seen["prefilled"] = dialog.by.text()
        seen["ok_before"] = ok.isEnabled()
        dialog.by.setText("Иванов И.И.")  # not the commission's approver
        seen["live"] = dialog.findings.toPlainText()
        dialog.position.setText("Бас инженер")
        dialog.confirmed.setChecked(True)
        seen["ok_after"] = ok.isEnabled()
        dialog.grab().save(str(ARTIFACTS / "approve-dialog-review.png"))
        ok.click()

    ARTIFACTS.mkdir(exist_ok=True)
    poll = QTimer()
    poll.timeout.connect(fill_in)
    poll.start(20)
    window.action_map["approve"].trigger()
    qtbot.waitUntil(lambda: "ok_after" in seen, timeout=30_000)
    assert "residual risk is still" in seen["listed"] and seen["ok_before"] is False
    assert seen["prefilled"] and seen["prefilled"] in seen["live"]  # the commission's approver
    assert "Иванов И.И." in seen["live"] and seen["ok_after"] is True
    assert window.operations.job is not None  # the approval is written in the background
    qtbot.waitUntil(lambda: not window.operations.editable, timeout=30_000)  # approved


def test_the_audit_trail_names_records_and_headings_in_the_language(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Its record filter listed table names ("team_member", "org_unit") in a Kazakh window,
    and "ӨЖ пайдаланушысы" was cut in its heading (issue 19, seen in the screenshots)."""
    window.switch_language("kk")
    try:
        dialog = AuditDialog(window, window.operations)
        qtbot.addWidget(dialog)
        kinds = [dialog.entity.itemText(i) for i in range(1, dialog.entity.count())]
        assert "жұмыс орны" in kinds and not any("_" in kind for kind in kinds), kinds
        header = dialog.table.horizontalHeader()
        for column in range(dialog.model.columnCount()):
            if header.isSectionHidden(column):  # read in the pane below
                continue
            title = str(dialog.model.headerData(column, Qt.Orientation.Horizontal))
            needed = max(header.fontMetrics().horizontalAdvance(line) for line in title.split("\n"))
            assert dialog.table.columnWidth(column) >= needed, title
    finally:
        window.switch_language("en")


def test_the_audit_trail_shows_the_demos_entry_in_the_windows_language(
    demo_file: Path, qtbot: QtBot
) -> None:
    """Assessment → Audit trail in a Kazakh window showed the demo's entry as it is stored,
    «demo register written: 12 workplaces» (issue 22)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: dict[str, str] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AuditDialog):
            return
        poll.stop()
        summary = AuditRow._fields.index("summary")
        seen["cell"] = str(dialog.model.index(0, summary).data())
        seen["action"] = str(dialog.model.index(0, AuditRow._fields.index("action")).data())
        seen["pane"] = dialog.entry.toPlainText()
        dialog.grab().save(str(ARTIFACTS / "audit-trail-kk.png"))
        dialog.reject()

    ARTIFACTS.mkdir(exist_ok=True)
    apply_language("kk")
    window = MainWindow(open_register(demo_file))
    window.show()
    poll = QTimer(window)
    try:
        wait_until(lambda: window.operations.job is None)
        poll.timeout.connect(look)
        poll.start(20)
        window.action_map["audit"].trigger()
        qtbot.waitUntil(lambda: "pane" in seen, timeout=30_000)
    finally:
        poll.stop()
        dispose(window, qtbot)
        apply_language("en")
    assert seen["cell"] == "демо-тізілім жазылды: жұмыс орындары — 12", seen
    assert seen["action"] == "демо-тізілім", seen  # stored as "demo"
    assert "демо-тізілім жазылды" in seen["pane"] and "demo register" not in seen["pane"]


def test_sign_suggests_the_signed_pdf_where_exports_go(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: Any
) -> None:
    """Assessment → Sign suggested "register-signed.pdf" in whatever folder the app was
    started from; it suggests the register's folder, as Export does (issue 19, defect 8)."""
    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return "", ""  # cancelled

    key = tmp_path / "officer.p12"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(key), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    answers.texts.append("password")
    window.action_map["sign"].trigger()
    register = window.register
    assert register is not None
    assert asked and Path(asked[0]).parent == Path(register.location).parent, asked
    assert Path(asked[0]).name == "register-signed.pdf"
