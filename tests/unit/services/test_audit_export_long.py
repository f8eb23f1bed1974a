"""A bulk change's audit entry (the demo's, an import's, a revision's copy) records a digest of
every row: 7.5 MB of JSON at 100,000 hazards, which the audit export parsed whole into about
50 MB of objects for one cell (issue 22: ``wrac audit`` to CSV 61 → 119 MB from 10,000 to
100,000 hazards). It is shown a piece at a time now, the same text as before."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from wrac_desktop.persistence import audit_changes, trail_queries
from wrac_desktop.persistence.audit_changes import NotCanonical, is_pairs, shown_pieces, stored
from wrac_desktop.persistence.models import AuditEntry
from wrac_desktop.register import open_register
from wrac_desktop.services.audit_trail import (
    SHOWN_CHANGES,
    AuditFilter,
    _row,
    audit_rows,
    column_titles,
    export_audit,
)
from wrac_desktop.services.demo import write_demo


def _pieces(text: str, size: int) -> list[str]:
    return [text[at : at + size] for at in range(0, len(text), size)]


def _shown(text: str, size: int) -> str:
    return "".join(shown_pieces(_pieces(text, size)))


DOCUMENTS: list[Any] = [
    {"state": {"tables": {"hazard": {"columns": ["a", "b"], "rows": [[1, "f0" * 900]] * 3}}}},
    {"rows": [[n, f"r{n}", n / 7, None, True] for n in range(2000)], "z": []},
    {"rows": [{"b": n, "a": [n, {"c": "x"}]} for n in range(1500)], "e": {}},
    ['line\nbreak "quoted" back\\slash \t tab \x01 ctl ,]} әғқ' * 400, 1.5e300, -0, False],
    {"long": 'ab\\"c\n' * 5000, "more": [["x" * 70_000, 3]]},
    list(range(30_000)),
]


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("size", [1, 97, 1 << 20])
def test_a_stored_document_is_shown_as_json_dumps_shows_it(document: Any, size: int) -> None:
    text = stored(document)
    if size == 1 and len(text) > 200_000:
        pytest.skip("a character at a time: the same as 97, only slower")
    assert _shown(text, size) == json.dumps(document, ensure_ascii=False, sort_keys=True)


def test_the_pairs_of_an_edit_are_told_from_other_documents() -> None:
    assert is_pairs([stored({"notes": ["old", "new"], "title": [None, "x"]})])
    assert not is_pairs([stored({"notes": ["old", "new"], "title": [1, 2, 3]})])
    assert not is_pairs([stored({"state": {"a": [1, 2]}})])
    assert not is_pairs([stored([[1, 2]])])


@pytest.mark.parametrize(
    "text",
    [
        '{"b":1,"a":2}',  # keys not sorted
        '{"a":1,"a":2}',  # a key twice
        '{"a": 1}',  # a space
        '{"a":1e3}',  # a number not as json.dumps writes it
        '{"a":"\\u0430"}',  # a letter escaped
        '{"a":"' + "x" * 200_000 + '\\u0430"}',  # so, at the end of a long string
        '{"a":"' + "x" * 200_000,  # a string that does not end
        '{"a":[1,2]}x',  # something after the document
        '{"a":[1,,2]}',
        '{"a":"tab\there"}',  # a control character in a string
    ],
)
def test_a_document_not_stored_as_jsontext_writes_it_is_refused(text: str) -> None:
    with pytest.raises(NotCanonical):
        _shown(text, 1000)


# --- the export -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def register_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo whose bulk entry is long (about 310,000 characters)."""
    path = tmp_path_factory.mktemp("trail") / "long.wrac"
    write_demo(path, workplaces=400, seed=2)
    with sqlite3.connect(path) as raw:
        length = raw.execute("SELECT max(length(changes)) FROM audit_log").fetchone()[0]
    assert length > trail_queries.LONG_CHANGES
    return path


def _as_before(path: Path, wanted: AuditFilter | None = None) -> list[Any]:
    """The trail as the view read it before: every entry's changes parsed whole."""
    wanted = wanted or AuditFilter()
    with open_register(path) as register, register.uow.reading() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [column_titles(), *(row for row in map(_row, entries) if wanted.keeps(row))]


