"""The matrix heat map, the action plan, the team panel and the tree actions."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.unit.ui.conftest import Answers, dispose, stored, wait_for_job
from wrac_desktop.persistence.models import ControlMeasure, Hazard, TeamMember, Workplace
from wrac_desktop.register import open_register
from wrac_desktop.services import work
from wrac_desktop.ui.action_plan import ActionPlanModel
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.tree_model import NODE_ROLE
from wrac_desktop.vocabulary import TeamRole


def count(window: MainWindow, model: type, *where: object) -> int:
    query = select(func.count()).select_from(model).where(*where)
    return int(stored(window, lambda s: s.scalar(query)))


def test_heat_map_counts_every_rated_hazard_and_a_click_filters(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.tabs.setCurrentWidget(window.matrix_view)
    initial = window.matrix_view.counts("initial")
    assert sum(initial.values()) == count(window, Hazard)
    (likelihood, severity), hazards_in_cell = max(initial.items(), key=lambda item: item[1])
    grid = window.matrix_view.grids["initial"]
    qtbot.mouseClick(grid.cell_button(likelihood, severity), Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.register_view
    assert window.register_view.model.total == hazards_in_cell


def test_action_plan_filters_and_marks_done(
    window: MainWindow,
    qtmodeltester: ModelTester,
    keep_alive,  # type: ignore[no-untyped-def]
) -> None:
    plan = window.action_plan
    window.tabs.setCurrentWidget(plan)
    standalone = keep_alive(ActionPlanModel())
    standalone.set_rows(plan.model.rows, date.today())
    qtmodeltester.check(standalone)
    additional = count(window, ControlMeasure, ControlMeasure.kind == "additional")
    assert plan.model.rowCount() == additional
    plan.set_due_window(-1)  # overdue only
    overdue = plan.model.rows
    assert overdue and all(
        r.due_date < date.today() and r.status in ("planned", "in_progress") for r in overdue
    )
    plan.table.selectRow(0)
    first = overdue[0].id
    plan.mark(plan_status("done"), on=date(2026, 11, 20))
    assert first not in {r.id for r in plan.model.rows}  # no longer overdue
    plan.set_due_window(None)
    (row,) = [r for r in plan.model.rows if r.id == first]
    assert (row.status, row.completed_on) == ("done", date(2026, 11, 20))
    # A step of the progress log: the measure as stored (and signed, once approved) stays.
    assert stored(window, lambda s: s.get_one(ControlMeasure, first).status) != "done"


def plan_status(value: str):  # type: ignore[no-untyped-def]
    from wrac_desktop.vocabulary import MeasureStatus

    return MeasureStatus(value)


def test_team_panel_edits_assessment_and_members(window: MainWindow) -> None:
    panel = window.team_panel
    window.tabs.setCurrentWidget(panel)
    assert panel.team.rowCount() == 6
    panel.fields["scope"].setPlainText("Подземный рудник")
    panel.fields["scope"].committed.emit()
    panel.add_member("Әбенов Қанат", "Шебер", TeamRole.MEMBER)
    assert panel.team.rowCount() == 7 and panel.team.item(6, 0).text() == "Әбенов Қанат"
    assert count(window, TeamMember) == 7
    window.operations.undo_stack.undo()
    assert panel.team.rowCount() == 6


def test_tree_actions_add_rename_duplicate_cut_paste_delete(
    window: MainWindow, answers: Answers
) -> None:
    tree, actions = window.tree, window.action_map
    answers.texts += ["Участок № 9", "Горнорабочий очистного забоя", "Горнорабочий ОЗ"]
    tree.select_node(("site", 1))
    actions["add_division"].trigger()
    division = tree.current_node()
    assert division is not None and division[0] == "division"
    actions["add_workplace"].trigger()
    workplace = tree.current_node()
    assert workplace is not None and workplace[0] == "workplace"
    actions["rename"].trigger()
    name = stored(window, lambda s: s.get_one(Workplace, workplace[1]).name)
    assert name == "Горнорабочий ОЗ"
    source = ("workplace", 1)
    hazards_before = count(window, Hazard)
    tree.select_node(source)
    actions["duplicate"].trigger()
    assert count(window, Hazard) == hazards_before + 10
    actions["copy"].trigger()
    tree.select_node(division)
    actions["paste"].trigger()
    assert count(window, Hazard) == hazards_before + 20
    tree.select_node(division)
    actions["delete"].trigger()
    assert count(window, Workplace, Workplace.id == workplace[1]) == 0
    window.operations.undo_stack.undo()
    assert count(window, Workplace, Workplace.id == workplace[1]) == 1
    assert count(window, Hazard) == hazards_before + 20


def test_recent_registers_are_remembered(window: MainWindow, demo_file: Path) -> None:
    demo_file_copy = demo_file.with_name("copy.wrac")
    window.set_register(None)
    shutil.copy(demo_file, demo_file_copy)
    window.open_path(demo_file)
    window.open_path(demo_file_copy)
    recent = window.files.recent_registers()
    assert recent[0] == str(demo_file_copy) and len(recent) == 2
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == recent


def test_demo_is_written_off_the_ui_thread_then_opened(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "background.wrac"
    window.files.write_demo_in_background(target, workplaces=30)
    wait_for_job(window, qtbot)  # its answer opens the demo before the thread ends
    assert window.register is not None and window.register.location == str(target)
    assert window.register_view.model.total == 300


def test_cancelling_the_background_demo_leaves_no_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "cancelled.wrac"
    window.files.write_demo_in_background(target, workplaces=3000)
    window.operations.job.worker.cancel_requested = True  # noqa: SLF001 - the Cancel button
    wait_for_job(window, qtbot)
    assert not target.exists() and list(tmp_path.glob(".cancelled*")) == []
    assert window.register is not None and window.register.location != str(target)


def test_export_runs_off_the_ui_thread_and_writes_the_report(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from wrac_desktop.ui.export_dialog import ExportDialog

    dialog = ExportDialog(window)
    dialog.report.setCurrentIndex(dialog.report.findData("summary"))
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == [
        "pdf",  # the signed cover letter
        "xlsx",
        "csv",
        "json",
    ]
    dialog.report.setCurrentIndex(dialog.report.findData("plan"))
    report, fmt, lang, _path = dialog.choice()
    window.testing = True
    target = tmp_path / "plan.pdf"
    window.exports.export_report(report, fmt, "kk", target)
    qtbot.waitUntil(lambda: window.exports.last_export == target, timeout=30_000)
    assert (report, fmt) == ("plan", "pdf") and target.read_bytes().startswith(b"%PDF")


def test_pdf_preview_shows_white_pages_and_prints(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtPrintSupport import QPrinter

    from wrac_desktop.ui.export_dialog import ExportDialog
    from wrac_desktop.ui.pdf_preview import print_pages

    dialog = ExportDialog(window)
    dialog.report.setCurrentIndex(dialog.report.findData("summary"))
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert not dialog.preview_button.isEnabled()  # only PDFs are previewed
    dialog.report.setCurrentIndex(dialog.report.findData("matrix"))
    assert dialog.preview_button.isEnabled()
    window.testing = True
    window.exports.preview_report("matrix", "pdf", "kk")
    qtbot.waitUntil(lambda: window.exports.preview is not None, timeout=30_000)
    preview = window.exports.preview
    assert preview is not None
    assert preview.document.pageCount() >= 1  # the header, heat maps and legend: 2 pages
    page = preview.page_image(0, width=400)
    assert QColor(page.pixel(2, 2)).name() == "#ffffff"  # painted on white, not transparent
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_pages(preview, printer)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    preview.deleteLater()


def test_matrix_columns_stay_even_whatever_the_severity_names(qtbot: QtBot) -> None:
    from dataclasses import replace

    from wrac_desktop.i18n import set_language
    from wrac_desktop.risk.presets import preset
    from wrac_desktop.ui.matrix_widget import MatrixWidget

    matrix = preset("wrac_5x5")
    long_name = {"ru": "Катастрофические последствия", "kk": "Апатты", "en": "Catastrophic"}
    levels = tuple(
        replace(level, label=long_name if level.value == 5 else level.label)
        for level in matrix.severity.levels
    )
    axes = tuple(
        replace(axis, levels=levels) if axis.key == "severity" else axis for axis in matrix.axes
    )
    set_language("ru")  # the long name's language
    widget = MatrixWidget(replace(matrix, axes=axes))
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    qtbot.waitExposed(widget)
    # Long names once set their column's width: uneven grids, windows wider than the screen.
    widths = [widget.cell_button(1, severity).width() for severity in (1, 2, 3, 4, 5)]
    assert max(widths) - min(widths) <= 1, widths
    legend = widget.severity_legend.text().replace("\u00a0", " ")  # no-break spaces
    assert "5 Катастрофические последствия" in legend


def test_opening_another_register_forgets_the_old_selection(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from wrac_desktop.register import open_register
    from wrac_desktop.services.demo import write_demo

    model = window.tree.tree_model
    nodes = (model.index_for_key(key).data(NODE_ROLE) for key in model.keys())  # noqa: SIM118
    window.tree.select_node(next(node for node in nodes if node[0] == "site"))
    assert window.register_view.model.total < count(window, Hazard)
    other = tmp_path / "other.wrac"
    write_demo(other, workplaces=30, seed=7)
    window.set_register(open_register(other))
    # The old site's id names an unrelated site in the new register: show the whole register.
    assert window.tree.current_node() is None
    assert window.register_view.model.total == count(window, Hazard) == 300


def test_the_page_size_chosen_in_the_dialog_reaches_the_pdf(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from wrac_desktop.ui.export_dialog import ExportDialog

    dialog = ExportDialog(window)
    dialog.report.setCurrentIndex(dialog.report.findData("matrix"))
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("A3"))
    window.testing = True
    target = tmp_path / "matrix-a3.pdf"
    window.exports.export_report(*dialog.choice()[:3], target, page=dialog.page())
    qtbot.waitUntil(lambda: window.exports.last_export == target, timeout=30_000)
    box = PdfReader(target).pages[0].mediabox
    assert sorted((round(float(box.width)), round(float(box.height)))) == [842, 1191]  # A3


def test_a_heat_map_cell_filter_shows_as_a_chip_that_removes_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    view, chips = window.register_view, window.register_view.chips
    everything = view.model.total
    assert chips.isHidden()  # no filter, no chips
    window.tabs.setCurrentWidget(window.matrix_view)  # View → Risk matrix, a cell clicked
    counts = window.matrix_view.counts("initial")
    (likelihood, severity), count = next((c, n) for c, n in counts.items() if 0 < n < everything)
    window.matrix_view.grids["initial"].cell_button(likelihood, severity).click()
    assert window.tabs.currentWidget() is view and view.model.total == count
    assert not chips.isHidden() and len(chips.chips) == 1
    assert chips.count.text() == f"{count} of {everything} shown"
    view.band.setCurrentIndex(1)  # a risk class as well: two chips
    view.apply_filter()
    assert len(chips.chips) == 2
    chips.chips[0].click()  # the cell's chip removed: only the class filter is left
    assert len(chips.chips) == 1 and chips.chips[0].text().startswith(view.band.currentText())
    assert view.model.total < everything
    chips.chips[0].click()
    assert chips.isHidden() and view.model.total == everything


def test_an_export_tells_of_a_control_character_it_showed_as_its_picture(
    demo_file: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    """One stored before the program refused them (issue 23 item 15): the workbook is written
    and the window keeps the note naming the cell (a message box outside tests)."""
    import sqlite3

    with sqlite3.connect(demo_file) as connection:
        connection.execute("UPDATE organisation SET address = address || char(2)")
    window = MainWindow(open_register(demo_file))
    window.testing = True
    target = tmp_path / "summary.xlsx"
    window.exports.export_report("summary", "xlsx", "en", target)
    qtbot.waitUntil(lambda: window.exports.last_export == target, timeout=30_000)
    assert any("U+0002" in note for note in window.exports.last_notes)
    dispose(window, qtbot)


def test_a_typed_search_is_read_behind_and_the_last_one_typed_is_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Keys typed: the list is read off the UI thread after the pause (issue 22 item 2); the
    rows shown meanwhile are the last ones, and a read overtaken by newer keys is dropped."""
    view, model = window.register_view, window.register_view.model
    everything = model.total
    with window.register.uow.reading() as session:  # type: ignore[union-attr]
        word = session.scalars(select(Hazard.description)).first().split()[0]  # type: ignore[union-attr]
        wanted = session.scalar(
            select(func.count()).where(Hazard.search_text.like(f"%{word.casefold()}%"))
        )
    assert 0 < wanted < everything
    view.search.setText("no hazard has these words zzzz")
    view._apply_typed_filter()  # the pause's timer firing, twice before the first read is in
    view.search.setText(word)
    with qtbot.waitSignal(model.modelReset, timeout=30_000):
        view._apply_typed_filter()
        assert model.loading and model.total == everything  # the old rows, until the new
    qtbot.waitUntil(lambda: not model.loading, timeout=30_000)
    qtbot.wait(50)  # the first read's answer, had it not been dropped, has come by now
    assert model.total == wanted and view.chips.count.text() == f"{wanted} of {everything} shown"


