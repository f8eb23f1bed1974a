"""One exception hierarchy whose members carry the message a user is shown.

The CLI prints ``error.message`` and exits with ``error.exit_code``; the GUI shows the same
message in a dialog. Anything that is not a ``WracError`` is a bug: it is logged with its
traceback and the user sees a short note pointing at the log.
"""

from __future__ import annotations

from wrac_desktop.masking import mask_passwords

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 3


class WracError(Exception):
    """An error the user can understand and act on."""

    exit_code = EXIT_USER_ERROR

    def __init__(self, message: str) -> None:
        message = mask_passwords(message)  # a URL in a message never shows its password
        super().__init__(message)
        self.message = message


class UserError(WracError):
    """Bad input: a wrong path, argument, value or file."""


class RegisterNotFound(UserError):
    """The register path does not exist."""


class NotARegister(UserError):
    """The file exists but is not a WRAC register."""


class RegisterDamaged(UserError):
    """The register's file or schema is damaged: nothing may be written to it, and its
    contents cannot be trusted. ``problems`` names each damage found."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


class UnreadableValue(ValueError):
    """A stored value that cannot be what its column holds (a headcount "many"), found while
    reading: the register's session reports it as damage (``RegisterDamaged``)."""


class ForeignSchemaObjects(RegisterDamaged):
    """The register holds triggers, views, indexes or tables the program did not create: it
    may be read, never written to."""


class RegisterTooNew(UserError):
    """The register was written by a newer version of WRAC Desktop."""


class RegisterReadOnly(UserError):
    """A change was asked of a register that can only be read."""


class RegisterLocked(UserError):
    """Another program holds the register's write lock."""


class ValidationError(UserError):
    """A value breaks a domain rule (a bad BIN, a rating off the matrix, …)."""


class FrozenRecordError(UserError):
    """A change was asked of a record that an approval has frozen."""


class DataFileError(UserError):
    """A bundled or user-supplied data file is malformed; the message names file and entry."""


class EnvironmentProblem(WracError):
    """The machine, not the program, is at fault: disk full, permission denied, …"""


class ServerUnavailable(UserError):
    """The database server of a shared register cannot be reached or refused the login."""


class ServerDriverMissing(EnvironmentProblem):
    """A server register was asked for, but the PostgreSQL driver (an extra) is not installed."""
