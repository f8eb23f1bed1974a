"""One hazard as the detail panel shows and edits it: read models and id-based commands.

The rules live here, not in the widget: a hazard keeps a description, a measure is checked
whole (description, level, kind, status, cost) before anything is written, and each edit of a
record the user saw at some row version refuses to overwrite another user's change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from wrac_desktop.errors import ValidationError
from wrac_desktop.formatting import executor
from wrac_desktop.hazards.model import ControlTemplate
from wrac_desktop.i18n import _, current_language
from wrac_desktop.languages import Translations, stored_text
from wrac_desktop.persistence import translations as translation_rows
from wrac_desktop.persistence.models import ControlMeasure, Hazard
from wrac_desktop.risk.matrix import Matrix
from wrac_desktop.risk.rating import StoredRating
from wrac_desktop.services import (
    editing,
    hazards,
    library,
    measures,
    reassessment,
    record_texts,
    translations,
)
from wrac_desktop.services.hazards import Stage
from wrac_desktop.services.record_texts import FieldTexts
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.vocabulary import ControlLevel, MeasureKind, MeasureStatus

# The hazard's free-text fields the panel edits, in the order it shows them.
TEXT_FIELDS = (
    "description",
    "unwanted_event",
    "causes",
    "people_exposed",
    "consequence",
    "existing_controls",
    "notes",
)
EDITABLE_FIELDS = frozenset((*TEXT_FIELDS, "category"))


@dataclass(frozen=True)
class MeasureLine:
    """One row of the panel's measure table, in the words of the current language."""

    id: int
    description: str
    level_and_kind: str
    responsible: str
    due: str
    status: str

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.description, self.level_and_kind, self.responsible, self.due, self.status)


@dataclass(frozen=True)
class HazardDetail:
    """Everything the panel shows of one hazard, read in one go."""

    id: int
    workplace: str
    category: str
    texts: dict[str, str]
    matrix: Matrix
    initial: StoredRating
    residual: StoredRating
    relies_on_weak_controls: bool
    measures: tuple[MeasureLine, ...]
    library_id: str | None
    row_version: int
    # The printed texts in every language (issue 16): ``texts`` shows them in ``lang``.
    languages: Mapping[str, FieldTexts] = field(default_factory=dict)
    lang: str = "ru"

    @property
    def residual_above_initial(self) -> bool:
        """The residual risk rated higher than the initial one: controls lower a risk, so this
        is a slip of the mouse or an override to look at again (issue 19, defect 8)."""
        initial, residual = self.initial, self.residual
        if initial.computed is None or residual.computed is None:
            return False
        ranks = [band.key for band in self.matrix.bands]
        before, after = initial.effective_band, residual.effective_band
        if before in ranks and after in ranks and ranks.index(after) != ranks.index(before):
            return ranks.index(after) > ranks.index(before)
        return residual.computed.score > initial.computed.score


@dataclass(frozen=True)
class MeasureDraft:
    """A control measure as the officer fills it in (texts as typed; checked by ``validate``)."""

    description: str
    level: str = ControlLevel.ENGINEERING.value
    kind: str = MeasureKind.ADDITIONAL.value
    responsible: str = ""  # the position
    due: str = ""
    status: str = MeasureStatus.PLANNED.value
    completed_on: date | None = None
    cost: str = ""
    funding_source: str = ""
    completion_form: str = ""
    responsible_name: str = ""
    # The description in every language when it comes from the library (a suggested control):
    # stored as the text's translations, so every printing has it in its own language.
    translations: Mapping[str, str] = field(default_factory=dict, compare=False)
    # The library entry it was suggested by: a later library update refreshes its text.
    library_id: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class StoredMeasure:
    """A measure as stored, to fill the edit dialog; ``row_version`` as shown to the user.
    The draft's texts are in ``lang``; ``languages`` has them in every language."""

    id: int
    draft: MeasureDraft
    row_version: int
    languages: Mapping[str, FieldTexts] = field(default_factory=dict)
    lang: str = "ru"


MEASURE_TEXTS = ("description", "responsible", "funding_source", "completion_form")


