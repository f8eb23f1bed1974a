"""The matrices shipped with the product (see docs/domain.md §2). Companies edit copies."""

from __future__ import annotations

from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import LocalText, _
from wrac_desktop.risk.matrix import Axis, Band, KzThreshold, Level, Matrix


def t(en: str, ru: str, kk: str) -> LocalText:
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
                "Қашан да бір болуы мүмкін",
            ),
            t("Once in 10–20 years", "Раз в 10–20 лет", "10–20 жылда бір рет"),
        ),
        Level(
            3,
            "3",
            t("Possible", "Возможно", "Мүмкін"),
            t("Has happened in the industry", "Случалось в отрасли", "Салада болған"),
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
STOP = t(
    "Not tolerable: stop the work; immediate action by senior management",
    "Недопустимо: остановить работы; немедленные меры высшего руководства",
    "Рұқсат етілмейді: жұмысты тоқтату; жоғары басшылықтың шұғыл шаралары",
)

LOW = t("Low", "Низкий", "Төмен")
MEDIUM = t("Medium", "Средний", "Орташа")
SIGNIFICANT = t("Significant", "Значительный", "Елеулі")
HIGH = t("High", "Высокий", "Жоғары")

WRAC_5X5 = Matrix(
    key="wrac_5x5",
    name=t(
        "WRAC 5×5 risk rank (1–25)", "WRAC 5×5, ранг риска (1–25)", "WRAC 5×5, тәуекел рангі (1–25)"
    ),
    description=t(
        "Mining-industry rank matrix: 25 is the highest risk.",
        "Ранговая матрица горной отрасли: 25 — наивысший риск.",
        "Тау-кен саласының рангтық матрицасы: 25 — ең жоғары тәуекел.",
    ),
    axes=(LIKELIHOOD_5, SEVERITY_5),
    formula="table",
    table=(  # rows: likelihood 1 (rare) … 5 (almost certain); columns: consequence 1 … 5
        (1, 3, 6, 10, 15),
        (2, 5, 9, 14, 19),
        (4, 8, 13, 18, 22),
        (7, 12, 17, 21, 24),
        (11, 16, 20, 23, 25),
    ),
    bands=(
        Band("low", LOW, 1, GREEN, ACCEPT, True),
        Band("medium", MEDIUM, 6, YELLOW, ALARP, True),
        Band("significant", SIGNIFICANT, 13, ORANGE, NOT_TOLERABLE, False),
        Band("high", HIGH, 21, RED, STOP, False),
    ),
    kz_mapping=(
        KzThreshold(1, 1),
        KzThreshold(3, 2),
        KzThreshold(6, 3),
        KzThreshold(13, 4),
        KzThreshold(21, 5),
    ),
    priority_severity=4,
)

PRODUCT_5X5 = Matrix(
    key="product_5x5",
    name=t(
        "Likelihood × severity 5×5 (1–25)",
        "Вероятность × тяжесть 5×5 (1–25)",
        "Ықтималдық × ауырлық 5×5 (1–25)",
    ),
    description=t(
        "Risk = likelihood × severity; company-specific bands.",
        "Риск = вероятность × тяжесть; границы уровней задаёт компания.",
        "Тәуекел = ықтималдық × ауырлық; деңгей шекараларын компания белгілейді.",
    ),
    axes=(LIKELIHOOD_5, SEVERITY_5),
    formula="product",
    bands=(
        Band("low", LOW, 1, GREEN, ACCEPT, True),
        Band("medium", MEDIUM, 5, YELLOW, ALARP, True),
        Band("high", HIGH, 15, RED, NOT_TOLERABLE, False),
    ),
    kz_mapping=(
        KzThreshold(1, 1),
        KzThreshold(3, 2),
        KzThreshold(5, 3),
        KzThreshold(15, 4),
        KzThreshold(20, 5),
    ),
    priority_severity=4,
)

PROBABILITY = Axis(
    "likelihood",
    t("Probability (P)", "Вероятность (P)", "Ықтималдық (P)"),
    (
        Level(
            0.1,
            "0.1",
            t("Virtually impossible", "Практически невозможно", "Іс жүзінде мүмкін емес"),
        ),
        Level(0.2, "0.2", t("Practically impossible", "Почти невозможно", "Мүмкін емес дерлік")),
        Level(
            0.5,
            "0.5",
            t(
                "Conceivable but very unlikely",
                "Мыслимо, но очень маловероятно",
                "Ойға келеді, бірақ ықтималдығы өте аз",
            ),
        ),
        Level(
            1,
            "1",
            t(
                "Only remotely possible",
                "Маловероятно, но возможно",
                "Ықтималдығы аз, бірақ мүмкін",
            ),
        ),
        Level(
            3, "3", t("Unusual but possible", "Необычно, но возможно", "Әдеттен тыс, бірақ мүмкін")
        ),
        Level(6, "6", t("Quite possible", "Вполне возможно", "Әбден мүмкін")),
        Level(10, "10", t("Expected", "Ожидаемо", "Күтіледі")),
    ),
)

EXPOSURE = Axis(
    "exposure",
    t("Exposure (E)", "Частота воздействия (E)", "Әсер ету жиілігі (E)"),
    (
        Level(
            0.5,
            "0.5",
            t(
                "Very rare (less than yearly)",
                "Очень редко (реже раза в год)",
                "Өте сирек (жылына бір реттен сирек)",
            ),
        ),
        Level(1, "1", t("Rare (yearly)", "Редко (раз в год)", "Сирек (жылына бір рет)")),
        Level(2, "2", t("Occasional (monthly)", "Иногда (раз в месяц)", "Кейде (айына бір рет)")),
        Level(3, "3", t("Frequent (weekly)", "Часто (раз в неделю)", "Жиі (аптасына бір рет)")),
        Level(6, "6", t("Daily", "Ежедневно", "Күн сайын")),
        Level(10, "10", t("Continuous", "Постоянно", "Үздіксіз")),
    ),
)

CONSEQUENCE = Axis(
    "severity",
    t("Consequence (C)", "Последствия (C)", "Салдары (C)"),
    (
        Level(
            1,
            "1",
            t("Noticeable: first aid", "Заметные: первая помощь", "Байқалатын: алғашқы көмек"),
        ),
        Level(
            3,
            "3",
            t(
                "Important: lost-time injury",
                "Важные: травма с потерей трудоспособности",
                "Маңызды: еңбекке жарамсыздықпен жарақат",
            ),
        ),
        Level(
            7,
            "7",
            t("Serious: permanent injury", "Серьёзные: стойкое увечье", "Ауыр: тұрақты мертігу"),
        ),
        Level(
            15,
            "15",
            t(
                "Very serious: a fatality",
                "Очень серьёзные: смертельный случай",
                "Өте ауыр: өлім жағдайы",
            ),
        ),
        Level(
            40,
            "40",
            t(
                "Disaster: several fatalities",
                "Бедствие: несколько смертельных случаев",
                "Зор апат: бірнеше өлім жағдайы",
            ),
        ),
        Level(
            100,
            "100",
            t(
                "Catastrophe: many fatalities",
                "Катастрофа: много погибших",
                "Апат: көп адам қаза табады",
            ),
        ),
    ),
)

FINE_KINNEY = Matrix(
    key="fine_kinney",
    name=t(
        "Fine–Kinney R = P × E × C",
        "Метод Файна–Кинни R = P × E × C",
        "Файн–Кинни әдісі R = P × E × C",
    ),
    description=t(
        "Three factors: probability, exposure and consequence.",
        "Три фактора: вероятность, частота воздействия и последствия.",
        "Үш фактор: ықтималдық, әсер ету жиілігі және салдары.",
    ),
    axes=(PROBABILITY, CONSEQUENCE, EXPOSURE),
    formula="product",
    bands=(
        Band(
            "acceptable",
            t("Acceptable", "Допустимый", "Рұқсат етілген"),
            0,
            GREEN,
            t("No action needed", "Меры не требуются", "Шаралар талап етілмейді"),
            True,
        ),
        Band(
            "attention",
            t("Attention", "Требует внимания", "Назар аударуды қажет етеді"),
            20,
            YELLOW,
            t(
                "Attention indicated; monitor",
                "Требует внимания; контроль",
                "Назар аудару; бақылау",
            ),
            True,
        ),
        Band(
            "correction",
            t("Correction needed", "Требуется коррекция", "Түзету қажет"),
            70,
            ORANGE,
            t("Correct within the year", "Устранить в течение года", "Бір жыл ішінде түзету"),
            False,
        ),
        Band(
            "immediate",
            t("Immediate correction", "Немедленная коррекция", "Шұғыл түзету"),
            200,
            RED,
            t("Correct immediately", "Немедленно устранить", "Дереу түзету"),
            False,
        ),
        Band(
            "stop",
            t("Stop the work", "Прекратить работы", "Жұмысты тоқтату"),
            400,
            DARK_RED,
            STOP,
            False,
        ),
    ),
    kz_mapping=(
        KzThreshold(0, 1),
        KzThreshold(20, 2),
        KzThreshold(70, 3),
        KzThreshold(200, 4),
        KzThreshold(400, 5),
    ),
    priority_severity=40,
)

PRESETS: dict[str, Matrix] = {m.key: m for m in (WRAC_5X5, PRODUCT_5X5, FINE_KINNEY)}


def preset(key: str) -> Matrix:
    try:
        return PRESETS[key]
    except KeyError:
        raise ValidationError(
            _("no matrix preset “{key}”; choose one of: {keys}").format(
                key=key, keys=", ".join(PRESETS)
            )
        ) from None
