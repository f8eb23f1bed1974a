"""Issue 5's checklist items that the other report tests do not cover: the plan's grouping and
order, workplaces that share a name, A3 pages, the signature and acknowledgement pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from wrac_desktop.persistence.models import Workplace
from wrac_desktop.register import open_register
from wrac_desktop.reports.data import rank
from wrac_desktop.reports.summary import summary_record
from wrac_desktop.services.demo import write_demo
from wrac_desktop.services.exporting import export, render
from wrac_desktop.services.report_data import build_report_data


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("audit") / "demo.wrac"
    write_demo(path, workplaces=6, seed=3, lang="ru")
    return path


def _twin_workplaces(demo: Path, tmp_path: Path) -> Path:
    """A copy in which a workplace of another site is named like the first workplace."""
    copy = tmp_path / "twins.wrac"
    shutil.copy(demo, copy)
    with open_register(copy) as register, register.uow.transaction() as session:
        workplaces = session.query(Workplace).order_by(Workplace.id).all()
        first = workplaces[0]
        other = next(w for w in workplaces if w.unit_id != first.unit_id)
        other.name = first.name
    return copy


def test_plan_groups_by_site_and_division_then_workplace_highest_risk_first(demo: Path) -> None:
    with open_register(demo, read_only=True) as register, register.uow.reading() as session:
        data = build_report_data(session, "ru")
        data.rows = list(data.rows)  # read while the session is open
    groups = data.plan_groups()
    units = list(dict.fromkeys(group.unit for group in groups))
    in_register = list(dict.fromkeys(row.unit_path for row in data.rows if row.additional))
    assert len(units) > 1 and units == in_register  # the register's order of sites, divisions
    assert [g.unit for g in groups] == sorted((g.unit for g in groups), key=units.index)
    for unit in units:
        tops = [max(rank(row) for row in g.rows) for g in groups if g.unit == unit]
        assert tops == sorted(tops, reverse=True)
    for group in groups:
        ranks = [rank(row) for row in group.rows]
        assert ranks == sorted(ranks, reverse=True) and all(row.additional for row in group.rows)
        assert len({row.workplace_uuid for row in group.rows}) == 1


def test_plan_lines_put_each_workplace_under_its_site_and_division(demo: Path) -> None:
    with open_register(demo, read_only=True) as register, register.uow.reading() as session:
        lines = build_report_data(session, "ru").plan_lines()
    unit_headings = [line.unit for line in lines if not line.workplace]
    assert unit_headings == list(dict.fromkeys(line.unit for line in lines))  # each once
    assert all(" › " in unit for unit in unit_headings)
    current = None
    for line in lines:
        if not line.workplace:
            current = line.unit
        assert line.unit == current  # every line sits under its own heading


def test_workplaces_sharing_a_name_stay_apart(demo: Path, tmp_path: Path) -> None:
    twins = _twin_workplaces(demo, tmp_path)
    with open_register(twins, read_only=True) as register, register.uow.reading() as session:
        data = build_report_data(session, "ru")
        data.rows = list(data.rows)  # read while the session is open
        record = summary_record(data, data.generated_on)
    groups = data.plan_groups()
    assert len(groups) == len({row.workplace_uuid for row in data.rows if row.additional})
    named = {(group.unit, group.workplace) for group in groups}
    assert len(named) == len(groups)  # told apart by the site and division they are under
    assert len({group.workplace for group in groups}) < len(groups)  # the twins are there
    assert record["workplaces_assessed"] == record["workplaces_total"] == 6


def _pdf_page_size(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert found is not None
    return float(found.group(1)), float(found.group(2))


@pytest.mark.parametrize(("page", "size"), [("A4", (842, 595)), ("A3", (1191, 842))])
def test_register_is_landscape_on_the_page_size_asked_for(
    demo: Path, tmp_path: Path, page: str, size: tuple[int, int]
) -> None:
    out = tmp_path / f"register-{page}.pdf"
    with open_register(demo, read_only=True) as register:
        export(register, "register", "pdf", "kk", out, page=page)
    width, height = _pdf_page_size(out)
    assert (round(width), round(height)) == size


def test_signature_page_has_qr_code_and_acknowledgement_sheet(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.pdf"
    with open_register(demo, read_only=True) as register:
        export(register, "register", "pdf", "en", out)
        with register.uow.reading() as session:
            fingerprint = build_report_data(session, "en").fingerprint
    pages = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")[:-1]
    signature = next(i for i, page in enumerate(pages) if "risk assessment commission" in page)
    assert fingerprint in pages[signature].replace("\n", "").replace(" ", "")
    sheets = pages[signature + 1 :]  # then a sheet per workplace, to the last page
    assert len(sheets) == 6 and all("Workers' acknowledgement sheet" in s for s in sheets)
    # The QR code is drawn as many small filled squares on the signature page.
    raw = subprocess.run(
        ["pdftocairo", "-svg", "-f", str(signature + 1), "-l", str(signature + 1), str(out), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert raw.count("<path") > 200


def test_bad_page_size_is_a_user_error(demo: Path) -> None:
    from wrac_desktop.errors import UserError

    with (
        open_register(demo, read_only=True) as register,
        register.uow.reading() as session,
        pytest.raises(UserError, match="A4 or A3"),
    ):
        render(session, "register", "pdf", "en", page="Letter")


class _Cancelled(Exception):
    pass


@pytest.mark.parametrize("cancel_at", [1, 2])
def test_cancel_during_an_export_writes_nothing(demo: Path, tmp_path: Path, cancel_at: int) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == cancel_at:
            raise _Cancelled

    out = tmp_path / "register.pdf"
    with open_register(demo, read_only=True) as register, pytest.raises(_Cancelled):
        export(register, "register", "pdf", "en", out, progress=progress)
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert seen[-1] == (cancel_at, 3)


def test_export_reports_every_stage(demo: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    with open_register(demo, read_only=True) as register:
        export(
            register,
            "plan",
            "xlsx",
            "ru",
            tmp_path / "plan.xlsx",
            progress=lambda *s: seen.append(s),
        )
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
