"""`wrac event add`, `events`, `figures`, `indicators`: the command-line contract (issue 18)."""

from __future__ import annotations

import csv
import json
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tests.unit.cli.test_cli import run


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "2")[0] == 0
    return path


def _places(path: Path) -> list[tuple[str, str, str]]:
    """(workplace UUID, name, one hazard's UUID) of every workplace of the demo."""
    import sqlite3
    import uuid

    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT w.uuid, w.name, MIN(h.uuid) FROM workplace w "
            "JOIN hazard h ON h.workplace_id = w.id GROUP BY w.id ORDER BY w.id"
        ).fetchall()
    return [(str(uuid.UUID(w)), name, str(uuid.UUID(h))) for w, name, h in rows]


def test_add_prints_the_new_uuid_and_events_lists_it(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (place, name, hazard), _second = _places(demo)
    code, out, err = run(
        capsys, "event", "add", str(demo), "--kind", "near-miss", "--date", "2026-03-12",
        "--workplace", name, "--hazard", hazard, "--person", "Қасымов Әлібек",
        "--personnel-no", "0042", "--description", "Жыныс кесегі құлады",
    )  # fmt: skip
    assert code == 0, err
    new_uuid = out.strip()
    code, out, _err = run(capsys, "events", str(demo), "--json")
    listed = json.loads(out)
    assert [e["uuid"] for e in listed] == [new_uuid]
    assert listed[0]["workplace_uuid"] == place and listed[0]["hazard_uuids"] == hazard
    assert listed[0]["person_name"] == "Қасымов Әлібек"
    assert run(capsys, "events", str(demo), "--kind", "fatal", "--json")[1].strip() == "[]"
    assert run(capsys, "events", str(demo), "--from", "2026-03-13", "--json")[1].strip() == "[]"
    xlsx, table = tmp_path / "events.xlsx", tmp_path / "events.csv"
    assert run(capsys, "events", str(demo), "-o", str(xlsx))[0] == 0
    assert run(capsys, "events", str(demo), "-o", str(table))[0] == 0
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None and sheet.cell(2, 1).value == new_uuid
    with table.open(encoding="utf-8-sig") as stream:
        assert next(csv.DictReader(stream))["description"] == "Жыныс кесегі құлады"


def test_add_records_the_report_to_the_inspectorate_and_the_investigation(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (place, _name, _hazard), _second = _places(demo)
    code, _out, err = run(
        capsys, "event", "add", str(demo), "--kind", "lost-time", "--date", "2026-03-12",
        "--workplace", place, "--reported-on", "2026-03-13", "--reference", "№ 12-04/317",
        "--investigation", "completed",
    )  # fmt: skip
    assert code == 0, err
    code, _out, err = run(capsys, "event", "add", str(demo), "--kind", "near-miss", "--date",
                          "2026-03-14", "--workplace", place)  # fmt: skip
    assert code == 0, err
    listed = json.loads(run(capsys, "events", str(demo), "--json")[1])
    assert [(e["reported_on"], e["report_reference"], e["investigation"]) for e in listed] == [
        ("2026-03-13", "№ 12-04/317", "completed"),
        (None, "", "open"),  # not given: not reported, not yet investigated
    ]
    code, _out, err = run(
        capsys,
        "event",
        "add",
        str(demo),
        "--kind",
        "fatal",
        "--date",
        "2026-03-12",
        "--workplace",
        place,
        "--investigation",
        "closed",
    )
    assert code == 2 and "--investigation" in err and "under-way" in err  # the choices named
    assert len(json.loads(run(capsys, "events", str(demo), "--json")[1])) == 2


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"--date": "2999-01-01"}, "future"),
        ({"--workplace": "Жоқ"}, "no workplace"),
        ({"--hazard": "00000000-0000-0000-0000-000000000001"}, "no hazard"),
        ({"--hazard": "OTHER"}, "another workplace"),
        ({"--reported-on": "2026-03-11"}, "before the event"),
        ({"--reported-on": "2999-01-01"}, "future"),
    ],
)
def test_add_refuses_with_exit_2_and_saves_nothing(
    demo: Path, capsys: pytest.CaptureFixture[str], changed: dict[str, str], message: str
) -> None:
    (place, _name, _hazard), (_p, _n, other_hazard) = _places(demo)
    options = {"--kind": "fatal", "--date": "2026-03-12", "--workplace": place} | changed
    if options.get("--hazard") == "OTHER":
        options["--hazard"] = other_hazard
    flat = [item for pair in options.items() for item in pair]
    code, _out, err = run(capsys, "event", "add", str(demo), *flat)
    assert code == 2 and message in err and "Traceback" not in err
    assert run(capsys, "events", str(demo), "--json")[1].strip() == "[]"


