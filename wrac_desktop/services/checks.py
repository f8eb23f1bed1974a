"""``wrac check``: is a register sound? Storage, schema, references and domain rules.

Each problem is one readable line naming the record, so an officer (or support) can find it.
Stored results are recomputed from their inputs: a score edited behind the app's back shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.domain.bin import bin_problem
from wrac_desktop.errors import WracError
from wrac_desktop.persistence import attachment_store, evidence_chain, integrity
from wrac_desktop.persistence import check_queries as q
from wrac_desktop.persistence.audit_state import audit_problems
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import Register
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services.approval import tamper_problems
from wrac_desktop.services.hazards import STAGES, read_rating
from wrac_desktop.services.matrices import matrix_of
from wrac_desktop.vocabulary import ControlLevel, MeasureKind, MeasureStatus


def check_register(register: Register) -> list[str]:
    """Every problem found, as readable lines; an empty list means the register is sound."""
    problems = integrity.storage_problems(register.engine)
    problems += integrity.schema_problems(register.engine)
    if not problems:
        with register.engine.connect() as connection:
            problems = integrity.unreadable_values(connection)
    if problems:
        return problems  # the finer checks would only trip over the same damage
    with register.uow.reading() as session:
        for check in (_organisations, _tree, _matrices, _hazards, _measures):
            problems.extend(check(session))
        problems += tamper_problems(session)
        problems += audit_problems(session)
        for chain in (evidence_chain.PROGRESS, evidence_chain.ATTACHMENTS):
            problems += evidence_chain.problems(session, chain)
        problems += attachment_store.blob_problems(session)
    return problems


def _organisations(session: Session) -> Iterator[str]:
    for organisation in q.organisations(session):
        problem = bin_problem(organisation.bin)
        if problem:
            yield f"organisation “{organisation.legal_name}”: {problem}"


def _tree(session: Session) -> Iterator[str]:
    for uuid, name in q.units_under_another_organisation(session):
        yield f"unit “{name}” ({uuid}) sits under a unit of another organisation"
    for uuid, description in q.hazards_at_another_organisation(session):
        yield f"hazard “{description}” ({uuid}) is at a workplace of another organisation"
    parents = q.unit_parents(session)
    names = q.unit_names(session)
    for unit_id in parents:
        if _in_cycle(unit_id, parents):
            yield f"unit “{names[unit_id]}” is its own ancestor (a loop in the site tree)"
    for workplace in q.workplaces_with_negative_headcount(session):
        yield f"workplace “{workplace.name}”: headcount {workplace.headcount} is negative"


def _in_cycle(start: int, parents: dict[int, int | None]) -> bool:
    seen = {start}
    current = parents.get(start)
    while current is not None:
        if current in seen:
            return current == start
        seen.add(current)
        current = parents.get(current)
    return False


def _matrices(session: Session) -> Iterator[str]:
    for row in q.matrices(session):
        try:
            matrix_of(row)
        except WracError as error:
            yield f"matrix “{row.name}” v{row.version}: {error.message}"


def _hazards(session: Session) -> Iterator[str]:
    matrices = _parsed_matrices(session)
    for hazard, matrix_id in q.hazards_with_matrix_ids(session):
        matrix = matrices.get(matrix_id)
        if matrix is not None:
            yield from _hazard_problems(hazard, matrix)


def _parsed_matrices(session: Session) -> dict[int, Matrix]:
    parsed = {}
    for row in q.matrices(session):
        try:
            parsed[row.id] = matrix_of(row)
        except WracError:
            continue  # reported by _matrices
    return parsed


def _hazard_problems(hazard: Hazard, matrix: Matrix) -> Iterator[str]:
    where = f"hazard “{hazard.description[:60]}” ({hazard.uuid})"
    for stage in STAGES:
        stored = read_rating(hazard, stage)
        try:
            expected = stored.recompute(matrix).computed
        except WracError as error:
            yield f"{where}: {stage} rating: {error.message}"
            continue
        if expected != stored.computed:
            yield (
                f"{where}: {stage} result {_shown(stored.computed)} does not match its inputs "
                f"(expected {_shown(expected)}); it was changed outside the app"
            )
        if stored.override_band is not None:
            yield from _override_problems(where, stage, stored, matrix)


def _override_problems(where: str, stage: str, stored: Any, matrix: Matrix) -> Iterator[str]:
    if not (stored.override_reason or "").strip():
        yield f"{where}: {stage} override has no reason"
    try:
        matrix.band_by_key(stored.override_band)
    except WracError:
        yield f"{where}: {stage} override “{stored.override_band}” is not a class of the matrix"


def _shown(rating: Any) -> str:
    return "none" if rating is None else f"{rating.score:g} ({rating.band_key})"


def _measures(session: Session) -> Iterator[str]:
    enums = ((ControlLevel, "level"), (MeasureKind, "kind"), (MeasureStatus, "status"))
    rules = [({member.value for member in enum}, field) for enum, field in enums]
    for measure in q.measures(session):
        where = f"measure “{measure.description[:60]}” ({measure.uuid})"
        for allowed, field in rules:
            value = getattr(measure, field)
            if value not in allowed:
                yield f"{where}: {field} “{value}” is not valid"
        if measure.status in ("done", "verified") and measure.completed_on is None:
            yield f"{where}: marked {measure.status} without a completion date"
        if measure.cost is not None and measure.cost < 0:
            yield f"{where}: negative cost {measure.cost}"