def hazard_detail(work: Work, hazard_id: int, lang: str | None = None) -> HazardDetail | None:
    """The hazard, or None when it is gone (deleted, or another revision is current). Its
    texts are in ``lang`` (default the interface's): "" where a translation is missing."""
    session = session_of(work)
    hazard = session.get(Hazard, hazard_id)
    if hazard is None:
        return None
    lang = lang or current_language()
    matrix = hazards.hazard_matrix(hazard)
    languages = record_texts.field_texts(session, hazard, TRANSLATED_HAZARD_TEXTS)
    texts = {name: getattr(hazard, name) or "" for name in TEXT_FIELDS}
    texts |= {name: text.values[lang] for name, text in languages.items()}
    sources = [hazard.workplace.name]
    sources += [text for m in hazard.measures for text in (m.description, m.responsible)]
    known = Translations(translation_rows.rows_for(session, hazard.assessment_id, sources))

    def shown(source: str) -> str:  # a missing translation: the text in its fallback
        return known.printed(source, lang).text

    return HazardDetail(
        id=hazard.id,
        workplace=shown(hazard.workplace.name),
        category=hazard.category or "",
        texts=texts,
        matrix=matrix,
        initial=hazards.read_rating(hazard, "initial"),
        residual=hazards.read_rating(hazard, "residual"),
        relies_on_weak_controls=measures.relies_only_on_weak_controls(hazard, matrix),
        measures=tuple(_measure_line(m, shown) for m in hazard.measures),
        library_id=hazard.library_id,
        row_version=hazard.row_version,
        languages=languages,
        lang=lang,
    )


TRANSLATED_HAZARD_TEXTS = tuple(name for name in TEXT_FIELDS if name != "notes")


def _measure_line(measure: ControlMeasure, shown: Callable[[str], str]) -> MeasureLine:
    return MeasureLine(
        id=measure.id,
        description=shown(measure.description),
        level_and_kind=(
            f"{ControlLevel(measure.level).label()} · {MeasureKind(measure.kind).label()}"
        ),
        responsible=executor(shown(measure.responsible), measure.responsible_name),
        due=measure.due_text,
        status=MeasureStatus(measure.status).label(),
    )


def edit_hazard(
    work: Work,
    hazard_id: int,
    values: dict[str, Any],
    expected_version: int | None,
    lang: str | None = None,
) -> bool:
    """Change text fields or the category, texts as shown in ``lang`` (default the
    interface's; ``record_texts.set_in_language``); False when nothing differs.

    A hazard without a description is refused (``ValidationError``): the register would list
    an empty row. Texts are stored trimmed."""
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise AttributeError(f"hazard fields {sorted(unknown)} are not edited here")
    cleaned = {name: (value or "").strip() for name, value in values.items()}
    lang = lang or current_language()
    session = session_of(work)
    hazard = session.get_one(Hazard, hazard_id)
    emptied = "description" in cleaned and not cleaned["description"]
    if emptied and record_texts.own_text(session, hazard, "description", lang):
        raise ValidationError(_("a hazard needs a description"))
    return record_texts.set_in_language(session, Hazard, hazard_id, lang, cleaned, expected_version)


def rate(
    work: Work,
    hazard_id: int,
    stage: Stage,
    rating: tuple[float | None, float | None, float | None],
    expected_version: int | None,
) -> None:
    editing.rate_hazard(session_of(work), hazard_id, stage, rating, expected_version)


def override(work: Work, hazard_id: int, stage: Stage, band: str | None, reason: str) -> None:
    """Set a manual risk class with its reason, or (``band`` None) go back to the computed one."""
    hazard = session_of(work).get_one(Hazard, hazard_id)
    if band is None:
        hazards.clear_override(hazard, stage)
    else:
        hazards.override(hazard, stage, band, reason)
        reassessment.rescored(session_of(work), hazard)  # a class set by hand: assessed again


def validate(draft: MeasureDraft) -> None:
    """Refuse a measure that could not be stored, before anything is written."""
    if not draft.description.strip():
        raise ValidationError(_("a control measure needs a description"))
    measures.choice(ControlLevel, draft.level, _("hierarchy level"))
    measures.choice(MeasureKind, draft.kind, _("kind"))
    measures.choice(MeasureStatus, draft.status, _("status"))
    measures.parse_cost(draft.cost)


