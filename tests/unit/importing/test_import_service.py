"""Importing worksheets in English, Russian and Kazakh layouts into a register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Sample
from tests.unit.importing.content import content
from tests.unit.importing.worksheets import (
    EN_HEADER,
    english_worksheet,
    kazakh_plan,
    russian_register,
    write_csv,
    write_xlsx,
)
from wrac_desktop.importing.plan import ImportPlan
from wrac_desktop.persistence.models import AuditEntry, ControlMeasure, Hazard, OrgUnit, Workplace
from wrac_desktop.register import Register
from wrac_desktop.services.importing import import_worksheet

Registered = tuple[Register, Sample]


def hazards_by_text(register: Register) -> dict[str, Hazard]:
    with register.uow.reading() as session:
        found = session.scalars(select(Hazard)).all()
        for hazard in found:
            _ = hazard.workplace.unit, list(hazard.measures)  # loaded for use after the session
        return {hazard.description: hazard for hazard in found}


def test_english_worksheet_imports_hazards_measures_and_ratings(
    sample_register: Registered, tmp_path: Path
) -> None:
    register, _ids = sample_register
    plan = import_worksheet(register, english_worksheet(tmp_path / "en.xlsx"))
    assert plan.summary()["rows_read"] == 3 and plan.warnings == []
    assert (plan.outcome.sites, plan.outcome.workplaces) == (1, 2)
    assert (plan.outcome.hazards, plan.outcome.measures) == (2, 3)
    hazards = hazards_by_text(register)
    rock_fall = hazards["Rock fall"]
    assert rock_fall.workplace.name == "Driller"
    assert rock_fall.workplace.unit.name == "Underground mine"
    assert (rock_fall.initial_likelihood, rock_fall.initial_severity) == (4, 4)
    assert (rock_fall.initial_score, rock_fall.initial_band) == (21, "high")
    assert rock_fall.priority is True  # consequence 4 is a priority unwanted event
    assert [m.description for m in rock_fall.measures] == ["Mesh and bolts", "Mechanised scaling"]
    assert rock_fall.measures[1].level == "substitution"
    assert rock_fall.measures[1].due_text == "IV quarter 2026"
    diesel = hazards["Diesel exhaust"]
    # letters: C is the third level from the top of five (3), B the second (4)
    assert (diesel.initial_likelihood, diesel.initial_severity, diesel.initial_score) == (3, 4, 18)
    assert diesel.measures[0].due_date == date(2026, 12, 31)  # an Excel serial in the cell
    assert diesel.existing_controls == "Ventilation"


def test_russian_register_with_title_block_merged_cells_and_two_row_header(
    sample_register: Registered, tmp_path: Path
) -> None:
    register, _ids = sample_register
    plan = import_worksheet(register, russian_register(tmp_path / "ru.xlsx"))
    assert (plan.header.first_row, plan.header.last_row) == (5, 6)
    fields = [column.field for column in plan.header.columns]
    assert fields[5:8] == ["likelihood", "severity", "score"]
    assert fields[9:12] == ["residual_likelihood", "residual_severity", "residual_score"]
    assert plan.outcome.hazards == 3 and plan.rows_skipped == 0
    hazards = hazards_by_text(register)
    noise = hazards["Шум"]
    assert (noise.initial_score, noise.residual_score) == (16, 8)
    # merged cells B7:B9 and C7:C8: the division and workplace carry over the rows they cover
    assert hazards["Вращающиеся части"].workplace.name == "Машинист мельницы"
    assert hazards["Реагенты (ксантогенаты)"].workplace.name == "Флотатор"
    assert noise.workplace.unit.name == "Обогатительная фабрика"
    assert noise.measures[0].due_text == "IV квартал 2026 г."
    assert noise.measures[0].due_date == date(2026, 12, 31)
    assert noise.measures[0].responsible == "Главный механик"


def test_kazakh_plan_of_measures_imports_as_measures_with_every_letter(
    sample_register: Registered, tmp_path: Path
) -> None:
    register, _ids = sample_register
    plan = import_worksheet(register, kazakh_plan(tmp_path / "kk.xlsx"))
    assert plan.outcome.measures == 2
    with register.uow.reading() as session:
        measures = session.scalars(select(ControlMeasure).order_by(ControlMeasure.id)).all()
        imported = [m for m in measures if m.completion_form]
        assert [m.description for m in imported] == [
            "Тәуекелдерді бағалау жүргізу",
            "Қызметкерлерді оқыту",
        ]
        assert imported[0].funding_source == "Жұмыс берушінің қаражаты есебінен"
        assert imported[1].responsible == "Кадр бөлімі"
        assert imported[1].due_date == date(2026, 12, 31)
        assert imported[0].hazard.workplace.name == "Жоспар"


def test_a_plan_with_position_and_name_columns_keeps_both(
    sample_register: Registered, tmp_path: Path
) -> None:
    """Roadmap plans give the executor's position and name in two columns (issue 15 item 14)."""
    register, _ids = sample_register
    header = ("№", "Мероприятие", "Должность ответственного", "Ф.И.О. ответственного", "Срок")
    rows = [header, (1, "Обучение персонала", "Главный механик", "Ахметов С.Б.", "2026-12-31")]
    plan = import_worksheet(register, write_xlsx(tmp_path / "plan.xlsx", rows))
    assert [c.field for c in plan.header.columns][2:4] == ["responsible", "responsible_name"]
    with register.uow.reading() as session:
        measure = session.scalars(
            select(ControlMeasure).where(ControlMeasure.description == "Обучение персонала")
        ).one()
        assert (measure.responsible, measure.responsible_name) == (
            "Главный механик",
            "Ахметов С.Б.",
        )


