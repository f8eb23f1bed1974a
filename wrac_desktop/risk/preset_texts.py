"""Scales and texts the shipped presets share: the five-point likelihood and consequence
scales of WRAC (domain.md §2), band colours, names and required actions, all in kk, ru and en.
"""

from __future__ import annotations

from wrac_desktop.i18n import LocalText
from wrac_desktop.risk.matrix import Axis, Level


def t(en: str, ru: str, kk: str) -> LocalText:
    """A text in the three languages, English first as it reads best in the source."""
    return {"en": en, "ru": ru, "kk": kk}


GREEN, YELLOW, ORANGE, RED, DARK_RED = "#4CAF50", "#FFEB3B", "#FF9800", "#F44336", "#8B0000"

LIKELIHOOD_NAME = t("Likelihood", "Вероятность", "Ықтималдық")
SEVERITY_NAME = t("Consequence", "Тяжесть последствий", "Салдардың ауырлығы")

LIKELIHOOD_5 = Axis(
    "likelihood",
    LIKELIHOOD_NAME,
    (
        Level(
            1,
            "1",
            t("Rare", "Редко", "Сирек"),
            t(
                "Could happen only in exceptional circumstances",
                "Может произойти лишь в исключительных обстоятельствах",
                "Тек ерекше жағдайларда болуы мүмкін",
            ),
            t(
                "Not expected in 20 years",
                "Не ожидается в течение 20 лет",
                "20 жыл ішінде күтілмейді",
            ),
        ),
        Level(
            2,
            "2",
            t("Unlikely", "Маловероятно", "Ықтималдығы аз"),
            t(
                "Could happen at some time",
                "Может произойти когда-либо",
                "Бір кезде болуы мүмкін",
            ),
            t("Once in 10–20 years", "Раз в 10–20 лет", "10–20 жылда бір рет"),
        ),
        Level(
            3,
            "3",
            t("Possible", "Возможно", "Мүмкін"),
            t("Has happened in the industry", "Случалось в отрасли", "Салада болған жағдайлар бар"),
            t("Once in 5–10 years", "Раз в 5–10 лет", "5–10 жылда бір рет"),
        ),
        Level(
            4,
            "4",
            t("Likely", "Вероятно", "Ықтимал"),
            t(
                "Will probably happen in most circumstances",
                "Вероятно произойдёт в большинстве случаев",
                "Көп жағдайда болуы ықтимал",
            ),
            t("Less than once a year", "Реже раза в год", "Жылына бір реттен сирек"),
        ),
        Level(
            5,
            "5",
            t("Almost certain", "Почти наверняка", "Сөзсіз дерлік"),
            t("Expected to happen", "Ожидается, что произойдёт", "Болады деп күтіледі"),
            t("Once a year or more often", "Раз в год и чаще", "Жылына бір рет және жиірек"),
        ),
    ),
)

SEVERITY_5 = Axis(
    "severity",
    SEVERITY_NAME,
    (
        Level(
            1,
            "1",
            t("Insignificant", "Незначительные", "Елеусіз"),
            t("First aid", "Первая помощь", "Алғашқы көмек"),
        ),
        Level(
            2,
            "2",
            t("Minor", "Малые", "Шамалы"),
            t("Medical treatment", "Медицинская помощь", "Медициналық көмек"),
        ),
        Level(
            3,
            "3",
            t("Moderate", "Умеренные", "Орташа"),
            t(
                "Lost-time injury",
                "Травма с временной потерей трудоспособности",
                "Еңбекке уақытша жарамсыздықпен жарақат",
            ),
        ),
        Level(
            4,
            "4",
            t("High", "Высокие", "Жоғары"),
            t(
                "Permanent disability or a single fatality",
                "Стойкая утрата трудоспособности или один смертельный случай",
                "Еңбекке тұрақты жарамсыздық немесе бір адамның өлімі",
            ),
        ),
        Level(
            5,
            "5",
            t("Major", "Катастрофические", "Апатты"),
            t("Multiple fatalities", "Групповой смертельный случай", "Бірнеше адамның өлімі"),
        ),
    ),
)

ACCEPT = t(
    "Acceptable: manage by routine procedures",
    "Допустимо: управлять обычными процедурами",
    "Рұқсат етіледі: әдеттегі рәсімдермен басқару",
)
ALARP = t(
    "Tolerable: reduce as far as reasonably practicable; supervisor reviews",
    "Приемлемо: снижать, насколько практически возможно; контроль руководителя",
    "Қолайлы: мүмкіндігінше төмендету; басшы бақылайды",
)
NOT_TOLERABLE = t(
    "Not tolerable: additional controls before work; manager approves",
    "Недопустимо: дополнительные меры до начала работ; утверждает руководитель",
    "Рұқсат етілмейді: жұмысқа дейін қосымша шаралар; басшы бекітеді",
)
HIGH_ACTION = t(
    "Not tolerable: do not start or go on until additional controls lower the risk; "
    "senior management approves",
    "Недопустимо: не начинать и не продолжать работы, пока дополнительные меры не снизят риск; "
    "утверждает высшее руководство",
    "Рұқсат етілмейді: қосымша шаралар тәуекелді төмендеткенге дейін жұмысты бастамау және "
    "жалғастырмау; жоғары басшылық бекітеді",
)
STOP = t(
    "Not tolerable: stop the work; immediate action by senior management",
    "Недопустимо: остановить работы; немедленные меры высшего руководства",
    "Рұқсат етілмейді: жұмысты тоқтату; жоғары басшылықтың шұғыл шаралары",
)

LOW = t("Low", "Низкий", "Төмен")
MEDIUM = t("Medium", "Средний", "Орташа")
SIGNIFICANT = t("Significant", "Значительный", "Елеулі")
HIGH = t("High", "Высокий", "Жоғары")
