"""The words due dates are written with, in Kazakh, Russian and English.

Each word is recognised whole (a stem plus one of the endings the language puts on it), never
by its first letters: "мартышка 2026" is no month, and "маусым" is June, not May ("мамыр").
``due_dates`` turns a text into a list of these word kinds and reads the list.
"""

from __future__ import annotations

import re

# Russian month stems take a case ending (января, январе, январём); Kazakh ones take a case or
# possessive suffix (наурыздың, наурызға, наурызы, наурызында). The endings are listed, so a
# word that merely begins like a month is not one.
_RU_MONTHS = (
    "январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
    "ноябр", "декабр",
)  # fmt: skip
_RU_ENDINGS = ("ь", "я", "е", "ю", "ем", "ём", "", "а", "у", "ом", "й")
_KK_MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
    "қазан", "қараша", "желтоқсан",
)  # fmt: skip
_KK_SUFFIXES = (
    "", "ы", "і", "сы", "сі", "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке",
    "на", "не", "а", "е", "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан",
    "нен", "ды", "ді", "ты", "ті", "ны", "ні", "мен", "бен", "пен", "ын", "ін", "сын", "сін",
    "ында", "інде", "сында", "сінде", "ына", "іне", "сына", "сіне", "ынан", "інен", "ының",
    "інің", "сының", "сінің",
)  # fmt: skip
_EN_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_ABBREVIATIONS = {
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9,
    "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def _month_words() -> dict[str, int]:
    words = dict(_ABBREVIATIONS)
    for number, stem in enumerate(_RU_MONTHS, start=1):
        endings = ("й", "я", "е", "ю", "ем", "ём") if stem == "ма" else _RU_ENDINGS
        words.update({stem + ending: number for ending in endings if stem + ending != "ма"})
    for number, stem in enumerate(_KK_MONTHS, start=1):
        words.update({stem + suffix: number for suffix in _KK_SUFFIXES})
        if stem.endswith("к"):  # қыркүйек → қыркүйегі: к voices to г before a vowel
            voiced = stem[:-1] + "г"
            words.update({voiced + s: number for s in _KK_SUFFIXES if s[:1] in ("і", "ы")})
    words.update({name: number for number, name in enumerate(_EN_MONTHS, start=1)})
    return words


MONTHS = _month_words()

# "тоқсан" (quarter) also takes Kazakh suffixes: тоқсаны, тоқсанның, тоқсанына.
QUARTER_WORDS = frozenset(
    {"квартал" + ending for ending in ("", "а", "е", "у", "ом", "ы", "ов")}
    | {"тоқсан" + suffix for suffix in _KK_SUFFIXES}
    | {"кв", "quarter", "q"}
)
HALF_WORDS = frozenset(
    {"полугодие", "полугодия", "полугодии", "полугодию", "полугодием", "полугод"}
    | {"жартыжылдық" + suffix for suffix in ("", "та", "қа", "тың", "ты")}
    | {"жартыжылдығы", "жартыжылдығында", "жартыжылдығына", "жартыжылдықтың"}
    | {"жарты", "half", "h"}
)

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL_STEMS = (
    ("перв", 1), ("втор", 2), ("трет", 3), ("четверт", 4), ("четвёрт", 4),
)  # fmt: skip
_RU_ORDINAL_ENDINGS = re.compile(r"(?:ый|ой|ий|ая|ое|ого|ому|ом|ую|ые|ых|ья|ье|ьего|ьем|ьей|ью)")
ORDINAL_WORDS = {
    "бірінші": 1, "екінші": 2, "үшінші": 3, "төртінші": 4,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip

# Endings written after a number with a hyphen: 2-й квартал, 15-го, 15-і, 1-ші тоқсан.
ORDINAL_SUFFIXES = frozenset(
    {"й", "го", "е", "ое", "ый", "ий", "я", "ая", "м", "ом", "і", "ы", "ші", "шы", "нші", "ншы"}
    | {"st", "nd", "rd", "th"}
)

# Words that only frame a deadline: "до", "не позднее", "г.", "жылғы", "дейін", "end of".
FILLER = frozenset(
    {
        "до", "не", "позднее", "к", "по", "в", "во", "на", "срок", "течение", "конец", "конца",
        "концу", "окончания", "г", "гг", "год", "года", "году", "годом", "годе",
        "дейін", "шейін", "дейiн", "ж", "жж", "жыл", "жылы", "жылғы", "жылдың", "жылға",
        "жылда", "жылына", "жылдық", "ішінде", "соңы", "соңына", "соңында", "аяғына",
        "мерзімі", "by", "until", "till", "due", "end", "of", "the", "in", "year",
    }
)  # fmt: skip

# Values with no deadline by their nature (the roadmap's "permanently", "annually", …): they
# are understood, so they are not reported as unreadable. Each names what it means, so that a
# document in another language can say the same (due_wording).
STANDING_MEANINGS = {
    ("постоянно",): "permanently", ("үнемі",): "permanently", ("permanently",): "permanently",
    ("ongoing",): "permanently", ("continuously",): "permanently",
    ("ежегодно",): "annually", ("жыл", "сайын"): "annually", ("annually",): "annually",
    ("ежеквартально",): "quarterly", ("тоқсан", "сайын"): "quarterly",
    ("quarterly",): "quarterly",
    ("ежемесячно",): "monthly", ("ай", "сайын"): "monthly", ("monthly",): "monthly",
    ("еженедельно",): "weekly", ("апта", "сайын"): "weekly", ("weekly",): "weekly",
    ("ежедневно",): "daily", ("күн", "сайын"): "daily", ("daily",): "daily",
    ("по", "мере", "необходимости"): "as_needed", ("қажет", "болған", "жағдайда"): "as_needed",
    ("қажеттілігіне", "қарай"): "as_needed", ("қажеттілік", "бойынша"): "as_needed",
    ("as", "needed"): "as_needed",
}  # fmt: skip
STANDING = frozenset(STANDING_MEANINGS)


def _vocabulary_languages() -> dict[str, str]:
    """The language of each word above that belongs to one: how ``due_wording`` tells that a
    due date is written in a language other than the document's."""
    languages: dict[str, str] = {}
    for word, number in MONTHS.items():
        stem_languages = (
            ("kk", _KK_MONTHS[number - 1]), ("ru", _RU_MONTHS[number - 1]),
            ("en", _EN_MONTHS[number - 1]),
        )  # fmt: skip
        for lang, stem in stem_languages:
            if word.startswith(stem[:-1] if lang == "kk" else stem):
                languages[word] = lang
                break
        else:
            languages[word] = "en" if word.isascii() else "ru"  # an abbreviation
    for group in (QUARTER_WORDS, HALF_WORDS, FILLER, ORDINAL_WORDS, *STANDING):
        for word in group:
            languages.setdefault(word, _script_language(word))
    return languages


_KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# Kazakh words of the lists above written with letters Russian has too
_KAZAKH_PLAIN = frozenset({"ж", "жж", "жыл", "жылы", "жарты", "ай", "сайын", "апта", "бойынша"})


def _script_language(word: str) -> str:
    if word.isascii():
        return "en"
    kazakh = word in _KAZAKH_PLAIN or not _KAZAKH_LETTERS.isdisjoint(word)
    return "kk" if kazakh else "ru"


WORD_LANGUAGES = _vocabulary_languages()


def ordinal_value(word: str) -> int | None:
    """1–4 for "первый", "второго", "бірінші", "fourth", …; None for any other word."""
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    for stem, value in _ORDINAL_STEMS:
        if word.startswith(stem) and _RU_ORDINAL_ENDINGS.fullmatch(word[len(stem) :]):
            return value
    return None


def roman_value(word: str) -> int | None:
    """1–4 for I–IV, also typed with the Kazakh letter і (ІІ тоқсан)."""
    return ROMAN.get(word.replace("і", "i"))
