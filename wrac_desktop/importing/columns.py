"""The register's fields a worksheet column can fill, and the names columns go by in en/ru/kk.

Names come from real mining templates (domain.md §1), the terms table (§6) and the roadmap's
six plan columns. A header is matched after ``normalise``: case, ё/е, punctuation and spacing
do not matter. Exact names win over names a header merely starts with, so "Consequence"
(a number) and "Maximum reasonable consequence" (a text) land in different fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wrac_desktop.i18n import N_, _, translated
from wrac_desktop.text import fold


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # English msgid marked with N_(); shown through field_label()
    names: tuple[str, ...]
    kind: str = "text"  # text | level | score | class | flag | due | date | cost | count | status


_FIELDS = (
    Field(
        "number",
        N_("No"),
        ("no", "№", "№ пп", "№ п п", "п п", "n", "номер", "р с", "р с №", "реттік №"),
    ),
    Field(
        "site",
        N_("Site / main area"),
        (
            "main area",
            "area",
            "site",
            "основная зона",
            "зона",
            "участок",
            "цех",
            "объект",
            "площадка",
            "негізгі аймақ",
            "аймақ",
            "учаске",
            "нысан",
            "алаң",
        ),
    ),  # fmt: skip
    Field(
        "division",
        N_("Division / sub-area"),
        (
            "sub area",
            "subarea",
            "division",
            "подзона",
            "подучасток",
            "отделение",
            "подразделение",
            "қосалқы аймақ",
            "бөлім",
            "бөлімше",
        ),
    ),  # fmt: skip
    Field(
        "workplace",
        N_("Workplace"),
        (
            "workplace",
            "work place",
            "job",
            "рабочее место",
            "профессия",
            "должность",
            "профессия должность",
            "жұмыс орны",
            "кәсіп",
            "лауазым",
        ),
    ),  # fmt: skip
    Field(
        "headcount",
        N_("Headcount"),
        (
            "headcount",
            "численность работников",
            "численность",
            "жұмыскерлер саны",
        ),
        "count",
    ),  # fmt: skip
    Field(
        "category",
        N_("Hazard classification"),
        (
            "hazard classification",
            "energy release",
            "hazard classification energy release",
            "hazard group",
            "классификация опасности",
            "группа опасности",
            "группа опасностей",
            "қауіптер тобы",
            "вид опасности",
            "қауіп тобы",
            "қауіпті жіктеу",
            "қауіптің түрі",
        ),
    ),  # fmt: skip
    Field(
        "hazard",
        N_("Hazard"),
        (
            "hazard",
            "hazards",
            "опасность",
            "опасности",
            "опасный фактор",
            "опасный производственный фактор",
            "опасные и вредные производственные факторы",
            "қауіп",
            "қауіптер",
            "қауіпті өндірістік фактор",
        ),
    ),  # fmt: skip
    Field(
        "unwanted_event",
        N_("Unwanted event"),
        (
            "unwanted event",
            "опасное событие",
            "нежелательное событие",
            "қауіпті оқиға",
            "жағымсыз оқиға",
        ),
    ),  # fmt: skip
    Field(
        "causes",
        N_("Causes"),
        ("causes", "cause", "причины", "причина", "себептер", "себептері", "себебі"),
    ),
    Field(
        "people_exposed",
        N_("People at risk"),
        (
            "people at risk",
            "persons at risk",
            "people exposed",
            "кто подвергается воздействию",
            "әсерге ұшырайтындар",
            "кто подвержен",
            "подверженные лица",
            "кто подвергается риску",
            "қауіпке ұшырайтын адамдар",
            "қауіпке ұшыраған адамдар",
        ),
    ),  # fmt: skip
    Field(
        "consequence",
        N_("Maximum reasonable consequence"),
        (
            "maximum reasonable consequence",
            "possible consequence",
            "outcome",
            "последствия",
            "возможные последствия",
            "максимально возможные последствия",
            "максимальные обоснованные последствия",
            "ең ауыр ықтимал салдар",
            "салдар",
            "ықтимал салдар",
            "салдары",
        ),
    ),  # fmt: skip
    Field(
        "existing_controls",
        N_("Current controls"),
        (
            "current controls",
            "existing controls",
            "existing control measures",
            "существующие меры",
            "существующие меры управления",
            "имеющиеся меры",
            "қолданыстағы шаралар",
            "қолданыстағы бақылау шаралары",
        ),
    ),  # fmt: skip
    Field(
        "likelihood",
        N_("Likelihood"),
        ("likelihood", "probability", "l", "p", "вероятность", "в", "ықтималдық", "ы"),
        "level",
    ),
    Field(
        "severity",
        N_("Severity (consequence)"),
        (
            "consequence",
            "severity",
            "s",
            "тяжесть",
            "тяжесть последствий",
            "последствие",
            "ауырлық",
            "салдардың ауырлығы",
            "т",
            "а",
        ),
        "level",
    ),  # fmt: skip
    Field(
        "exposure",
        N_("Exposure"),
        (
            "exposure",
            "e",
            "частота воздействия",
            "подверженность",
            "экспозиция",
            "әсер ету жиілігі",
        ),
        "level",
    ),  # fmt: skip
    Field(
        "score",
        N_("Risk rank (score)"),
        (
            "risk rank",
            "rank",
            "risk score",
            "score",
            "risk",
            "r",
            "ранг риска",
            "ранг",
            "балл риска",
            "оценка риска",
            "риск",
            "result",
            "результат",
            "нәтиже",
            "тәуекел рангі",
            "тәуекел",
            "тәуекел балы",
        ),
        "score",
    ),  # fmt: skip
    Field(
        "band",
        N_("Risk class"),
        (
            "risk level",
            "risk class",
            "class",
            "level",
            "уровень риска",
            "класс риска",
            "категория риска",
            "тәуекел деңгейі",
            "тәуекел класы",
        ),
        "class",
    ),  # fmt: skip
    Field(
        "priority",
        N_("Priority flag"),
        ("priority", "priority flag", "приоритет", "басымдық"),
        "flag",
    ),
    Field(
        "measure",
        N_("Measure (additional control)"),
        (
            "additional controls",
            "additional control",
            "required action",
            "action",
            "measure",
            "measures",
            "мероприятие",
            "мероприятия",
            "дополнительные меры",
            "мероприятия по снижению риска",
            "меры по снижению риска",
            "необходимые действия",
            "іс шара",
            "іс шаралар",
            "қосымша шаралар",
            "тәуекелді басқару шарасы",
        ),
    ),  # fmt: skip
    Field(
        "level",
        N_("Hierarchy level"),
        (
            "hierarchy level",
            "control type",
            "hierarchy of controls",
            "уровень иерархии",
            "тип меры",
            "иерархия мер",
            "шара түрі",
            "бақылау иерархиясы",
        ),
    ),  # fmt: skip
    Field(
        "responsible",
        N_("Responsible person"),
        (
            "responsible person",
            "responsible",
            "responsible executors",
            "ответственный",
            "ответственные исполнители",
            "ответственное лицо",
            "исполнитель",
            "жауапты тұлға",
            "жауапты орындаушылар",
            "жауапты",
            "responsible position",
            "position of the responsible person",
            "должность ответственного",
            "должность ответственного лица",
            "жауапты тұлғаның лауазымы",
        ),
    ),  # fmt: skip
    Field(
        "responsible_name",
        N_("Responsible person's name"),
        (
            "responsible person s name",
            "responsible name",
            "name of the responsible person",
            "ф и о ответственного",
            "фио ответственного",
            "ф и о ответственного лица",
            "ответственный ф и о",
            "ответственное лицо ф и о",
            "жауапты тұлғаның аты жөні",
            "жауапты тұлғаның т а ә",
            "жауапты тұлға аты жөні",
        ),
    ),  # fmt: skip
    Field(
        "due",
        N_("Due date"),
        (
            "due date",
            "deadline",
            "due",
            "срок",
            "срок исполнения",
            "срок выполнения",
            "орындау мерзімі",
            "мерзімі",
        ),
        "due",
    ),  # fmt: skip
    Field(
        "status",
        N_("Status"),
        ("status", "measure status", "статус", "состояние", "мәртебесі", "мәртебе", "күйі"),
        "status",
    ),
    Field(
        "completed_on",
        N_("Date completed"),
        ("date completed", "completed", "дата выполнения", "выполнено", "орындалған күні"),
        "date",
    ),
    Field(
        "completion_form",
        N_("Form of completion"),
        ("form of completion", "completion form", "форма завершения", "аяқтау нысаны"),
    ),
    Field(
        "funding_source",
        N_("Funding source"),
        ("funding source", "funding", "источник финансирования", "қаржыландыру көзі"),
    ),
    Field("cost", N_("Cost"), ("cost", "стоимость", "затраты", "құны", "шығын"), "cost"),
    Field(
        "notes", N_("Notes"), ("notes", "note", "remarks", "примечание", "примечания", "ескерту")
    ),
)

# Words in a header (or the merged cell above it) that say which rating a column belongs to.
_RESIDUAL = ("residual", "остаточн", "қалдық")
_INITIAL = ("initial", "inherent", "первоначальн", "исходн", "бастапқы")
_RISK_WORDS = frozenset({"risk", "риск", "риска", "тәуекел", "тәуекелдің"})
RATED = ("likelihood", "severity", "exposure", "score", "band")

FIELDS: dict[str, Field] = {field.key: field for field in _FIELDS}
for _key in RATED:  # the residual rating has the same kinds of columns
    FIELDS[f"residual_{_key}"] = Field(
        f"residual_{_key}", FIELDS[_key].label, (), FIELDS[_key].kind
    )
FIELD_KEYS = tuple(FIELDS)
MULTI_COLUMN = frozenset({"severity", "residual_severity"})  # consequence per type: take the max

_PUNCTUATION = re.compile(r"[^\w№]+")
_EXACT = {normalise: field.key for field in _FIELDS for normalise in field.names}


def normalise(text: str) -> str:
    """A header as compared: folded, punctuation and extra spaces gone."""
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


def field_label(key: str) -> str:
    label = translated(FIELDS[key].label)
    if key.startswith("residual_"):
        return _("Residual risk: {field}").format(field=label)
    return label


def recognise(header: str) -> str | None:
    """The field a column header names, or None."""
    stage, text = _strip_stage(normalise(header))
    key = _exact_or_prefix(text) if text else None
    if key is None:
        return None
    if stage == "residual" and key in RATED:
        return f"residual_{key}"
    return key


def _exact_or_prefix(text: str) -> str | None:
    words = text.split()
    if len(words) > 1 and words[0] in _RISK_WORDS:  # "Риск: вероятность" under a merged "Риск"
        return _EXACT.get(text) or _EXACT.get(" ".join(words[1:])) or _by_prefix(text)
    return _EXACT.get(text) or _by_prefix(text)


def _strip_stage(text: str) -> tuple[str, str]:
    """("residual", "likelihood") for "Residual risk likelihood"; ("", text) without a stage."""
    words = text.split()
    for stage, stems in (("residual", _RESIDUAL), ("initial", _INITIAL)):
        kept = [word for word in words if not word.startswith(stems)]
        if len(kept) < len(words):
            return stage, " ".join(kept) or "risk"
    return "", text


def _by_prefix(text: str) -> str | None:
    """A header that starts with a known name, the longest first: "Срок исполнения (дата)".
    Its first words are looked up, a few at a time: comparing the text with every name took
    3 s of an import, each of the first 30 rows' cells being tried as a header."""
    words = text.split()
    for count in range(min(len(words) - 1, _LONGEST_NAME), 0, -1):
        name = " ".join(words[:count])
        if len(name) >= 3 and name in _EXACT:
            return _EXACT[name]
    return None


_LONGEST_NAME = max(len(name.split()) for name in _EXACT)  # in words