def test_figures_and_indicators_by_hand(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (place, _name, _hazard), _second = _places(demo)
    for day in ("2026-01-10", "2026-05-03T14:20"):
        assert run(capsys, "event", "add", str(demo), "--kind", "fatal", "--date", day,
                   "--workplace", place)[0] == 0  # fmt: skip
    code, _out, err = run(
        capsys, "figures", str(demo), "--year", "2026", "--headcount", "1500",
        "--insurer", "Халық", "--insured-until", "2026-12-31",
    )  # fmt: skip
    assert code == 0, err
    shown = json.loads(run(capsys, "figures", str(demo), "--year", "2026", "--json")[1])
    assert shown["average_headcount"] == 1500 and shown["insured_until"] == "2026-12-31"
    result = json.loads(run(capsys, "indicators", str(demo), "--year", "2026", "--json")[1])
    assert round(result["indicators"]["fatal_frequency"], 3) == 1.333
    assert result["period"] == "2026" and result["targets"]["fatal_frequency"] == 0.031
    quarter = json.loads(
        run(capsys, "indicators", str(demo), "--year", "2026", "--quarter", "1", "--json")[1]
    )
    assert quarter["counts"]["fatal"] == 1
    code, out, _err = run(capsys, "--lang", "en", "indicators", str(demo), "--year", "2026")
    assert code == 0 and "fatal_frequency: 1.333" in out


def test_withdraw_needs_a_reason_and_keeps_the_event(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (place, _name, _hazard), _second = _places(demo)
    event = run(capsys, "event", "add", str(demo), "--kind", "first-aid", "--date",
                "2026-02-01", "--workplace", place)[1].strip()  # fmt: skip
    assert run(capsys, "event", "withdraw", str(demo), event)[0] == 2  # --reason is required
    assert run(capsys, "event", "withdraw", str(demo), event, "--reason", "Қате")[0] == 0
    assert run(capsys, "events", str(demo), "--json")[1].strip() == "[]"
    import sqlite3

    with sqlite3.connect(demo) as db:
        assert db.execute("SELECT deletion_reason FROM event").fetchall() == [("Қате",)]


def _journal(path: Path, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(("Журнал первичных обращений в здравпункт",))  # a title above
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_reconcile_prints_each_unmatched_visit_and_exits_1(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (place, _name, _hazard), _second = _places(demo)
    for person, number, day in (("Қасымов Әлібек Нұрланұлы", "0042", "2026-03-12"),
                                ("Иванов Иван Иванович", "0077", "2026-03-14")):  # fmt: skip
        argv = ["--kind", "first-aid", "--date", day, "--workplace", place, "--person", person]
        assert run(capsys, "event", "add", str(demo), *argv, "--personnel-no", number)[0] == 0
    journal = _journal(
        tmp_path / "visits.csv",
        [
            ("13.03.2026", "Қасымов Ә.Н.", "42", "Сол қолдың жарақаты"),  # the event's visit
            ("14.03.2026", "Өмірзақова Ғалия", "0051", "Ушиб колена"),  # hidden
            ("15.03.2026", "Сидоров С.С.", "0060", "ОРВИ"),  # not an injury
            ("вчера", "Петров П.П.", "0061", "Порез"),  # no date: left out, said so
        ],
        ("Дата обращения", "ФИО", "Табельный номер", "Диагноз"),
    )
    pdf = tmp_path / "findings.pdf"
    code, out, err = run(
        capsys, "--lang", "kk", "reconcile", str(demo), str(journal), "-o", str(pdf)
    )
    assert code == 1, err
    lines = out.splitlines()
    hidden = [line for line in lines if "2026-03-14" in line and "Иванов" not in line]
    assert len(hidden) == 1 and "Өмірзақова Ғалия" in hidden[0]
    assert [line for line in lines if "2026-03-14" in line and "Иванов" in line]  # no visit
    assert not [line for line in lines if "Қасымов" in line or "Сидоров" in line]
    assert any("вчера" in line and " 6" in line and " A" in line for line in lines)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "Өмірзақова Ғалия" in text and "Иванов Иван Иванович" in text
    assert "Қасымов" not in text
    xlsx = tmp_path / "findings.xlsx"
    assert run(capsys, "reconcile", str(demo), str(journal), "-o", str(xlsx))[0] == 1
    sheets = openpyxl.load_workbook(xlsx).worksheets
    assert [row[2] for row in sheets[1].iter_rows(min_row=2, values_only=True)] == [
        "Өмірзақова Ғалия"
    ]


def test_reconcile_exits_0_when_all_match_and_2_on_a_journal_without_a_header(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (place, _name, _hazard), _second = _places(demo)
    assert run(capsys, "event", "add", str(demo), "--kind", "lost-time", "--date", "2026-05-02",
               "--workplace", place, "--person", "Smith John")[0] == 0  # fmt: skip
    header = ("Date", "Full name", "Personnel number", "Injury")
    journal = _journal(tmp_path / "v.csv", [("2026-05-04", "SMITH J.", "", "wrist sprain")], header)
    code, out, err = run(capsys, "reconcile", str(demo), str(journal))
    assert code == 0, out + err
    bare = _journal(tmp_path / "bare.csv", [("2026-05-04", "x", "", "y")], ("a", "b", "c", "d"))
    code, _out, err = run(capsys, "reconcile", str(demo), str(bare))
    assert code == 2 and "bare.csv" in err and "Traceback" not in err


def test_reconciliation_feeds_indicator_42_until_a_late_event_answers_the_visit(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (place, _name, _hazard), _second = _places(demo)
    for person, number, day in (("Қасымов Әлібек", "0042", "2026-03-12"),
                                ("Иванов Иван", "0077", "2026-03-20")):  # fmt: skip
        argv = ["--kind", "first-aid", "--date", day, "--workplace", place, "--person", person]
        assert run(capsys, "event", "add", str(demo), *argv, "--personnel-no", number)[0] == 0
    journal = _journal(
        tmp_path / "visits.csv",
        [
            ("13.03.2026", "Қасымов Ә.", "42", "Сол қолдың жарақаты"),  # the event's visit
            ("14.03.2026", "Өмірзақова Ғалия", "0051", "Ушиб колена"),  # hidden
            ("20.03.2026", "Иванов И.", "0077", "Порез пальца"),  # the event's visit
        ],
        ("Дата обращения", "ФИО", "Табельный номер", "Диагноз"),
    )

    def indicator_42() -> tuple[int, float | None]:
        code, out, err = run(capsys, "indicators", str(demo), "--year", "2026", "--json")
        assert code == 0, err
        found = json.loads(out)
        return found["counts"]["hidden"], found["indicators"]["reported_to_hidden"]

    assert indicator_42() == (0, None)
    code, out, _err = run(capsys, "reconcile", str(demo), str(journal), "--no-record")
    assert code == 1 and indicator_42() == (0, None)  # only listed
    for kept in ("1 new", None):  # the second time the visit is known: not kept twice
        code, out, _err = run(capsys, "reconcile", str(demo), str(journal))
        assert code == 1 and (kept in out if kept else "kept" not in out)
        assert indicator_42() == (1, 2.0)  # 2 injuries recorded : 1 hidden
    late = ["--kind", "first-aid", "--date", "2026-03-15", "--workplace", place,
            "--person", "Өмірзақова Ғалия", "--personnel-no", "51"]  # fmt: skip
    assert run(capsys, "event", "add", str(demo), *late)[0] == 0
    assert indicator_42() == (0, None)  # the visit has its event now


def test_an_event_s_photos_go_to_the_attachment_store_and_a_bad_file_records_nothing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    (place, _name, _hazard), _second = _places(demo)
    photo = tmp_path / "кесек.png"
    Image.new("RGB", (40, 30), (200, 30, 30)).save(photo)
    fake = tmp_path / "акт.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a PDF at all")
    base = ["event", "add", str(demo), "--kind", "near-miss", "--date", "2026-03-12",
            "--workplace", place, "--attach"]  # fmt: skip
    code, _out, err = run(capsys, *base, str(photo), str(fake))
    assert code == 2 and "акт.pdf" in err and "Traceback" not in err
    assert run(capsys, "events", str(demo), "--json")[1].strip() == "[]"  # nothing recorded
    code, out, err = run(capsys, *base, str(photo))
    assert code == 0, err
    event = out.strip()
    code, out, _err = run(capsys, "attachments", str(demo))
    assert code == 0 and "кесек.png" in out and event in out
    extracted = tmp_path / "out"
    assert run(capsys, "attachments", str(demo), "--extract", str(extracted))[0] == 0
    assert [p.suffix for p in extracted.rglob("*") if p.is_file()] == [".png"]


def test_an_accident_journal_is_imported_once_with_each_bad_row_named(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (_place, name, _hazard), _second = _places(demo)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Журнал регистрации несчастных случаев на производстве"])
    sheet.append(["Дата происшествия", "Рабочее место", "Вид происшествия", "ФИО пострадавшего",
                  "Табельный номер", "Обстоятельства", "Дней нетрудоспособности"])  # fmt: skip
    rows = [
        ["12.01.2026", name, "Несчастный случай со смертельным исходом", "Иванов И.И.", "0077",
         "Обрушение кровли", None],
        ["15.02.2026", name, "Микрожарақат", "Қасымов Әлібек", "0042", "Саусақ кесілді", 0],
        ["20.02.2026", name, "Потенциально опасное происшествие", "", "", "Кусок породы", None],
        ["вчера", name, "Несчастный случай", "Петров П.П.", "", "", 3],  # no date
        ["01.03.2026", "Жоқ жұмыс орны", "Несчастный случай", "Сидоров", "", "", 5],
        ["02.03.2026", name, "Пожар в столовой", "", "", "", None],  # no kind named
        [f"02.03.{date.today().year + 1}", name, "Инцидент", "", "", "", None],  # future
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    path = tmp_path / "журнал.xlsx"
    book.save(path)
    code, out, err = run(capsys, "import", str(demo), str(path), "--kind", "events", "--dry-run")
    assert code == 0, err
    assert "journal rows 7: would add 3, already in the register 0, left out 4" in out
    assert run(capsys, "events", str(demo), "--json")[1].strip() == "[]"  # a dry run
    code, out, err = run(capsys, "import", str(demo), str(path), "--kind", "events")
    assert code == 0, err
    warnings = [line for line in out.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 4
    assert any("row 6, column A" in line and "вчера" in line for line in warnings)
    assert any("row 7, column B" in line and "Жоқ жұмыс орны" in line for line in warnings)
    assert any("row 8, column C" in line and "Пожар в столовой" in line for line in warnings)
    assert any("row 9" in line and "future" in line for line in warnings)
    listed = json.loads(run(capsys, "events", str(demo), "--json")[1])
    assert [(e["kind"], e["person_name"]) for e in listed] == [
        ("fatal", "Иванов И.И."),
        ("first-aid", "Қасымов Әлібек"),
        ("near-miss", ""),
    ]
    code, out, _err = run(capsys, "import", str(demo), str(path), "--kind", "events")
    assert "added 0, already in the register 3, left out 4" in out  # nothing twice
    assert len(json.loads(run(capsys, "events", str(demo), "--json")[1])) == 3


def test_an_accident_journal_s_texts_are_kept_in_the_language_import_is_told(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--lang kk`: a Kazakh text with no letter only Kazakh uses is Kazakh, as in the hazard
    import; a text whose letters say otherwise keeps its own. Without it the letters tell."""
    (_place, name, _hazard), _second = _places(demo)
    path = tmp_path / "журнал.csv"
    path.write_text(
        "Күні;Жұмыс орны;Оқиға түрі;Сипаттама\n"
        f"12.01.2026;{name};Микрожарақат;Улы газдан уланды\n"
        f"15.01.2026;{name};near miss;Rock fell from the roof\n"
        f"16.01.2026;{name};Инцидент;\n",
        encoding="utf-8-sig",
    )
    code, _out, err = run(capsys, "import", str(demo), str(path), "--kind", "events",
                          "--lang", "kk")  # fmt: skip
    assert code == 0, err
    listed = json.loads(run(capsys, "events", str(demo), "--json")[1])
    assert [(e["description"], e["lang"]) for e in listed] == [
        ("Улы газдан уланды", "kk"),  # no ә ғ қ ң ө ұ ү һ і, yet Kazakh: the officer said so
        ("Rock fell from the roof", "en"),  # Latin letters: English whatever was said
        ("", None),  # nothing written in words
    ]
    other = tmp_path / "other.wrac"
    assert run(capsys, "demo", str(other), "--workplaces", "2")[0] == 0
    code, _out, err = run(capsys, "import", str(other), str(path), "--kind", "events")
    assert code == 0, err
    listed = json.loads(run(capsys, "events", str(other), "--json")[1])
    assert [e["lang"] for e in listed] == ["ru", "en", None]  # the letters alone tell
    sheet = tmp_path / "events.xlsx"
    assert run(capsys, "events", str(demo), "-o", str(sheet))[0] == 0
    rows = list(openpyxl.load_workbook(sheet).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][-1] == "lang"  # a column added at the end: older readers keep theirs
    assert rows[1][-1] == "kk"