def test_the_same_node_again_keeps_the_list_and_another_reads_its_own(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The tree naming its node once more (after a refresh) does not read the list again: at
    100,000 hazards a read is a pause (issue 22 item 4)."""
    model = window.register_view.model
    site = window.tree.tree_model.index(0, 0, window.tree.tree_model.index(0, 0))
    window.tree.setCurrentIndex(site)
    node = site.data(NODE_ROLE)
    with qtbot.assertNotEmitted(model.modelReset):
        window.register_view.set_scope(window.register, window.register_view._scope)
        window.tree.refresh()  # keeps the node selected
    assert window.tree.current_node() == node
    with qtbot.waitSignal(model.modelReset):
        window.tree.select_node(("organisation", 1))


def test_opening_another_register_reads_only_the_new_one_s_hazards(
    window: MainWindow, demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.wrac"
    shutil.copy(demo_file, other)
    old = window.register
    read: list[object] = []
    real = work.read

    def spy(register: object, query: Any) -> Any:
        if query.__qualname__.startswith("HazardTableModel."):  # the list of hazards
            read.append(register)
        return real(register, query)  # type: ignore[arg-type]

    monkeypatch.setattr(work, "read", spy)
    window.open_path(other)
    assert window.register is not old and read
    assert [r.location for r in read if r is old] == []  # type: ignore[attr-defined]
