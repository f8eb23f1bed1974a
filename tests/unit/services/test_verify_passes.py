"""``verify`` reads each revision's content once: a fingerprint pass is 10 s at 100,000 hazards
(issue 22)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Sample
from wrac_desktop.register import Register
from wrac_desktop.services import verify as verify_module
from wrac_desktop.services.fingerprints import fingerprint


def test_a_draft_is_fingerprinted_once_and_that_fingerprint_is_the_one_reports_are_held_to(
    sample_register: tuple[Register, Sample], monkeypatch: pytest.MonkeyPatch
) -> None:
    register, _ids = sample_register
    calls: list[int] = []

    def counted(session: Any, assessment: Any, *args: Any, **kwargs: Any) -> str:
        calls.append(assessment.id)
        return fingerprint(session, assessment, *args, **kwargs)

    monkeypatch.setattr(verify_module, "fingerprint", counted)
    printed: list[str] = []
    monkeypatch.setattr(
        verify_module, "_check_report", lambda _path, computed, _result: printed.append(computed)
    )
    result = verify_module.verify(register, verify_module.Path("report.pdf"))
    assert result.ok, result.lines
    assert len(calls) == 1, calls  # the draft's content, read once
    assert any(printed[0] in line for line in result.lines if "draft" in line)
