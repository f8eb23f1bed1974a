"""Issue 23 item 14: library and mapping files are checked before and while they are read.

Whatever a file holds — too large, endless, nested 100,000 deep, not UTF-8, any JSON shape —
`wrac library import` and `wrac import --mapping` exit 0 or 2, never 3, and name the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Sample
from tests.unit.cli.test_cli import run
from tests.unit.importing.worksheets import english_worksheet
from wrac_desktop.register import Register

Registered = tuple[Register, Sample]

HOSTILE = {
    "huge": None,  # a sparse file over the limit, made below
    "deep": "[" * 100_000 + "]" * 100_000,
    "deep_object": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "latin1": '{"format": "wrac-hazard-library", "entries": ["\xe9"]}',
    "nul": "\x00" * 100,
    "empty": "",
}


@pytest.fixture
def register_file(sample_register: Registered) -> Path:
    register, _ids = sample_register
    register.close()
    return Path(register.location)


def hostile_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.json"
    if kind == "huge":
        with path.open("wb") as stream:
            stream.truncate(300 * 1024 * 1024)  # sparse: costs no disk
    else:
        path.write_bytes(HOSTILE[kind].encode("latin-1" if kind == "latin1" else "utf-8"))
    return path


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_library_files_exit_2_naming_the_file(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = hostile_file(tmp_path, kind)
    code, _out, err = run(capsys, "library", "import", str(register_file), str(path))
    assert code == 2 and str(path) in err and "internal error" not in err


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_mapping_files_exit_2_naming_the_file(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = hostile_file(tmp_path, kind)
    worksheet = english_worksheet(tmp_path / "en.xlsx")
    code, _out, err = run(
        capsys, "import", str(register_file), str(worksheet), "--mapping", str(path)
    )
    assert code == 2 and str(path) in err and "internal error" not in err


def test_a_syntax_error_is_placed_by_line_and_column(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "map.json"
    path.write_text('{"columns":\n  {"A": "hazard",}}', encoding="utf-8")
    worksheet = english_worksheet(tmp_path / "en.xlsx")
    code, _out, err = run(
        capsys, "import", str(register_file), str(worksheet), "--mapping", str(path)
    )
    assert code == 2 and "line 2, column" in err


def test_a_wrong_column_value_names_the_column(
    register_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "map.json"
    path.write_text('{"columns": {"B": ["hazard"]}}', encoding="utf-8")
    worksheet = english_worksheet(tmp_path / "en.xlsx")
    code, _out, err = run(
        capsys, "import", str(register_file), str(worksheet), "--mapping", str(path)
    )
    assert code == 2 and "column “B”" in err


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
LIBRARY_KEYS = ("id", "energy", "gost_group", "gost_kind", "suggested_severity", "name", "controls")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    entry=st.dictionaries(st.sampled_from(LIBRARY_KEYS), JSON, max_size=7),
    mapping=st.dictionaries(st.sampled_from(("sheet", "header_row", "columns")), JSON),
)
def test_any_json_shape_is_accepted_or_refused_cleanly(
    register_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    entry: dict[str, object],
    mapping: dict[str, object],
) -> None:
    library = tmp_path / "lib.json"
    document = {"format": "wrac-hazard-library", "version": 1, "entries": [entry]}
    library.write_text(json.dumps(document), encoding="utf-8")
    code, _out, err = run(capsys, "library", "import", str(register_file), str(library))
    assert code in (0, 2) and "internal error" not in err
    path = tmp_path / "map.json"
    path.write_text(json.dumps(mapping), encoding="utf-8")
    worksheet = tmp_path / "en.xlsx"
    if not worksheet.exists():
        english_worksheet(worksheet)
    code, _out, err = run(
        capsys, "import", str(register_file), str(worksheet), "--mapping", str(path), "--dry-run"
    )
    assert code in (0, 2) and "internal error" not in err
