"""The matrices shipped with the product (see docs/domain.md §2). Companies edit copies."""

from __future__ import annotations

from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import NC_, _
from wrac_desktop.risk.fine_kinney import FINE_KINNEY
from wrac_desktop.risk.matrix import Band, KzThreshold, Matrix
from wrac_desktop.risk.preset_texts import (
    ACCEPT,
    ALARP,
    GREEN,
    HIGH,
    HIGH_ACTION,
    LIKELIHOOD_5,
    LOW,
    MEDIUM,
    NOT_TOLERABLE,
    ORANGE,
    RED,
    SEVERITY_5,
    SIGNIFICANT,
    YELLOW,
    t,
)

WRAC_5X5 = Matrix(
    key="wrac_5x5",
    name=t(NC_("matrix preset", "WRAC 5×5 risk rank (1–25)")),
    description=t(NC_("matrix preset", "Mining-industry rank matrix: 25 is the highest risk.")),
    axes=(LIKELIHOOD_5, SEVERITY_5),
    formula="table",
    # Printed with likelihood 5 on top; stored the other way up, row 0 = likelihood 1 (rare).
    table=(  # columns: consequence 1 (insignificant) … 5 (major)
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
        Band("high", HIGH, 21, RED, HIGH_ACTION, False),
    ),
    kz_mapping=(
        KzThreshold(1, 1),
        KzThreshold(3, 2),
        KzThreshold(6, 3),
        KzThreshold(13, 4),
        KzThreshold(21, 5),
    ),
    priority_severity=4,  # "priority unwanted event": consequence 4–5
)

PRODUCT_5X5 = Matrix(
    key="product_5x5",
    name=t(NC_("matrix preset", "Likelihood × severity 5×5 (1–25)")),
    description=t(NC_("matrix preset", "Risk = likelihood × severity; company-specific bands.")),
    axes=(LIKELIHOOD_5, SEVERITY_5),
    formula="product",
    # 13 and 14 are no product of 1..5, so "High 15–25" leaves no gap after "Medium 5–12"
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

PRESETS: dict[str, Matrix] = {m.key: m for m in (WRAC_5X5, PRODUCT_5X5, FINE_KINNEY)}


def preset(key: str) -> Matrix:
    """The shipped matrix called ``key``; ValidationError listing the presets if unknown."""
    try:
        return PRESETS[key]
    except KeyError:
        raise ValidationError(
            _("no matrix preset “{key}”; choose one of: {keys}").format(
                key=key, keys=", ".join(PRESETS)
            )
        ) from None


__all__ = ["FINE_KINNEY", "PRESETS", "PRODUCT_5X5", "WRAC_5X5", "preset"]
