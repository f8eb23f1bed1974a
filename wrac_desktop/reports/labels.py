"""Every word the reports print, in kk, ru and en. The official wording (БЕКІТЕМІН /
УТВЕРЖДАЮ, the roadmap's plan headings) is quoted as the documents use it."""

from __future__ import annotations

from wrac_desktop.i18n import LocalText, pick


def t(en: str, ru: str, kk: str) -> LocalText:
    return {"en": en, "ru": ru, "kk": kk}


LABELS: dict[str, LocalText] = {
    "register_title": t(
        "Occupational risk register",
        "Реестр профессиональных рисков",
        "Кәсіптік тәуекелдер тізілімі",
    ),
    "plan_title": t(
        "Plan of measures to eliminate hazardous production factors",
        "План мероприятий по устранению опасных производственных факторов",
        "Қауіпті өндірістік факторларды жою жөніндегі іс-шаралар жоспары",
    ),
    "matrix_title": t("Risk matrix", "Матрица рисков", "Тәуекелдер матрицасы"),
    "summary_title": t(
        "Summary for the labour inspectorate",
        "Сводка для инспекции труда",
        "Еңбек инспекциясына арналған жиынтық",
    ),
    "organisation": t("Organisation", "Организация", "Ұйым"),
    "bin": t("BIN", "БИН", "БСН"),
    "site": t("Site", "Площадка", "Алаң"),
    "all_sites": t("All sites", "Все площадки", "Барлық алаңдар"),
    "assessment": t("Assessment", "Оценка", "Бағалау"),
    "scope": t("Scope", "Область оценки", "Бағалау аясы"),
    "date": t("Date", "Дата", "Күні"),
    "revision": t("Revision", "Редакция", "Редакция"),
    "document": t("Document No.", "Документ №", "Құжат №"),
    "no": t("No.", "№", "№"),
    "workplace": t("Workplace", "Рабочее место", "Жұмыс орны"),
    "hazard": t("Hazard", "Опасность", "Қауіп"),
    "unwanted_event": t("Unwanted event", "Опасное событие", "Қауіпті оқиға"),
    "existing_controls": t("Existing controls", "Существующие меры", "Қолданыстағы шаралар"),
    "initial_risk": t("Initial risk", "Исходный риск", "Бастапқы тәуекел"),
    "residual_risk": t("Residual risk", "Остаточный риск", "Қалдық тәуекел"),
    "likelihood_short": t("L", "В", "Ы"),
    "severity_short": t("S", "Т", "А"),
    "result": t("Result", "Результат", "Нәтиже"),
    "additional_controls": t("Additional controls", "Дополнительные меры", "Қосымша шаралар"),
    "responsible": t("Responsible", "Ответственный", "Жауапты"),
    "due": t("Deadline", "Срок", "Мерзімі"),
    "measure": t("Measure", "Мероприятие", "Іс-шара"),
    "completion_form": t("Form of completion", "Форма завершения", "Аяқтау нысаны"),
    "executors": t("Responsible executors", "Ответственные исполнители", "Жауапты орындаушылар"),
    "deadline": t("Deadline", "Срок исполнения", "Орындау мерзімі"),
    "funding": t("Funding source", "Источник финансирования", "Қаржыландыру көзі"),
    "team": t("Assessment team", "Рабочая группа по оценке", "Бағалау жөніндегі жұмыс тобы"),
    "full_name": t("Full name", "Ф.И.О.", "Т.А.Ә."),
    "position": t("Position", "Должность", "Лауазымы"),
    "role": t("Role", "Роль", "Рөлі"),
    "signature": t("Signature", "Подпись", "Қолы"),
    "approved": t("APPROVED", "УТВЕРЖДАЮ", "БЕКІТЕМІН"),
    "acknowledgement": t(
        "Workers' acknowledgement sheet",
        "Лист ознакомления работников",
        "Жұмыскерлерді таныстыру парағы",
    ),
    "acknowledged_text": t(
        "We have read the occupational risks of our workplaces and the control measures.",
        "С профессиональными рисками рабочих мест и мерами управления ознакомлены.",
        "Жұмыс орындарының кәсіптік тәуекелдерімен және басқару шараларымен таныстық.",
    ),
    "legend": t("Risk classes", "Классы риска", "Тәуекел сыныптары"),
    "fingerprint": t(
        "Fingerprint (SHA-256) of the register content",
        "Отпечаток (SHA-256) содержания реестра",
        "Тізілім мазмұнының цифрлық ізі (SHA-256)",
    ),
    "page_of": t("page {page} of {pages}", "стр. {page} из {pages}", "{page}-бет, барлығы {pages}"),
    "sha": t("SHA-256", "SHA-256", "SHA-256"),
    "priority": t("Priority", "Приоритет", "Басымдық"),
    "hazards_before": t(
        "Hazards before controls", "Опасности до мер", "Шараларға дейінгі қауіптер"
    ),
    "hazards_after": t(
        "Hazards after controls", "Опасности после мер", "Шаралардан кейінгі қауіптер"
    ),
}


def label(key: str, lang: str) -> str:
    return pick(LABELS[key], lang)
