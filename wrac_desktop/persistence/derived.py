"""Columns derived from others, kept right on every flush whatever changed them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from wrac_desktop.persistence.models import Hazard
from wrac_desktop.text import fold

HAZARD_SEARCHED_FIELDS = (
    "description", "unwanted_event", "causes", "people_exposed", "consequence",
    "existing_controls", "category", "notes",
)  # fmt: skip


def hazard_search_text(fields: dict[str, Any]) -> str:
    """The folded text a hazard is found by; bulk writers call this for their rows too."""
    return fold("\n".join(str(fields.get(name) or "") for name in HAZARD_SEARCHED_FIELDS))


def install_derived_columns(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", lambda session, _ctx, _objs: _refresh(session))


def _refresh(session: Session) -> None:
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Hazard):
            fields = {name: getattr(obj, name) for name in HAZARD_SEARCHED_FIELDS}
            obj.search_text = hazard_search_text(fields)
