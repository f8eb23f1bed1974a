"""`wrac event add`, `events`, `figures`, `indicators`: the command-line contract (issue 18)."""

from __future__ import annotations

import csv
import json
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


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"--date": "2999-01-01"}, "future"),
        ({"--workplace": "Жоқ"}, "no workplace"),
        ({"--hazard": "00000000-0000-0000-0000-000000000001"}, "no hazard"),
        ({"--hazard": "OTHER"}, "another workplace"),
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
