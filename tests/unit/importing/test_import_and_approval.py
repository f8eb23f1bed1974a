"""An import goes through the same rules as every other change: the audit chain and the
freeze of an approved revision (the importer inserts in bulk, bypassing the ORM's hooks)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Sample
from tests.unit.importing.content import content
from tests.unit.importing.worksheets import english_worksheet
from wrac_desktop.errors import FrozenRecordError
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.register import Register
from wrac_desktop.services.approval import approve
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.importing import import_worksheet

Registered = tuple[Register, Sample]


def test_an_import_keeps_the_audit_chain_whole(sample_register: Registered, tmp_path: Path) -> None:
    register, _sample = sample_register
    import_worksheet(register, english_worksheet(tmp_path / "wrac.xlsx"))
    assert [problem for problem in check_register(register) if "audit" in problem] == []


def test_an_import_into_an_approved_revision_is_refused_and_writes_nothing(
    sample_register: Registered, tmp_path: Path
) -> None:
    register, sample = sample_register
    with register.uow.transaction() as session:
        assessment = session.get(Assessment, sample.assessment_id)
        assert assessment is not None
        approve(session, assessment, by="Ахметов Е. С.", position="Директор", on=date(2026, 3, 1))
    before = content(register)
    with pytest.raises(FrozenRecordError, match="revision"):
        import_worksheet(register, english_worksheet(tmp_path / "wrac.xlsx"))
    assert content(register) == before
