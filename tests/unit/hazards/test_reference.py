"""Mine-air limits are data with their source, flagged until checked against Kazakh rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards import load_air_limits
from wrac_desktop.hazards.reference import AIR_LIMITS_FILE
from wrac_desktop.i18n import LANGUAGES


def test_air_limits_load_with_the_values_of_the_rules() -> None:
    limits = load_air_limits()
    assert [limit.key for limit in limits] == ["o2", "co", "no2", "so2", "h2s"]
    assert limits.get("o2").percent == 20 and limits.get("o2").kind == "minimum"
    assert (limits.get("co").percent, limits.get("co").mg_m3) == (0.0017, 20)
    assert limits.get("no2").percent == 0.00026
    assert limits.get("so2").percent == 0.00038
    assert limits.get("h2s").percent == 0.00071
    with pytest.raises(KeyError):
        limits.get("ch4")


def test_every_limit_names_its_source_and_awaits_a_check() -> None:
    limits = load_air_limits()
    for limit in limits:
        assert all(limit.name[lang] and limit.source[lang] for lang in LANGUAGES)
        assert limit.verify is True
        assert "Kazakhstan" in limit.source["en"]
    assert all(limits.source[lang] for lang in LANGUAGES)


def test_a_limit_says_whether_a_measurement_is_within_it() -> None:
    limits = load_air_limits()
    assert limits.get("o2").allows(20.5) and not limits.get("o2").allows(19.5)
    assert limits.get("co").allows(0.001) and not limits.get("co").allows(0.002)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("percent = 0.0017", 'percent = "low"'), "limit 'co': field 'percent'"),
        (lambda t: t.replace('kind = "minimum"', 'kind = "floor"'), "limit 'o2': field 'kind'"),
        (lambda t: t.replace("Hydrogen sulphide (H₂S), not more than", ""), "name.en"),
        (lambda t: t.replace("[[limit]]", "[[limits]]"), "needs at least one [[limit]]"),
        (lambda t: t.replace("[source]", "[source"), "not valid TOML"),
    ],
)
def test_invalid_limits_name_file_limit_and_field(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "limits.toml"
    path.write_text(change(AIR_LIMITS_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_air_limits(path)
    assert str(path) in error.value.message and message in error.value.message
