"""`wrac organisation`: the organisation's printed details shown and changed from a script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli.test_cli import run
from wrac_desktop.register import open_register
from wrac_desktop.services.organisation import the_organisation


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "2")[0] == 0
    return path


def test_shows_the_details_the_documents_print(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "organisation", str(demo), "--json")
    assert code == 0
    details = json.loads(out)
    assert details["oked"] == "07290" and details["kato"] == "631010000"
    assert details["commission_order"] and details["commission_order_on"] == "2026-02-10"


def test_changes_the_new_fields_and_keeps_the_others(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys, "organisation", str(demo), "--oked", "24430", "--kato", "631010000",
        "--order-number", "12-Ө", "--order-date", "2026-11-30", "--address", "Өскемен",
    )  # fmt: skip
    assert code == 0, err
    with open_register(demo, read_only=True) as register, register.uow.reading() as session:
        org = the_organisation(session)
        assert org is not None
        assert (org.oked, org.commission_order, org.address) == ("24430", "12-Ө", "Өскемен")
        assert org.commission_order_on is not None and org.commission_order_on.day == 30
        assert org.legal_name  # untouched


@pytest.mark.parametrize(
    "args",
    [("--bin", "123"), ("--legal-name", "  "), ("--order-date", "30.11.2026")],
)
def test_bad_values_are_user_errors_and_change_nothing(
    demo: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, str]
) -> None:
    before = run(capsys, "organisation", str(demo), "--json")[1]
    code, _out, err = run(capsys, "organisation", str(demo), *args)
    assert code == 2 and err.strip()
    assert run(capsys, "organisation", str(demo), "--json")[1] == before


def test_an_approved_revision_keeps_what_it_printed(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(capsys, "approve", str(demo), "--by", "Ахметов Е.", "--position", "Бас инженер")[0] == 0
    )
    code, _out, err = run(capsys, "organisation", str(demo), "--oked", "99999")
    assert code == 2 and "new revision" in err
    assert run(capsys, "revise", str(demo))[0] == 0
    assert run(capsys, "organisation", str(demo), "--oked", "99999")[0] == 0
