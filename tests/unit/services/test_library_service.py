"""A register's own hazard-library entries, and moving them between registers."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from wrac_desktop.errors import DataFileError
from wrac_desktop.hazards import load_builtin_library
from wrac_desktop.persistence.models import AuditEntry, LibraryEntryRecord
from wrac_desktop.register import Register, create_register
from wrac_desktop.services import library

NOISE = load_builtin_library().get("noise")
CUSTOM = replace(
    NOISE,
    id="crusher_house_noise",
    name={
        "en": "Crusher house noise",
        "ru": "Шум в корпусе дробления",
        "kk": "Ұсақтау корпусындағы шу",
    },
)


def test_own_entries_sit_beside_and_over_the_built_in_ones(empty_register: Register) -> None:
    edited = replace(NOISE, suggested_severity=4)
    with empty_register.uow.transaction() as session:
        library.save_entry(session, CUSTOM)
        library.save_entry(session, edited)
    with empty_register.uow.reading() as session:
        merged = library.register_library(session)
    assert len(merged) == len(load_builtin_library()) + 1
    assert merged.get("noise").suggested_severity == 4
    assert merged.search("дробления")[0].id == "crusher_house_noise"


def test_export_then_import_into_another_register(empty_register: Register, tmp_path: Path) -> None:
    with empty_register.uow.transaction() as session:
        library.save_entry(session, CUSTOM)
    exported = tmp_path / "company-library.json"
    with empty_register.uow.reading() as session:
        assert library.export_entries(session, exported) == 1
    with create_register(tmp_path / "other.wrac") as other:
        entries = library.read_export(exported)
        with other.uow.transaction() as session:
            first = library.import_entries(session, entries)
        with other.uow.transaction() as session:
            second = library.import_entries(session, entries)
        with other.uow.reading() as session:
            assert library.register_library(session).get("crusher_house_noise").name == CUSTOM.name
            audited = session.scalars(select(AuditEntry.entity)).all()
    assert (first.added, second.added, second.unchanged) == (1, 0, 1)
    assert "library_entry" in audited


def test_a_bad_library_file_is_refused_before_anything_is_written(
    empty_register: Register, tmp_path: Path
) -> None:
    good = CUSTOM.to_dict()
    bad = {**NOISE.to_dict(), "id": "bad_one", "suggested_severity": 12}
    path = tmp_path / "mixed.json"
    path.write_text(
        json.dumps({"format": "wrac-hazard-library", "version": 1, "entries": [good, bad]}),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"entry #2.*suggested_severity"):
        library.read_export(path)
    (tmp_path / "junk.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="junk.json"):
        library.read_export(tmp_path / "junk.json")
    with empty_register.uow.reading() as session:
        assert session.scalars(select(LibraryEntryRecord)).all() == []
