"""`wrac` on a register server: every command takes a database URL where it takes a path."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.pg_server import PASSWORD, QUOTED_PASSWORD, ThrowawayServer
from tests.unit.cli.test_cli import run

pytestmark = pytest.mark.postgres


def test_init_demo_check_info_and_export_on_a_server(
    new_database: Callable[[], str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = new_database()
    code, out, err = run(capsys, "init", url)
    assert (code, err) == (0, "") and "created an empty register" in out
    code, _out, err = run(capsys, "demo", url, "--workplaces", "4")
    assert code == 2 and "already holds a register; use --force" in err
    code, out, _err = run(capsys, "demo", url, "--workplaces", "4", "--force")
    assert code == 0 and "40 hazards" in out
    code, out, _err = run(capsys, "check", url)
    assert code == 0 and "no problems found" in out
    code, out, _err = run(capsys, "info", url, "--json")
    assert code == 0 and json.loads(out)
    target = tmp_path / "register.pdf"
    code, _out, err = run(
        capsys, "export", url, "--report", "register", "--format", "pdf", "--lang", "kk",
        "-o", str(target),
    )  # fmt: skip
    assert (code, err) == (0, "") and target.read_bytes().startswith(b"%PDF")
    printed = "".join(capsys.readouterr()) + out
    assert PASSWORD not in printed and QUOTED_PASSWORD not in printed


def test_check_finds_problems_on_a_server_too(
    new_database: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    url = new_database()
    assert run(capsys, "demo", url, "--workplaces", "2")[0] == 0
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE hazard SET initial_score = 99 WHERE id = 1")
    engine.dispose()
    code, out, _err = run(capsys, "check", url)
    assert code == 1 and "does not match its inputs" in out


@pytest.mark.parametrize(
    ("make_url", "message"),
    [
        (lambda s: s.url("postgres", password="wrong"), "wrong user name or password"),
        (lambda s: s.url("missing_db"), "database missing_db does not exist"),
        (lambda s: "postgresql+psycopg://x@127.0.0.1:1/db", "cannot reach the database server"),
        (lambda s: s.url("postgres"), "holds no register yet"),
    ],
)
def test_server_problems_are_one_line_user_errors(
    postgres_server: ThrowawayServer,
    capsys: pytest.CaptureFixture[str],
    make_url: Callable[[ThrowawayServer], str],
    message: str,
) -> None:
    for command in ("check", "info"):
        code, out, err = run(capsys, command, make_url(postgres_server))
        assert code == 2, err
        assert message in err and err.count("\n") == 1 and "Traceback" not in err
        assert "wrong" not in err.split("refused")[0] and QUOTED_PASSWORD not in err


def test_approval_lifecycle_on_a_server(
    new_database: Callable[[], str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """approve, export, verify, revise, diff and audit take a URL where they take a path."""
    url = new_database()
    assert run(capsys, "demo", url, "--workplaces", "2")[0] == 0
    code, out, err = run(capsys, "approve", url, "--by", "Ә. Сейітқали", "--position", "Директор")
    assert (code, err) == (0, "") and "approved revision 1" in out
    report = tmp_path / "approved.pdf"
    code, _out, err = run(
        capsys, "export", url, "--report", "register", "--format", "pdf", "--lang", "kk",
        "-o", str(report),
    )  # fmt: skip
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "verify", url, str(report))
    assert code == 0, out + err
    code, out, _err = run(capsys, "revise", url)
    assert code == 0 and "started draft revision 2" in out
    code, out, _err = run(capsys, "diff", url, "--from", "1", "--to", "2")
    assert code == 0 and "revision 1 → 2:" in out and "Approved by Ә. Сейітқали → —" in out
    trail = tmp_path / "audit.csv"
    code, out, _err = run(capsys, "audit", url, "-o", str(trail))
    assert code == 0 and trail.read_text(encoding="utf-8-sig").count("\n") > 10

    engine = create_engine(url)
    with engine.begin() as connection:  # tamper with the approved revision behind our back
        connection.exec_driver_sql(
            "UPDATE hazard SET description = 'changed' WHERE id = (SELECT min(id) FROM hazard)"
        )
    engine.dispose()
    code, out, _err = run(capsys, "verify", url, str(report), "--revision", "1")
    assert code == 1, out
