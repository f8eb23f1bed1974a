"""One column definition per report, shared by its PDF and its XLSX writer.

A column names its heading, the value it shows and its width in each output; a width of 0
leaves it out of that output (the PDF prints a risk as "L 3 × S 5 / 15 High" in one column, the
spreadsheet as four columns a user can sort and filter). The writers differ only in how they
set a value: the PDF as text, the spreadsheet as the number or date itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, NamedTuple, TypeVar

from wrac_desktop.formatting import format_date
from wrac_desktop.reports.data import Control, PlanLine, RegisterRow, Risk
from wrac_desktop.reports.labels import label

T = TypeVar("T")


@dataclass(frozen=True)
class Column(Generic[T]):
    """A column over items of type ``T`` (a hazard's row, one of its measures, a plan item)."""

    heading: Callable[[str], str]  # language → heading
    value: Callable[[T, str], Any]  # (item, language) → text, number, date or None
    pdf_mm: float = 0.0  # width on a landscape A4 page, scaled to the page; 0: not in the PDF
    xlsx_width: int = 0  # in characters; 0: not in the spreadsheet
    colour: Callable[[T], str | None] | None = None  # the cell's background, "#RRGGBB"
    measure: bool = False  # a value of one measure: the PDF stacks a hazard's measures aligned

    def fill(self, item: T) -> str | None:
        return self.colour(item) if self.colour is not None else None


def titled(key: str, suffix_key: str = "", part: str = "") -> Callable[[str], str]:
    """A heading from the label ``key``; ``suffix_key`` or ``part`` after a colon."""

    def heading(lang: str) -> str:
        title = label(key, lang)
        if suffix_key:
            return f"{title}: {label(suffix_key, lang)}"
        return f"{title}: {part}" if part else title

    return heading


def as_text(value: Any, lang: str) -> str:
    """A value as the PDF prints it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float | int):
        return f"{value:g}"
    if isinstance(value, date):
        return format_date(value, lang)
    return str(value)


def risk_text(risk: Risk, lang: str) -> str:
    """ "L 3 × S 5" over "15 High": a risk in one PDF cell."""
    if risk.score is None:
        return ""
    lik, sev = f"{risk.likelihood:g}", f"{risk.severity:g}"
    return (
        f"{label('likelihood_short', lang)} {lik} × {label('severity_short', lang)} {sev}"
        f"\n{risk.score:g} {risk.band_name}"
    )


def control_text(control: Control, lang: str) -> str:
    return f"{control.level}: {control.text}"


class RegisterLine(NamedTuple):
    """One measure of one hazard (``control`` None: a hazard without additional measures). The
    spreadsheet writes a row per line; the PDF one row per hazard, its measures stacked."""

    row: RegisterRow
    control: Control | None


def register_lines(row: RegisterRow) -> list[RegisterLine]:
    return [RegisterLine(row, control) for control in row.additional] or [RegisterLine(row, None)]


def _risk_columns(stage: str, pdf_mm: float) -> list[Column[RegisterLine]]:
    """A risk as one PDF column and four spreadsheet columns."""

    def risk(line: RegisterLine) -> Risk:
        return line.row.initial if stage == "initial" else line.row.residual

    key = f"{stage}_risk"
    return [
        Column(titled(key, "likelihood_short"), lambda r, _l: risk(r).likelihood, xlsx_width=6),
        Column(titled(key, "severity_short"), lambda r, _l: risk(r).severity, xlsx_width=6),
        Column(
            titled(key, "result"),
            lambda r, _l: risk(r).score,
            xlsx_width=8,
            colour=lambda r: risk(r).colour,
        ),
        Column(
            titled(key),
            lambda r, _l: risk(r).band_name,
            xlsx_width=14,
            colour=lambda r: risk(r).colour,
        ),
        Column(
            titled(key),
            lambda r, lang: risk_text(risk(r), lang),
            pdf_mm=pdf_mm,
            colour=lambda r: risk(r).colour,
        ),
    ]


def _hazard(value: Callable[[RegisterRow], Any]) -> Callable[[RegisterLine, str], Any]:
    return lambda line, _lang: value(line.row)


def _measure(value: Callable[[Control, str], Any]) -> Callable[[RegisterLine, str], Any]:
    return lambda line, lang: value(line.control, lang) if line.control is not None else ""


def hazard_text(row: RegisterRow, lang: str) -> str:
    """The hazard as the PDF prints it: its group above it, then who is exposed, and a mark
    when it is a priority."""
    text = f"{row.category}:\n{row.hazard}" if row.category else row.hazard
    if row.people_exposed:
        text += f"\n{label('people_exposed', lang)}: {row.people_exposed}"
    return f"{text}\n★ {label('priority', lang)}" if row.priority else text


def event_text(row: RegisterRow, lang: str) -> str:
    """The unwanted event, then its maximum reasonable consequence."""
    if not row.consequence:
        return row.unwanted_event
    return f"{row.unwanted_event}\n→ {label('consequence', lang)}: {row.consequence}"


def _division(row: RegisterRow) -> str:
    """The divisions between the site and the workplace ("" when it sits on the site itself)."""
    return row.unit_path.partition(" › ")[2]


REGISTER: tuple[Column[RegisterLine], ...] = (
    Column(titled("no"), _hazard(lambda r: r.number), pdf_mm=7, xlsx_width=6),
    Column(titled("site"), _hazard(lambda r: r.site), xlsx_width=20),
    Column(titled("division"), _hazard(_division), xlsx_width=20),
    Column(titled("workplace"), _hazard(lambda r: r.workplace), xlsx_width=24),
    Column(titled("headcount"), _hazard(lambda r: r.headcount), xlsx_width=8),
    Column(titled("hazard_group"), _hazard(lambda r: r.category), xlsx_width=18),
    Column(titled("hazard"), _hazard(lambda r: r.hazard), xlsx_width=28),
    Column(titled("hazard"), lambda line, lang: hazard_text(line.row, lang), pdf_mm=28),
    Column(titled("causes"), _hazard(lambda r: r.causes), pdf_mm=34, xlsx_width=30),
    Column(titled("unwanted_event"), _hazard(lambda r: r.unwanted_event), xlsx_width=30),
    Column(titled("unwanted_event"), lambda line, lang: event_text(line.row, lang), pdf_mm=30),
    Column(titled("consequence"), _hazard(lambda r: r.consequence), xlsx_width=26),
    Column(titled("people_exposed"), _hazard(lambda r: r.people_exposed), xlsx_width=18),
    Column(
        titled("existing_controls"),
        _hazard(lambda r: r.existing_controls),
        pdf_mm=36,
        xlsx_width=40,
    ),
    *_risk_columns("initial", 21),
    Column(
        titled("additional_controls"),
        _measure(control_text),
        pdf_mm=37,
        xlsx_width=50,
        measure=True,
    ),
    Column(
        titled("responsible"),
        _measure(lambda c, _l: c.responsible),
        pdf_mm=20,
        xlsx_width=22,
        measure=True,
    ),
    Column(titled("due"), _measure(lambda c, _l: c.due), pdf_mm=16, xlsx_width=14, measure=True),
    Column(
        titled("status"), _measure(lambda c, _l: c.status), pdf_mm=22.5, xlsx_width=14, measure=True
    ),
    *_risk_columns("residual", 21),
    Column(titled("priority"), _hazard(lambda r: r.priority), xlsx_width=9),
    Column(lambda _lang: "UUID", _hazard(lambda r: r.uuid), xlsx_width=36),
)


class PlanItem(NamedTuple):
    """One measure of the elimination plan, numbered through the plan."""

    number: int
    workplace: str
    row: RegisterRow
    control: Control


PLAN: tuple[Column[PlanItem], ...] = (
    Column(titled("no"), lambda i, _l: i.number, pdf_mm=9, xlsx_width=6),
    Column(titled("workplace"), lambda i, _l: i.workplace, xlsx_width=24),
    Column(titled("measure"), lambda i, _l: i.control.text, pdf_mm=68, xlsx_width=50),
    Column(
        titled("completion_form"), lambda i, _l: i.control.completion_form, pdf_mm=31, xlsx_width=24
    ),
    Column(titled("executors"), lambda i, _l: i.control.responsible, pdf_mm=33, xlsx_width=24),
    Column(titled("deadline"), lambda i, _l: i.control.due, pdf_mm=24, xlsx_width=16),
    Column(titled("funding"), lambda i, _l: i.control.funding, pdf_mm=31, xlsx_width=24),
    Column(titled("hazard"), lambda i, _l: i.row.hazard, pdf_mm=40, xlsx_width=30),
    Column(
        titled("residual_risk"),
        lambda i, _l: i.row.residual.band_name,
        xlsx_width=14,
        colour=lambda i: i.row.residual.colour,
    ),
    Column(
        titled("residual_risk"),
        lambda i, lang: risk_text(i.row.residual, lang),
        pdf_mm=25,
        colour=lambda i: i.row.residual.colour,
    ),
    Column(titled("date"), lambda i, _l: i.control.due_date, xlsx_width=12),
)


def pdf_columns(columns: tuple[Column[T], ...]) -> list[Column[T]]:
    return [column for column in columns if column.pdf_mm]


def xlsx_columns(columns: tuple[Column[T], ...]) -> list[Column[T]]:
    return [column for column in columns if column.xlsx_width]


def plan_items(lines: list[PlanLine]) -> list[tuple[str, PlanItem | None]]:
    """The plan's lines numbered: (workplace, None) for a workplace heading, else an item."""
    out: list[tuple[str, PlanItem | None]] = []
    number = 0
    for line in lines:
        if line.row is None or line.control is None:
            out.append((line.workplace, None))
            continue
        number += 1
        out.append((line.workplace, PlanItem(number, line.workplace, line.row, line.control)))
    return out
