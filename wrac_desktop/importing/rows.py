"""Turning a sheet's data rows into planned hazards and measures, with their warnings.

Worksheets merge a workplace's cell over all its hazards and a hazard's over all its
measures; a merged cell reads as empty below its first row, so those values carry down. A
row with only measure columns filled adds a measure to the hazard above it.

The rows stream through: hazards are handed on a chunk at a time, and of the hazards and rows
handed on only a 128-bit digest is kept (of a hazard's place and texts, of a row's cells, in
``seen.Seen``), to tell a later repeat of them; at 150,000 rows that is a few megabytes
where the rows and hazards themselves took hundreds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from wrac_desktop.domain.due_dates import is_unreadable_due
from wrac_desktop.i18n import _
from wrac_desktop.importing import values
from wrac_desktop.importing.columns import MULTI_COLUMN
from wrac_desktop.importing.headers import Column, is_numbering_row, language_halves
from wrac_desktop.importing.plan import (
    HAZARD_TEXTS,
    ImportPlan,
    ImportWarning,
    PlannedHazard,
    PlannedMeasure,
    Rating,
)
from wrac_desktop.importing.ratings import RatingProblem, RatingReader
from wrac_desktop.importing.seen import Seen, digest
from wrac_desktop.importing.xlsx_stream import Flagged
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.vocabulary import ControlLevel, MeasureStatus

T = TypeVar("T")
CHUNK_HAZARDS = 1000  # hazards handed on at a time
_PLACES = ("site", "division", "workplace")
_HAZARD_OWN = ("hazard", "unwanted_event", "likelihood", "severity", "exposure", "score", "band")
_WARN_IF_NUMBER = frozenset({"hazard", "unwanted_event", "measure", "workplace", "site"})
_TEXT_FIELDS = frozenset(
    {*_PLACES, "hazard", "measure", "responsible", "responsible_name", "completion_form",
     "funding_source",
     *HAZARD_TEXTS}
)  # fmt: skip


class RowSkipped(Exception):
    def __init__(self, column: str | None, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def plan_chunks(
    plan: ImportPlan, matrix: Matrix, rows: Iterable[tuple[Any, ...]]
) -> Iterator[list[PlannedHazard]]:
    """The hazards of the data rows (``rows`` from the one below ``plan.header``), a chunk at a
    time; counts and warnings go to ``plan``. The register is not consulted."""
    return _RowReader(plan, matrix).chunks(rows, plan.header.last_row + 1)


class _RowReader:
    def __init__(self, plan: ImportPlan, matrix: Matrix) -> None:
        self.plan = plan
        self.columns = [column for column in plan.header.columns if column.field]
        self.mapped = {column.field for column in self.columns}
        self.ratings = RatingReader(matrix, plan.sheet, plan.warnings)
        self.place = ("", "", "")
        self.hazard: PlannedHazard | None = None
        self.by_key: dict[tuple[Any, ...], PlannedHazard] = {}  # this chunk's hazards
        self.pending: list[PlannedHazard] = []
        self.handed_on = Seen(2)  # digest of (place, key) → (row, hash of its rating)
        self.seen_rows = Seen(1)  # digest of a row's cells → its number
        self.default_workplace = values.without_controls(plan.sheet)[0]
        self.level_assumed = 0  # measures with no level in a column or before their text
        self.executor_joined = "responsible_name" not in self.mapped
        self.bilingual = plan.header.bilingual
        self.seconds: dict[str, str] = {}  # a bilingual row's texts → their second language's

    def chunks(
        self, rows: Iterable[tuple[Any, ...]], first_number: int
    ) -> Iterator[list[PlannedHazard]]:
        for offset, row in enumerate(rows):
            number = first_number + offset
            if offset == 0 and is_numbering_row(row):
                continue
            cells = self._cells(row)
            if not any(value not in (None, "") for _column, value in cells):
                continue
            self.plan.rows_read += 1
            try:
                self._row(number, cells)
                if self.hazard is not None and self.seconds:
                    self.hazard.second_texts.update(self.seconds)
            except RowSkipped as skipped:
                self.plan.rows_skipped += 1
                self._warn(number, skipped.column, skipped.message, skipped=True)
            self.seconds = {}
            if len(self.pending) > CHUNK_HAZARDS:
                yield self._hand_on(keep=self.hazard)
        if self.level_assumed:
            self._warn(
                None, None, _("no hierarchy-level column: measures imported as administrative")
            )
        yield self._hand_on(keep=None)

    def _hand_on(self, keep: PlannedHazard | None) -> list[PlannedHazard]:
        """The chunk's hazards but ``keep`` (the rows below may still add measures to it)."""
        done = [hazard for hazard in self.pending if hazard is not keep]
        self.pending = [keep] if keep is not None else []
        for hazard in done:
            key = _key(hazard)
            self.by_key.pop(key, None)
            self.handed_on.set_default(digest(key), hazard.row, _rating_hash(hazard))
        return done

    def _cells(self, row: tuple[Any, ...]) -> list[tuple[Column, Any]]:
        return [
            (column, row[column.index] if column.index < len(row) else None)
            for column in self.columns
        ]

    def _row(self, number: int, cells: list[tuple[Column, Any]]) -> None:
        raw = self._clean(number, cells)
        # The same cells again, whatever the running number says, is a duplicate row.
        signature = digest(tuple(value for column, value in cells if column.field != "number"))
        earlier = self.seen_rows.get(signature)
        if earlier is not None:
            raise RowSkipped(None, _("the same as row {row}; left out").format(row=earlier[0]))
        self.seen_rows.set_default(signature, number)
        texts = self._texts(number, raw)
        self._carry_place(texts)
        if not self._starts_hazard(texts, raw) and self.hazard is not None:
            if not texts.get("measure"):  # e.g. a responsible person with no measure to own
                raise RowSkipped(None, _("no hazard and no measure in this row; left out"))
            self._add_measure(self.hazard, number, texts, raw)
            return
        hazard = self._hazard(number, texts, raw)
        if texts.get("measure"):
            self._add_measure(hazard, number, texts, raw)

    def _clean(self, number: int, cells: list[tuple[Column, Any]]) -> dict[str, Any]:
        """Field → value: over-long cells skip the row, error values read as empty."""
        raw: dict[str, Any] = {}
        for column, value in cells:
            assert column.field is not None
            try:
                values.checked_length(value)
            except values.CellError as error:
                raise RowSkipped(column.letter, error.message) from error
            if isinstance(value, Flagged):
                self._warn(number, column.letter, value.message)
                continue
            if values.is_error_value(value):
                self._warn(
                    number,
                    column.letter,
                    _("error value {value} read as empty").format(value=value),
                )
                continue
            if value in (None, ""):
                continue
            if isinstance(value, str):
                value = self._without_controls(number, column, value)
                if self.bilingual:
                    value = self._first_language(value)
            if column.field in MULTI_COLUMN and column.field in raw:
                raw[column.field] = [*raw[column.field], (column, value)]
            elif column.field in MULTI_COLUMN:
                raw[column.field] = [(column, value)]
            else:
                raw[column.field] = (column, value)
        return raw

    def _first_language(self, value: str) -> str:
        """A bilingual cell's first language's text; its second's remembered for it."""
        halves = language_halves(value)
        if halves is None:
            return value  # cannot be halved: kept whole
        first, second = (half.strip() for half in halves)
        if second and second != first:
            self.seconds[first] = second
        return halves[0]

    def _without_controls(self, number: int, column: Column, value: str) -> str:
        cleaned, removed = values.without_controls(value)
        if removed:
            self._warn(
                number,
                column.letter,
                _("control characters removed ({count}); Excel files cannot hold them").format(
                    count=removed
                ),
            )
        cleaned, removed = values.without_direction_overrides(cleaned)
        if removed:
            self._warn(
                number,
                column.letter,
                _(
                    "direction-override characters removed ({count}); they make a text show "
                    "in another order than it is written"
                ).format(count=removed),
            )
        return cleaned

    def _texts(self, number: int, raw: dict[str, Any]) -> dict[str, str]:
        texts: dict[str, str] = {}
        for key in _TEXT_FIELDS & raw.keys():
            column, value = raw[key]
            text, note = values.as_text(value)
            if note and key in _WARN_IF_NUMBER:
                self._warn(number, column.letter, note)
            texts[key] = text
        return texts

    def _carry_place(self, texts: dict[str, str]) -> None:
        site, division, workplace = (texts.get(key, "") for key in _PLACES)
        if site and site != self.place[0]:
            self.place = (site, "", "")
        if division and division != self.place[1]:
            self.place = (self.place[0], division, "")
        if workplace:
            self.place = (self.place[0], self.place[1], workplace)

    def _starts_hazard(self, texts: dict[str, str], raw: dict[str, Any]) -> bool:
        return any(key in raw for key in _HAZARD_OWN) or (
            self.hazard is None or self._place() != self.hazard.place
        )

    def _place(self) -> tuple[str, str, str]:
        site, division, workplace = self.place
        return site, division, workplace or division or site or self.default_workplace

    def _hazard(self, number: int, texts: dict[str, str], raw: dict[str, Any]) -> PlannedHazard:
        description = texts.get("hazard") or self._carried_description()
        if not description:
            raise RowSkipped(None, _("no hazard text and no hazard above it; left out"))
        try:
            initial = self.ratings.read(number, raw, "")
            residual = self.ratings.read(number, raw, "residual_")
        except RatingProblem as problem:
            raise RowSkipped(problem.column, problem.message) from problem
        hazard = PlannedHazard(
            row=number,
            place=self._place(),
            description=description,
            texts=_hazard_texts(texts),
            initial=initial,
            residual=residual,
            priority="priority" in raw and values.as_flag(raw["priority"][1]),
            headcount=values.as_count(raw["headcount"][1]) if "headcount" in raw else None,
        )
        return self._merged(number, hazard)

    def _carried_description(self) -> str:
        if self.hazard is not None and self.hazard.place == self._place():
            return self.hazard.description
        return "" if "hazard" in self.mapped else _("Plan of measures")

    def _merged(self, number: int, hazard: PlannedHazard) -> PlannedHazard:
        key = _key(hazard)
        earlier = self.by_key.get(key)
        handed_on = self.handed_on.get(digest(key))
        if handed_on is not None:  # planned in an earlier chunk: its row and rating
            first_row, rating = handed_on
        elif earlier is not None:
            first_row, rating = earlier.row, _rating_hash(earlier)
        else:
            self.plan.hazard_count += 1
            self._keep(key, hazard)
            return hazard
        if earlier is None:
            earlier = replace(hazard, row=first_row, measures=[], repeat=True)
            self._keep(key, earlier)
        if _rated(hazard) and rating != _rating_hash(hazard):
            self._warn(
                number,
                None,
                _(
                    "repeats the hazard of row {row} with another rating; row {row}'s is kept"
                ).format(row=first_row),
            )
        self.hazard = earlier
        return earlier

    def _keep(self, key: tuple[Any, ...], hazard: PlannedHazard) -> None:
        self.by_key[key] = hazard
        self.pending.append(hazard)
        self.hazard = hazard

    def _add_measure(
        self, hazard: PlannedHazard, number: int, texts: dict[str, str], raw: dict[str, Any]
    ) -> None:
        level, description = self._control_level(number, raw, texts["measure"])
        second = self.seconds.get(texts["measure"])
        if second and description != texts["measure"]:  # "Жою: …" over "Исключение: …"
            self.seconds[description] = second.partition(": ")[2].strip() or second
        responsible, name = texts.get("responsible", ""), texts.get("responsible_name", "")
        if self.executor_joined:  # "position, name" in one cell, as the register prints it
            second = self.seconds.get(responsible)
            responsible, name = values.split_executor(responsible)
            if second:  # the position in the second language too
                self.seconds[responsible] = values.split_executor(second)[0]
        measure = PlannedMeasure(
            row=number,
            description=description,
            level=level,
            responsible=responsible,
            responsible_name=name,
            completion_form=texts.get("completion_form", ""),
            funding_source=texts.get("funding_source", ""),
            status=self._status(number, raw),
        )
        if "due" in raw:
            measure.due_text, measure.due_date = values.as_due(raw["due"][1])
            if is_unreadable_due(measure.due_text):
                self._warn(number, raw["due"][0].letter, values.unreadable_due(measure.due_text))
        if "completed_on" in raw:
            measure.completed_on = values.as_date(raw["completed_on"][1])
        if "cost" in raw:
            measure.cost = self._cost(number, raw["cost"])
        if any(existing.key == measure.key for existing in hazard.measures):
            self._warn(
                number, None, _("the same measure is already listed for this hazard; left out")
            )
            return
        hazard.measures.append(measure)
        self.plan.measure_count += 1

    def _control_level(
        self, number: int, raw: dict[str, Any], text: str
    ) -> tuple[ControlLevel, str]:
        """The measure's level, and its text without the level the register's own export
        writes before it ("Elimination: …") when no column gives the level."""
        if "level" in raw:
            return self._level_in_column(number, raw), text
        level, rest = values.leading_level(text)
        if level is not None:
            return level, rest
        self.level_assumed += 1
        return ControlLevel.ADMINISTRATIVE, text

    def _level_in_column(self, number: int, raw: dict[str, Any]) -> ControlLevel:
        level = self._read(
            number, raw["level"], values.as_control_level,
            _("“{value}” is no level of the hierarchy of controls; administrative assumed"),
        )  # fmt: skip
        return level or ControlLevel.ADMINISTRATIVE

    def _status(self, number: int, raw: dict[str, Any]) -> MeasureStatus | None:
        if "status" not in raw:
            return None
        return self._read(
            number, raw["status"], values.as_status,
            _("“{value}” is no status of a measure; planned assumed"),
        )  # fmt: skip

    def _read(
        self, number: int, cell: tuple[Column, Any], read: Callable[[Any], T | None], unread: str
    ) -> T | None:
        """``read`` of a cell's value; None, with the warning ``unread``, if it reads none."""
        column, value = cell
        found = read(value)
        if found is None:
            self._warn(number, column.letter, unread.format(value=value))
        return found

    def _cost(self, number: int, cell: tuple[Column, Any]) -> Any:
        try:
            return values.as_cost(cell[1])
        except values.CellError as error:
            self._warn(number, cell[0].letter, error.message)
            return None

    def _warn(
        self, row: int | None, column: str | None, message: str, *, skipped: bool = False
    ) -> None:
        self.plan.warnings.append(ImportWarning(self.plan.sheet, row, column, message, skipped))


def _hazard_texts(texts: dict[str, str]) -> dict[str, str]:
    kept = {key: texts[key] for key in HAZARD_TEXTS if texts.get(key)}
    if "category" in kept:
        kept["category"] = values.as_category(kept["category"])
    return kept


def _key(hazard: PlannedHazard) -> tuple[Any, ...]:
    return hazard.place_key, hazard.key


def _rating_hash(hazard: PlannedHazard) -> int:
    return hash((hazard.initial, hazard.residual))


def _rated(hazard: PlannedHazard) -> bool:
    empty: Rating = (None, None, None)
    return hazard.initial != empty or hazard.residual != empty
