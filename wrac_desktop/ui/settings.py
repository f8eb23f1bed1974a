"""Every setting the app keeps, declared once with its key, type and default (as MusicBrainz
Picard declares its options), read and written only through ``Settings``.

The raw keys used to be spelled wherever a value was needed; a typo there read the default
forever, and an INI file hands back strings (or a lone string for a one-item list), which each
caller converted its own way. Here each setting's ``convert`` turns what ``QSettings`` gives
back into its type, and anything unreadable falls back to the default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from wrac_desktop.paths import user_config_dir
from wrac_desktop.server_login import DEFAULT_PORT

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str  # in window.ini; a "group/name" key is written under [group]
    default: T
    convert: Callable[[Any], T]  # from what QSettings hands back; may raise to mean "unreadable"


def _text(raw: Any) -> str:
    return str(raw)


def _texts(raw: Any) -> tuple[str, ...]:
    # An INI file gives back one string for a list of one.
    return tuple(str(item) for item in (raw if isinstance(raw, list | tuple) else [raw]))


def _whole(raw: Any) -> int:
    return int(str(raw))


def _flag(raw: Any) -> bool:
    # An INI file gives back "true" or "false" for a bool.
    return raw is True or str(raw).lower() == "true"


def _bytes(raw: Any) -> QByteArray:
    if not isinstance(raw, QByteArray):
        raise TypeError(f"not bytes: {type(raw).__name__}")
    return raw


LANGUAGE = Setting("ui/language", "", _text)  # "": follow the system's language
RECENT_REGISTERS: Setting[tuple[str, ...]] = Setting("recent_registers", (), _texts)
MAX_RECENT = 8
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray(), _bytes)
WINDOW_STATE = Setting("window/state", QByteArray(), _bytes)
WINDOW_SPLITTER = Setting("window/splitter", QByteArray(), _bytes)  # the tree's width
REGISTER_COLUMNS = Setting("register/columns", QByteArray(), _bytes)  # header order, widths
PLAN_COLUMNS = Setting("plan/columns", QByteArray(), _bytes)  # the action plan's
PANEL_COLUMNS = Setting("panel/measure_columns", QByteArray(), _bytes)  # the hazard panel's
REGISTER_GROUPED = Setting("register/grouped", False, _flag)  # under site › division headings
REGISTER_COMPACT = Setting("register/compact", False, _flag)  # a row a line
LAST_EXPORT_FOLDER = Setting("export/folder", "", _text)  # "": none yet
SERVER_HOST = Setting("server/host", "localhost", _text)
SERVER_PORT = Setting("server/port", DEFAULT_PORT, _whole)
SERVER_DATABASE = Setting("server/database", "", _text)
SERVER_USER = Setting("server/user", "", _text)  # never the password: that is in the keyring

ALL: tuple[Setting[Any], ...] = (
    LANGUAGE,
    RECENT_REGISTERS,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    WINDOW_SPLITTER,
    LAST_EXPORT_FOLDER,
    REGISTER_COLUMNS,
    PLAN_COLUMNS,
    PANEL_COLUMNS,
    REGISTER_GROUPED,
    REGISTER_COMPACT,
    SERVER_HOST,
    SERVER_PORT,
    SERVER_DATABASE,
    SERVER_USER,
)


class Settings:
    """The settings file in the user's config folder (``WRAC_CONFIG_DIR`` overrides it)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(
            str(user_config_dir() / "window.ini"), QSettings.Format.IniFormat
        )

    def get(self, setting: Setting[T]) -> T:
        raw = self._store.value(setting.key)
        if raw is None:
            return setting.default
        try:
            return setting.convert(raw)
        except (TypeError, ValueError):  # edited by hand, or written by another version
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self._store.setValue(setting.key, list(value) if isinstance(value, tuple) else value)

    def sync(self) -> None:
        """Write to disk now (``QSettings`` otherwise writes when it likes)."""
        self._store.sync()

    def remember_recent(self, location: str) -> None:
        """Put a register first in File → Recent, once, keeping the ``MAX_RECENT`` newest."""
        others = [p for p in self.get(RECENT_REGISTERS) if p != location]
        self.set(RECENT_REGISTERS, (location, *others)[:MAX_RECENT])
