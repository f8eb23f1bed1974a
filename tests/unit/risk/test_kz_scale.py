"""Kazakhstan's five-degree scale: names in three languages, labels, degrees out of range."""

from __future__ import annotations

from typing import Any

import pytest

from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import LANGUAGES, translated_in
from wrac_desktop.risk.kz_scale import KZ_DEGREES, kz_degree_entry, kz_degree_label


def test_five_degrees_in_order() -> None:
    assert [(d.degree, d.roman) for d in KZ_DEGREES] == [
        (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V")
    ]  # fmt: skip
    names = {lang: [translated_in(d.name, lang) for d in KZ_DEGREES] for lang in LANGUAGES}
    assert names["en"] == [
        "acceptable", "low", "medium", "high", "very high"
    ]  # fmt: skip
    assert names["ru"] == [
        "допустимый", "низкий", "средний", "высокий", "очень высокий"
    ]  # fmt: skip
    assert names["kk"][1:] == ["төмен", "орташа", "жоғары", "өте жоғары"]
    assert all(name.strip() for lang in LANGUAGES for name in names[lang])


@pytest.mark.parametrize(
    ("degree", "lang", "label"),
    [(3, "ru", "III — средний"), (5, "kk", "V — өте жоғары"), (1, "en", "I — acceptable"),
     (4, "en", "IV — high")],
)  # fmt: skip
def test_labels(degree: int, lang: str, label: str) -> None:
    assert kz_degree_label(degree, lang) == label


@pytest.mark.parametrize("degree", [0, 6, -1, 2.0, True, None, "3"])
def test_a_degree_off_the_scale_is_refused(degree: Any) -> None:
    with pytest.raises(ValidationError, match="1 to 5"):
        kz_degree_label(degree, "en")
    with pytest.raises(ValidationError):
        kz_degree_entry(degree)
