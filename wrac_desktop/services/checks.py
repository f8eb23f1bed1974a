"""``wrac check``: is a register sound? Storage, schema, references and domain rules.

Each problem is one readable line naming the record, so an officer (or support) can find it.
Stored results are recomputed from their inputs: a score edited behind the app's back shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.domain.bin import bin_problem
from wrac_desktop.errors import WracError
from wrac_desktop.i18n import N_, _, translated
from wrac_desktop.persistence import attachment_store, evidence_chain, integrity
from wrac_desktop.persistence import check_queries as q
from wrac_desktop.persistence.audit_state import audit_problems
from wrac_desktop.persistence.report_queries import uuid_text
from wrac_desktop.register import Register
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.risk.rating import Rating, StoredRating
from wrac_desktop.services.approval import tamper_problems
from wrac_desktop.services.hazards import STAGES
from wrac_desktop.services.matrices import matrix_of
from wrac_desktop.vocabulary import ControlLevel, MeasureKind, MeasureStatus


def check_register(register: Register, pieces: integrity.TextPieces | None = None) -> list[str]:
    """Every problem found, as readable lines; an empty list means the register is sound.
    ``pieces``: ``text_pieces`` of the register, if read already."""
    problems = integrity.storage_problems(register.engine)
    problems += integrity.schema_problems(register.engine)
    if not problems:
        with register.engine.connect() as connection:
            problems = integrity.unreadable_values(connection, pieces=pieces)
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


def text_pieces(register: Register) -> integrity.TextPieces | None:
    """Where the register's text needs a closer look, read once for ``check_register`` and
    ``check_warnings.control_character_warnings`` both (``wrac check`` runs the two)."""
    with register.engine.connect() as connection:
        return integrity.text_pieces(connection)


def _organisations(session: Session) -> Iterator[str]:
    for organisation in q.organisations(session):
        problem = bin_problem(organisation.bin)
        if problem:
            yield _("organisation “{name}”: {problem}").format(
                name=organisation.legal_name, problem=problem
            )


def _tree(session: Session) -> Iterator[str]:
    for uuid, name in q.units_under_another_organisation(session):
        yield _("unit “{name}” ({uuid}) sits under a unit of another organisation").format(
            name=name, uuid=uuid
        )
    for uuid, description in q.hazards_at_another_organisation(session):
        yield _("hazard “{name}” ({uuid}) is at a workplace of another organisation").format(
            name=description, uuid=uuid
        )
    parents = q.unit_parents(session)
    names = q.unit_names(session)
    for unit_id in parents:
        if _in_cycle(unit_id, parents):
            yield _("unit “{name}” is its own ancestor (a loop in the site tree)").format(
                name=names[unit_id]
            )
    for workplace in q.workplaces_with_negative_headcount(session):
        yield _("workplace “{name}”: headcount {headcount} is negative").format(
            name=workplace.name, headcount=workplace.headcount
        )


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
            yield _("matrix “{name}” v{version}: {problem}").format(
                name=row.name, version=row.version, problem=error.message
            )


def _hazards(session: Session) -> Iterator[str]:
    matrices = _parsed_matrices(session)
    results: dict[tuple[Any, ...], Any] = {}  # (matrix, inputs) → its result, or the error
    for hazard in q.hazard_ratings(session):
        matrix = matrices.get(hazard[-1])
        if matrix is not None:
            yield from _hazard_problems(hazard, matrix, results)


def _parsed_matrices(session: Session) -> dict[int, Matrix]:
    parsed = {}
    for row in q.matrices(session):
        try:
            parsed[row.id] = matrix_of(row)
        except WracError:
            continue  # reported by _matrices
    return parsed


_UNSEEN = object()
_RATED = len(q.RATING_FIELDS)  # a stage's columns in a row of q.hazard_ratings


def _hazard_problems(
    hazard: Sequence[Any], matrix: Matrix, results: dict[tuple[Any, ...], Any]
) -> Iterator[str]:
    """``hazard``: a row of ``q.hazard_ratings``; ``results``: what the matrix gave for inputs
    met before (a register repeats a few dozen combinations 100,000 times)."""
    for number, stage in enumerate(STAGES):
        at = 2 + number * _RATED
        likelihood, severity, exposure, score, band, override, reason = hazard[at : at + _RATED]
        key = (hazard[-1], likelihood, severity, exposure)
        expected = results.get(key, _UNSEEN)
        if expected is _UNSEEN:
            inputs = StoredRating(likelihood, severity, exposure)
            try:
                expected = results[key] = inputs.recompute(matrix).computed
            except WracError as error:
                expected = results[key] = error
        stored = None if band is None or score is None else Rating(score=score, band_key=band)
        if isinstance(expected, WracError):
            yield _("{where}: {stage}: {problem}").format(
                where=_where(hazard), stage=translated(STAGE_NAMES[stage]), problem=expected.message
            )
        elif expected != stored:
            yield _(
                "{where}: {stage}: the stored result {stored} does not match its inputs "
                "(expected {expected}); it was changed outside the app"
            ).format(
                where=_where(hazard), stage=translated(STAGE_NAMES[stage]),
                stored=_shown(stored, matrix), expected=_shown(expected, matrix),
            )  # fmt: skip
        if override is not None and not isinstance(expected, WracError):
            yield from _override_problems(_where(hazard), stage, override, reason, matrix)


# The stage as a check line names it (q.hazard_ratings' columns come in STAGES' order).
STAGE_NAMES = {"initial": N_("initial risk"), "residual": N_("residual risk")}


def _where(hazard: Sequence[Any]) -> str:
    return _("hazard “{name}” ({uuid})").format(name=hazard[1][:60], uuid=uuid_text(hazard[0]))


def _override_problems(
    where: str, stage: str, band: str, reason: str | None, matrix: Matrix
) -> Iterator[str]:
    if not (reason or "").strip():
        yield _("{where}: {stage}: the class set by hand has no reason").format(
            where=where, stage=translated(STAGE_NAMES[stage])
        )
    try:
        matrix.band_by_key(band)
    except WracError:
        yield _(
            "{where}: {stage}: the class set by hand, “{band}”, is not a class of the matrix"
        ).format(where=where, stage=translated(STAGE_NAMES[stage]), band=band)


def _shown(rating: Rating | None, matrix: Matrix) -> str:
    """A result as the officer reads it: «19 (significant)» with the class named in the
    language asked, as the matrix names it."""
    if rating is None:
        return _("none")
    return f"{rating.score:g} ({matrix.band_name(rating.band_key)})"


DONE = ("done", "verified")  # a measure with either status needs a completion date
FIELD_NAMES = {"level": N_("control level"), "kind": N_("kind"), "status": N_("status")}


def _measures(session: Session) -> Iterator[str]:
    enums = ((ControlLevel, "level"), (MeasureKind, "kind"), (MeasureStatus, "status"))
    rules = [({member.value for member in enum}, field) for enum, field in enums]
    for measure in q.measures(session, rules, DONE):
        where = _("measure “{name}” ({uuid})").format(
            name=measure.description[:60], uuid=measure.uuid
        )
        for allowed, field in rules:
            value = getattr(measure, field)
            if value not in allowed:
                yield _("{where}: {field} “{value}” is not valid").format(
                    where=where, field=translated(FIELD_NAMES[field]), value=value
                )
        if measure.status in DONE and measure.completed_on is None:
            yield _("{where}: its status is “{status}” but it has no completion date").format(
                where=where, status=MeasureStatus(measure.status).label()
            )
        if measure.cost is not None and measure.cost < 0:
            yield _("{where}: its cost {cost} is negative").format(where=where, cost=measure.cost)
