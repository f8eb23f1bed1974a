"""Closed vocabularies of the domain, with their names in kk, ru and en.

Stored in the database by their ``value`` (a short English word), shown by ``label(lang)``.
"""

from __future__ import annotations

from enum import StrEnum

from wrac_desktop.i18n import LocalText, pick


class _Labelled(StrEnum):
    @property
    def labels(self) -> LocalText:
        return _LABELS[self]

    def label(self, lang: str | None = None) -> str:
        return pick(self.labels, lang)


class ControlLevel(_Labelled):
    """The hierarchy of controls (ISO 45001 clause 8.1.2), most effective first."""

    ELIMINATION = "elimination"
    SUBSTITUTION = "substitution"
    ENGINEERING = "engineering"
    ADMINISTRATIVE = "administrative"
    PPE = "ppe"

    @property
    def is_weak(self) -> bool:
        """Administrative controls and PPE depend on people doing the right thing every time."""
        return self in (ControlLevel.ADMINISTRATIVE, ControlLevel.PPE)


class MeasureKind(_Labelled):
    EXISTING = "existing"
    ADDITIONAL = "additional"


class MeasureStatus(_Labelled):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    VERIFIED = "verified"

    @property
    def is_open(self) -> bool:
        return self in (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)


class AssessmentStatus(_Labelled):
    DRAFT = "draft"
    APPROVED = "approved"
    SUPERSEDED = "superseded"


class TeamRole(_Labelled):
    FACILITATOR = "facilitator"
    MEMBER = "member"
    APPROVER = "approver"
    WORKER_REPRESENTATIVE = "worker_representative"


class UnitKind(_Labelled):
    """A node of the organisation tree above workplaces."""

    SITE = "site"
    DIVISION = "division"


def _t(en: str, ru: str, kk: str) -> LocalText:
    return {"en": en, "ru": ru, "kk": kk}


_LABELS: dict[StrEnum, LocalText] = {
    ControlLevel.ELIMINATION: _t("Elimination", "Исключение", "Жою"),
    ControlLevel.SUBSTITUTION: _t("Substitution", "Замена", "Алмастыру"),
    ControlLevel.ENGINEERING: _t("Engineering", "Инженерные меры", "Инженерлік шаралар"),
    ControlLevel.ADMINISTRATIVE: _t(
        "Administrative", "Организационные меры", "Ұйымдастырушылық шаралар"
    ),
    ControlLevel.PPE: _t("PPE", "СИЗ", "ЖҚҚ"),
    MeasureKind.EXISTING: _t("Existing", "Существующая", "Қолданыстағы"),
    MeasureKind.ADDITIONAL: _t("Additional", "Дополнительная", "Қосымша"),
    MeasureStatus.PLANNED: _t("Planned", "Запланировано", "Жоспарланған"),
    MeasureStatus.IN_PROGRESS: _t("In progress", "Выполняется", "Орындалуда"),
    MeasureStatus.DONE: _t("Done", "Выполнено", "Орындалды"),
    MeasureStatus.VERIFIED: _t("Verified", "Проверено", "Тексерілді"),
    AssessmentStatus.DRAFT: _t("Draft", "Черновик", "Жоба"),
    AssessmentStatus.APPROVED: _t("Approved", "Утверждено", "Бекітілді"),
    AssessmentStatus.SUPERSEDED: _t("Superseded", "Заменено", "Ауыстырылды"),
    TeamRole.FACILITATOR: _t("Facilitator", "Ведущий", "Жүргізуші"),
    TeamRole.MEMBER: _t("Team member", "Член группы", "Топ мүшесі"),
    TeamRole.APPROVER: _t("Approver", "Утверждающий", "Бекітуші"),
    TeamRole.WORKER_REPRESENTATIVE: _t(
        "Workers' representative", "Представитель работников", "Жұмыскерлер өкілі"
    ),
    UnitKind.SITE: _t("Site", "Площадка", "Алаң"),
    UnitKind.DIVISION: _t("Division", "Подразделение", "Бөлімше"),
}
