"""The demo register: deterministic, realistic, sound, and in the language asked for."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wrac_desktop.errors import UserError
from wrac_desktop.register import open_register
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.demo import write_demo

CONTENT_TABLES = ("organisation", "org_unit", "workplace", "risk_matrix", "assessment",
                  "team_member", "hazard", "control_measure")  # fmt: skip


def content(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return {
            t: connection.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in CONTENT_TABLES
        }


def test_same_seed_gives_the_same_register(tmp_path: Path) -> None:
    write_demo(tmp_path / "a.wrac", workplaces=30, seed=7)
    write_demo(tmp_path / "b.wrac", workplaces=30, seed=7)
    write_demo(tmp_path / "c.wrac", workplaces=30, seed=8)
    assert content(tmp_path / "a.wrac") == content(tmp_path / "b.wrac")
    assert content(tmp_path / "a.wrac")["hazard"] != content(tmp_path / "c.wrac")["hazard"]


def test_demo_holds_a_whole_enterprise_and_checks_clean(tmp_path: Path) -> None:
    path = tmp_path / "demo.wrac"
    stats = write_demo(path, workplaces=40, seed=1)
    assert stats["workplaces"] == 40 and stats["hazards"] == 400
    with open_register(path) as register:
        assert check_register(register) == []
    tables = content(path)
    assert len(tables["team_member"]) == 6
    with sqlite3.connect(path) as connection:
        sites = connection.execute("SELECT count(*) FROM org_unit WHERE parent_id IS NULL")
        assert sites.fetchone()[0] == 5
        statuses = dict(
            connection.execute(
                "SELECT status, count(*) FROM control_measure WHERE kind='additional' GROUP BY 1"
            )
        )
        overdue = connection.execute(
            "SELECT count(*) FROM control_measure WHERE status IN ('planned','in_progress') "
            "AND due_date < '2026-11-24'"
        ).fetchone()[0]
        bands = {b for (b,) in connection.execute("SELECT DISTINCT initial_band FROM hazard")}
        verbatim = connection.execute(
            "SELECT count(*) FROM control_measure WHERE due_text LIKE '%квартал%'"
        ).fetchone()[0]
    assert set(statuses) == {"planned", "in_progress", "done", "verified"}
    assert overdue > 0 and verbatim > 0
    assert {"medium", "significant", "high"} <= bands


@pytest.mark.parametrize(
    ("lang", "sample"), [("kk", "Өскемен"), ("ru", "Усть-Каменогорск"), ("en", "Ust-Kamenogorsk")]
)
def test_demo_is_written_in_the_language_asked_for(tmp_path: Path, lang: str, sample: str) -> None:
    path = tmp_path / f"{lang}.wrac"
    write_demo(path, workplaces=3, seed=1, lang=lang)
    organisation = content(path)["organisation"][0]
    assert sample in str(organisation)


def test_a_failed_demo_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wrac_desktop.services import demo

    def explode(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(demo, "insert_tables", explode)
    with pytest.raises(OSError):
        write_demo(tmp_path / "x.wrac", workplaces=2)
    assert list(tmp_path.iterdir()) == []


def test_workplace_count_is_bounded(tmp_path: Path) -> None:
    for count in (0, 10_001):
        with pytest.raises(UserError):
            write_demo(tmp_path / "x.wrac", workplaces=count)
