"""The Fine–Kinney preset: R = P × E × C, widely used in Russia, Kazakhstan and Turkey.

Scales and classes as in docs/domain.md §2; labels follow Kinney and Wiruth (1976). Every level
carries a description and, on the exposure axis, a frequency anchor, because people read
"occasional" very differently.
"""

from __future__ import annotations

from wrac_desktop.risk.matrix import Axis, Band, KzThreshold, Level, Matrix
from wrac_desktop.risk.preset_texts import DARK_RED, GREEN, ORANGE, RED, STOP, YELLOW, t

Texts = tuple[str, str, str]  # en, ru, kk


def _level(value: float, label: Texts, description: Texts, anchor: Texts | None = None) -> Level:
    return Level(value, f"{value:g}", t(*label), t(*description), t(*anchor) if anchor else {})


PROBABILITY = Axis(
    "likelihood",
    t("Probability (P)", "Вероятность (P)", "Ықтималдық (P)"),
    (
        _level(
            0.1,
            ("Virtually impossible", "Практически невозможно", "Іс жүзінде мүмкін емес"),
            ("Has never happened anywhere", "Нигде и никогда не случалось", "Еш жерде болмаған"),
        ),
        _level(
            0.2,
            ("Practically impossible", "Почти невозможно", "Мүмкін емес дерлік"),
            (
                "A practically impossible chain of events",
                "Практически невозможное стечение обстоятельств",
                "Оқиғалардың іс жүзінде мүмкін емес тізбегі",
            ),
        ),
        _level(
            0.5,
            (
                "Conceivable but very unlikely",
                "Мыслимо, но очень маловероятно",
                "Ойға келеді, бірақ ықтималдығы өте аз",
            ),
            (
                "Has not happened in many years of exposure",
                "Не случалось за многие годы работы",
                "Көп жылғы жұмыс ішінде болмаған",
            ),
        ),
        _level(
            1,
            ("Only remotely possible", "Маловероятно, но возможно", "Ықтималдығы аз, бірақ мүмкін"),
            (
                "A remote coincidence; such cases are known",
                "Маловероятное совпадение; такие случаи известны",
                "Ықтималдығы аз сәйкестік; мұндай жағдайлар белгілі",
            ),
        ),
        _level(
            3,
            ("Unusual but possible", "Необычно, но возможно", "Әдеттен тыс, бірақ мүмкін"),
            (
                "An unusual chain of events",
                "Необычное стечение обстоятельств",
                "Мән-жайлардың әдеттен тыс тоғысуы",
            ),
        ),
        _level(
            6,
            ("Quite possible", "Вполне возможно", "Әбден мүмкін"),
            (
                "Would not be unusual; about an even chance",
                "Не было бы необычным; шансы примерно равны",
                "Әдеттен тыс болмас еді; мүмкіндігі шамамен тең",
            ),
        ),
        _level(
            10,
            ("Expected", "Ожидаемо", "Күтіледі"),
            (
                "The most likely outcome if the unwanted event occurs",
                "Наиболее вероятный исход, если опасное событие произойдёт",
                "Қауіпті оқиға болса, ең ықтимал нәтиже",
            ),
        ),
    ),
)

EXPOSURE = Axis(
    "exposure",
    t("Exposure (E)", "Частота воздействия (E)", "Әсер ету жиілігі (E)"),
    (
        _level(
            0.5,
            ("Very rare", "Очень редко", "Өте сирек"),
            ("Hardly ever exposed", "Воздействие почти не бывает", "Әсер ету жоққа жуық"),
            ("Once a year or less", "Раз в год или реже", "Жылына бір рет немесе сирек"),
        ),
        _level(
            1,
            ("Rare", "Редко", "Сирек"),
            ("Exposed now and then", "Воздействие изредка", "Анда-санда әсер етеді"),
            ("A few times a year", "Несколько раз в год", "Жылына бірнеше рет"),
        ),
        _level(
            2,
            ("Unusual", "Нечасто", "Жиі емес"),
            ("Exposed from time to time", "Воздействие время от времени", "Мезгіл-мезгіл"),
            ("About once a month", "Примерно раз в месяц", "Шамамен айына бір рет"),
        ),
        _level(
            3,
            ("Occasional", "Иногда", "Кейде"),
            ("Exposed regularly", "Регулярное воздействие", "Тұрақты түрде әсер етеді"),
            ("About once a week", "Примерно раз в неделю", "Шамамен аптасына бір рет"),
        ),
        _level(
            6,
            ("Frequent", "Часто", "Жиі"),
            ("Exposed every working day", "Воздействие каждый рабочий день", "Әр жұмыс күні"),
            ("Daily, in working hours", "Ежедневно, в рабочее время", "Күн сайын, жұмыс уақытында"),
        ),
        _level(
            10,
            ("Continuous", "Постоянно", "Үздіксіз"),
            ("Exposed all the time", "Воздействие всё время", "Үнемі әсер етеді"),
            ("Many times a day", "Много раз в день", "Күніне көп рет"),
        ),
    ),
)

