"""What the demo register is made of: an East-Kazakhstan mining and metallurgy enterprise.

Names are fictional; every text is in kk, ru and en. Each site names the hazard-library
industries its workplaces draw hazards from.
"""

from __future__ import annotations

from dataclasses import dataclass

from wrac_desktop.i18n import LocalText


def t(en: str, ru: str, kk: str) -> LocalText:
    return {"en": en, "ru": ru, "kk": kk}


@dataclass(frozen=True)
class Job:
    name: LocalText
    headcount: int
    shift: LocalText


@dataclass(frozen=True)
class Division:
    name: LocalText
    jobs: tuple[Job, ...]


@dataclass(frozen=True)
class Site:
    name: LocalText
    industries: tuple[str, ...]
    divisions: tuple[Division, ...]


SHIFT_4X3 = t(
    "4 crews, 12-hour shifts", "4-бригадный, смены по 12 ч", "4 бригадалық, 12 сағаттық ауысым"
)
SHIFT_DAY = t("Day shift, 5/2", "Дневная смена, 5/2", "Күндізгі ауысым, 5/2")
SHIFT_3X8 = t("3 shifts of 8 hours", "3 смены по 8 ч", "8 сағаттан 3 ауысым")

ORGANISATION = {
    "legal_name": t("Shygys Ken-Metall LLP", "ТОО «Шығыс Кен-Металл»", "«Шығыс Кен-Металл» ЖШС"),
    "bin_stem": "050940012345",
    "region": t(
        "East Kazakhstan Region", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы"
    ),
    "address": t(
        "1 Promyshlennaya St, Ust-Kamenogorsk",
        "г. Усть-Каменогорск, ул. Промышленная, 1",
        "Өскемен қ., Өнеркәсіп к-сі, 1",
    ),
    "industry": t(
        "Mining and metallurgy",
        "Горно-металлургическое производство",
        "Тау-кен металлургия өндірісі",
    ),
}