def test_dry_run_changes_nothing_and_says_what_it_would_add(
    sample_register: Registered, tmp_path: Path
) -> None:
    register, _ids = sample_register
    before = content(register)
    plan = import_worksheet(register, russian_register(tmp_path / "ru.xlsx"), dry=True)
    assert (plan.outcome.workplaces, plan.outcome.hazards, plan.outcome.measures) == (2, 3, 3)
    assert content(register) == before


def test_second_import_adds_nothing_and_says_so(
    sample_register: Registered, tmp_path: Path
) -> None:
    register, _ids = sample_register
    worksheet = english_worksheet(tmp_path / "en.xlsx")
    import_worksheet(register, worksheet)
    after_first = content(register)
    again = import_worksheet(register, worksheet)
    assert again.outcome.adds_nothing
    assert (again.outcome.hazards_present, again.outcome.measures_present) == (2, 3)
    assert content(register) == after_first  # not even an audit entry


def test_matching_is_by_content_not_by_file(sample_register: Registered, tmp_path: Path) -> None:
    """The same rows in another file and format, with another case, are already there."""
    register, _ids = sample_register
    import_worksheet(register, english_worksheet(tmp_path / "en.xlsx"))
    rows = [EN_HEADER, ("1", "UNDERGROUND MINE", "driller", "rock fall", "Struck by falling rock",
            "Scaling", 4, 4, 21, "mesh and bolts", "Engineering", "", ""),
            ("2", "Underground mine", "Driller", "Rock fall", "Struck by falling rock",
             "Scaling", 4, 4, 21, "Rock bolts inspection", "Administrative", "", "")]  # fmt: skip
    plan = import_worksheet(register, write_csv(tmp_path / "again.csv", rows, delimiter=";"))
    assert (plan.outcome.hazards, plan.outcome.measures, plan.outcome.measures_present) == (0, 1, 1)


def test_import_is_audited(sample_register: Registered, tmp_path: Path) -> None:
    register, _ids = sample_register
    import_worksheet(register, english_worksheet(tmp_path / "en.xlsx"))
    with register.uow.reading() as session:
        entries = session.scalars(select(AuditEntry)).all()
        hazard_uuids = set(session.scalars(select(Hazard.uuid)))
    inserted = {entry.entity_uuid for entry in entries if entry.action == "insert"}
    assert hazard_uuids <= inserted
    event = [entry for entry in entries if entry.action == "import"]
    assert len(event) == 1 and "en.xlsx" in event[0].summary
    assert event[0].user_name == "Tester"


