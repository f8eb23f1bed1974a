"""Reference values (mine-air limits) as data, with their source; a register may override them.

The values come from post-Soviet mining rules and have not been checked against Kazakhstan's
current rules, so each carries ``verify = True`` until someone has: the UI and reports can say so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards.schema import Record, read_toml
from wrac_desktop.hazards.translation import translate_air_limits
from wrac_desktop.i18n import LocalText
from wrac_desktop.resources import package_path

AIR_LIMITS_FILE = package_path("hazards", "reference", "mine_air_limits.toml")
LIMIT_KINDS = ("minimum", "maximum")  # O₂ has a floor, the toxic gases a ceiling


@dataclass(frozen=True)
class AirLimit:
    key: str
    kind: str  # "minimum" (O₂) or "maximum" (toxic gases)
    percent: float  # by volume
    name: LocalText
    source: LocalText
    mg_m3: float | None = None
    verify: bool = True  # not yet checked against Kazakhstan's current rules

    def allows(self, percent: float) -> bool:
        """Whether a measured concentration (% by volume) is within this limit."""
        return percent >= self.percent if self.kind == "minimum" else percent <= self.percent


@dataclass(frozen=True)
class AirLimits:
    """The limits in file order; iterate it, or ``tuple(limits)``, for the plain sequence."""

    source: LocalText
    limits: tuple[AirLimit, ...]

    def __iter__(self) -> Iterator[AirLimit]:
        return iter(self.limits)

    def __len__(self) -> int:
        return len(self.limits)

    def get(self, key: str) -> AirLimit:
        """The limit for ``key`` ("o2", "co", …); KeyError if there is none."""
        for limit in self.limits:
            if limit.key == key:
                return limit
        raise KeyError(key)


@cache
def load_air_limits(path: Path = AIR_LIMITS_FILE) -> AirLimits:
    """The mine-air limits shipped with the app (or in ``path``), in every language from the
    wrac_library catalogue, validated."""
    data, where = read_toml(path)
    translate_air_limits(data, where)
    source = Record(data, where, "file").local(data.get("source"), "source")
    items = data.get("limit")
    if not isinstance(items, list) or not items:
        raise DataFileError(f"{where}: needs at least one [[limit]] table")
    return AirLimits(source, tuple(_limit(item, where, source) for item in items))


def _limit(item: Any, where: str, default_source: LocalText) -> AirLimit:
    record = Record(item, where, "limit", key="key")
    if not isinstance(record.data.get("key"), str):
        record.fail("key", 'must be a short text such as "co"')
    verify = record.data.get("verify", True)
    if not isinstance(verify, bool):
        record.fail("verify", "must be true or false")
    source = record.data.get("source")
    return AirLimit(
        key=record.data["key"],
        kind=record.choice("kind", LIMIT_KINDS),
        percent=record.number("percent"),
        mg_m3=record.optional_number("mg_m3"),
        verify=verify,
        name=record.local(record.data.get("name"), "name"),
        source=record.local(source, "source") if source is not None else default_source,
    )
