"""The settings registry: each setting declared once, typed, and robust to what is on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from tests.unit.test_layering import PACKAGE
from wrac_desktop.ui import settings as setting
from wrac_desktop.ui.settings import MAX_RECENT, Settings

REGISTRY = PACKAGE / "ui" / "settings.py"


def raw_settings(package: Path) -> list[str]:
    """Modules that reach the settings file past the registry: QSettings or its raw calls."""
    return sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if path != REGISTRY and "QSettings" in path.read_text(encoding="utf-8")
    )


def store(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def test_each_setting_is_declared_once() -> None:
    keys = [s.key for s in setting.ALL]
    assert len(keys) == len(set(keys))
    declared = [v for v in vars(setting).values() if isinstance(v, setting.Setting)]
    assert sorted(s.key for s in declared) == sorted(keys)  # none left out of ALL


def test_only_the_registry_reads_or_writes_the_settings_file() -> None:
    """The window, its controllers and dialogs take typed ``Setting``s (issue 20 item 6)."""
    assert raw_settings(PACKAGE) == []


def test_a_raw_settings_key_planted_in_the_window_is_found(tmp_path: Path) -> None:
    (tmp_path / "ui").mkdir()
    planted = "QSettings().value('window/geometry')\n"
    (tmp_path / "ui" / "main_window.py").write_text(planted, encoding="utf-8")
    assert raw_settings(tmp_path) == ["ui/main_window.py"]


def test_defaults_then_stored_values_with_their_types(tmp_path: Path) -> None:
    settings = Settings(store(tmp_path))
    assert settings.get(setting.SERVER_PORT) == 5432
    assert settings.get(setting.RECENT_REGISTERS) == ()
    assert settings.get(setting.WINDOW_GEOMETRY).isEmpty()
    settings.set(setting.SERVER_PORT, 6543)
    settings.set(setting.LANGUAGE, "kk")
    settings.set(setting.WINDOW_STATE, QByteArray(b"\x00\x01state"))
    settings.sync()
    again = Settings(store(tmp_path))  # read back from the INI file: strings there
    assert again.get(setting.SERVER_PORT) == 6543
    assert again.get(setting.LANGUAGE) == "kk"
    assert bytes(again.get(setting.WINDOW_STATE).data()) == b"\x00\x01state"


def test_a_value_edited_by_hand_falls_back_to_the_default(tmp_path: Path) -> None:
    (tmp_path / "window.ini").write_text("[server]\nport=many\n[window]\nstate=x\n")
    settings = Settings(store(tmp_path))
    assert settings.get(setting.SERVER_PORT) == 5432
    assert settings.get(setting.WINDOW_STATE).isEmpty()


def test_recent_registers_newest_first_once_and_bounded(tmp_path: Path) -> None:
    settings = Settings(store(tmp_path))
    settings.remember_recent("/a.wrac")  # one entry: an INI file gives back a lone string
    settings.sync()
    assert Settings(store(tmp_path)).get(setting.RECENT_REGISTERS) == ("/a.wrac",)
    for number in range(12):
        settings.remember_recent(f"/{number}.wrac")
    settings.remember_recent("/5.wrac")
    recent = settings.get(setting.RECENT_REGISTERS)
    assert recent[0] == "/5.wrac" and len(recent) == MAX_RECENT == len(set(recent))
