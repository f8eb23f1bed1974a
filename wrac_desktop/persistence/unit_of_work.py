"""The unit of work: the one way services read and change a register.

``transaction()`` owns ``Session.begin()``: everything inside commits together or not at all,
and database failures come out as ``WracError``s with a message a user can act on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from wrac_desktop.errors import (
    EnvironmentProblem,
    RegisterLocked,
    RegisterReadOnly,
    ServerUnavailable,
    UnreadableValue,
    UserError,
)
from wrac_desktop.files import disk_problem
from wrac_desktop.i18n import _
from wrac_desktop.persistence.audit import Actor, install_audit_hook
from wrac_desktop.persistence.derived import install_derived_columns
from wrac_desktop.persistence.guards import install_guards
from wrac_desktop.persistence.integrity import damaged, damaged_file
from wrac_desktop.persistence.postgres import error_kind, write_refusal
from wrac_desktop.persistence.sqlite import is_damage_error, is_locked_error


class ConcurrentEditError(UserError):
    """Someone else changed the record since it was read."""


class UnitOfWork:
    def __init__(self, engine: Engine, actor: Actor, *, read_only: bool, label: str) -> None:
        self.engine = engine
        self.actor = actor
        self.read_only = read_only
        self.label = label  # the register's path or URL, for messages
        # Why writes are refused for now though the register could be written: the window's
        # check of its file is still running (``register.storage_damage``).
        self.writes_held: str | None = None
        self._factory = sessionmaker(engine, expire_on_commit=False, info={"actor": actor})
        install_audit_hook(self._factory, actor)
        install_guards(self._factory)
        install_derived_columns(self._factory)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose changes are committed on success, rolled back on any error."""
        if self.read_only:
            raise RegisterReadOnly(
                _("{path} is open read-only; nothing can be changed").format(path=self.label)
            )
        if self.writes_held is not None:
            raise RegisterReadOnly(self.writes_held)
        with self._translated_errors(), self._factory() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; it never commits."""
        with self._translated_errors(), self._factory() as session:
            yield session

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except StaleDataError as error:
            raise ConcurrentEditError(
                _(
                    "Someone else changed this record in {path} meanwhile; reload and try again"
                ).format(path=self.label)
            ) from error
        except UnreadableValue as error:
            raise damaged(self.label, [str(error)]) from error
        except DBAPIError as error:
            translated = _server_error(error, self.label)
            if translated is not None:
                raise translated from error
            if is_damage_error(error):
                raise damaged(self.label, [damaged_file(error)]) from error
            if isinstance(error, OperationalError):
                raise _operational_error(error, self.label) from error
            raise


def _operational_error(error: OperationalError, label: str) -> Exception:
    message = str(error.orig).lower()
    if is_locked_error(error.orig or error):
        return RegisterLocked(
            _("{path} is locked by another program; close it there and try again").format(
                path=label
            )
        )
    if "readonly" in message or "read-only" in message:
        return RegisterReadOnly(_("{path} cannot be written (read-only)").format(path=label))
    problem = disk_problem(error, Path(label)) if "://" not in label else None
    if problem is not None:
        return problem
    if "disk is full" in message or "disk i/o" in message:
        return EnvironmentProblem(
            _("Could not write {path}: {reason}").format(path=label, reason=error.orig)
        )
    return error


def _server_error(error: DBAPIError, label: str) -> Exception | None:
    """PostgreSQL's refusals (read-only user, lock wait, lost server) as user errors."""
    if not type(error.orig).__module__.startswith("psycopg"):
        return None
    kind = error_kind(error)
    refusal = write_refusal(kind, label)
    if refusal is not None:
        return refusal
    if kind in ("unreachable", "auth"):
        return ServerUnavailable(
            _("lost the connection to the server of {path}; nothing was changed").format(path=label)
        )
    return None
