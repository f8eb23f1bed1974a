"""Kazakhstan's five-degree occupational-risk scale (national labour-protection method).

Every matrix maps its scores onto this scale (``Matrix.kz_degree``), so registers built on
different company matrices can be summed up the same way for the inspectorate.
"""

from __future__ import annotations

from dataclasses import dataclass

from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import NC_, Deferred, _, translated_in


@dataclass(frozen=True)
class KzDegree:
    """One degree of the scale: 1..5, its Roman numeral and its name (in the catalogues)."""

    degree: int
    roman: str
    name: Deferred


KZ_DEGREES: tuple[KzDegree, ...] = (
    KzDegree(1, "I", NC_("national scale", "acceptable")),
    KzDegree(2, "II", NC_("national scale", "low")),
    KzDegree(3, "III", NC_("national scale", "medium")),
    KzDegree(4, "IV", NC_("national scale", "high")),
    KzDegree(5, "V", NC_("national scale", "very high")),
)


def kz_degree_entry(degree: int) -> KzDegree:
    """The entry of ``degree`` (1..5); ValidationError for anything else."""
    # checked explicitly: KZ_DEGREES[-1] would otherwise turn a degree 0 into "V"; bool excluded
    if type(degree) is not int or not 1 <= degree <= 5:
        raise ValidationError(
            _("{degree} is not a degree of the national scale (1 to 5)").format(degree=degree)
        )
    return KZ_DEGREES[degree - 1]


def kz_degree_label(degree: int, lang: str | None = None) -> str:
    """Roman numeral and name, e.g. "III — средний"."""
    entry = kz_degree_entry(degree)
    return f"{entry.roman} — {translated_in(entry.name, lang)}"