def test_cancel_leaves_the_register_unchanged(sample_register: Registered, tmp_path: Path) -> None:
    register, _ids = sample_register
    before = content(register)

    def cancel(done: int, total: int) -> None:
        if done == total:  # after every record is prepared, before the commit
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_worksheet(register, russian_register(tmp_path / "ru.xlsx"), progress=cancel)
    assert content(register) == before


def test_workplaces_without_a_site_column_match_by_name(
    sample_register: Registered, tmp_path: Path
) -> None:
    register, ids = sample_register
    rows = [("Жұмыс орны", "Қауіп", "Қауіпті оқиға", "Ықтималдық", "Салдардың ауырлығы"),
            ("Үңгілеуші", "Шу", "Естудің нашарлауы", 3, 2)]  # fmt: skip
    plan = import_worksheet(register, write_csv(tmp_path / "kk.csv", rows))
    assert plan.outcome.workplaces == 0
    with register.uow.reading() as session:
        hazard = session.scalars(select(Hazard).where(Hazard.description == "Шу")).one()
        assert hazard.workplace_id == ids.workplace_id
        assert hazard.initial_score == 8


def test_places_are_created_once_for_many_rows(sample_register: Registered, tmp_path: Path) -> None:
    register, _ids = sample_register
    rows = [("Site", "Division", "Workplace", "Hazard")] + [
        ("Mill", "Grinding", f"Operator {n % 3}", f"Hazard {n}") for n in range(30)
    ]
    plan = import_worksheet(register, write_xlsx(tmp_path / "many.xlsx", rows))
    assert (plan.outcome.sites, plan.outcome.workplaces, plan.outcome.hazards) == (2, 3, 30)
    with register.uow.reading() as session:
        division = session.scalars(select(OrgUnit).where(OrgUnit.name == "Grinding")).one()
        assert division.parent is not None and division.parent.name == "Mill"
        names = session.scalars(select(Workplace.name).where(Workplace.unit_id == division.id))
        assert sorted(names) == ["Operator 0", "Operator 1", "Operator 2"]


def plan_of(register: Register, path: Path) -> ImportPlan:
    return import_worksheet(register, path, dry=True)


def test_a_hazard_already_there_keeps_its_rating_and_the_difference_is_reported(
    sample_register: Registered, tmp_path: Path
) -> None:
    register, _ids = sample_register
    import_worksheet(register, english_worksheet(tmp_path / "en.xlsx"))
    rows = [EN_HEADER, (1, "Underground mine", "Driller", "Rock fall", "Struck by falling rock",
            "Scaling", 2, 4, 14, "Mesh and bolts", "Engineering", "", "")]  # fmt: skip
    plan = import_worksheet(register, write_csv(tmp_path / "rerated.csv", rows))
    assert plan.outcome.adds_nothing
    assert [(w.row, "another rating" in w.message) for w in plan.warnings] == [(2, True)]
    assert hazards_by_text(register)["Rock fall"].initial_likelihood == 4


def test_a_measures_status_is_read_in_any_language_and_an_unknown_one_named(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    """A status column was not recognised: every measure came in planned. A done one without
    a completion date is done on the day of the import, as the editor marks it."""
    register, _ids = sample_register
    lines = [
        ("Workplace", "Hazard", "Measure", "Status", "Headcount"),
        ("Driller", "Noise", "Ear muffs", "maybe", 12),
        ("Driller", "Dust", "Water sprays", "Орындалды", 12),
        ("Driller", "Heat", "Shade", "Выполняется", 12),
    ]
    plan = import_worksheet(register, write_xlsx(tmp_path / "s.xlsx", lines))
    said = [(warning.row, warning.column, warning.message) for warning in plan.warnings]
    assert (2, "D", "“maybe” is no status of a measure; planned assumed") in said
    with register.uow.reading() as session:
        measures = {m.description: m for m in session.scalars(select(ControlMeasure))}
        workplace = session.scalars(select(Workplace).where(Workplace.name == "Driller")).one()
        assert workplace.headcount == 12
    assert measures["Ear muffs"].status == "planned"
    assert measures["Water sprays"].status == "done"
    assert measures["Water sprays"].completed_on == date.today()
    assert measures["Shade"].status == "in_progress"
