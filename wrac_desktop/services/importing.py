"""Import of existing Excel/CSV worksheets into the register (issue 6).

``open_source`` opens the file and finds its header in its first rows; ``make_plan`` plans
the first rows for a preview; ``import_source`` streams the whole sheet through: a chunk of
rows is planned, matched against the register by content (so the same file imported twice
adds nothing the second time) and, unless it is a dry run, written, all in the caller's one
transaction. Memory stays that of a chunk whatever the sheet's length (issue 22): 100,000
hazards' register imports in what 10,000 took.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import _
from wrac_desktop.importing.headers import Header, detect_header, header_at
from wrac_desktop.importing.mapping import Mapping, apply_mapping, read_mapping
from wrac_desktop.importing.plan import (
    ImportPlan,
    ImportWarning,
    Outcome,
    PlannedHazard,
    PlannedMeasure,
)
from wrac_desktop.importing.reading import HEADER_SCAN_ROWS, ImportFileError, SheetRows, Workbook
from wrac_desktop.importing.rows import plan_chunks
from wrac_desktop.importing.seen import Seen, digest
from wrac_desktop.languages import TEXT_LANGUAGES
from wrac_desktop.persistence import import_rows
from wrac_desktop.persistence.audit import Actor, record_event
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.persistence.translations import TRANSLATED_FIELDS
from wrac_desktop.register import Register
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.services import hazards as hazard_service
from wrac_desktop.services import import_languages
from wrac_desktop.services.assessments import current_assessment
from wrac_desktop.services.import_languages import LibraryTexts
from wrac_desktop.services.import_places import Places
from wrac_desktop.services.library import register_library
from wrac_desktop.services.matrices import matrix_of
from wrac_desktop.services.measures import status_fields
from wrac_desktop.services.organisation import the_organisation
from wrac_desktop.text import fold
from wrac_desktop.vocabulary import MeasureKind, MeasureStatus

ProgressStep = Callable[[int, int], None]
_RATING_COLUMNS = ("likelihood", "severity", "exposure", "score", "band", "override_band",
                   "override_reason")  # fmt: skip


@dataclass
class Source:
    """A sheet opened from a file, its header, and the register matrix its ratings go on."""

    path: Path
    sheet: SheetRows
    header: Header
    matrix: Matrix


def open_source(
    session: Session, path: Path, sheet: str | None = None, mapping: Mapping | None = None
) -> Source:
    """Open ``path`` and find its header (or take it from ``mapping``)."""
    matrix = matrix_of(_assessment(session).matrix)
    wanted = sheet or (mapping.sheet if mapping else None)
    read = _read(path, wanted)
    if not read.head:
        raise ImportFileError(
            _("{path}, sheet “{sheet}”: the sheet is empty").format(path=path, sheet=read.name)
        )
    header = _header(read, path, mapping)
    return Source(path, read, header, matrix)


def make_plan(source: Source, header: Header | None = None, rows: int = 200) -> ImportPlan:
    """The plan of the first ``rows`` data rows, their hazards kept: a preview."""
    plan = _new_plan(source, header)
    for chunk in plan_chunks(plan, source.matrix, _data_rows(source, plan.header, rows)):
        plan.hazards.extend(chunk)
    return plan


def import_source(
    session: Session,
    source: Source,
    header: Header | None = None,
    *,
    dry: bool = False,
    progress: ProgressStep | None = None,
    text_lang: str | None = None,
) -> ImportPlan:
    """Plan the whole sheet and add what the register lacks (``dry``: only count it), in the
    caller's transaction; ``progress`` (bytes of the sheet read, of all) may cancel."""
    plan = _new_plan(source, header)
    plan.text_lang = text_lang
    writer = _Writer(session, plan, write=not dry)
    for chunk in plan_chunks(plan, source.matrix, _data_rows(source, plan.header, None)):
        if progress is not None:
            progress(source.sheet.done, source.sheet.total)
        writer.add(chunk)
    plan.outcome = writer.finish()
    if progress is not None:
        progress(source.sheet.total, source.sheet.total)
    return plan


def import_worksheet(
    register: Register,
    path: Path,
    *,
    sheet: str | None = None,
    mapping_file: Path | None = None,
    dry: bool = False,
    progress: ProgressStep | None = None,
    text_lang: str | None = None,
) -> ImportPlan:
    """Open, plan and (unless ``dry``) apply an import in one transaction; ``text_lang`` is the
    language of the file's texts (None: each cell's letters tell)."""
    mapping = read_mapping(mapping_file) if mapping_file is not None else None
    with register.uow.reading() as session:
        source = open_source(session, path, sheet, mapping)
    unit = register.uow.reading() if dry else register.uow.transaction()
    with unit as session:
        return import_source(session, source, dry=dry, progress=progress, text_lang=text_lang)


