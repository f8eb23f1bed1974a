"""A fingerprint of an assessment's content: SHA-256 over a canonical serialisation.

Canonical means the same bytes on SQLite and PostgreSQL, on any machine and in any later
version: records keyed and ordered by UUID, only content fields (no row ids, no timestamps,
not the status, which changes when a revision is superseded), numbers written one way, text
NFC-normalised, and JSON with sorted keys and no spaces. What is covered depends on the
format version (``fingerprint_formats``); an approved revision is always read in the version
its stored JSON names, a draft in the current one. This module reads nothing: it is handed a
``RevisionContent`` (``persistence.report_queries.revision_content``, through
``services.fingerprints``). Documented field by field in
docs/fingerprint.md; golden tests pin every version.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from operator import attrgetter
from typing import Any, TypeVar

from wrac_desktop.domain.records import (
    HazardRecord,
    MeasureRecord,
    OrderedHazards,
    RevisionContent,
)
from wrac_desktop.reports.canonical import (
    Writer,
    canonical_bytes,
    canonical_json,
    canonical_record,
    canonical_value,
)
from wrac_desktop.reports.fingerprint_formats import (
    ASSESSMENT_FIELDS,
    CURRENT,
    FORMATS,
    Format,
)

__all__ = [
    "ASSESSMENT_FIELDS", "FORMAT", "canonical_bytes", "canonical_chunks", "canonical_content",
    "canonical_hazard", "canonical_head",
    "canonical_value", "fingerprint", "format_named", "format_of", "short",
]  # fmt: skip

FORMAT = CURRENT.name
# The stored JSON has sorted keys and a flat "assessment" object first, so the first
# unescaped "format" key is the top-level one (inside a JSON string a quote is escaped).
_FORMAT_KEY = re.compile(r'"format":"([^"\\]{1,64})"')


class UnknownFormat(ValueError):
    """A stored approval names a format this version does not know (or none)."""


def format_of(name: str | None) -> Format:
    """The format of that name; the current one for None."""
    if name is None:
        return CURRENT
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormat(name) from None


def format_named(stored: str) -> str:
    """The format a stored JSON names: its head is enough (the first 64 KB hold the
    top-level keys before "hazards"); UnknownFormat when it names none."""
    found = _FORMAT_KEY.search(stored)
    if found is None:
        raise UnknownFormat("")
    return found.group(1)


R = TypeVar("R", HazardRecord, MeasureRecord)
_UUID = attrgetter("uuid")


def _by_uuid(rows: Iterable[R]) -> list[tuple[str, R]]:
    return sorted(((row.uuid, row) for row in rows), key=lambda pair: pair[0])


def _hazards_by_uuid(
    hazards: list[HazardRecord] | OrderedHazards,
) -> Iterable[tuple[str, HazardRecord]]:
    """(uuid, hazard) in UUID order: streamed hazards as they come (already in that order,
    never all in memory), a list sorted."""
    if isinstance(hazards, OrderedHazards):
        return ((hazard.uuid, hazard) for hazard in hazards)
    return _by_uuid(hazards)


def canonical_content(content: RevisionContent, version: str | None = None) -> dict[str, Any]:
    """Everything the fingerprint covers, as plain, ordered data. ``version`` names the
    format (the current one for None)."""
    form = format_of(version)
    records = [
        _hazard_record(form, content, h, uuid) for uuid, h in _hazards_by_uuid(content.hazards)
    ]
    return form.head(content) | {"hazards": records}


def canonical_head(content: RevisionContent, version: str | None = None) -> dict[str, Any]:
    """``canonical_content`` but its hazards, which are not read: a revision diff pairs
    them up itself, a chunk at a time (issue 22)."""
    return format_of(version).head(content)


def canonical_hazard(
    content: RevisionContent, hazard: HazardRecord, version: str | None = None
) -> dict[str, Any]:
    """One hazard's record in ``canonical_content``'s "hazards"."""
    return _hazard_record(format_of(version), content, hazard, hazard.uuid)


def _hazard_record(
    form: Format, content: RevisionContent, hazard: HazardRecord, uuid: str
) -> dict[str, Any]:
    record = canonical_record(hazard, form.hazard_fields, uuid)
    extras = form.hazard_extras(content.workplaces.get(hazard.workplace_id))
    record |= {key: canonical_value(value) for key, value in extras.items()}
    record["measures"] = [form.measure_record(m, k) for k, m in _by_uuid(hazard.measures)]
    return record


def canonical_chunks(content: RevisionContent, version: str | None = None) -> Iterator[str]:
    """canonical_bytes(canonical_content(...)) in pieces of text: joined and encoded as UTF-8
    they are the same bytes, byte for byte, written a hazard at a time."""
    form = format_of(version)
    # Written before the hazards stream, the dictionaries let go: at 100,000 hazards the
    # head's records of 10,000 workplaces and as many translations held 6 MB through the
    # whole pass as dictionaries, 2 MB as text (issue 22)
    head = {key: canonical_json(value) for key, value in form.head(content).items()}
    separator = "{"
    for key in sorted([*head, "hazards"]):
        yield separator + canonical_json(key) + ":"
        separator = ","
        if key == "hazards":
            yield from _hazard_chunks(form, content)
        else:
            yield head[key]
    yield "}"


def _hazard_chunks(form: Format, content: RevisionContent) -> Iterator[str]:
    writer = Writer()
    separator = "["
    extras_of: dict[int, list[str]] = {}  # by workplace: its extra keys' JSON (ten hazards each)
    for uuid, hazard in _hazards_by_uuid(content.hazards):
        template = form.measure_template
        measures = [
            writer.record(template, m, writer.unique(m.uuid))
            for m in sorted(hazard.measures, key=_UUID)  # stable, as _by_uuid
        ]
        extras = extras_of.get(hazard.workplace_id)
        if extras is None:
            made = form.hazard_extras(content.workplaces.get(hazard.workplace_id))
            extras = [writer.value(made[key]) for key in form.extra_keys]
            extras_of[hazard.workplace_id] = extras
        measured = "[" + ",".join(measures) + "]"
        yield separator + writer.record(
            form.hazard_template, hazard, measured, writer.unique(uuid), *extras
        )
        separator = ","
    yield "[]" if separator == "[" else "]"


def fingerprint(content: RevisionContent, version: str | None = None) -> str:
    """The SHA-256 of the revision's canonical content, as 64 hex digits."""
    digest = hashlib.sha256()
    for chunk in canonical_chunks(content, version):
        digest.update(chunk.encode("utf-8"))
    return digest.hexdigest()


def short(fingerprint_hex: str) -> str:
    """The form printed in page footers: the first 16 hex digits in groups of four."""
    return " ".join(fingerprint_hex[i : i + 4] for i in range(0, 16, 4))
