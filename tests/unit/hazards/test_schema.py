"""Invalid data files are rejected with a message naming the file, the entry and the field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards import DATA_DIR, load_entry_file, load_library_dir
from wrac_desktop.hazards.schema import entry_from_dict

GOOD = (DATA_DIR / "noise.toml").read_text(encoding="utf-8")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def rejected(tmp_path: Path, text: str, name: str = "noise") -> str:
    path = write(tmp_path, name, text)
    with pytest.raises(DataFileError) as error:
        load_entry_file(path)
    assert str(path) in error.value.message
    return error.value.message


def first_level(text: str) -> str:
    return text.split('level = "', 1)[1].split('"', 1)[0]


CASES: list[tuple[Callable[[str], str], str]] = [
    (lambda t: t.replace('en = "Noise"\n', "", 1), "field 'name.en' is missing"),
    (lambda t: t.replace("[description]", "[describe]"), "field 'describe' is not a known"),
    (lambda t: t.replace('energy = "acoustic"\n', ""), "field 'energy' must be one of"),
    (
        lambda t: t.replace(f'level = "{first_level(t)}"', 'level = "prayer"', 1),
        "field 'controls[0].level' must be a hierarchy level; got 'prayer'",
    ),
    (
        lambda t: t.replace("suggested_severity = 3", "suggested_severity = 9"),
        "field 'suggested_severity' must be a whole number from 1 to 5; got 9",
    ),
    (
        lambda t: t.replace("suggested_severity = 3", 'suggested_severity = "3"'),
        "field 'suggested_severity'",
    ),
    (lambda t: t.replace('gost_group = "physical"', 'gost_group = "cosmic"'), "'gost_group'"),
    (lambda t: t.replace('gost_kind = "harmful"', 'gost_kind = "mild"'), "'gost_kind'"),
    (lambda t: t.replace("roadmap = [26]", "roadmap = [99]"), "field 'roadmap'"),
    (lambda t: t.replace('industries = ["', 'industries = ["moon", "'), "'industries'"),
    (lambda t: "sevrity = 3\n" + t, "field 'sevrity' is not a known field"),
    (lambda t: t + 'comment = "x"\n', "field 'controls["),
    (lambda t: t.replace("[[causes]]", "[[consequences]]"), "'causes' needs at least one item"),
]


@pytest.mark.parametrize(("change", "message"), CASES)
def test_invalid_entries_name_file_entry_and_field(
    tmp_path: Path, change: Callable[[str], str], message: str
) -> None:
    text = rejected(tmp_path, change(GOOD))
    assert message in text and "entry 'noise'" in text


def test_a_bad_id_is_named_as_written(tmp_path: Path) -> None:
    text = rejected(tmp_path, GOOD.replace('id = "noise"', 'id = "Noise!"'))
    assert "entry 'Noise!': field 'id' must be lower-case letters" in text


def test_a_toml_syntax_error_names_the_file(tmp_path: Path) -> None:
    assert "not valid TOML" in rejected(tmp_path, GOOD.replace("[name]", "[name\n"))


def test_an_entry_must_live_in_a_file_of_its_name(tmp_path: Path) -> None:
    write(tmp_path, "loud", GOOD)
    with pytest.raises(DataFileError, match="entry 'noise': the id must match the file name"):
        load_library_dir(tmp_path)


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="no such folder"):
        load_library_dir(tmp_path / "nowhere")


def test_built_in_files_are_named_relative_to_the_package(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as error:
        entry_from_dict({"id": "co_gas"}, "hazards/data/co_gas.toml")
    assert error.value.message.startswith("hazards/data/co_gas.toml, entry 'co_gas': field")
    from wrac_desktop.hazards.schema import display_path

    assert display_path(DATA_DIR / "noise.toml") == "hazards/data/noise.toml"
    assert display_path(tmp_path / "x.toml") == str(tmp_path / "x.toml")


def test_from_dict_accepts_what_to_dict_writes() -> None:
    entry = load_entry_file(DATA_DIR / "toxic_gas_co.toml")
    assert entry_from_dict(entry.to_dict(), "round trip") == entry


def test_from_dict_rejects_a_non_table() -> None:
    with pytest.raises(DataFileError, match="register entry x, entry '\\?'"):
        entry_from_dict(["not", "a", "table"], "register entry x")
