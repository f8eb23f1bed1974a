"""Risk matrices stored in a register: a shipped preset added, a stored one parsed.

A matrix used by an approved assessment is frozen with it (``persistence.guards``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from wrac_desktop.i18n import pick
from wrac_desktop.persistence.models import RiskMatrix
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.risk.presets import preset
from wrac_desktop.risk.serialise import matrix_from_dict, matrix_to_dict

_parsed: dict[tuple[int, int], Matrix] = {}


def add_matrix(session: Session, matrix: Matrix) -> RiskMatrix:
    row = RiskMatrix(
        preset_key=matrix.key, name=pick(matrix.name, "en"), definition=matrix_to_dict(matrix)
    )
    session.add(row)
    session.flush()
    return row


def add_preset(session: Session, key: str) -> RiskMatrix:
    """Store one of the shipped presets ("wrac_5x5", "product_5x5", "fine_kinney")."""
    return add_matrix(session, preset(key))


def matrix_of(row: RiskMatrix) -> Matrix:
    """The engine's matrix for a stored row, parsed once per row version."""
    key = (row.id, row.row_version)
    if key not in _parsed:
        _parsed[key] = matrix_from_dict(row.definition)
    return _parsed[key]