SITES: tuple[Site, ...] = (
    Site(
        t("Glubokiy underground mine", "Подземный рудник «Глубокий»", "«Терең» жерасты кеніші"),
        ("underground", "general"),
        (
            Division(
                t("Development section", "Проходческий участок", "Үңгілеу учаскесі"),
                (
                    Job(t("Development miner", "Проходчик", "Үңгілеуші"), 12, SHIFT_4X3),
                    Job(t("Shot-firer", "Взрывник", "Жарушы"), 4, SHIFT_4X3),
                    Job(t("Ground support miner", "Крепильщик", "Бекітуші"), 6, SHIFT_4X3),
                ),
            ),
            Division(
                t("Stoping section", "Очистной участок", "Тазарту учаскесі"),
                (
                    Job(t("LHD operator", "Машинист ПДМ", "ТЖМ машинисі"), 8, SHIFT_4X3),
                    Job(
                        t(
                            "Face drill operator",
                            "Машинист буровой установки (забой)",
                            "Кенжар бұрғылау қондырғысының машинисі",
                        ),
                        6,
                        SHIFT_4X3,
                    ),
                ),
            ),
            Division(
                t(
                    "Ventilation and hoisting",
                    "Участок вентиляции и подъёма",
                    "Желдету және көтеру учаскесі",
                ),
                (
                    Job(
                        t(
                            "Hoist operator",
                            "Машинист подъёмной машины",
                            "Көтергіш машинаның машинисі",
                        ),
                        4,
                        SHIFT_3X8,
                    ),
                    Job(
                        t("Ventilation miner", "Горнорабочий на вентиляции", "Желдетудегі кенші"),
                        3,
                        SHIFT_3X8,
                    ),
                    Job(
                        t(
                            "Underground electrician",
                            "Электрослесарь подземный",
                            "Жерасты электр слесары",
                        ),
                        5,
                        SHIFT_3X8,
                    ),
                ),
            ),
        ),
    ),
    Site(
        t("Shygys open pit", "Карьер «Шығыс»", "«Шығыс» карьері"),
        ("open_pit", "general"),
        (
            Division(
                t("Mining section", "Горный участок", "Тау-кен учаскесі"),
                (
                    Job(
                        t("Excavator operator", "Машинист экскаватора", "Экскаватор машинисі"),
                        6,
                        SHIFT_4X3,
                    ),
                    Job(
                        t(
                            "Blast-hole drill operator",
                            "Машинист буровой установки",
                            "Бұрғылау қондырғысының машинисі",
                        ),
                        4,
                        SHIFT_4X3,
                    ),
                    Job(t("Mining foreman", "Горный мастер", "Тау-кен шебері"), 4, SHIFT_4X3),
                ),
            ),
            Division(
                t("Haulage shop", "Автотранспортный цех", "Автокөлік цехы"),
                (
                    Job(
                        t(
                            "Haul truck driver",
                            "Водитель карьерного самосвала",
                            "Карьерлік өздігінен аударғыш жүргізушісі",
                        ),
                        20,
                        SHIFT_4X3,
                    ),
                    Job(
                        t("Dozer operator", "Машинист бульдозера", "Бульдозер машинисі"),
                        4,
                        SHIFT_4X3,
                    ),
                ),
            ),
        ),
    ),
    Site(
        t("Concentrator", "Обогатительная фабрика", "Байыту фабрикасы"),
        ("concentrator", "general"),
        (
            Division(
                t(
                    "Crushing and grinding",
                    "Отделение дробления и измельчения",
                    "Ұсақтау және ұнтақтау бөлімшесі",
                ),
                (
                    Job(t("Crusher operator", "Дробильщик", "Ұсақтаушы"), 6, SHIFT_3X8),
                    Job(t("Mill operator", "Машинист мельниц", "Диірмен машинисі"), 6, SHIFT_3X8),
                    Job(
                        t("Conveyor operator", "Машинист конвейера", "Конвейер машинисі"),
                        8,
                        SHIFT_3X8,
                    ),
                ),
            ),
            Division(
                t(
                    "Flotation and reagents",
                    "Флотационно-реагентное отделение",
                    "Флотация-реагент бөлімшесі",
                ),
                (
                    Job(t("Flotation operator", "Флотатор", "Флотатор"), 8, SHIFT_3X8),
                    Job(
                        t(
                            "Reagent operator",
                            "Аппаратчик приготовления реагентов",
                            "Реагент дайындау аппаратшысы",
                        ),
                        3,
                        SHIFT_3X8,
                    ),
                ),
            ),
        ),
    ),
    Site(
        t("Zinc and lead smelter", "Металлургический завод", "Металлургия зауыты"),
        ("smelter", "general"),
        (
            Division(
                t("Smelting shop", "Плавильный цех", "Балқыту цехы"),
                (
                    Job(t("Furnace operator", "Плавильщик", "Балқытушы"), 10, SHIFT_4X3),
                    Job(
                        t("Metal caster", "Разливщик цветных металлов", "Түсті металдарды құюшы"),
                        6,
                        SHIFT_4X3,
                    ),
                    Job(
                        t(
                            "Ladle crane operator",
                            "Машинист крана металлургического производства",
                            "Металлургия кранының машинисі",
                        ),
                        4,
                        SHIFT_4X3,
                    ),
                ),
            ),
            Division(
                t("Sulphuric acid plant", "Сернокислотный цех", "Күкірт қышқылы цехы"),
                (
                    Job(
                        t(
                            "Acid plant operator",
                            "Аппаратчик производства серной кислоты",
                            "Күкірт қышқылы өндірісінің аппаратшысы",
                        ),
                        5,
                        SHIFT_4X3,
                    ),
                ),
            ),
        ),
    ),
    Site(
        t(
            "Repair and maintenance workshops",
            "Ремонтно-механический цех",
            "Жөндеу-механикалық цехы",
        ),
        ("general",),
        (
            Division(
                t("Mechanical workshop", "Механическая мастерская", "Механикалық шеберхана"),
                (
                    Job(t("Welder", "Электрогазосварщик", "Электргаздәнекерлеуші"), 6, SHIFT_DAY),
                    Job(
                        t("Maintenance fitter", "Слесарь-ремонтник", "Жөндеуші слесарь"),
                        10,
                        SHIFT_DAY,
                    ),
                ),
            ),
            Division(
                t("Power supply service", "Служба энергоснабжения", "Энергиямен жабдықтау қызметі"),
                (
                    Job(t("Electrician", "Электромонтёр", "Электр монтері"), 6, SHIFT_3X8),
                    Job(t("Driver", "Водитель автомобиля", "Автомобиль жүргізушісі"), 8, SHIFT_DAY),
                ),
            ),
        ),
    ),
)

