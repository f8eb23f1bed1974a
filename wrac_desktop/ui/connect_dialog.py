"""File → Connect to server…: the login of a shared register on a PostgreSQL server.

Host, port, database and user are remembered in the settings; the password only in the system
keyring (see ``server_login``), and only when the user asks for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from wrac_desktop.i18n import _
from wrac_desktop.server_login import (
    ServerLogin,
    forget_password,
    keyring_available,
    save_password,
    saved_password,
)
from wrac_desktop.ui import settings as setting
from wrac_desktop.ui.actions import ActionSpec, Controller
from wrac_desktop.ui.screen_fit import form_layout
from wrac_desktop.ui.settings import Settings


class ConnectDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Connect to server"))
        self._settings = settings
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(_("Remember the password in the system keyring"))
        self._build()
        self._restore()

    def _build(self) -> None:
        if not keyring_available():
            self.remember.setEnabled(False)
            self.remember.setToolTip(_("No system keyring is available: type it each time"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Connect"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = form_layout(self)
        form.addRow(_("Server"), self.host)
        form.addRow(_("Port"), self.port)
        form.addRow(_("Database"), self.database)
        form.addRow(_("User"), self.user)
        form.addRow(_("Password"), self.password)
        form.addRow(self.remember)
        form.addRow(self.buttons)

    def _restore(self) -> None:
        get = self._settings.get
        self.host.setText(get(setting.SERVER_HOST))
        self.port.setValue(get(setting.SERVER_PORT))
        self.database.setText(get(setting.SERVER_DATABASE))
        self.user.setText(get(setting.SERVER_USER))
        password = saved_password(self.login()) if self.user.text() else None
        self.password.setText(password or "")
        self.remember.setChecked(password is not None)

    def login(self) -> ServerLogin:
        return ServerLogin(
            host=self.host.text().strip(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
        )

    def location(self) -> str:
        """The URL to open, password included (it is never shown or stored from here)."""
        return self.login().location(self.password.text())

    def remember_login(self) -> None:
        """Keep the address in the settings and, if asked, the password in the keyring."""
        login = self.login()
        self._settings.set(setting.SERVER_HOST, login.host)
        self._settings.set(setting.SERVER_PORT, login.port)
        self._settings.set(setting.SERVER_DATABASE, login.database)
        self._settings.set(setting.SERVER_USER, login.user)
        if self.remember.isChecked() and self.password.text():
            save_password(login, self.password.text())
        else:
            forget_password(login)


class ServerController(Controller):
    """File → Connect to server…: log in to a register on a PostgreSQL server and open it."""

    def __init__(
        self, parent: QWidget, settings: Settings, open_location: Callable[[str], None]
    ) -> None:
        super().__init__()
        self.parent, self.settings, self._open_location = parent, settings, open_location

    def connect_to_server(self) -> None:
        dialog = ConnectDialog(self.settings, self.parent)
        if dialog.exec() == ConnectDialog.DialogCode.Accepted:
            dialog.remember_login()
            self._open_location(dialog.location())

    ACTIONS = (ActionSpec("connect", lambda: _("Connect to &server…"), connect_to_server),)
