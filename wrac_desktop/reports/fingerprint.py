"""A fingerprint of an assessment's content: SHA-256 over a canonical serialisation.

Canonical means the same bytes on SQLite and PostgreSQL, on any machine and in any later
version: records keyed and ordered by UUID, only content fields (no row ids, no timestamps,
not the status, which changes when a revision is superseded), numbers written one way (21 and
21.0 are both "21"), text NFC-normalised, and JSON with sorted keys and no spaces. The form
is documented, field by field, in docs/fingerprint.md; a golden test pins it.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring  # json.dumps' own string writer (ensure_ascii off)
from operator import itemgetter
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.persistence import report_queries
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.persistence.report_queries import HAZARD_FIELDS, MEASURE_FIELDS

FORMAT = "wrac-fingerprint-2"
_nfc = unicodedata.normalize
ASSESSMENT_FIELDS = (
    "title", "scope", "assessed_on", "document_number", "revision", "approved_by",
    "approver_position", "approved_on", "next_review_on",
)  # fmt: skip


def canonical_value(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): canonical_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical_value(item) for item in value]
    return str(value)


def _first(pair: tuple[str, Any]) -> str:
    return pair[0]


def _record(row: dict[str, Any], fields: tuple[str, ...], uuid: str) -> dict[str, Any]:
    record: dict[str, Any] = {"uuid": uuid}
    for name in fields:
        value = row[name]
        # Text and empty fields are most of a register: handled here without a call.
        if value is None:
            record[name] = None
        elif type(value) is str:
            record[name] = _nfc("NFC", value)
        else:
            record[name] = canonical_value(value)
    return record


def canonical_content(
    session: Session,
    assessment: Assessment,
    hazards: list[dict[str, Any]] | None = None,
    workplaces: dict[int, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything the fingerprint covers, as plain, ordered data (rows as report_queries
    reads them: UUIDs as text)."""
    hazards = report_queries.hazard_rows(session, assessment.id) if hazards is None else hazards
    workplaces = report_queries.workplaces(session) if workplaces is None else workplaces
    records = []
    for uuid, hazard in sorted(((h["uuid"], h) for h in hazards), key=_first):
        workplace = workplaces[hazard["workplace_id"]]
        measures = sorted(((m["uuid"], m) for m in hazard["measures"]), key=_first)
        record = _record(hazard, HAZARD_FIELDS, uuid)
        record["workplace"] = workplace["uuid"]
        record["workplace_name"] = canonical_value(workplace["name"])
        record["measures"] = [_record(m, MEASURE_FIELDS, key) for key, m in measures]
        records.append(record)
    team = [
        {
            "uuid": str(m.uuid),
            "name": canonical_value(m.name),
            "position": canonical_value(m.position),
            "role": m.role,
        }
        for m in sorted(assessment.team, key=lambda m: str(m.uuid))
    ]
    fields = {name: canonical_value(getattr(assessment, name)) for name in ASSESSMENT_FIELDS}
    return {
        "format": FORMAT,
        "assessment": fields | {"uuid": str(assessment.uuid)},
        "matrix": canonical_value(assessment.matrix.definition),
        "team": team,
        "hazards": records,
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_bytes(content: dict[str, Any]) -> bytes:
    return _json(content).encode("utf-8")


# --- the same bytes, written faster ------------------------------------------------------------
# A 10,000-hazard register's canonical JSON is 36 MB: keys and nulls mostly, and texts that
# recur in thousands of rows (10,000 distinct among 120,000). canonical_bytes(canonical_content())
# built a dict per record, escaped every text anew and held the whole document in memory twice
# (about 1 s and 100 MB). canonical_chunks writes the very same bytes a record at a time from a
# template per record kind, each distinct text normalised and escaped once; a test holds the
# two equal on awkward values, and the golden test pins the result.
_TOP_KEYS = ("assessment", "format", "hazards", "matrix", "team")  # sorted, as json sorts them


class _Template:
    """One kind of record: its keys in sorted order (json's sort_keys), some of them given as
    ready JSON ("extra") rather than read from the row."""

    def __init__(self, fields: tuple[str, ...], extra: tuple[str, ...]) -> None:
        keys = sorted((*fields, *extra))
        self.fields = tuple(key for key in keys if key not in extra)
        self.read = itemgetter(*self.fields)
        # Values arrive as the fields' JSON followed by the extras'; put them in key order.
        arrival = [*self.fields, *extra]
        self.order = itemgetter(*(arrival.index(key) for key in keys))
        pairs = (encode_basestring(key) + ":%s" for key in keys)
        self.text = "{" + ",".join(pairs) + "}"


_HAZARD = _Template(HAZARD_FIELDS, ("measures", "uuid", "workplace", "workplace_name"))
_MEASURE = _Template(MEASURE_FIELDS, ("uuid",))


class _Writer:
    """Values as json.dumps writes canonical_value's result; texts and numbers cached."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._others: dict[tuple[type, Any], str] = {}

    def text(self, value: str) -> str:
        written = self._texts.get(value)
        if written is None:
            written = self._texts[value] = encode_basestring(_nfc("NFC", value))
        return written

    def value(self, value: Any) -> str:
        if value is None:
            return "null"
        if type(value) is str:
            return self.text(value)
        if type(value) not in (int, float, bool, date):  # equal Decimals may print apart
            return _json(canonical_value(value))
        key = (type(value), value)
        written = self._others.get(key)
        if written is None:
            written = self._others[key] = _json(canonical_value(value))
        return written

    def record(self, template: _Template, row: dict[str, Any], *extra: str) -> str:
        """One record: its fields from ``row``, then ``extra``, the extra keys' JSON."""
        texts, text, value = self._texts, self.text, self.value
        written = [
            "null"
            if item is None
            else (texts.get(item) or text(item))
            if type(item) is str
            else value(item)
            for item in template.read(row)
        ]
        written += extra
        return template.text % template.order(written)


def canonical_chunks(
    session: Session,
    assessment: Assessment,
    hazards: list[dict[str, Any]] | None = None,
    workplaces: dict[int, dict[str, Any]] | None = None,
) -> Iterator[str]:
    """canonical_bytes(canonical_content(...)) in pieces of text: joined and encoded as UTF-8
    they are the same bytes, byte for byte."""
    hazards = report_queries.hazard_rows(session, assessment.id) if hazards is None else hazards
    workplaces = report_queries.workplaces(session) if workplaces is None else workplaces
    head = canonical_content(session, assessment, [], workplaces)
    if tuple(sorted(head)) != _TOP_KEYS:
        raise AssertionError(f"the canonical content's keys changed: {sorted(head)}")
    writer = _Writer()
    yield '{"assessment":' + _json(head["assessment"])
    yield ',"format":' + _json(head["format"]) + ',"hazards":['
    separator = ""
    for uuid, hazard in sorted(((h["uuid"], h) for h in hazards), key=_first):
        workplace = workplaces[hazard["workplace_id"]]
        measures = sorted(((m["uuid"], m) for m in hazard["measures"]), key=_first)
        written = [writer.record(_MEASURE, m, writer.text(key)) for key, m in measures]
        yield separator + writer.record(
            _HAZARD,
            hazard,
            "[" + ",".join(written) + "]",
            writer.text(uuid),
            writer.text(workplace["uuid"]),
            writer.value(workplace["name"]),
        )
        separator = ","
    yield '],"matrix":' + _json(head["matrix"]) + ',"team":' + _json(head["team"]) + "}"


def fingerprint(
    session: Session,
    assessment: Assessment,
    hazards: list[dict[str, Any]] | None = None,
    workplaces: dict[int, dict[str, Any]] | None = None,
) -> str:
    """The SHA-256 of the assessment's canonical content, as 64 hex digits."""
    digest = hashlib.sha256()
    for chunk in canonical_chunks(session, assessment, hazards, workplaces):
        digest.update(chunk.encode("utf-8"))
    return digest.hexdigest()


def short(fingerprint_hex: str) -> str:
    """The form printed in page footers: the first 16 hex digits in groups of four."""
    return " ".join(fingerprint_hex[i : i + 4] for i in range(0, 16, 4))