CREW = t("crew {n}", "бригада № {n}", "№ {n} бригада")

TEAM = (
    (
        t("Yerzhan Akhmetov", "Ахметов Ержан Серикович", "Ахметов Ержан Серікұлы"),
        t("Chief engineer", "Главный инженер", "Бас инженер"),
        "approver",
    ),
    (
        t("Aigerim Nurlanova", "Нурланова Айгерим Бахытовна", "Нұрланова Әйгерім Бахытқызы"),
        t(
            "Head of labour protection",
            "Начальник службы охраны труда",
            "Еңбекті қорғау қызметінің басшысы",
        ),
        "facilitator",
    ),
    (
        t("Viktor Kim", "Ким Виктор Алексеевич", "Ким Виктор Алексеевич"),
        t("Chief mechanic", "Главный механик", "Бас механик"),
        "member",
    ),
    (
        t("Oleg Petrov", "Петров Олег Иванович", "Петров Олег Иванович"),
        t("Chief power engineer", "Главный энергетик", "Бас энергетик"),
        "member",
    ),
    (
        t("Bauyrzhan Seitkaliyev", "Сейткалиев Бауыржан Маратович", "Сейтқалиев Бауыржан Маратұлы"),
        t("Mine manager", "Начальник рудника", "Кеніш бастығы"),
        "member",
    ),
    (
        t(
            "Gulnara Zhumabayeva",
            "Жумабаева Гульнара Тлеубековна",
            "Жұмабаева Гүлнара Тілеубекқызы",
        ),
        t(
            "Trade-union labour safety representative",
            "Общественный инспектор по охране труда",
            "Еңбекті қорғау жөніндегі қоғамдық инспектор",
        ),
        "worker_representative",
    ),
)

RESPONSIBLE = (
    t("Section manager", "Начальник участка", "Учаске бастығы"),
    t("Chief mechanic", "Главный механик", "Бас механик"),
    t("Chief power engineer", "Главный энергетик", "Бас энергетик"),
    t(
        "Head of labour protection",
        "Начальник службы охраны труда",
        "Еңбекті қорғау қызметінің басшысы",
    ),
    t("Shift supervisor", "Начальник смены", "Ауысым бастығы"),
)

FUNDING_EMPLOYER = t(
    "At the employer's expense", "За счёт средств работодателя", "Жұмыс берушінің қаражаты есебінен"
)
FUNDING_NONE = t("Not required", "Не требуется", "Талап етілмейді")

COMPLETION_FORMS = (
    t("Order", "Приказ", "Бұйрық"),
    t("Certificate of completed work", "Акт выполненных работ", "Орындалған жұмыстар актісі"),
    t(
        "Instrument measurement report",
        "Протокол инструментальных замеров",
        "Аспаптық өлшеу хаттамасы",
    ),
    t("Training log entry", "Запись в журнале инструктажа", "Нұсқама журналындағы жазба"),
)

DUE_QUARTER = t("Q{q} {year}", "{roman} квартал {year} г.", "{year} ж. {roman} тоқсан")
DUE_PERMANENT = t("Permanently", "Постоянно", "Үнемі")

ASSESSMENT = {
    "title": t(
        "Occupational risk assessment of workplaces, 2026",
        "Оценка профессиональных рисков на рабочих местах, 2026 г.",
        "Жұмыс орындарындағы кәсіптік тәуекелдерді бағалау, 2026 ж.",
    ),
    "scope": t(
        "All workplaces of production personnel: underground mine, open pit, concentrator, "
        "smelter and workshops (roadmap measures 1 and 18)",
        "Все рабочие места производственного персонала: подземный рудник, карьер, "
        "обогатительная фабрика, металлургический завод и мастерские "
        "(мероприятия 1 и 18 дорожной карты)",
        "Өндірістік персоналдың барлық жұмыс орындары: жерасты кеніші, карьер, байыту "
        "фабрикасы, металлургия зауыты және шеберханалар "
        "(жол картасының 1 және 18 іс-шаралары)",
    ),
    "document_number": "ОПР-2026/01",
}
