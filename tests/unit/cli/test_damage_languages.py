"""Storage damage is named in the officer's language (issue 22): `wrac check --lang kk|ru`
printed «table hazard, row 1: refers to a missing workplace record» and SQLite's own English
inside a translated sentence. SQLite's words cannot be translated: they stay as a detail of a
sentence that names the file and says what the damage means."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from tests.unit.cli.test_cli import run
from tests.unit.cli.test_hostile_registers import flipped, sql


@pytest.fixture
def demo_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "2")[0] == 0
    return path


# What each language says of each damage (SQLite's own words aside).
SAID = {
    "kk": {
        "dangling": "«қауіп» жазбасы, {row}-жол: жоқ «жұмыс орны» жазбасына сілтейді",
        "dropped": "«топ мүшесі» жазбаларының кестесі жоқ",
        "index": "ix_hazard_workplace индексі жоқ",
        "pages": "файлы SQLite деректерді сақтайтын жерінде зақымдалған",
    },
    "ru": {
        "dangling": "запись «опасность», строка {row}: ссылается на отсутствующую запись "
        "«рабочее место»",
        "dropped": "таблица записей «член группы» отсутствует",
        "index": "индекс ix_hazard_workplace отсутствует",
        "pages": "повреждён на уровне хранения SQLite",
    },
}
DAMAGE = {
    "dangling": "UPDATE hazard SET workplace_id = 9999 WHERE id = (SELECT min(id) FROM hazard)",
    "dropped": "DROP TABLE team_member",
    "index": "DROP INDEX ix_hazard_workplace",
}
# English words of a damage line, and the tables' own names (hazard, workplace, team_member)
# that were shown inside kk and ru sentences: none may be left outside SQLite's quoted detail
ENGLISH = re.compile(
    r"\b(table|row|column|refers|missing|record|index|damaged|file|hazard|workplace)\b|_member"
)


def _problems(out: str) -> list[str]:
    return [line[4:] for line in out.splitlines() if line.startswith("  - ")]


def _outside_sqlite_words(line: str) -> str:
    return re.sub(r"\(SQLite[^:]*: .*\)", "", line)


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_check_names_damage_in_the_language(
    case: str,
    lang: str,
    demo_register: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sql(demo_register, DAMAGE[case])
    code, out, err = run(capsys, "--lang", lang, "check", str(demo_register))
    assert code == 1, (out, err)
    problems = _problems(out)
    assert problems, out
    row = "1"
    assert SAID[lang][case].format(row=row) in problems[0], out
    assert not any(ENGLISH.search(_outside_sqlite_words(line)) for line in problems), out


def wrong_freelist(path: Path) -> None:
    """The file's header counts free pages it does not have: SQLite's check names it."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(path.read_bytes())
    data[36:40] = (7).to_bytes(4, "big")  # the header's count of free pages
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_sqlites_check_is_a_detail_of_a_sentence_naming_the_file(
    lang: str,
    demo_register: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    wrong_freelist(demo_register)
    code, out, err = run(capsys, "--lang", lang, "check", str(demo_register))
    assert code == 1, (out, err)
    problems = _problems(out)
    assert len(problems) == 1 and demo_register.name in problems[0], out
    assert SAID[lang]["pages"] in problems[0], out
    assert "Main freelist: size is 0 but should be 7)" in problems[0], out  # SQLite's own
    assert not ENGLISH.search(_outside_sqlite_words(problems[0])), out


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_unreadable_file_is_named_in_the_language(
    lang: str,
    demo_register: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    flipped(demo_register)
    code, out, err = run(capsys, "--lang", lang, "check", str(demo_register))
    assert code == 1, (out, err)
    problems = _problems(out)
    assert problems and all(demo_register.name in line for line in problems), out
    assert all("SQLite" in line for line in problems), out
    assert not any(ENGLISH.search(_outside_sqlite_words(line)) for line in problems), out


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_opening_a_damaged_register_names_the_damage_in_the_language(
    lang: str,
    demo_register: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every command that opens the register refuses it naming the first damage (exit 2)."""
    sql(demo_register, DAMAGE["dangling"])
    code, _out, err = run(capsys, "--lang", lang, "info", str(demo_register))
    assert code == 2, err
    assert SAID[lang]["dangling"].format(row="1") in err, err
