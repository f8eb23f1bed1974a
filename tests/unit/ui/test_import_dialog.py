"""File → Import worksheet…: the mapping dialog's live preview, and the import off the UI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.conftest import Sample
from tests.unit.importing.content import content
from tests.unit.importing.worksheets import english_worksheet
from tests.unit.ui.conftest import stored
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import Register
from wrac_desktop.services.importing import Source, open_source
from wrac_desktop.ui.background import Cancelled, Progress
from wrac_desktop.ui.import_dialog import ImportDialog, import_worksheet, run_import
from wrac_desktop.ui.main_window import MainWindow


def source_of(register: Register, path: Path) -> Source:
    with register.uow.reading() as session:
        return open_source(session, path)


def column_texts(dialog: ImportDialog, column: int) -> list[str]:
    model = dialog.preview_model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_changing_the_mapping_updates_the_preview(
    sample_register: tuple[Register, Sample],
    tmp_path: Path,
    qtbot: QtBot,
    qtmodeltester,
    keep_alive,
) -> None:  # type: ignore[no-untyped-def]
    register, _ids = sample_register
    dialog = ImportDialog(source_of(register, english_worksheet(tmp_path / "en.xlsx")))
    qtbot.addWidget(dialog)
    qtmodeltester.check(keep_alive(dialog.preview_model))
    measure_column = 7
    assert column_texts(dialog, measure_column) == [
        "Mesh and bolts", "Mechanised scaling", "Battery loader"
    ]  # fmt: skip
    assert dialog.combo("J").currentData() == "measure"

    dialog.combo("J").setCurrentIndex(dialog.combo("J").findData(None))
    assert column_texts(dialog, measure_column) == ["", ""]  # two hazards, no measures now
    dialog.combo("F").setCurrentIndex(dialog.combo("F").findData("measure"))
    assert column_texts(dialog, measure_column) == ["Scaling", "Ventilation"]
    assert dialog.header().columns[5].field == "measure"

    dialog.combo("D").setCurrentIndex(dialog.combo("D").findData(None))  # no hazard column left
    assert dialog.warnings.count() > 0 and "left out" in dialog.warnings.item(0).text()
    dialog.show()
    Path("artifacts").mkdir(exist_ok=True)
    assert dialog.grab().save("artifacts/import_dialog.png")


def test_import_runs_off_the_ui_thread_and_refreshes(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window.testing = True
    register = window.register
    assert register is not None

    def hazard_count() -> int:
        return int(stored(window, lambda s: s.scalar(select(func.count(Hazard.id)))))

    before = hazard_count()
    source = source_of(register, english_worksheet(tmp_path / "en.xlsx"))
    thread = run_import(window, window.operations, source, source.header)
    assert thread is not None
    qtbot.waitUntil(lambda: getattr(window, "last_import", None) is not None, timeout=30_000)
    assert hazard_count() == before + 2
    assert window.last_import.outcome.measures == 3  # type: ignore[attr-defined]
    assert window.operations.undo_stack.count() == 0  # earlier edits cannot take imports along


def test_cancelled_import_leaves_the_register_unchanged(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cancelled(_progress: Progress, done: int, total: int) -> None:
        if done == total:  # the user presses Cancel when everything is ready to be written
            raise Cancelled

    monkeypatch.setattr(Progress, "step", cancelled)

    window.testing = True
    register = window.register
    assert register is not None
    before = content(register)
    source = source_of(register, english_worksheet(tmp_path / "en.xlsx"))
    thread = run_import(window, window.operations, source, source.header)
    assert thread is not None
    qtbot.waitUntil(thread.isFinished, timeout=30_000)
    assert content(register) == before and getattr(window, "last_import", None) is None


def test_a_file_that_cannot_be_imported_shows_its_reason(
    window: MainWindow, tmp_path: Path, shown_errors: list[str]
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert import_worksheet(window, window.operations, empty) is None
    assert len(shown_errors) == 1 and "empty" in shown_errors[0]
    shown_errors.clear()


def test_the_dialog_s_language_choice_says_what_the_texts_are_written_in(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """Issue 16 item 5 in the window, as `wrac import --lang`: detected in each cell unless
    the officer says; "Улы газдар" has no letter only Kazakh uses and reads as Russian."""
    from openpyxl import Workbook

    from wrac_desktop.persistence.models import TextTranslation

    window.testing = True
    register = window.register
    assert register is not None
    path = tmp_path / "kk.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Жұмыс орны", "Қауіп", "Ықтималдық", "Ауырлық"])
    sheet.append(["Бұрғылаушы", "Улы газдар мен бу", 3, 4])
    book.save(path)
    dialog = ImportDialog(source_of(register, path), window)
    qtbot.addWidget(dialog)
    assert dialog.text_lang() is None  # the default: each cell's letters tell
    dialog.language.setCurrentIndex(dialog.language.findData("kk"))
    assert dialog.text_lang() == "kk"
    thread = run_import(
        window, window.operations, dialog.source, dialog.header(), dialog.text_lang()
    )
    assert thread is not None
    qtbot.waitUntil(lambda: getattr(window, "last_import", None) is not None, timeout=30_000)
    row = stored(
        window,
        lambda s: s.query(TextTranslation).filter_by(source="Улы газдар мен бу").one_or_none(),
    )
    assert row is not None and (row.lang, row.kk) == ("kk", "Улы газдар мен бу")