def _new_plan(source: Source, header: Header | None) -> ImportPlan:
    return ImportPlan(path=source.path, sheet=source.sheet.name, header=header or source.header)


def _data_rows(source: Source, header: Header, rows: int | None) -> Iterator[tuple[Any, ...]]:
    """The rows below the header, the first ``rows`` of them if given."""
    limit = header.last_row + rows if rows is not None else None
    return islice(source.sheet.rows(limit), header.last_row, None)


def _assessment(session: Session) -> Assessment:
    assessment = current_assessment(session)
    if assessment is None or the_organisation(session) is None:
        raise UserError(
            _("the register has no organisation or assessment yet; set it up in the app first")
        )
    return assessment


def _read(path: Path, wanted: str | None) -> SheetRows:
    """The sheet asked for, else the first whose first rows hold a header."""
    book = Workbook(path)
    if wanted is not None or len(book.names) == 1:
        return book.sheet(wanted)
    for name in book.names:
        sheet = book.sheet(name)
        if detect_header(sheet.head) is not None:
            return sheet
    return book.sheet(book.names[0])


def _header(sheet: SheetRows, path: Path, mapping: Mapping | None) -> Header:
    if mapping is not None and mapping.header_row is not None:
        header: Header | None = header_at(_rows_to(sheet, mapping.header_row), mapping.header_row)
    else:
        header = detect_header(sheet.head)
    if header is None:
        raise ImportFileError(
            _(
                "{path}, sheet “{sheet}”: no recognisable header in the first {rows} rows; "
                "expected columns such as Hazard / Опасность / Қауіп or Measure / "
                "Мероприятие / Іс-шара (or give a mapping file)"
            ).format(path=path, sheet=sheet.name, rows=HEADER_SCAN_ROWS)
        )
    if mapping is not None:
        header = apply_mapping(header, mapping.columns, mapping.source or path)
    if not header.usable:
        raise ImportFileError(
            _("{path}, sheet “{sheet}”: no column is mapped to a hazard or a measure").format(
                path=path, sheet=sheet.name
            )
        )
    return header


def _rows_to(sheet: SheetRows, row_number: int) -> list[tuple[Any, ...]]:
    """The rows down to ``row_number`` (a mapping file may name one below the first 30)."""
    return sheet.head if row_number <= len(sheet.head) else list(sheet.rows(row_number))


