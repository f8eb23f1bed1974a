"""Import of existing Excel/CSV worksheets into the register (issue 6).

``open_source`` reads the file and finds its header; ``make_plan`` turns the rows into
planned hazards and measures with every warning; ``dry_run`` says what applying would add
and ``apply_plan`` adds it, all in the caller's one transaction, matched by content so that
the same file imported twice adds nothing the second time.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
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
from wrac_desktop.importing.reading import (
    HEADER_SCAN_ROWS,
    ImportFileError,
    Sheet,
    read_sheet,
    sheet_names,
)
from wrac_desktop.importing.rows import build_plan
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
from wrac_desktop.services.organisation import the_organisation
from wrac_desktop.vocabulary import MeasureKind, MeasureStatus

ProgressStep = Callable[[int, int], None]
_RATING_COLUMNS = ("likelihood", "severity", "exposure", "score", "band", "override_band",
                   "override_reason")  # fmt: skip


@dataclass
class Source:
    """A sheet read from a file, its header, and the register matrix its ratings go on."""

    path: Path
    sheet: Sheet
    header: Header
    matrix: Matrix


def open_source(
    session: Session, path: Path, sheet: str | None = None, mapping: Mapping | None = None
) -> Source:
    """Read ``path`` and find its header (or take it from ``mapping``)."""
    matrix = matrix_of(_assessment(session).matrix)
    wanted = sheet or (mapping.sheet if mapping else None)
    read = _read(path, wanted)
    if not read.rows:
        raise ImportFileError(
            _("{path}, sheet “{sheet}”: the sheet is empty").format(path=path, sheet=read.name)
        )
    header = _header(read, path, mapping)
    return Source(path, read, header, matrix)


def make_plan(source: Source, header: Header | None = None, rows: int | None = None) -> ImportPlan:
    """The plan for the whole sheet, or its first ``rows`` data rows (for a preview)."""
    header = header or source.header
    sheet = source.sheet
    if rows is not None:
        sheet = Sheet(sheet.name, sheet.rows[: header.last_row + rows])
    return build_plan(source.path, sheet, header, source.matrix)


def dry_run(session: Session, plan: ImportPlan) -> Outcome:
    """What applying ``plan`` would add now; nothing is written."""
    plan.outcome = _Writer(session, plan, write=False).run(None)
    return plan.outcome


def apply_plan(session: Session, plan: ImportPlan, progress: ProgressStep | None = None) -> Outcome:
    """Add what the register lacks, in the caller's transaction; ``progress`` may cancel."""
    plan.outcome = _Writer(session, plan, write=True).run(progress)
    return plan.outcome


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
    """Read, plan and (unless ``dry``) apply an import in one transaction; ``text_lang`` is the
    language of the file's texts (None: each cell's letters tell)."""
    mapping = read_mapping(mapping_file) if mapping_file is not None else None
    with register.uow.reading() as session:
        plan = make_plan(open_source(session, path, sheet, mapping))
    plan.text_lang = text_lang
    if dry:
        with register.uow.reading() as session:
            dry_run(session, plan)
    else:
        with register.uow.transaction() as session:
            apply_plan(session, plan, progress)
    return plan


def _assessment(session: Session) -> Assessment:
    assessment = current_assessment(session)
    if assessment is None or the_organisation(session) is None:
        raise UserError(
            _("the register has no organisation or assessment yet; set it up in the app first")
        )
    return assessment


def _read(path: Path, wanted: str | None) -> Sheet:
    """The sheet asked for, else the first whose first rows hold a header."""
    names = sheet_names(path)
    if wanted is not None or len(names) == 1:
        return read_sheet(path, wanted)
    for name in names:
        if detect_header(read_sheet(path, name, limit=HEADER_SCAN_ROWS).rows) is not None:
            return read_sheet(path, name)
    return read_sheet(path, names[0])


def _header(sheet: Sheet, path: Path, mapping: Mapping | None) -> Header:
    if mapping is not None and mapping.header_row is not None:
        header: Header | None = header_at(sheet.rows, mapping.header_row)
    else:
        header = detect_header(sheet.rows)
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


