"""The cost of a control measure as a person writes it: "1 250 000,50" or "1250000.5"."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import _


def parse_cost(value: Any) -> Decimal | None:
    """A non-negative amount, or None when nothing was written; spaces group thousands and a
    comma may stand for the decimal point (how Kazakh and Russian write money)."""
    if value is None or value == "":
        return None
    try:
        cost = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation as error:
        raise ValidationError(_("cost “{value}” is not a number").format(value=value)) from error
    if not cost.is_finite():  # "NaN", "Infinity": Decimal reads them, and then cannot compare
        raise ValidationError(_("cost “{value}” is not a number").format(value=value))
    if cost < 0:
        raise ValidationError(_("cost cannot be negative"))
    return cost