def add_measure(work: Work, hazard_id: int, draft: MeasureDraft) -> int:
    """Add a measure to a hazard; its id."""
    validate(draft)
    session = session_of(work)
    measure = measures.add_measure(
        session,
        session.get_one(Hazard, hazard_id),
        draft.description,
        draft.level,
        kind=draft.kind,
        due=draft.due,
        cost=draft.cost,
        responsible=draft.responsible,
        responsible_name=draft.responsible_name,
        funding_source=draft.funding_source,
        completion_form=draft.completion_form,
        library_id=draft.library_id,
    )
    measures.set_status(measure, draft.status, draft.completed_on)
    if draft.translations:
        hazard = measure.hazard
        texts = {measure.description: draft.translations}
        translations.remember_all(session, hazard.assessment, texts, current_language())
    return measure.id


def stored_measure(work: Work, measure_id: int, lang: str | None = None) -> StoredMeasure | None:
    """The measure with its texts in ``lang`` (default the interface's; "" where missing)."""
    session = session_of(work)
    measure = session.get(ControlMeasure, measure_id)
    if measure is None:
        return None
    lang = lang or current_language()
    languages = record_texts.field_texts(session, measure, MEASURE_TEXTS)
    shown = {name: text.values[lang] for name, text in languages.items()}
    draft = MeasureDraft(
        description=shown["description"],
        level=measure.level,
        kind=measure.kind,
        responsible=shown["responsible"],
        responsible_name=measure.responsible_name,
        due=measure.due_text,
        status=measure.status,
        completed_on=measure.completed_on,
        cost="" if measure.cost is None else str(measure.cost),
        funding_source=shown["funding_source"],
        completion_form=shown["completion_form"],
    )
    return StoredMeasure(measure.id, draft, measure.row_version, languages, lang)


def edit_measure(
    work: Work,
    measure_id: int,
    draft: MeasureDraft,
    expected_version: int | None,
    lang: str | None = None,
) -> None:
    """Store the dialog's values, texts as shown in ``lang`` (default the interface's); another
    user's change since it opened is an ``EditConflict``."""
    session = session_of(work)
    lang = lang or current_language()
    measure = editing.get_record(session, ControlMeasure, measure_id)
    kept = not record_texts.own_text(session, measure, "description", lang)
    # a translation left empty or cleared: the measure keeps its own text, so it is whole
    validate(replace(draft, description=measure.description) if kept else draft)
    values = {
        "description": draft.description.strip(),
        "level": draft.level,
        "kind": draft.kind,
        "responsible": draft.responsible,
        "responsible_name": draft.responsible_name,
        "funding_source": draft.funding_source,
        "completion_form": draft.completion_form,
        "cost": measures.parse_cost(draft.cost),
        # the deadline and status too: another user's change to them is a conflict as well
        **measures.due_fields(draft.due),
        **measures.status_fields(measure, draft.status, draft.completed_on),
    }
    record_texts.set_in_language(
        session, ControlMeasure, measure_id, lang, values, expected_version
    )


def delete_measure(work: Work, measure_id: int) -> None:
    session = session_of(work)
    editing.delete_subtree(session, editing.get_record(session, ControlMeasure, measure_id))


def suggested_measures(work: Work, library_id: str | None) -> list[MeasureDraft]:
    """The library entry's recommended controls, as drafts ready to add."""
    if not library_id:
        return []
    merged = library.register_library(session_of(work))
    if library_id not in merged:
        return []
    return [_suggested(control, library_id) for control in merged.get(library_id).controls]


def _suggested(control: ControlTemplate, library_id: str) -> MeasureDraft:
    text = stored_text(control.text, current_language())[0]
    return MeasureDraft(
        text, level=control.level.value, translations=dict(control.text), library_id=library_id
    )


def suggestion_label(draft: MeasureDraft) -> str:
    """How a suggestion is offered: "Engineering controls: Guard the belt"."""
    return f"{ControlLevel(draft.level).label()}: {draft.description}"
