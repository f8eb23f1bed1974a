"""Reference values a register may set for itself (e.g. stricter mine-air limits)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.errors import ValidationError
from wrac_desktop.hazards.reference import AirLimits, load_air_limits
from wrac_desktop.i18n import _
from wrac_desktop.persistence.audit import record_event
from wrac_desktop.persistence.models import RegisterProperty

AIR_LIMITS_KEY = "reference.mine_air_limits"


def air_limits(session: Session) -> AirLimits:
    """The shipped mine-air limits with this register's own values over them."""
    record = session.get(RegisterProperty, AIR_LIMITS_KEY)
    overrides = json.loads(record.value) if record else {}
    return load_air_limits().with_overrides(overrides)


def set_air_limit(session: Session, key: str, **values: Any) -> None:
    """Record this register's value for one limit, e.g. ``set_air_limit(s, "co", percent=…)``."""
    if key not in {limit.key for limit in load_air_limits().limits}:
        raise ValidationError(_("no mine-air limit “{key}”").format(key=key))
    percent = values.get("percent")
    if percent is not None and not 0 < float(percent) <= 100:
        raise ValidationError(_("a limit in % must be above 0 and at most 100"))
    record = session.get(RegisterProperty, AIR_LIMITS_KEY)
    overrides = json.loads(record.value) if record else {}
    overrides[key] = {**overrides.get(key, {}), **values}
    text = json.dumps(overrides, sort_keys=True)
    record_event(session, "setting", f"mine-air limit {key} set", {key: values})
    if record is None:
        session.add(RegisterProperty(key=AIR_LIMITS_KEY, value=text))
    else:
        record.value = text