CONSEQUENCE = Axis(
    "severity",
    t("Consequence (C)", "Последствия (C)", "Салдары (C)"),
    (
        _level(
            1,
            ("Noticeable", "Заметные", "Байқалатын"),
            (
                "Minor injury: first aid",
                "Лёгкая травма: первая помощь",
                "Жеңіл жарақат: алғашқы көмек",
            ),
        ),
        _level(
            3,
            ("Important", "Важные", "Маңызды"),
            (
                "Lost-time injury",
                "Травма с временной потерей трудоспособности",
                "Еңбекке уақытша жарамсыздықпен жарақат",
            ),
        ),
        _level(
            7,
            ("Serious", "Серьёзные", "Ауыр"),
            (
                "Permanent injury or occupational disease",
                "Стойкое увечье или профессиональное заболевание",
                "Тұрақты мертігу немесе кәсіптік ауру",
            ),
        ),
        _level(
            15,
            ("Very serious", "Очень серьёзные", "Өте ауыр"),
            ("A fatality", "Один смертельный случай", "Бір адамның өлімі"),
        ),
        _level(
            40,
            ("Disaster", "Бедствие", "Зор апат"),
            ("Several fatalities", "Несколько смертельных случаев", "Бірнеше адамның өлімі"),
        ),
        _level(
            100,
            ("Catastrophe", "Катастрофа", "Апат"),
            ("Many fatalities", "Много погибших", "Көп адам қаза табады"),
        ),
    ),
)

BANDS = (
    Band(
        "acceptable",
        t("Acceptable risk", "Допустимый риск", "Рұқсат етілген тәуекел"),
        0,
        GREEN,
        t(
            "No additional measures; keep the existing controls",
            "Дополнительные меры не нужны; сохранять существующие меры",
            "Қосымша шаралар қажет емес; қолданыстағы шараларды сақтау",
        ),
        True,
    ),
    Band(
        "attention",
        t("Possible risk: attention", "Возможный риск: внимание", "Ықтимал тәуекел: назар аудару"),
        20,
        YELLOW,
        t(
            "Monitor; improve the controls where practicable",
            "Контролировать; улучшать меры, где это практически возможно",
            "Бақылау; мүмкін болған жерде шараларды жетілдіру",
        ),
        True,
    ),
    Band(
        "correction",
        t(
            "Substantial risk: correction needed",
            "Существенный риск: требуется коррекция",
            "Айтарлықтай тәуекел: түзету қажет",
        ),
        70,
        ORANGE,
        t(
            "Plan and carry out corrections within the year",
            "Запланировать и выполнить коррекцию в течение года",
            "Түзетуді жоспарлап, бір жыл ішінде орындау",
        ),
        False,
    ),
    Band(
        "immediate",
        t(
            "High risk: immediate correction",
            "Высокий риск: немедленная коррекция",
            "Жоғары тәуекел: шұғыл түзету",
        ),
        200,
        RED,
        t(
            "Correct at once; work only with additional controls",
            "Немедленно устранить; работать только с дополнительными мерами",
            "Дереу түзету; жұмыс тек қосымша шаралармен",
        ),
        False,
    ),
    Band(
        "stop",
        t(
            "Very high risk: stop the work",
            "Очень высокий риск: прекратить работы",
            "Өте жоғары тәуекел: жұмысты тоқтату",
        ),
        400,
        DARK_RED,
        STOP,
        False,
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
    axes=(PROBABILITY, CONSEQUENCE, EXPOSURE),  # the engine's order: likelihood, severity, exposure
    formula="product",
    bands=BANDS,
    # one national degree per class: I acceptable … V very high
    kz_mapping=tuple(KzThreshold(band.lower, degree) for degree, band in enumerate(BANDS, 1)),
    priority_severity=40,  # several fatalities or more
)
