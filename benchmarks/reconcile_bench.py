"""Issue 18 item 3's figure: reconciling 5,000 first medical visits with 300 events, < 2 s.

``planted_case`` makes the journal and the events (deterministic), with visits and events
planted to stay unmatched, and traps for a false match: namesakes with other personnel
numbers on the same day, and visits 4 days from their person's event. The unit test
(tests/unit/services/test_reconcile.py) checks that exactly the planted ones are found; this
times the same run. Run as ``python -m benchmarks.reconcile_bench FOLDER``.
"""

from __future__ import annotations

import random
import tempfile
from argparse import Namespace
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from benchmarks.common import argument_parser, folder

SURNAMES = ("Иванов", "Петров", "Қасымов", "Әбенов", "Нұрланов", "Сидоров", "Өмірзақов",
            "Smith", "Жұмабаев", "Ким", "Ахметов", "Ғабитов")  # fmt: skip
GIVEN = ("Әлібек", "Иван", "Пётр", "Ұлан", "Сергей", "Ілияс", "Данияр", "Нұржан", "Ғани")
INJURIES = ("Ушиб левой кисти", "S62.3 перелом пястной кости", "Сол қолдың жарақаты",
            "Порез пальца", "T20 термический ожог", "Саусақтың кесігі")  # fmt: skip
ILLNESSES = ("ОРВИ", "J06.9 острая инфекция", "Гипертония", "Тұмау", "Консультация")
HEADER = ("Күні", "Т.А.Ә.", "Табельдік нөмір", "Диагноз / жарақат")
FIRST_DAY = date(2026, 1, 5)


@dataclass
class PlantedCase:
    rows: list[tuple[object, ...]] = field(default_factory=list)  # the journal, header first
    events: list[dict[str, object]] = field(default_factory=list)  # add_event's arguments
    hidden_rows: set[int] = field(default_factory=set)  # sheet rows that must be found
    unrecorded: set[int] = field(default_factory=set)  # indexes into events that must be


def _people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(full name, personnel number); surnames and initials repeat, numbers never do."""
    people = []
    for index in range(count):
        first, father = rng.choice(GIVEN), rng.choice(GIVEN)
        people.append((f"{rng.choice(SURNAMES)} {first} {father}ович", f"{index + 1:05d}"))
    return people


def _initials(name: str) -> str:
    surname, first, father = name.split()
    return f"{surname} {first[0]}.{father[0]}."


def planted_case(visits: int = 5000, events: int = 300, seed: int = 18) -> PlantedCase:
    rng = random.Random(seed)
    people = _people(rng, 2000)
    with_events, without = people[:events], people[events:]
    case = PlantedCase(rows=[HEADER])
    journal: list[tuple[date, str, str, str, bool]] = []  # day, name, number, text, planted
    for index, (name, number) in enumerate(with_events):
        day = FIRST_DAY + timedelta(days=rng.randrange(300))
        kind = rng.choice(("first-aid", "lost-time", "serious"))
        case.events.append({"kind": kind, "occurred_at": datetime.combine(day, datetime.min.time()),
                            "person_name": name, "personnel_no": number})  # fmt: skip
        if index % 30 == 0:  # 10 events with no visit
            case.unrecorded.add(index)
            continue
        if index % 30 == 1:  # a visit 4 days after the event: outside the window, planted
            journal.append((day + timedelta(days=4), _initials(name), number,
                            rng.choice(INJURIES), True))  # fmt: skip
            case.unrecorded.add(index)
            continue
        if index % 30 == 2:  # a namesake with another number, the same day: planted
            journal.append((day, name, f"9{number}", rng.choice(INJURIES), True))
        # the person's own visit within ±3 days, the name written with initials, the
        # number with or without its leading zeros
        shift = rng.randint(-3, 3)
        written = number.lstrip("0") if rng.random() < 0.5 else number
        journal.append((day + timedelta(days=shift), _initials(name), written,
                        rng.choice(INJURIES), False))  # fmt: skip
    while sum(1 for entry in journal if entry[4]) < 40:  # injuries of people with no event
        name, number = rng.choice(without)
        journal.append((FIRST_DAY + timedelta(days=rng.randrange(300)), name, number,
                        rng.choice(INJURIES), True))  # fmt: skip
    while len(journal) < visits:  # everything else: illnesses of people with no event
        name, number = rng.choice(without)
        journal.append((FIRST_DAY + timedelta(days=rng.randrange(300)), name, number,
                        rng.choice(ILLNESSES), False))  # fmt: skip
    rng.shuffle(journal)
    for row, (day, name, number, text, planted) in enumerate(journal, start=2):
        case.rows.append((day, name, number, text))
        if planted:
            case.hidden_rows.add(row)
    return case


def write_journal(case: PlantedCase, path: Path) -> Path:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Журнал")
    for row in case.rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def main(folder: Path) -> None:
    from sqlalchemy import select

    from benchmarks.common import emit, timed
    from wrac_desktop.persistence.models import Workplace
    from wrac_desktop.register import open_register
    from wrac_desktop.services import events as event_service
    from wrac_desktop.services import reconcile
    from wrac_desktop.services.demo import write_demo

    register_path = folder / "reconcile.wrac"
    write_demo(register_path, workplaces=2)
    case = planted_case()
    journal = write_journal(case, folder / "visits.xlsx")
    with open_register(register_path) as register:
        with register.uow.transaction() as session:
            workplace = str(session.scalars(select(Workplace.uuid)).first())
            for spec in case.events:
                event_service.add_event(
                    session, str(spec.pop("kind")), spec.pop("occurred_at"),  # type: ignore[arg-type]
                    workplace, **spec,
                )  # fmt: skip
        with register.uow.reading() as session:
            seconds, result = timed(lambda: reconcile.reconcile_file(session, journal))
    emit("reconcile_5000_visits_300_events", seconds, "s", goal=2,
         unmatched=result.findings.unmatched)  # fmt: skip


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.reconcile_bench", __doc__)
    parser.add_argument("folder", type=folder, nargs="?",
                        help="where the journal goes (default: a temporary folder)")  # fmt: skip
    return parser.parse_args(argv)


if __name__ == "__main__":
    given = arguments()
    if given.folder is not None:
        main(given.folder)
    else:
        with tempfile.TemporaryDirectory() as temporary:
            main(Path(temporary))
