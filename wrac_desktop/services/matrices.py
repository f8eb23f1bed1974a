"""Risk matrices stored in a register, and the rule that approved work never changes under it.

A matrix used by an approved assessment is never edited in place: ``edit_matrix`` then writes a
new version, and draft assessments may move to it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from wrac_desktop.i18n import pick
from wrac_desktop.persistence import record_queries
from wrac_desktop.persistence.guards import matrix_is_frozen
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


def edit_matrix(session: Session, row: RiskMatrix, edited: Matrix) -> RiskMatrix:
    """Save an edited matrix: in place if nothing approved uses it, else as a new version."""
    if not matrix_is_frozen(session, row.id):
        row.definition = matrix_to_dict(edited)
        row.name = pick(edited.name, "en")
        session.flush()
        return row
    newest = record_queries.newest_matrix_version(session, row.family)
    version = RiskMatrix(
        family=row.family,
        version=int(newest or row.version) + 1,
        preset_key=row.preset_key,
        name=pick(edited.name, "en"),
        definition=matrix_to_dict(edited),
    )
    session.add(version)
    session.flush()
    return version
