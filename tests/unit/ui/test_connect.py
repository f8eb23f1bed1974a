"""File → Connect to server…: the login is remembered, the password only in the keyring."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot

from tests.pg_server import PASSWORD, QUOTED_PASSWORD, SUPERUSER, ThrowawayServer
from tests.unit.ui.conftest import dispose
from wrac_desktop import server_login
from wrac_desktop.paths import user_config_dir
from wrac_desktop.server_login import ServerLogin
from wrac_desktop.services.demo import write_demo
from wrac_desktop.ui.connect_dialog import ConnectDialog
from wrac_desktop.ui.main_window import MainWindow
from wrac_desktop.ui.settings import Settings


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in a dict: the tests never touch the real one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def fake_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def settings_text() -> str:
    Settings().sync()
    path = user_config_dir() / "window.ini"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def fill(dialog: ConnectDialog, port: int, database: str, password: str, remember: bool) -> None:
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(port)
    dialog.database.setText(database)
    dialog.user.setText(SUPERUSER)
    dialog.password.setText(password)
    dialog.remember.setChecked(remember)


def test_the_login_is_remembered_and_the_password_only_in_the_keyring(
    qtbot: QtBot, fake_keyring: MemoryKeyring
) -> None:
    dialog = ConnectDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.remember.isEnabled()
    fill(dialog, 6543, "registers", "Құпия-сөз", remember=True)
    dialog.remember_login()
    assert "Құпия-сөз" not in settings_text() and "registers" in settings_text()
    login = ServerLogin("127.0.0.1", "registers", SUPERUSER, 6543)
    assert fake_keyring.secrets == {("WRAC Desktop", login.key): "Құпия-сөз"}
    again = ConnectDialog(Settings())
    qtbot.addWidget(again)
    assert (again.host.text(), again.port.value(), again.database.text()) == (
        "127.0.0.1",
        6543,
        "registers",
    )
    assert again.password.text() == "Құпия-сөз" and again.remember.isChecked()
    again.remember.setChecked(False)  # "forget it"
    again.remember_login()
    assert fake_keyring.secrets == {}


def test_without_a_keyring_the_password_is_kept_nowhere(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_login, "_keyring", lambda: None)
    dialog = ConnectDialog(Settings())
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    fill(dialog, 5432, "registers", "secret-1", remember=True)
    dialog.remember_login()
    assert "secret-1" not in settings_text()
    assert ConnectDialog(Settings()).password.text() == ""


@pytest.mark.postgres
def test_connecting_opens_the_server_register_and_it_reopens_from_recent(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    fake_keyring: MemoryKeyring,
    postgres_server: ThrowawayServer,
    new_database: Callable[[], str],
) -> None:
    url = new_database()
    write_demo(url, workplaces=12, seed=2)
    database = url.rsplit("/", 1)[1]

    def user_fills_in(dialog: ConnectDialog) -> ConnectDialog.DialogCode:
        fill(dialog, postgres_server.port, database, PASSWORD, remember=True)
        return ConnectDialog.DialogCode.Accepted

    monkeypatch.setattr(ConnectDialog, "exec", user_fills_in)
    window = MainWindow(None)
    window.show()
    try:
        window.action_map["connect"].trigger()  # File → Connect to server…
        qtbot.waitUntil(lambda: window.register is not None, timeout=60_000)  # connected behind
        assert window.register is not None and not window.register.read_only
        location = window.register.location
        assert (
            location.startswith("postgresql+psycopg://")
            and PASSWORD not in location
            and QUOTED_PASSWORD not in location
        )
        assert window.register_view.model.total == 120
        window.set_register(None)
        assert window.files.recent_registers()[0] == location
        window.open_path(location)  # from the recent list: the password comes from the keyring
        qtbot.waitUntil(lambda: window.register is not None, timeout=60_000)
        assert window.register is not None and window.register.location == location
        assert PASSWORD not in settings_text() and QUOTED_PASSWORD not in settings_text()
    finally:
        dispose(window, qtbot)