class _Writer:
    """Matches each chunk of planned hazards against the register, and when writing inserts
    what it lacks. Of the register's hazards and those written, a hash of each hazard's key
    is held (``seen.Seen``); measures are read for the chunk's matched hazards only, and
    each workplace's hazards the first time a chunk names it: memory does not grow with the
    sheet, and no row is read twice however the sheet orders its workplaces."""

    def __init__(self, session: Session, plan: ImportPlan, *, write: bool) -> None:
        self.session, self.plan, self.write = session, plan, write
        self.assessment = _assessment(session)
        organisation = the_organisation(session)
        assert organisation is not None  # _assessment checked it
        self.places = Places(session, organisation, write=write)
        self.outcome = Outcome()
        self.new_ids = {
            table: import_rows.new_ids(session, table, reserve=write)
            for table in ("hazard", "control_measure")
        }
        self.hazard_order = import_rows.hazard_counts(session, self.assessment.id)
        # hash of (workplace id, folded hazard, folded event) → (hazard id, hash of its rating
        # in the register; 0 for one this import adds)
        self.hazards = Seen(2)
        self.workplaces_read: set[int] = set()
        self.ratings: dict[tuple[Any, ...], SimpleNamespace] = {}
        self.library = LibraryTexts(register_library(session))
        self.languages = _Languages(session, self.assessment, self.library, plan.text_lang)
        self._start_chunk()

    def _start_chunk(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {"hazard": [], "control_measure": []}
        self.measures: dict[int, set[str]] = {}  # hazard id → its measures' folded texts
        self.measure_order: Counter[int] = Counter()
        self.hazard_entries: dict[int, str | None] = {}  # a new hazard's library entry

    def add(self, planned: list[PlannedHazard]) -> None:
        """Match (and when writing, insert) one chunk of planned hazards."""
        workplaces = [self.places.workplace_id(hazard) for hazard in planned]
        self._read_hazards(workplaces)
        pairs = zip(planned, workplaces, strict=True)
        ids = [self._hazard(hazard, workplace) for hazard, workplace in pairs]
        self._read_measures([hazard_id for hazard_id in ids if hazard_id not in self.measures])
        for hazard, hazard_id in zip(planned, ids, strict=True):
            for measure in hazard.measures:
                self._measure(measure, hazard_id)
        new_workplaces = self.places.take_new_workplaces()
        seconds = {
            text: second for hazard in planned for text, second in hazard.second_texts.items()
        }
        names = [row["name"] for row in new_workplaces] + self.places.take_new_unit_names()
        translations = self.languages.chunk(names, self.rows, seconds)
        if self.write and (new_workplaces or any(self.rows.values()) or translations):
            self._insert({"workplace": new_workplaces, **self.rows,
                          "text_translation": translations})  # fmt: skip
        self._start_chunk()

    def finish(self) -> Outcome:
        self.outcome.sites = self.places.created_units
        self.outcome.workplaces = self.places.created_workplaces
        self.languages.count_into(self.outcome)
        if self.write and not self.outcome.adds_nothing:
            counts = asdict(self.outcome) | {"file": str(self.plan.path), "sheet": self.plan.sheet}
            record_event(
                self.session,
                "import",
                f"imported {self.plan.path.name} ({self.plan.sheet}): {self.outcome.hazards} "
                f"hazards, {self.outcome.measures} measures",
                counts,
            )
        return self.outcome

    def _read_hazards(self, workplaces: list[int]) -> None:
        """The register's hazards at the workplaces no earlier chunk named (a stand-in's,
        negative, has none)."""
        fresh = {workplace for workplace in workplaces if workplace > 0} - self.workplaces_read
        self.workplaces_read |= fresh
        for hazard_id, workplace_id, text, event, rating in import_rows.hazards_at(
            self.session, self.assessment.id, fresh
        ):
            key = digest((workplace_id, fold(text), fold(event)))
            self.hazards.set_default(key, hazard_id, hash(rating) or 1)

    def _read_measures(self, hazard_ids: list[int]) -> None:
        """The measures of the chunk's hazards found in the register (or written before)."""
        for hazard_id in hazard_ids:
            self.measures[hazard_id] = set()
        for hazard_id, text in import_rows.measures_of(self.session, hazard_ids):
            self.measures[hazard_id].add(fold(text))
            self.measure_order[hazard_id] += 1

    def _hazard(self, planned: PlannedHazard, workplace_id: int) -> int:
        """The planned hazard's id: the register's, or a new one's."""
        key = digest((workplace_id, *planned.key))
        found = self.hazards.get(key)
        if found is not None:
            hazard_id, rating = found
            if not planned.repeat:
                self.outcome.hazards_present += 1
                self._compare_rating(planned, rating)
            return hazard_id
        hazard_id = next(self.new_ids["hazard"])
        self.hazards.set_default(key, hazard_id, 0)
        self.measures[hazard_id] = set()
        row = self._hazard_row(planned, hazard_id, workplace_id)
        self.rows["hazard"].append(row)
        self.hazard_entries[hazard_id] = row["library_id"]
        # A dry run's stand-in for a hazard planned in an earlier chunk is no new one
        self.outcome.hazards += 0 if planned.repeat and not self.write else 1
        return hazard_id

    def _compare_rating(self, planned: PlannedHazard, held: int) -> None:
        """A hazard already in the register keeps its rating; a different one is reported
        (``held``: its rating's hash, 0 for a hazard this import adds)."""
        given = (*planned.initial, *planned.residual)
        if not held or all(value is None for value in given) or (hash(given) or 1) == held:
            return
        self.plan.warnings.append(
            ImportWarning(
                self.plan.sheet,
                planned.row,
                None,
                _(
                    "this hazard is already in the register with another rating; the register's "
                    "rating is kept"
                ),
            )  # fmt: skip
        )

    def _measure(self, measure: PlannedMeasure, hazard_id: int) -> None:
        texts = self.measures[hazard_id]
        if measure.key in texts:
            self.outcome.measures_present += 1
            return
        texts.add(measure.key)
        self.rows["control_measure"].append(self._measure_row(measure, hazard_id))
        self.outcome.measures += 1

    def _hazard_row(self, planned: PlannedHazard, hazard_id: int, workplace_id: int) -> dict:
        rated = self._rated(planned)
        texts = {key: planned.texts.get(key, "") for key in _HAZARD_TEXTS}
        self.hazard_order[workplace_id] += 1
        return {
            "id": hazard_id,
            "uuid": uuid.uuid4(),
            "assessment_id": self.assessment.id,
            "workplace_id": workplace_id,
            "library_id": self.library.entry_id(planned.description),
            "description": planned.description,
            **texts,
            **{name: getattr(rated, name) for name in _RATED_NAMES},
            "priority": bool(rated.priority),
            "sort_order": self.hazard_order[workplace_id] - 1,
        }

    def _rated(self, planned: PlannedHazard) -> SimpleNamespace:
        """The rating columns as ``services.hazards.rate`` sets them on a hazard."""
        key = (planned.initial, planned.residual, planned.priority)
        if key not in self.ratings:  # a sheet has few distinct ratings: compute each once
            self.ratings[key] = self._rate(planned)
        return self.ratings[key]

    def _rate(self, planned: PlannedHazard) -> SimpleNamespace:
        rated = SimpleNamespace(
            **dict.fromkeys(_RATED_NAMES), priority=planned.priority, assessment=self.assessment
        )
        for stage, inputs in (("initial", planned.initial), ("residual", planned.residual)):
            if any(value is not None for value in inputs):
                hazard_service.rate(rated, stage, *inputs)  # type: ignore[arg-type]
        return rated

    def _measure_row(self, measure: PlannedMeasure, hazard_id: int) -> dict:
        self.measure_order[hazard_id] += 1
        return {
            "id": next(self.new_ids["control_measure"]),
            "uuid": uuid.uuid4(),
            "hazard_id": hazard_id,
            "level": measure.level.value,
            "kind": MeasureKind.ADDITIONAL.value,
            "description": measure.description,
            "responsible": measure.responsible,
            "responsible_name": measure.responsible_name,
            "due_text": measure.due_text,
            "due_date": measure.due_date,
            **_status_fields(measure),
            "cost": measure.cost,
            "funding_source": measure.funding_source,
            "completion_form": measure.completion_form,
            "sort_order": self.measure_order[hazard_id] - 1,
            "library_id": self.library.control_entry(
                self.hazard_entries.get(hazard_id), measure.description
            ),
        }

    def _insert(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        actor = self.session.info.get("actor") or Actor("", "")
        import_rows.insert_records(self.session, actor, rows)


class _Languages:
    """The languages of the import's new texts, a chunk at a time (``import_languages``): each
    distinct text counted once, its translation row written with the first chunk naming it."""

    def __init__(
        self, session: Session, assessment: Assessment, library: LibraryTexts, lang: str | None
    ) -> None:
        self.assessment, self.library, self.lang = assessment, library, lang
        self.known = import_languages.known_texts(session, assessment)
        self.seen = Seen(width=0)  # digests of the texts counted, as the rows' are (seen.py)
        self.counts: Counter[str] = Counter()
        self.from_library = 0

    def chunk(
        self,
        names: list[str],
        records: dict[str, list[dict[str, Any]]],
        seconds: dict[str, str],
    ) -> list[dict[str, Any]]:
        """The chunk's texts counted (``names``: of its new workplaces, sites and divisions);
        the translation rows of those not seen before (``seconds``: a bilingual sheet's texts
        in its second language, by the first's)."""
        texts = {name.strip() for name in names}
        for table, rows in records.items():
            fields = TRANSLATED_FIELDS[table]
            texts.update((row[name] or "").strip() for row in rows for name in fields)
        new = [text for text in texts if text and self._first_time(text)]
        found = import_languages.text_languages(new, self.known, self.library, self.lang, seconds)
        self.counts.update(found.counts)
        self.from_library += found.from_library
        return import_languages.new_rows(self.assessment, found)

    def _first_time(self, text: str) -> bool:
        """Whether ``text`` is met for the first time in the import (remembered now)."""
        key = digest(text)
        if key in self.seen:
            return False
        self.seen.set_default(key)
        return True

    def count_into(self, outcome: Outcome) -> None:
        for lang in TEXT_LANGUAGES:
            setattr(outcome, f"texts_{lang}", self.counts[lang])
        outcome.texts_from_library = self.from_library


def _status_fields(measure: PlannedMeasure) -> dict[str, Any]:
    """The status a file gives (done without a date: done today, as the editor marks it), else
    done when a completion date is given, else planned."""
    done = measure.completed_on is not None
    status = measure.status or (MeasureStatus.DONE if done else MeasureStatus.PLANNED)
    return status_fields(SimpleNamespace(completed_on=measure.completed_on), status)  # type: ignore[arg-type]


_HAZARD_TEXTS = ("category", "unwanted_event", "causes", "people_exposed", "consequence",
                 "existing_controls", "notes")  # fmt: skip
_RATED_NAMES = tuple(
    f"{stage}_{name}" for stage in ("initial", "residual") for name in _RATING_COLUMNS
)
