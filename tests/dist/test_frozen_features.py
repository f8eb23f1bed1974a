"""The features whose libraries the bundle trims near: signing (pyHanko, cryptography, lxml)
and shared registers on a PostgreSQL server (psycopg's own libpq and OpenSSL)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.dist.conftest import Run
from tests.unit.cli.test_approval_cli import PASSWORD, make_key

SIGNER = "Нұрланова Әйгерім"  # the common name make_key gives the throwaway certificate


@pytest.fixture
def approved(frozen: Run, home: Path) -> Path:
    assert frozen("demo", "site.wrac", "--workplaces", "3").returncode == 0
    result = frozen(
        "approve", "site.wrac", "--by", "Серікбаев Қ.", "--position", "Бас инженер",
        "--date", "2026-03-20",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return home / "site.wrac"


def test_a_signed_pdf_verifies_and_a_changed_byte_is_caught(
    frozen: Run, approved: Path, home: Path
) -> None:
    key = make_key(home / "officer.p12")
    (home / "password.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    result = frozen(
        "export", str(approved), "--report", "register", "--format", "pdf", "--lang", "kk",
        "-o", "signed.pdf", "--sign", str(key), "--password-file", "password.txt",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    result = frozen("verify", str(approved), "signed.pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    assert SIGNER in result.stdout and "intact" in result.stdout
    signed = home / "signed.pdf"
    content = bytearray(signed.read_bytes())
    position = content.index(b"/Producer")
    content[position + 1 : position + 2] = b"Q"  # one byte inside the signed range
    signed.write_bytes(bytes(content))
    result = frozen("verify", str(approved), "signed.pdf")
    assert result.returncode == 1 and "signature does not match" in result.stdout


def test_a_wrong_key_password_is_a_clear_error(frozen: Run, approved: Path, home: Path) -> None:
    key = make_key(home / "officer.p12")
    result = frozen(
        "export", str(approved), "--report", "register", "--format", "pdf", "-o", "x.pdf",
        "--sign", str(key), env={"WRAC_KEY_PASSWORD": "not it"},
    )  # fmt: skip
    assert result.returncode == 2 and "wrong password" in result.stderr
    assert "Traceback" not in result.stderr and not (home / "x.pdf").exists()


@pytest.mark.postgres
@pytest.mark.skipif(sys.platform != "linux", reason="tests/pg_server.py starts a Unix server")
def test_a_register_on_a_postgresql_server(
    frozen: Run, new_database: Callable[[], str], home: Path
) -> None:
    """postgresql+psycopg:// URLs work frozen: psycopg's C driver, libpq, SQLAlchemy's dialect
    and the migrations, over the network (the server listens on 127.0.0.1)."""
    url = new_database()
    result = frozen("demo", url, "--workplaces", "3", network=True)
    assert result.returncode == 0, result.stderr
    result = frozen("check", url, network=True)
    assert result.returncode == 0 and "no problems found" in result.stdout, result.stderr
    result = frozen("info", url, "--json", network=True)
    assert result.returncode == 0 and json.loads(result.stdout), result.stderr
    result = frozen(
        "export", url, "--report", "register", "--format", "xlsx", "-o", "server.xlsx",
        network=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (home / "server.xlsx").stat().st_size > 0


@pytest.mark.postgres
def test_an_unreachable_server_is_a_clear_error(frozen: Run) -> None:
    result = frozen("check", "postgresql+psycopg://x@127.0.0.1:1/db")
    assert result.returncode == 2, result.stderr
    assert "cannot reach the database server" in result.stderr
    assert "Traceback" not in result.stderr
