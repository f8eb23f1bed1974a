"""Validation of library data: every error names the file, the entry and the field."""

from __future__ import annotations

from typing import Any, NoReturn

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards.model import (
    ENERGIES,
    GOST_GROUPS,
    GOST_KINDS,
    INDUSTRIES,
    ControlTemplate,
    HazardEntry,
)
from wrac_desktop.i18n import LANGUAGES, LocalText
from wrac_desktop.vocabulary import ControlLevel

_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")
_KNOWN_FIELDS = {
    "id", "energy", "gost_group", "gost_kind", "suggested_severity", "industries", "roadmap",
    "retired", "name", "description", "keywords", "unwanted_events", "causes", "consequences",
    "controls",
}  # fmt: skip


class _Entry:
    def __init__(self, data: Any, source: str) -> None:
        self.source = source
        self.id = data.get("id", "?") if isinstance(data, dict) else "?"
        if not isinstance(data, dict):
            self.fail("", "an entry must be a table of fields")
        self.data: dict[str, Any] = data

    def fail(self, field: str, problem: str) -> NoReturn:
        where = f"{self.source}, entry '{self.id}'" + (f": field '{field}'" if field else "")
        raise DataFileError(f"{where} {problem}")

    def choice(self, field: str, allowed: tuple[str, ...]) -> str:
        value = self.data.get(field)
        if value not in allowed:
            self.fail(field, f"must be one of {', '.join(allowed)}; got {value!r}")
        return str(value)

    def local(self, value: Any, field: str) -> LocalText:
        if not isinstance(value, dict):
            self.fail(field, "is missing or not a table of kk, ru and en texts")
        for lang in LANGUAGES:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.fail(f"{field}.{lang}", "is missing")
        return {lang: value[lang].strip() for lang in LANGUAGES}

    def local_list(self, field: str) -> tuple[LocalText, ...]:
        items = self.data.get(field)
        if not isinstance(items, list) or not items:
            self.fail(field, "needs at least one item")
        return tuple(self.local(item, f"{field}[{i}]") for i, item in enumerate(items))


def entry_from_dict(data: Any, source: str) -> HazardEntry:
    entry = _Entry(data, source)
    unknown = set(entry.data) - _KNOWN_FIELDS
    if unknown:
        entry.fail(sorted(unknown)[0], "is not a known field (a typo?)")
    return HazardEntry(
        id=_identifier(entry),
        energy=entry.choice("energy", ENERGIES),
        gost_group=entry.choice("gost_group", GOST_GROUPS),
        gost_kind=entry.choice("gost_kind", GOST_KINDS),
        name=entry.local(entry.data.get("name"), "name"),
        description=entry.local(entry.data.get("description"), "description"),
        unwanted_events=entry.local_list("unwanted_events"),
        causes=entry.local_list("causes"),
        consequences=entry.local_list("consequences"),
        suggested_severity=_severity(entry),
        controls=_controls(entry),
        keywords=_keywords(entry),
        roadmap=_numbers(entry, "roadmap"),
        industries=_industries(entry),
        retired=bool(entry.data.get("retired", False)),
    )


def _identifier(entry: _Entry) -> str:
    value = entry.data.get("id")
    if not isinstance(value, str) or not value or not set(value) <= _ID_CHARS:
        entry.fail("id", "must be lower-case letters, digits and underscores")
    return value


def _severity(entry: _Entry) -> int:
    value = entry.data.get("suggested_severity")
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        entry.fail("suggested_severity", f"must be a whole number from 1 to 5; got {value!r}")
    return value


def _controls(entry: _Entry) -> tuple[ControlTemplate, ...]:
    items = entry.data.get("controls")
    if not isinstance(items, list) or not items:
        entry.fail("controls", "needs at least one control")
    controls = []
    for index, item in enumerate(items):
        field = f"controls[{index}]"
        level = item.get("level") if isinstance(item, dict) else None
        extra = set(item) - {"level", *LANGUAGES} if isinstance(item, dict) else set()
        if extra:
            entry.fail(f"{field}.{sorted(extra)[0]}", "is not a known field (a typo?)")
        if level not in {member.value for member in ControlLevel}:
            entry.fail(f"{field}.level", f"must be a hierarchy level; got {level!r}")
        controls.append(ControlTemplate(ControlLevel(level), entry.local(item, field)))
    return tuple(controls)


def _keywords(entry: _Entry) -> dict[str, tuple[str, ...]]:
    value = entry.data.get("keywords", {})
    if not isinstance(value, dict) or not set(value) <= set(LANGUAGES):
        entry.fail("keywords", "must be a table of kk, ru and en word lists")
    for lang, words in value.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            entry.fail(f"keywords.{lang}", "must be a list of words")
    return {lang: tuple(words) for lang, words in value.items()}


def _numbers(entry: _Entry, field: str) -> tuple[int, ...]:
    value = entry.data.get(field, [])
    if not isinstance(value, list) or not all(isinstance(n, int) for n in value):
        entry.fail(field, "must be a list of whole numbers")
    return tuple(value)


def _industries(entry: _Entry) -> tuple[str, ...]:
    value = entry.data.get("industries", [])
    if not isinstance(value, list) or not set(value) <= set(INDUSTRIES):
        entry.fail("industries", f"must list some of {', '.join(INDUSTRIES)}")
    return tuple(value)
