"""Issue 22 item 2: File → Open shows the rows before SQLite has checked the file's every page
(0.56 s of the UI thread at 100,000 hazards); the check runs behind, nothing is written until it
has found the file sound, and a damaged file stays read-only with the banner saying why."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.unit.ui.conftest import ShownErrors, dispose
from wrac_desktop.errors import RegisterReadOnly
from wrac_desktop.persistence import sqlite as sqlite_engine
from wrac_desktop.services import work
from wrac_desktop.ui import approval_ui
from wrac_desktop.ui.main_window import MainWindow


@pytest.fixture
def checks_seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads SQLite's check of a file ran on."""
    seen: list[str] = []
    check = sqlite_engine.integrity_problems

    def watched(*args: object, **kwargs: object) -> list[str]:
        seen.append(threading.current_thread().name)
        return check(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite_engine, "integrity_problems", watched)
    return seen


def test_the_rows_come_before_the_files_check_and_nothing_is_written_until_it_ends(
    demo_file: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, checks_seen: list[str]
) -> None:
    held = threading.Event()
    check = approval_ui.storage_damage
    monkeypatch.setattr(approval_ui, "storage_damage", lambda r: held.wait(60) and check(r))
    main = MainWindow(None)
    main.show()
    main.open_path(demo_file)
    register = main.register
    assert register is not None and main.register_view.model.rowCount() > 0
    assert checks_seen == []  # not on the UI thread, and not before the rows
    assert not main.operations.editable and not main.action_map["add_hazard"].isEnabled()
    assert main.banner.isVisible() and "once the file's check" in main.banner.text()
    assert "damage" in main.approval.checking.text()
    with pytest.raises(RegisterReadOnly, match="being checked"), work.transaction(register):
        pass
    qtbot.waitUntil(lambda: main.approval.open_check is not None, timeout=30_000)
    held.set()
    qtbot.waitUntil(lambda: main.operations.editable, timeout=30_000)
    assert checks_seen and "MainThread" not in checks_seen
    assert main.action_map["add_hazard"].isEnabled() and not main.banner.isVisible()
    with work.transaction(register):
        pass  # written as any sound register
    qtbot.waitUntil(main.approval.checking.isHidden, timeout=30_000)  # the tamper check next
    dispose(main, qtbot)


def _broken_reference(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection, connection:  # closed: no -wal left
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE hazard SET workplace_id = 99999 WHERE id = 1")
    return "refers to a missing workplace record"


def _broken_page(path: Path) -> str:
    """The root page of a table the window does not read on opening, made no b-tree page."""
    with closing(sqlite3.connect(path)) as connection:
        root, size = connection.execute(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master "
            "WHERE name = 'attachment_blob'"
        ).fetchone()
    with path.open("r+b") as file:
        file.seek((root - 1) * size)
        file.write(b"\x00" * 8)
    return "database disk image is malformed"


@pytest.mark.parametrize("damage", [_broken_reference, _broken_page])
def test_a_damaged_file_is_named_by_the_banner_and_never_written(
    demo_file: Path, tmp_path: Path, qtbot: QtBot, shown_errors: ShownErrors, damage: object
) -> None:
    copy = tmp_path / "damaged.wrac"
    shutil.copy(demo_file, copy)
    words = damage(copy)  # type: ignore[operator]
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    main = MainWindow(None)
    main.show()
    main.open_path(copy)  # refused whole before issue 22; now its rows are shown first
    register = main.register
    assert register is not None and main.register_view.model.rowCount() > 0
    qtbot.waitUntil(lambda: register.storage_checked, timeout=30_000)
    assert register.damage and register.read_only and not main.operations.editable
    assert main.banner.isVisible() and "damaged" in main.banner.text()
    assert words in main.banner.text()
    assert main.approval.last_notice is not None and words in main.approval.last_notice.text()
    assert main.approval.checking.isHidden()  # no tamper check over a damaged file
    for key in ("add_hazard", "approve", "delete", "near_miss"):
        assert not main.action_map[key].isEnabled(), key
    with pytest.raises(RegisterReadOnly), work.transaction(register):
        pass
    main.approval.last_notice.close()
    dispose(main, qtbot)
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
    assert shown_errors == []  # the banner says it, no error dialog
