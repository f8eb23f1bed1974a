"""psycopg is an extra (`wrac-desktop[server]`): without it files work and a server URL is a
clear user error naming what to install."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.cli.test_cli import run

WITHOUT_PSYCOPG = (
    "import sys; sys.modules['psycopg'] = None; from wrac_desktop.cli.main import main;"
)


def test_a_server_url_without_the_driver_is_a_user_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    code, out, err = run(capsys, "info", "postgresql+psycopg://officer:secret@127.0.0.1:1/wrac")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "psycopg" in err
    assert "pip install 'wrac-desktop[server]'" in err
    assert "secret" not in err


def test_file_registers_need_no_driver(tmp_path: Path) -> None:
    register = tmp_path / "demo.wrac"
    code = (
        WITHOUT_PSYCOPG + f"code = main(['demo', {str(register)!r}, '--workplaces', '2']);"
        f"sys.exit(code or main(['check', {str(register)!r}]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "no problems found" in done.stdout


def test_the_driver_is_an_extra_of_the_package() -> None:
    import tomllib

    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    assert not any("psycopg" in requirement for requirement in project["dependencies"])
    assert any(
        "psycopg" in requirement for requirement in project["optional-dependencies"]["server"]
    )
    assert any("psycopg" in requirement for requirement in project["optional-dependencies"]["dev"])
