from decimal import Decimal

import pytest

from wrac_desktop.domain.costs import parse_cost
from wrac_desktop.errors import ValidationError


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("1 250 000,50", Decimal("1250000.50")),
        ("1250000.5", Decimal("1250000.5")),
        (3200, Decimal("3200")),
        ("0", Decimal("0")),
    ],
)
def test_costs_as_people_write_them(written: object, amount: Decimal) -> None:
    assert parse_cost(written) == amount


@pytest.mark.parametrize("nothing", [None, ""])
def test_no_cost_written_is_none(nothing: object) -> None:
    assert parse_cost(nothing) is None


# "NAN" from a generated worksheet crashed the import (hypothesis found it): Decimal reads it
@pytest.mark.parametrize("bad", ["много", "-5", "1,2,3", "NAN", "nan", "Infinity", "-inf", "sNaN"])
def test_a_cost_that_is_not_an_amount_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        parse_cost(bad)
