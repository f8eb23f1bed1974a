"""An audit entry's summary in the reader's language (issue 22): the audit dialog of a Kazakh
window showed the demo's entry as «demo register written: 40 workplaces», as it is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wrac_desktop.i18n import set_language
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import open_register
from wrac_desktop.services.audit_summaries import shown_summary
from wrac_desktop.services.audit_trail import audit_rows
from wrac_desktop.services.demo import write_demo


@pytest.fixture
def language() -> Iterator[None]:
    yield
    set_language("en")


SHOWN = {  # (action, stored) → kk, ru
    ("demo", "demo register written: 40 workplaces"): (
        "демо-тізілім жазылды: жұмыс орындары — 40",
        "демонстрационный реестр записан: рабочих мест — 40",
    ),
    ("revision", "revision 3 started as a copy of revision 2"): (
        "3-редакция 2-редакцияның көшірмесі ретінде басталды",
        "редакция 3 начата как копия редакции 2",
    ),
    ("import", "imported Реестр (1).xlsx (Лист1): 12 hazards, 30 measures"): (
        "Реестр (1).xlsx (Лист1) импортталды: қауіптер — 12, шаралар — 30",
        "импортирован Реестр (1).xlsx (Лист1): опасностей — 12, мер — 30",
    ),
    ("import", "translations imported from t: x.xlsx: 7 texts changed"): (
        "аудармалар t: x.xlsx файлынан импортталды: өзгертілген мәтіндер — 7",
        "переводы импортированы из t: x.xlsx: изменено текстов — 7",
    ),
    ("update", "translations imported from t.xlsx"): (
        "аудармалар t.xlsx файлынан импортталды",
        "переводы импортированы из t.xlsx",
    ),
    ("attach", "2 file(s) attached to hazard 0b5e6a52-57a4-4c3e-9d0c-4ef2b0b1e2aa"): (
        "«қауіп» 0b5e6a52-57a4-4c3e-9d0c-4ef2b0b1e2aa жазбасына 2 файл тіркелді",
        "к записи «опасность» 0b5e6a52-57a4-4c3e-9d0c-4ef2b0b1e2aa прикреплено файлов: 2",
    ),
    ("created", "register created"): ("тізілім құрылды", "реестр создан"),
}


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize(("action", "stored"), list(SHOWN))
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_summary_the_program_wrote_is_shown_in_the_language(
    action: str, stored: str, lang: str
) -> None:
    set_language(lang)
    assert shown_summary(action, stored) == SHOWN[action, stored][lang == "ru"]


@pytest.mark.usefixtures("language")
def test_a_progress_step_names_its_status_and_date_as_the_language_does() -> None:
    set_language("ru")
    shown = shown_summary("progress", "measure 0b5e6a52-57a4: done on 2026-03-16")
    assert shown == "мероприятие 0b5e6a52-57a4: Выполнено 16.03.2026", shown


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize(
    ("action", "stored"),
    [
        ("merge", "merge:4c1f…"),  # a kind not known here
        ("demo", "demo register written: many workplaces"),  # not as the program writes it
        ("progress", "measure 0b5e: finished on 2026-03-16"),  # no such status
        ("progress", "measure 0b5e: done on 2026-02-30"),  # no such day
        ("update", ""),
    ],
)
def test_any_other_summary_is_shown_as_stored(action: str, stored: str) -> None:
    set_language("kk")
    assert shown_summary(action, stored) == stored


@pytest.mark.usefixtures("language")
def test_the_trail_shows_the_demos_entry_in_the_language(tmp_path: Path) -> None:
    path = tmp_path / "demo.wrac"
    write_demo(path, workplaces=3, seed=1)
    set_language("kk")
    with open_register(path) as register, register.uow.reading() as session:
        rows = audit_rows(session)
    assert rows[0].action == "демо-тізілім"  # its kind, stored as "demo"
    assert rows[0].summary == "демо-тізілім жазылды: жұмыс орындары — 3"


@pytest.mark.usefixtures("language")
def test_the_trail_names_an_edits_kind_and_record_in_the_language(tmp_path: Path) -> None:
    path = tmp_path / "demo.wrac"
    write_demo(path, workplaces=2, seed=1)
    with open_register(path) as register, register.uow.transaction() as session:
        session.get_one(Hazard, 1).notes = "тексерілді"
    set_language("ru")
    with open_register(path) as register, register.uow.reading() as session:
        rows = audit_rows(session)
    assert (rows[-1].action, rows[-1].entity) == ("изменено", "опасность")
