"""Kazakhstan's five-degree occupational-risk scale (national labour-protection method)."""

from __future__ import annotations

from dataclasses import dataclass

from wrac_desktop.i18n import LocalText, pick


@dataclass(frozen=True)
class KzDegree:
    degree: int
    roman: str
    name: LocalText


KZ_DEGREES: tuple[KzDegree, ...] = (
    KzDegree(1, "I", {"en": "acceptable", "ru": "допустимый", "kk": "рұқсат етілген"}),
    KzDegree(2, "II", {"en": "low", "ru": "низкий", "kk": "төмен"}),
    KzDegree(3, "III", {"en": "medium", "ru": "средний", "kk": "орташа"}),
    KzDegree(4, "IV", {"en": "high", "ru": "высокий", "kk": "жоғары"}),
    KzDegree(5, "V", {"en": "very high", "ru": "очень высокий", "kk": "өте жоғары"}),
)


def kz_degree_label(degree: int, lang: str | None = None) -> str:
    """E.g. "III — средний"."""
    entry = KZ_DEGREES[degree - 1]
    return f"{entry.roman} — {pick(entry.name, lang)}"
