"""Rules the database layer enforces whatever calls it (GUI, CLI, import, merge).

A matrix used by an approved assessment is frozen: editing it must make a new version
(``services.matrices.edit_matrix`` does), never change the approved assessment's scores.
"""

from __future__ import annotations

from sqlalchemy import event, exists, select
from sqlalchemy.orm import Session, sessionmaker

from wrac_desktop.errors import FrozenRecordError
from wrac_desktop.i18n import _
from wrac_desktop.persistence.models import Assessment, RiskMatrix
from wrac_desktop.vocabulary import AssessmentStatus

FROZEN_STATUSES = (AssessmentStatus.APPROVED.value, AssessmentStatus.SUPERSEDED.value)


def install_guards(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", lambda session, _ctx, _objs: _check(session))


def matrix_is_frozen(session: Session, matrix_id: int) -> bool:
    used = select(Assessment.id).where(
        Assessment.matrix_id == matrix_id, Assessment.status.in_(FROZEN_STATUSES)
    )
    return bool(session.scalar(select(exists(used))))


def _check(session: Session) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, RiskMatrix) and (obj in session.deleted or session.is_modified(obj)):
            with session.no_autoflush:
                frozen = matrix_is_frozen(session, obj.id)
            if frozen:
                raise FrozenRecordError(
                    _(
                        "Matrix “{name}” v{version} is used by an approved assessment; "
                        "edit it as a new version"
                    ).format(name=obj.name, version=obj.version)
                )
