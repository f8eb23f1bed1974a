"""How the app logs in to a register server: the address it remembers, the password it does not.

The host, port, database and user are kept in the settings; the password only in the system
keyring (Windows Credential Manager, macOS Keychain, Secret Service) when the optional
``keyring`` package and a working backend are there. Never in a settings file or a log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.engine import URL

from wrac_desktop.persistence import postgres

KEYRING_SERVICE = "WRAC Desktop"
DEFAULT_PORT = 5432

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerLogin:
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT

    @property
    def key(self) -> str:
        """The keyring's name for this login (one password per user, server and database)."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def location(self, password: str | None = None) -> str:
        """The database URL to open; with the password only when one is given."""
        url = URL.create(
            postgres.DRIVER,
            username=self.user or None,
            password=password or None,
            host=self.host or None,
            port=self.port,
            database=self.database,
        )
        return url.render_as_string(hide_password=False)

    @classmethod
    def from_location(cls, location: str) -> ServerLogin:
        url = postgres.parse_url(location)
        return cls(url.host or "", url.database or "", url.username or "", url.port or DEFAULT_PORT)


def _keyring():  # type: ignore[no-untyped-def]
    """The keyring module when it can really store secrets here, else None."""
    try:
        import keyring
        from keyring.backends.fail import Keyring as FailKeyring
    except ImportError:
        return None
    try:
        return None if isinstance(keyring.get_keyring(), FailKeyring) else keyring
    except Exception:  # a broken backend configuration: behave as without a keyring
        log.warning("the system keyring cannot be used", exc_info=True)
        return None


def keyring_available() -> bool:
    return _keyring() is not None


def save_password(login: ServerLogin, password: str) -> bool:
    """Keep ``password`` in the system keyring; False when there is none (nothing stored)."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, login.key, password)
    except Exception:
        log.warning("could not store the password in the system keyring", exc_info=True)
        return False
    return True


def saved_password(login: ServerLogin) -> str | None:
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, login.key)  # type: ignore[no-any-return]
    except Exception:
        log.warning("could not read the system keyring", exc_info=True)
        return None


def forget_password(login: ServerLogin) -> None:
    keyring = _keyring()
    if keyring is None:
        return
    try:
        keyring.delete_password(KEYRING_SERVICE, login.key)
    except Exception:  # nothing stored, or the keyring refused: either way it is not kept
        log.info("no password to forget for %s", login.key)


def with_saved_password(location: str) -> str:
    """A remembered server location (never stored with its password) ready to open."""
    if not postgres.is_database_url(location):
        return location
    url = postgres.parse_url(location)
    if url.password:
        return location
    password = saved_password(ServerLogin.from_location(location))
    return (
        location
        if password is None
        else url.set(password=password).render_as_string(hide_password=False)
    )
