"""Issue 22: a register's own XLSX (`wrac export --report register --format xlsx`) imports back.

The sheet streams through in chunks; here the chunks are made small, so that a workplace's
hazards and a hazard's measures fall across chunk boundaries, and the hazards read back must
be those exported, whatever the chunk size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from wrac_desktop.domain.bin import make_bin
from wrac_desktop.i18n import first_language
from wrac_desktop.importing import rows
from wrac_desktop.persistence.models import Hazard, Workplace
from wrac_desktop.register import open_register
from wrac_desktop.services.assessments import current_assessment
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export
from wrac_desktop.services.importing import import_worksheet
from wrac_desktop.services.setup import NewRegister, create_new_register
from wrac_desktop.services.translations import translations_of
from wrac_desktop.vocabulary import MeasureKind


def exported_demo(folder: Path, lang: str) -> Path:
    write_demo(folder / "demo.wrac", workplaces=4, lang=first_language(lang))
    with open_register(folder / "demo.wrac") as register:
        return export(register, "register", "xlsx", lang, folder / "register.xlsx")


def hazards(path: Path) -> set[tuple[object, ...]]:
    """What the register XLSX shows of each hazard: its place, texts, ratings, and how many
    additional measures it has (the existing ones are a text column of the sheet)."""
    with open_register(path) as register, register.uow.reading() as session:
        return {
            (
                hazard.workplace.unit.name,
                hazard.workplace.name,
                hazard.description,
                hazard.unwanted_event,
                hazard.causes,
                hazard.consequence,
                hazard.existing_controls,
                hazard.initial_likelihood,
                hazard.initial_severity,
                hazard.residual_likelihood,
                hazard.residual_severity,
                hazard.priority,
                sum(measure.kind == MeasureKind.ADDITIONAL for measure in hazard.measures),
            )  # fmt: skip
            for hazard in session.scalars(select(Hazard))
        }


def records(path: Path) -> set[tuple[object, ...]]:
    """Every hazard with all the register XLSX shows of it: its place (site, division,
    workplace and its headcount), group, texts, ratings, and each additional measure with its
    level, text, responsible position and name, deadline and status."""
    with open_register(path) as register, register.uow.reading() as session:
        return {
            (
                _place(hazard.workplace),
                hazard.workplace.headcount,
                hazard.category,
                hazard.description,
                hazard.unwanted_event,
                hazard.causes,
                hazard.people_exposed,
                hazard.consequence,
                hazard.existing_controls,
                hazard.initial_likelihood,
                hazard.initial_severity,
                hazard.initial_score,
                hazard.residual_likelihood,
                hazard.residual_severity,
                hazard.residual_score,
                hazard.priority,
                frozenset(
                    (
                        m.level,
                        m.description,
                        m.responsible,
                        m.responsible_name,
                        m.due_text,
                        m.status,
                    )
                    for m in hazard.measures
                    if m.kind == MeasureKind.ADDITIONAL
                ),
            )  # fmt: skip
            for hazard in session.scalars(select(Hazard))
        }


def _place(workplace: Workplace) -> tuple[str, ...]:
    """Site › division › workplace, by name."""
    names, unit = [workplace.name], workplace.unit
    while unit is not None:
        names.insert(0, unit.name)
        unit = unit.parent
    return tuple(names)


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "kk+ru", "ru+kk"])
def test_the_register_xlsx_imports_back_with_its_places_levels_and_measures(
    tmp_path: Path, lang: str
) -> None:
    """The Russian sheet's «Площадка», «Подразделение» and «Максимальные обоснованные
    последствия» were not recognised, the Kazakh ratings' «Ы» and «А» neither, a bilingual
    sheet's headers at all; in every language each measure came back administrative with its
    level before its text («Elimination: Avoid entry …»), planned whatever its status, its
    responsible person's name in the position, and the hazard group as a text."""
    worksheet = exported_demo(tmp_path, lang)
    target = NewRegister(tmp_path / "new.wrac", "ТОО «Қазақ Кен»", make_bin("05094001234"), "Кеніш")
    with create_new_register(target) as register:
        plan = import_worksheet(register, worksheet)
    assert not plan.warnings, [str(warning) for warning in plan.warnings]
    exported = records(tmp_path / "demo.wrac")
    assert records(tmp_path / "new.wrac") == exported
    assert plan.outcome.measures == sum(len(record[-1]) for record in exported)
    assert {len(record[0]) for record in exported} == {3}  # site › division › workplace


@pytest.mark.parametrize("chunk", [7, 1000])
def test_the_register_xlsx_imports_back_as_the_same_hazards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """English, in chunks of any size."""
    monkeypatch.setattr(rows, "CHUNK_HAZARDS", chunk)
    worksheet = exported_demo(tmp_path, "en")
    target = NewRegister(tmp_path / "new.wrac", "ТОО «Қазақ Кен»", make_bin("05094001234"), "Кеніш")
    with create_new_register(target) as register:
        plan = import_worksheet(register, worksheet)
        again = import_worksheet(register, worksheet)
    exported = hazards(tmp_path / "demo.wrac")
    assert hazards(tmp_path / "new.wrac") == exported
    assert plan.outcome.hazards == plan.hazard_count == len(exported) == 40
    assert plan.outcome.measures == sum(hazard[-1] for hazard in exported)
    assert plan.rows_skipped == 0 and again.outcome.adds_nothing
    assert again.outcome.hazards_present == len(exported)


def bilingual_texts(path: Path) -> set[tuple[str, str, str]]:
    """(field, Kazakh text, its Russian) of every hazard's texts, its place's names and its
    additional measures' texts and responsible positions, as the register's translations
    hold them."""
    with open_register(path) as register, register.uow.reading() as session:
        memory = translations_of(session, current_assessment(session).id)
        found = set()
        for hazard in session.scalars(select(Hazard)):
            texts = [(name, getattr(hazard, name)) for name in ("description", "unwanted_event",
                     "causes", "consequence", "existing_controls")]  # fmt: skip
            texts += [("place", name) for name in _place(hazard.workplace)]
            additional = [m for m in hazard.measures if m.kind == MeasureKind.ADDITIONAL]
            texts += [("measure", m.description) for m in additional]
            texts += [("responsible", m.responsible) for m in additional]
            found |= {(name, text, memory.of(text).value("ru")) for name, text in texts if text}
        return found


def test_a_bilingual_sheet_brings_its_second_language_back_as_translations(
    tmp_path: Path,
) -> None:
    """The kk+ru register's sheet came back in Kazakh only: its Russian lines were dropped
    (and printed back as «[kk] …»)."""
    worksheet = exported_demo(tmp_path, "kk+ru")
    target = NewRegister(tmp_path / "new.wrac", "ТОО «Қазақ Кен»", make_bin("05094001234"), "Кеніш")
    with create_new_register(target) as register:
        import_worksheet(register, worksheet)
    exported = bilingual_texts(tmp_path / "demo.wrac")
    assert all(ru for _name, _kk, ru in exported)  # the demo has every text in Russian
    assert bilingual_texts(tmp_path / "new.wrac") == exported
