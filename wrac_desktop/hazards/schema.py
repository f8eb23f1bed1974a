"""Validation of library data: every error names the file, the entry and the field."""

from __future__ import annotations

import tomllib
from pathlib import Path
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
from wrac_desktop.resources import package_path
from wrac_desktop.vocabulary import ControlLevel

ROADMAP_MEASURES = 46  # the East Kazakhstan roadmap of the Safe Labour Concept has 46 rows
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")
_KNOWN_FIELDS = {
    "id", "energy", "gost_group", "gost_kind", "suggested_severity", "industries", "roadmap",
    "retired", "name", "description", "keywords", "unwanted_events", "causes", "consequences",
    "controls",
}  # fmt: skip


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """A data file's contents and the name messages use for it; DataFileError if unreadable."""
    where = display_path(path)
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8")), where
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{where}: cannot be read ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"{where}: not valid TOML ({error})") from error


def display_path(path: Path) -> str:
    """A data file as messages name it: "hazards/data/noise.toml" if shipped, else in full."""
    try:
        return Path(path).resolve().relative_to(package_path()).as_posix()
    except ValueError:
        return str(path)


class Record:
    """One table of a data file being validated; ``fail`` names file, record and field."""

    def __init__(self, data: Any, source: str, kind: str = "entry", key: str = "id") -> None:
        self.source, self.kind = source, kind
        self.id = data.get(key, "?") if isinstance(data, dict) else "?"
        if not isinstance(data, dict):
            self.fail("", f"each {kind} must be a table of fields")
        self.data: dict[str, Any] = data

    def fail(self, field: str, problem: str) -> NoReturn:
        where = f"{self.source}, {self.kind} '{self.id}'" + (f": field '{field}'" if field else "")
        raise DataFileError(f"{where} {problem}")

    def number(self, field: str) -> float:
        value = self.data.get(field)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            self.fail(field, f"must be a positive number; got {value!r}")
        return float(value)

    def optional_number(self, field: str) -> float | None:
        return None if self.data.get(field) is None else self.number(field)

    def choice(self, field: str, allowed: tuple[str, ...]) -> str:
        value = self.data.get(field)
        if value not in allowed:
            self.fail(field, f"must be one of {', '.join(allowed)}; got {value!r}")
        return str(value)

    def local(self, value: Any, field: str) -> LocalText:
        if not isinstance(value, dict):
            self.fail(field, "is missing or not a table of kk, ru and en texts")
        for lang in sorted(LANGUAGES, key=lambda lang: lang != "en"):  # the source text first
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.fail(f"{field}.{lang}" if field else lang, "is missing")
        return {lang: value[lang].strip() for lang in LANGUAGES}

    def local_list(self, field: str) -> tuple[LocalText, ...]:
        items = self.data.get(field)
        if not isinstance(items, list) or not items:
            self.fail(field, "needs at least one item")
        return tuple(self.local(item, f"{field}[{i}]") for i, item in enumerate(items))


def entry_from_dict(data: Any, source: str) -> HazardEntry:
    """Validate one hazard entry read from ``source`` and build it."""
    entry = Record(data, source)
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


def _identifier(entry: Record) -> str:
    value = entry.data.get("id")
    if not isinstance(value, str) or not value or not set(value) <= _ID_CHARS:
        entry.fail("id", "must be lower-case letters, digits and underscores")
    return value


def _severity(entry: Record) -> int:
    value = entry.data.get("suggested_severity")
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        entry.fail("suggested_severity", f"must be a whole number from 1 to 5; got {value!r}")
    return value


def _controls(entry: Record) -> tuple[ControlTemplate, ...]:
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


def _keywords(entry: Record) -> dict[str, tuple[str, ...]]:
    value = entry.data.get("keywords", {})
    if not isinstance(value, dict) or not set(value) <= set(LANGUAGES):
        entry.fail("keywords", "must be a table of kk, ru and en word lists")
    for lang, words in value.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            entry.fail(f"keywords.{lang}", "must be a list of words")
    return {lang: tuple(value[lang]) for lang in LANGUAGES if lang in value}


def _numbers(entry: Record, field: str) -> tuple[int, ...]:
    value = entry.data.get(field, [])
    if not isinstance(value, list) or not all(_measure_number(n) for n in value):
        entry.fail(field, f"must list roadmap measure numbers from 1 to {ROADMAP_MEASURES}")
    return tuple(value)


def _measure_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= ROADMAP_MEASURES


def _industries(entry: Record) -> tuple[str, ...]:
    value = entry.data.get("industries", [])
    if not isinstance(value, list) or not set(value) <= set(INDUSTRIES):
        entry.fail("industries", f"must list some of {', '.join(INDUSTRIES)}")
    return tuple(value)