class _Writer:
    """Walks the plan once: matches every record, and when writing creates the missing ones."""

    def __init__(self, session: Session, plan: ImportPlan, *, write: bool) -> None:
        self.session, self.plan, self.write = session, plan, write
        self.assessment = _assessment(session)
        organisation = the_organisation(session)
        assert organisation is not None  # _assessment checked it
        self.places = Places(session, organisation, self.assessment, write=write)
        self.outcome = Outcome()
        self.rows: dict[str, list[dict[str, Any]]] = {"hazard": [], "control_measure": []}
        self.new_ids = {
            table: import_rows.new_ids(session, table, reserve=write) for table in self.rows
        }
        self.hazard_order = Counter(key[0] for key in self.places.hazards)
        self.ratings: dict[tuple[Any, ...], SimpleNamespace] = {}
        self.measure_order = Counter(hazard_id for hazard_id, _text in self.places.measures)
        self.hazard_entries: dict[int, str | None] = {}  # a new hazard's library entry
        self.library = LibraryTexts(register_library(session))

    def run(self, progress: ProgressStep | None) -> Outcome:
        total = len(self.plan.hazards)
        for done, planned in enumerate(self.plan.hazards):
            if progress is not None and done % 250 == 0:
                progress(done, total)
            self._hazard(planned)
        self.outcome.sites = self.places.created_units
        self.outcome.workplaces = self.places.created_workplaces
        languages = self._languages()
        if self.write and not self.outcome.adds_nothing:
            self._commit_rows(import_languages.new_rows(self.assessment, languages))
        if progress is not None:
            progress(total, total)
        return self.outcome

    def _hazard(self, planned: PlannedHazard) -> None:
        workplace_id = self.places.workplace_id(planned)
        key = (workplace_id, *planned.key)
        hazard_id = self.places.hazards.get(key)
        if hazard_id is None:
            hazard_id = self._new_id("hazard")
            self.places.hazards[key] = hazard_id
            row = self._hazard_row(planned, hazard_id, workplace_id)
            self.rows["hazard"].append(row)
            self.hazard_entries[hazard_id] = row["library_id"]
            self.outcome.hazards += 1
        else:
            self.outcome.hazards_present += 1
            self._compare_rating(planned, hazard_id)
        for measure in planned.measures:
            self._measure(measure, hazard_id)

    def _compare_rating(self, planned: PlannedHazard, hazard_id: int) -> None:
        """A hazard already in the register keeps its rating; a different one is reported."""
        held = self.places.ratings.get(hazard_id)
        given = (*planned.initial, *planned.residual)
        if held is None or all(value is None for value in given) or given == held:
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
        key = (hazard_id, measure.key)
        if key in self.places.measures:
            self.outcome.measures_present += 1
            return
        self.places.measures.add(key)
        self.rows["control_measure"].append(self._measure_row(measure, hazard_id))
        self.outcome.measures += 1

    def _new_id(self, table: str) -> int:
        return next(self.new_ids[table])

    def _languages(self) -> import_languages.TextLanguages:
        """The new records' texts' languages, counted in the outcome (``import_languages``)."""
        texts = [row["name"] for row in self.places.new_workplaces]
        for table, records in self.rows.items():
            fields = TRANSLATED_FIELDS[table]
            texts.extend(row[name] or "" for row in records for name in fields)
        known = import_languages.known_texts(self.session, self.assessment)
        found = import_languages.text_languages(texts, known, self.library, self.plan.text_lang)
        for lang in TEXT_LANGUAGES:
            setattr(self.outcome, f"texts_{lang}", found.counts[lang])
        self.outcome.texts_from_library = found.from_library
        return found

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
        done = measure.completed_on is not None
        return {
            "id": self._new_id("control_measure"),
            "uuid": uuid.uuid4(),
            "hazard_id": hazard_id,
            "level": measure.level.value,
            "kind": MeasureKind.ADDITIONAL.value,
            "description": measure.description,
            "responsible": measure.responsible,
            "responsible_name": measure.responsible_name,
            "due_text": measure.due_text,
            "due_date": measure.due_date,
            "status": (MeasureStatus.DONE if done else MeasureStatus.PLANNED).value,
            "completed_on": measure.completed_on,
            "cost": measure.cost,
            "funding_source": measure.funding_source,
            "completion_form": measure.completion_form,
            "sort_order": self.measure_order[hazard_id] - 1,
            "library_id": self.library.control_entry(
                self.hazard_entries.get(hazard_id), measure.description
            ),
        }

    def _commit_rows(self, translations: list[dict[str, Any]]) -> None:
        actor = self.session.info.get("actor") or Actor("", "")
        rows = {"workplace": self.places.new_workplaces, **self.rows}
        rows["text_translation"] = translations
        import_rows.insert_records(self.session, actor, rows)
        counts = asdict(self.outcome) | {"file": str(self.plan.path), "sheet": self.plan.sheet}
        record_event(
            self.session,
            "import",
            f"imported {self.plan.path.name} ({self.plan.sheet}): {self.outcome.hazards} "
            f"hazards, {self.outcome.measures} measures",
            counts,
        )


_HAZARD_TEXTS = ("category", "unwanted_event", "causes", "people_exposed", "consequence",
                 "existing_controls", "notes")  # fmt: skip
_RATED_NAMES = tuple(
    f"{stage}_{name}" for stage in ("initial", "residual") for name in _RATING_COLUMNS
)
