"""The UI works through services only: no persistence or SQLAlchemy import, no session."""

from __future__ import annotations

import re
from pathlib import Path

from tests.unit.test_layering import PACKAGE, imported_modules

UI = PACKAGE / "ui"
FORBIDDEN = ("wrac_desktop.persistence", "sqlalchemy")
# Reaching the database past the services: a unit of work, or unwrapping a service's Work.
BYPASSES = re.compile(r"\.uow\b|\bsession_of\b|\._session\b")


def offenders(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        imports = [m for m in imported_modules(path) if m.startswith(FORBIDDEN)]
        found += [f"{path.name}: import {m}" for m in imports]
        found += [f"{path.name}: {m.group(0)}" for m in BYPASSES.finditer(text)]
    return found


def test_the_ui_never_reaches_the_database_past_the_services() -> None:
    assert offenders(UI) == []


def test_the_check_finds_each_kind_of_bypass(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from sqlalchemy.orm import Session\n")
    (tmp_path / "b.py").write_text("from wrac_desktop.persistence.models import Hazard\n")
    (tmp_path / "c.py").write_text("with register.uow.reading() as s:\n    pass\n")
    (tmp_path / "d.py").write_text("session_of(work).get(Hazard, 1)\n")
    assert len(offenders(tmp_path)) == 4
