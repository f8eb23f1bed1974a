from wrac_desktop.text import collation_key, fold, kazakh_sorted


def test_fold_handles_kazakh_and_russian_capitals() -> None:
    assert fold("ҚҰЛАУ ӘҒҢӨҰҮҺІ") == "құлау әғңөұүһі"
    assert fold("ГАЗ Ёмкость") == "газ емкость"
    assert fold(None) == ""


def test_kazakh_alphabet_order() -> None:
    words = [
        "Іс",
        "Ыдыс",
        "Һауа",
        "Хат",
        "Үй",
        "Ұя",
        "Ут",
        "Өрт",
        "Орын",
        "Ңы",
        "Нан",
        "Қар",
        "Кен",
        "Ғимарат",
        "Газ",
        "Әке",
        "Ана",
    ]
    assert kazakh_sorted(words) == [
        "Ана",
        "Әке",
        "Газ",
        "Ғимарат",
        "Кен",
        "Қар",
        "Нан",
        "Ңы",
        "Орын",
        "Өрт",
        "Ут",
        "Ұя",
        "Үй",
        "Хат",
        "Һауа",
        "Ыдыс",
        "Іс",
    ]
    assert sorted(words) != kazakh_sorted(words)  # code-point order gets it wrong


def test_collation_ignores_case_and_puts_latin_first() -> None:
    assert collation_key("қар") == collation_key("ҚАР")
    assert collation_key("Zinc") < collation_key("Ана")
