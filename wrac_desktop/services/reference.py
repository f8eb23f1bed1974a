"""Reference values a register may set for itself (e.g. stricter mine-air limits)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.errors import ValidationError
from wrac_desktop.hazards.reference import AirLimits, load_air_limits
from wrac_desktop.i18n import _
from wrac_desktop.persistence.audit import record_event
from wrac_desktop.persistence.properties import read_property, write_property

AIR_LIMITS_KEY = "reference.mine_air_limits"


def air_limits(session: Session) -> AirLimits:
    """The shipped mine-air limits with this register's own values over them."""
    return load_air_limits().with_overrides(_own_limits(session))


def _own_limits(session: Session) -> dict[str, Any]:
    stored = read_property(session, AIR_LIMITS_KEY)
    return json.loads(stored) if stored is not None else {}


def set_air_limit(session: Session, key: str, **values: Any) -> None:
    """Record this register's value for one limit, e.g. ``set_air_limit(s, "co", percent=…)``."""
    if key not in {limit.key for limit in load_air_limits().limits}:
        raise ValidationError(_("no mine-air limit “{key}”").format(key=key))
    percent = values.get("percent")
    if percent is not None and not 0 < float(percent) <= 100:
        raise ValidationError(_("a limit in % must be above 0 and at most 100"))
    overrides = _own_limits(session)
    overrides[key] = {**overrides.get(key, {}), **values}
    text = json.dumps(overrides, sort_keys=True)
    record_event(session, "setting", f"mine-air limit {key} set", {key: values})
    write_property(session, AIR_LIMITS_KEY, text)
