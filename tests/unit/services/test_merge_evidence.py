"""Merging two copies' progress logs and attachments: their union by UUID, re-linked into this
copy's chain, files' bytes carried once; merging again adds nothing, and either way round the
measures end in the same state."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from tests.conftest import Sample
from wrac_desktop.persistence.models import (
    Attachment,
    AttachmentBlob,
    ControlMeasure,
    Hazard,
    ProgressEvent,
)
from wrac_desktop.register import Register, open_register, save_copy
from wrac_desktop.services import merge, progress_states, work
from wrac_desktop.services.attachments import list_attachments
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.progress import record_progress


@pytest.fixture
def engine_kind() -> str:
    return "sqlite"  # the field copy is a saved copy of the file


@pytest.fixture
def pair(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> Iterator[tuple[Register, Register, list[str]]]:
    office, ids = sample_register
    with office.uow.reading() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        keys = [
            str(key)
            for key in session.scalars(
                select(ControlMeasure.uuid).where(ControlMeasure.hazard_id == hazard.id)
            )
        ]
    save_copy(office, tmp_path / "field.wrac")
    with open_register(tmp_path / "field.wrac") as field:
        yield office, field, keys


def _photo(tmp_path: Path, name: str, colour: tuple[int, int, int]) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), colour).save(out, "JPEG")
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def _step(register: Register, measure: str, status: str, on: date, files: list[Path]) -> None:
    with work.transaction(register) as on_register:
        record_progress(on_register, measure, status, on=on, files=files)


def _counts(register: Register) -> tuple[int, int, int]:
    with register.uow.reading() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (ProgressEvent, Attachment, AttachmentBlob)
        )


def _states(register: Register) -> dict[str, tuple[str, date | None]]:
    with register.uow.reading() as session:
        found = {}
        for measure in session.scalars(select(ControlMeasure)):
            state = progress_states.state_of(session, measure)
            found[str(measure.uuid)] = (state.status, state.completed_on)
        return found


def test_both_copies_progress_is_kept_and_rechained(
    pair: tuple[Register, Register, list[str]], tmp_path: Path
) -> None:
    office, field, (first, second) = pair
    shared = _photo(tmp_path, "shared.jpg", (200, 30, 30))
    _step(office, first, "started", date(2026, 4, 1), [shared])
    _step(field, second, "started", date(2026, 4, 2), [shared])  # the same photo: one blob
    _step(field, second, "done", date(2026, 4, 20), [_photo(tmp_path, "f.jpg", (0, 90, 0))])
    _step(office, first, "done", date(2026, 4, 25), [])

    preview = merge.preview(office, field)
    assert preview.counts.added["progress_event"] == 2
    assert preview.counts.added["attachment"] == 2
    assert _counts(office) == (2, 1, 1)  # a preview writes nothing

    report = merge.merge(office, field)
    assert report.written
    assert _counts(office) == (4, 3, 2)
    assert check_register(office) == []  # the chains re-linked, every blob matching its hash
    assert _states(office) == {
        first: ("done", date(2026, 4, 25)),
        second: ("done", date(2026, 4, 20)),
    }

    again = merge.merge(office, field)  # nothing new: nothing written
    assert not again.written and _counts(office) == (4, 3, 2)

    merge.merge(field, office)  # the other way round: the same union, the same states
    assert _counts(field) == (4, 3, 2)
    assert check_register(field) == []
    assert _states(field) == _states(office)
    with work.reading(field) as on_field:
        names = sorted(row.file_name for row in list_attachments(on_field))
    assert names == ["f.jpg", "shared.jpg", "shared.jpg"]


def test_a_file_damaged_in_the_other_copy_is_named_not_merged(
    pair: tuple[Register, Register, list[str]], tmp_path: Path
) -> None:
    office, field, (first, _second) = pair
    _step(field, first, "started", date(2026, 4, 1), [_photo(tmp_path, "p.jpg", (9, 9, 9))])
    field_path = Path(field.location)
    field.close()
    import sqlite3

    with sqlite3.connect(field_path) as db:
        db.execute("UPDATE attachment_blob SET data = X'00'")
    with open_register(field_path) as damaged:
        report = merge.merge(office, damaged)
    assert any("p.jpg" in note and "damaged" in note for note in report.counts.skipped)
    assert _counts(office) == (1, 0, 0)  # the step came, the damaged file did not
    assert check_register(office) == []


def test_a_saved_copy_carries_the_log_and_the_files(
    pair: tuple[Register, Register, list[str]], tmp_path: Path
) -> None:
    office, _field, (first, _second) = pair
    _step(office, first, "done", date(2026, 4, 1), [_photo(tmp_path, "p.jpg", (1, 2, 3))])
    save_copy(office, tmp_path / "copy.wrac")
    with open_register(tmp_path / "copy.wrac") as copy:
        assert _counts(copy) == _counts(office) == (1, 1, 1)
        assert _states(copy) == _states(office)
        assert check_register(copy) == []
