"""Columns derived from others, kept right on every flush whatever changed them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from wrac_desktop.persistence.models import Hazard, TextTranslation
from wrac_desktop.text import fold

HAZARD_SEARCHED_FIELDS = (
    "description", "unwanted_event", "causes", "people_exposed", "consequence",
    "existing_controls", "category", "notes",
)  # fmt: skip
# A hazard is found by its texts in every language (issue 16): a translation row is found by
# its languages other than the text's own (the hazard's search text holds that one), and the
# search looks for hazards whose texts have a matching row.
TRANSLATION_SEARCHED_FIELDS = ("lang", "kk", "ru", "en")


def hazard_search_text(fields: Mapping[str, Any]) -> str:
    """The folded text a hazard is found by; bulk writers call this for their rows too."""
    return _search_text(fields, HAZARD_SEARCHED_FIELDS)


def translation_search_text(fields: Mapping[str, Any]) -> str:
    """The folded text a translation row is found by: its translations, not its own text,
    which the record's search text holds (a third less to store)."""
    others = tuple(name for name in ("kk", "ru", "en") if name != fields.get("lang"))
    return _search_text(fields, others)


def _search_text(fields: Mapping[str, Any], names: tuple[str, ...]) -> str:
    return fold("\n".join(str(fields.get(name) or "") for name in names))


# By table: the fields its ``search_text`` is derived from, and how (the state check tests it).
SEARCH_TEXTS = {
    "hazard": (HAZARD_SEARCHED_FIELDS, hazard_search_text),
    "text_translation": (TRANSLATION_SEARCHED_FIELDS, translation_search_text),
}


def sqlite_search_source(table: str) -> str | None:
    """SQLite SQL of the text a row's search text is folded from (``_search_text``'s join of
    its fields), NULL for a row with a field neither text nor NULL; None for a table whose
    fields to join depend on the row (a translation's, on its language). The state check
    folds it: the join of eight fields a hazard made in Python was a fifth of its time."""
    if table != Hazard.__tablename__:
        return None
    fields = [f'"{name}"' for name in HAZARD_SEARCHED_FIELDS]
    sure = " AND ".join(f"typeof({field}) IN ('text', 'null')" for field in fields)
    joined = " || char(10) || ".join(f"coalesce({field}, '')" for field in fields)
    return f"CASE WHEN {sure} THEN {joined} END"


def with_search_text(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A bulk writer's complete row with its search text, for a table that has one."""
    derive = SEARCH_TEXTS.get(table)
    return row | {"search_text": derive[1](row)} if derive else row


def install_derived_columns(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", lambda session, _ctx, _objs: _refresh(session))


def _refresh(session: Session) -> None:
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Hazard | TextTranslation):
            names, derive = SEARCH_TEXTS[obj.__tablename__]
            obj.search_text = derive({name: getattr(obj, name) for name in names})
