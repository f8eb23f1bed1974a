"""One column definition per report, shared by its PDF and its XLSX writer.

A column names its heading, the value it shows and its width in each output; a width of 0
leaves it out of that output (the PDF prints a risk as "L 3 × S 5 / 15 High" in one column, the
spreadsheet as four columns a user can sort and filter). The writers differ only in how they
set a value: the PDF as text, the spreadsheet as the number or date itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Generic, NamedTuple, TypeVar

from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import NC_, in_each, pair_of, projected, translated_in
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

    def one_language(lang: str, _half: int) -> str:
        title = label(key, lang)
        if suffix_key:
            return f"{title}: {label(suffix_key, lang)}"
        return f"{title}: {part}" if part else title

    def heading(lang: str) -> str:
        # each language's heading whole, then joined: "Бастапқы тәуекел: Ы" over "Исходный
        # риск: В", not each label's two languages one after the other ("…\nИсходный риск: Ы\nВ")
        return in_each(lang, one_language)

    return heading


def as_text(value: Any, lang: str) -> str:
    """A value as the PDF prints it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, Decimal):
        return format_cost(value)
    if isinstance(value, float | int):
        return f"{value:g}"
    if isinstance(value, date):
        return format_date(value, lang)
    return str(value)


def in_languages(item: T, lang: str) -> list[T]:
    """``item`` as each language of ``lang`` prints it: itself, or for a bilingual document
    its first and its second language's halves (``i18n.projected``): the PDF
    and the spreadsheet make each cell's text whole in each language."""
    if pair_of(lang) is None:
        return [item]
    return [projected(item, 0), projected(item, 1)]


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
    unit: str  # "site › division"
    workplace: str
    row: RegisterRow
    control: Control
    as_of: date  # the export date: a measure open past its deadline is overdue on it


class PlanTotal(NamedTuple):
    """The cost of a workplace's measures (``scope`` "workplace") or of the whole plan."""

    scope: str
    cost: Decimal


class PlanHeading(NamedTuple):
    """A heading across the plan: a site › division (``unit``) or a workplace under it."""

    text: str
    unit: bool


PlanEntry = PlanHeading | PlanItem | PlanTotal

# The plan's own words (context "plan", as the roadmap writes them).
PLAN_LABELS = {
    "completion_mark": NC_("plan", "Completion mark"),
    "cost": NC_("plan", "Cost, KZT"),
    "overdue": NC_("plan", "overdue on {date}"),
    "total_workplace": NC_("plan", "Total for the workplace"),
    "total_plan": NC_("plan", "Total for the plan"),
}


def plan_label(key: str, lang: str) -> str:
    return translated_in(PLAN_LABELS[key], lang)


def completion_mark(item: PlanItem, lang: str) -> str:
    """The status, with the completion date when done, or marked overdue on the export date."""
    control = item.control
    if control.done:
        return f"{control.status} {format_date(control.completed_on, lang)}".strip()
    if control.overdue_on(item.as_of):
        overdue = plan_label("overdue", lang).format(date=format_date(item.as_of, lang))
        return f"{control.status}; {overdue}"
    return control.status


def _cost(item: PlanItem, _lang: str) -> Decimal | None:
    return item.control.cost


_PLAN_MEASURE: Column[PlanItem] = Column(
    titled("measure"), lambda i, _l: i.control.text, pdf_mm=58, xlsx_width=50
)
_PLAN_COST: Column[PlanItem] = Column(
    lambda lang: plan_label("cost", lang), _cost, pdf_mm=19, xlsx_width=14
)
PLAN: tuple[Column[PlanItem], ...] = (
    Column(titled("no"), lambda i, _l: i.number, pdf_mm=8, xlsx_width=6),
    Column(titled("site"), lambda i, _l: i.unit.partition(" › ")[0], xlsx_width=20),
    Column(titled("division"), lambda i, _l: i.unit.partition(" › ")[2], xlsx_width=20),
    Column(titled("workplace"), lambda i, _l: i.workplace, xlsx_width=24),
    _PLAN_MEASURE,
    Column(
        titled("completion_form"), lambda i, _l: i.control.completion_form, pdf_mm=26, xlsx_width=24
    ),
    Column(titled("executors"), lambda i, _l: i.control.responsible, pdf_mm=28, xlsx_width=24),
    Column(titled("deadline"), lambda i, _l: i.control.due, pdf_mm=20, xlsx_width=16),
    Column(titled("funding"), lambda i, _l: i.control.funding, pdf_mm=26, xlsx_width=24),
    _PLAN_COST,
    Column(
        lambda lang: plan_label("completion_mark", lang), completion_mark, pdf_mm=26, xlsx_width=22
    ),  # fmt: skip
    Column(titled("hazard"), lambda i, _l: i.row.hazard, pdf_mm=29, xlsx_width=30),
    Column(
        titled("residual_risk"),
        lambda i, _l: i.row.residual.band_name,
        xlsx_width=14,
        colour=lambda i: i.row.residual.colour,
    ),
    Column(
        titled("residual_risk"),
        lambda i, lang: risk_text(i.row.residual, lang),
        pdf_mm=22,
        colour=lambda i: i.row.residual.colour,
    ),
    Column(titled("date"), lambda i, _l: i.control.due_date, xlsx_width=12),
)


def pdf_columns(columns: tuple[Column[T], ...]) -> list[Column[T]]:
    return [column for column in columns if column.pdf_mm]


# Where a total is printed among the plan's PDF columns: its words, and the sum.
PLAN_MEASURE_COLUMN = pdf_columns(PLAN).index(_PLAN_MEASURE)
PLAN_COST_COLUMN = pdf_columns(PLAN).index(_PLAN_COST)


def xlsx_columns(columns: tuple[Column[T], ...]) -> list[Column[T]]:
    return [column for column in columns if column.xlsx_width]


def plan_items(lines: Iterable[PlanLine], as_of: date) -> Iterator[PlanHeading | PlanItem]:
    """The plan's lines numbered: a heading for each site › division and each workplace,
    else an item."""
    number = 0
    for line in lines:
        if line.row is None or line.control is None:
            unit = not line.workplace
            yield PlanHeading(line.unit if unit else line.workplace, unit)
            continue
        number += 1
        yield PlanItem(number, line.unit, line.workplace, line.row, line.control, as_of)


def plan_entries(lines: Iterable[PlanLine], as_of: date) -> Iterator[PlanEntry]:
    """The printed plan: the headings, each workplace's items and the total of its costs;
    the plan's total at the end (totals only where a cost was entered). Made as ``lines``
    are read."""
    workplace_cost: Decimal | None = None
    plan_cost: Decimal | None = None
    for entry in plan_items(lines, as_of):
        if isinstance(entry, PlanHeading):
            yield from _total("workplace", workplace_cost)
            yield entry
            workplace_cost = None
            continue
        yield entry
        if entry.control.cost is not None:
            workplace_cost = (workplace_cost or Decimal(0)) + entry.control.cost
            plan_cost = (plan_cost or Decimal(0)) + entry.control.cost
    yield from _total("workplace", workplace_cost)
    yield from _total("plan", plan_cost)


def _total(scope: str, cost: Decimal | None) -> list[PlanEntry]:
    return [] if cost is None else [PlanTotal(scope, cost)]


def format_cost(cost: Decimal) -> str:
    """Tenge with a thin space between thousands and two decimals only when there are any:
    "1 250 000", "1 250 000,50"."""
    whole = f"{cost:,.2f}".replace(",", "\u202f").replace(".", ",")
    return whole[:-3] if whole.endswith(",00") else whole
