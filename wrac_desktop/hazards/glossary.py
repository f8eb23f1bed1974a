"""The glossary of domain terms in kk, ru and en, with the Kazakh terms awaiting native review."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards.schema import Record, read_toml
from wrac_desktop.i18n import LocalText
from wrac_desktop.resources import package_path

GLOSSARY_FILE = package_path("hazards", "glossary.toml")
_FIELDS = {"en", "ru", "kk", "review", "source", "note"}


@dataclass(frozen=True)
class GlossaryTerm:
    text: LocalText
    review: bool  # True: no confirmed official Kazakh source yet
    source: str = ""
    note: str = ""


@cache
def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[GlossaryTerm, ...]:
    """Every term of the glossary, validated; English terms are unique."""
    data, where = read_toml(path)
    items = data.get("term")
    if not isinstance(items, list) or not items:
        raise DataFileError(f"{where}: needs at least one [[term]] table")
    terms = tuple(_term(item, where) for item in items)
    _check_unique(terms, where)
    return terms


def _term(item: Any, where: str) -> GlossaryTerm:
    record = Record(item, where, "term", key="en")
    unknown = set(record.data) - _FIELDS
    if unknown:
        record.fail(sorted(unknown)[0], "is not a known field (a typo?)")
    review = record.data.get("review")
    if not isinstance(review, bool):
        record.fail("review", "must be true or false")
    extras = {name: record.data.get(name, "") for name in ("source", "note")}
    for name, value in extras.items():
        if not isinstance(value, str):
            record.fail(name, "must be a text")
    return GlossaryTerm(record.local(record.data, ""), review, **extras)


def _check_unique(terms: tuple[GlossaryTerm, ...], where: str) -> None:
    seen: set[str] = set()
    for term in terms:
        if term.text["en"] in seen:
            raise DataFileError(f"{where}, term '{term.text['en']}': appears twice")
        seen.add(term.text["en"])