def _csv_of(rows: list[Any]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_values(rows: list[Any], tmp_path: Path) -> list[tuple[Any, ...]]:
    """What a workbook of ``rows`` written whole (as before) holds, read back."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("trail")
    for row in rows:
        sheet.append(list(row))
    path = tmp_path / "whole.xlsx"
    book.save(path)
    return _values(path)


def _values(path: Path) -> list[tuple[Any, ...]]:
    return list(load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))


def _export(path: Path, out: Path, wanted: AuditFilter | None = None) -> int:
    with open_register(path) as register:
        return export_audit(register, out, wanted, force=True)


def test_long_changes_are_exported_as_they_were_shown(register_path: Path, tmp_path: Path) -> None:
    rows = _as_before(register_path)
    assert any(len(row[7]) > trail_queries.LONG_CHANGES for row in rows[1:])
    _export(register_path, tmp_path / "trail.csv")
    assert (tmp_path / "trail.csv").read_bytes() == _csv_of(rows)
    _export(register_path, tmp_path / "trail.xlsx")
    assert _values(tmp_path / "trail.xlsx") == _xlsx_values(rows, tmp_path)


def test_long_changes_stored_otherwise_are_parsed_whole(
    register_path: Path, tmp_path: Path
) -> None:
    """An entry changed behind the app's back (spaces in its JSON) is shown as the view shows
    it, parsed whole; the rest as before."""
    path = tmp_path / "changed.wrac"
    path.write_bytes(register_path.read_bytes())
    with sqlite3.connect(path) as raw:
        entry, text = raw.execute(
            "SELECT id, changes FROM audit_log ORDER BY length(changes) DESC LIMIT 1"
        ).fetchone()
        spaced = json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True)
        raw.execute("UPDATE audit_log SET changes = ? WHERE id = ?", (spaced, entry))
    _export(path, tmp_path / "trail.csv")
    assert (tmp_path / "trail.csv").read_bytes() == _csv_of(_as_before(path))


def test_a_text_found_only_inside_long_changes_keeps_its_entry(
    register_path: Path, tmp_path: Path
) -> None:
    rows = _as_before(register_path)
    long = max(rows[1:], key=lambda row: len(row[7]))
    needle = long[7][50_000:50_012].upper()  # digits of a digest, in another case
    wanted = AuditFilter(text=needle)
    assert _export(register_path, tmp_path / "found.csv", wanted) >= 1
    assert (tmp_path / "found.csv").read_bytes() == _csv_of(_as_before(register_path, wanted))
    assert _export(register_path, tmp_path / "none.csv", AuditFilter(text="no such text")) == 0


def test_long_changes_are_not_held_whole(
    register_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read and shown in parts of a few kilobytes, the long entries add less to the export's
    peak of Python objects than their own size (about 140 KB for 310,000 characters: buffers
    of the file and the CSV writer); parsed whole, they added eight times it (2.4 MB)."""
    monkeypatch.setattr(trail_queries, "_PIECE", 1 << 12)
    monkeypatch.setattr(audit_changes, "_RUN", 1 << 12)
    with sqlite3.connect(register_path) as raw:
        longest = raw.execute("SELECT max(length(changes)) FROM audit_log").fetchone()[0]
    without = _export_peak(register_path, tmp_path, AuditFilter(action="no such action"))
    peak = _export_peak(register_path, tmp_path, AuditFilter())
    assert peak - without < longest, f"{peak - without} bytes more for an entry of {longest}"


def _export_peak(path: Path, tmp_path: Path, wanted: AuditFilter) -> int:
    """The peak of Python objects exporting ``wanted`` of the trail as CSV (after a first
    export, which compiles the queries and imports what they need)."""
    with open_register(path) as register:
        export_audit(register, tmp_path / "first.csv", wanted, force=True)
        tracemalloc.start()
        try:
            start = tracemalloc.get_traced_memory()[0]
            export_audit(register, tmp_path / "trail.csv", wanted, force=True)
            return tracemalloc.get_traced_memory()[1] - start
        finally:
            tracemalloc.stop()


# --- the view ---------------------------------------------------------------------------------


def test_the_view_shows_a_long_entry_cut_and_made_a_piece_at_a_time(
    register_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit dialog read every entry's changes parsed whole: a bulk entry's 7.5 MB of JSON
    at 100,000 hazards, held in its cell. It shows their start, and reads them in parts."""
    whole = _as_before(register_path)[1:]
    monkeypatch.setattr(trail_queries, "_PIECE", 1 << 12)
    monkeypatch.setattr(audit_changes, "_RUN", 1 << 12)
    with open_register(register_path) as register, register.uow.reading() as session:
        audit_rows(session)  # compiles the queries and imports what they need
        tracemalloc.start()
        try:
            start = tracemalloc.get_traced_memory()[0]
            shown = audit_rows(session)
            peak = tracemalloc.get_traced_memory()[1] - start
        finally:
            tracemalloc.stop()
    longest = max(len(row.changes) for row in whole)
    assert [row._replace(changes="") for row in shown] == [
        row._replace(changes="") for row in whole
    ]
    for row, before in zip(shown, whole, strict=True):
        if len(before.changes) > trail_queries.LONG_CHANGES:
            assert row.changes.startswith(before.changes[:SHOWN_CHANGES])
            assert len(row.changes) < SHOWN_CHANGES + 100, len(row.changes)
        else:
            assert row.changes == before.changes
    assert peak < longest, f"{peak} bytes for an entry of {longest} characters"
