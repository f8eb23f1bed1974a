"""Random edits on two copies, merged both ways: the registers end up alike, and stay sound."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import ControlMeasure, Hazard, OrgUnit, Workplace
from wrac_desktop.register import Register, open_register
from wrac_desktop.services import editing, hazards, measures, merge, organisation
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.merge_plan import Choice
from wrac_desktop.services.merge_sides import fill_contents, load, read_side
from wrac_desktop.vocabulary import ControlLevel

WORDS = ("шаң", "шу", "діріл", "газ", "құлау", "өрт", "жарылыс", "ығысу")


def content(register: Register) -> dict[object, tuple[str, dict[str, object]]]:
    """Every record by UUID, parents by UUID too (ids differ between copies)."""
    with register.uow.reading() as session:
        side = read_side(session, register.location)
        load(session, side, None)
        fill_contents(session, side, set(side.rows))
    return {key: (row.table, row.fields) for key, row in side.rows.items()}


def random_edits(register: Register, rng: random.Random, count: int) -> None:
    for _ in range(count):
        with register.uow.transaction() as session:
            rng.choice(ACTIONS)(session, rng)


def _edit_hazard(session: Session, rng: random.Random) -> None:
    hazard = rng.choice(session.scalars(select(Hazard)).all())
    field = rng.choice(("description", "notes", "causes", "consequence"))
    setattr(hazard, field, " ".join(rng.choices(WORDS, k=3)))


def _delete_hazard(session: Session, rng: random.Random) -> None:
    editing.delete_subtree(session, rng.choice(session.scalars(select(Hazard)).all()))


def _add_hazard(session: Session, rng: random.Random) -> None:
    workplace = rng.choice(session.scalars(select(Workplace)).all())
    assessment = session.scalars(select(Hazard)).first().assessment  # type: ignore[union-attr]
    added = hazards.add_hazard(session, assessment, workplace, " ".join(rng.choices(WORDS, k=2)))
    measures.add_measure(session, added, rng.choice(WORDS), ControlLevel.PPE)


def _edit_measure(session: Session, rng: random.Random) -> None:
    measure = rng.choice(session.scalars(select(ControlMeasure)).all())
    measure.responsible = rng.choice(("Бас инженер", "Учаске бастығы", "Шебер"))


def _delete_workplace(session: Session, rng: random.Random) -> None:
    workplaces = session.scalars(select(Workplace)).all()
    if len(workplaces) > 3:
        editing.delete_subtree(session, rng.choice(workplaces))


def _move_workplace(session: Session, rng: random.Random) -> None:
    workplace = rng.choice(session.scalars(select(Workplace)).all())
    editing.move_workplace(session, workplace, rng.choice(session.scalars(select(OrgUnit)).all()))


def _add_unit_with_workplace(session: Session, rng: random.Random) -> None:
    parent = rng.choice(session.scalars(select(OrgUnit)).all())
    unit = organisation.add_unit(session, parent.organisation, rng.choice(WORDS), parent=parent)
    organisation.add_workplace(session, unit, rng.choice(WORDS))


ACTIONS = (
    _edit_hazard,
    _edit_hazard,
    _edit_measure,
    _add_hazard,
    _delete_hazard,
    _delete_workplace,
    _move_workplace,
    _add_unit_with_workplace,
)


@pytest.mark.parametrize("seed", range(8))
def test_random_divergence_merged_both_ways_converges(tmp_path: Path, seed: int) -> None:
    office_path, field_path = tmp_path / "office.wrac", tmp_path / "field.wrac"
    write_demo(office_path, workplaces=6, seed=seed)
    shutil.copy(office_path, field_path)
    rng = random.Random(seed)
    choice = (Choice.MINE, Choice.THEIRS)[seed % 2]
    with open_register(office_path) as office, open_register(field_path) as field:
        random_edits(field, rng, 12)
        random_edits(office, rng, 12)
        merge.merge(office, field, choice)
        merge.merge(field, office, Choice.THEIRS)  # the field takes the office's result
        assert content(field) == content(office)
        assert merge.preview(office, field).plan.is_empty
        assert merge.preview(field, office).plan.is_empty
        assert check_register(office) == []
        random_edits(field, rng, 5)  # and a second round goes through without surprises
        merge.merge(office, field, choice)
        assert merge.merge(office, field).plan.is_empty
        assert check_register(office) == []
