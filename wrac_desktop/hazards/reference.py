"""Reference values (mine-air limits) as data, with their source; a register may override them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from wrac_desktop.errors import DataFileError
from wrac_desktop.i18n import LANGUAGES, LocalText
from wrac_desktop.resources import package_path

AIR_LIMITS_FILE = package_path("hazards", "reference", "mine_air_limits.toml")


@dataclass(frozen=True)
class AirLimit:
    key: str
    kind: str  # "minimum" (O₂) or "maximum" (toxic gases)
    percent: float
    name: LocalText
    mg_m3: float | None = None
    verify: bool = True  # not yet checked against Kazakhstan's current rules


@dataclass(frozen=True)
class AirLimits:
    source: LocalText
    limits: tuple[AirLimit, ...]

    def get(self, key: str) -> AirLimit:
        return next(limit for limit in self.limits if limit.key == key)

    def with_overrides(self, overrides: dict[str, dict[str, Any]]) -> AirLimits:
        """A register's own values (e.g. {"co": {"percent": 0.0016}}) over the shipped ones."""
        limits = tuple(
            replace(limit, **_known(overrides.get(limit.key, {}))) for limit in self.limits
        )
        return AirLimits(self.source, limits)


def _known(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k in ("percent", "mg_m3", "verify")}


@cache
def load_air_limits(path: Path = AIR_LIMITS_FILE) -> AirLimits:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        limits = tuple(_limit(item) for item in data["limit"])
        source = {lang: data["source"][lang] for lang in LANGUAGES}
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise DataFileError(f"{path}: invalid reference values ({error})") from error
    return AirLimits(source, limits)


def _limit(item: dict[str, Any]) -> AirLimit:
    if item["kind"] not in ("minimum", "maximum"):
        raise ValueError(f"limit {item['key']}: kind must be minimum or maximum")
    return AirLimit(
        key=item["key"],
        kind=item["kind"],
        percent=float(item["percent"]),
        mg_m3=float(item["mg_m3"]) if "mg_m3" in item else None,
        verify=bool(item.get("verify", True)),
        name={lang: item["name"][lang] for lang in LANGUAGES},
    )
