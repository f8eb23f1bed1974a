"""The plan's progress log and its evidence work the same on a .wrac file and on a PostgreSQL
server (issue 17 item 6): a step with a photo, the same photo stored once, the files read back
byte for byte, and an edit of the stored bytes behind the app's back named by the check."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select, update

from tests.conftest import Sample
from wrac_desktop.persistence.models import AttachmentBlob, ControlMeasure, Hazard
from wrac_desktop.register import Register
from wrac_desktop.services import progress_states, work
from wrac_desktop.services.attachments import attach_files, file_bytes, list_attachments
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.progress import record_progress

DAY = date(2026, 5, 4)


def _photo(path: Path) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (160, 90), (30, 120, 200)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def test_progress_and_evidence_are_kept_and_checked(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> None:
    register, ids = sample_register
    photo = _photo(tmp_path / "шахта-ұңғыма.jpg")
    with register.uow.reading() as session:
        hazard_uuid = str(session.get_one(Hazard, ids.hazard_id).uuid)
        measure = session.scalars(
            select(ControlMeasure).where(ControlMeasure.hazard_id == ids.hazard_id)
        ).first()
        assert measure is not None
        measure_uuid, measure_id = str(measure.uuid), measure.id
    with work.transaction(register) as on_register:
        record_progress(on_register, measure_uuid, "done", on=DAY, today=DAY, files=[photo])
        attach_files(on_register, "hazard", hazard_uuid, [photo])
    assert check_register(register) == []

    with work.reading(register) as on_register:
        rows = list_attachments(on_register)
        assert {row.owner_kind for row in rows} == {"progress_event", "hazard"}
        assert {row.file_name for row in rows} == {"шахта-ұңғыма.jpg"}
        assert {file_bytes(on_register, row.sha256) for row in rows} == {photo.read_bytes()}
        with register.uow.reading() as session:
            state = progress_states.state_of(session, session.get_one(ControlMeasure, measure_id))
    assert (state.status, state.completed_on) == ("done", DAY)
    with register.uow.reading() as session:
        assert session.scalar(select(func.count()).select_from(AttachmentBlob)) == 1

    with register.engine.begin() as connection:  # a photo swapped behind the app's back
        connection.execute(update(AttachmentBlob).values(data=b"\xff\xd8 another picture"))
    problems = check_register(register)
    assert any(rows[0].sha256[:12] in problem for problem in problems), problems
