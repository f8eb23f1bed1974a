"""The path of one hazard from the editor to its PDF row, measured (docs/architecture.md).

Writes a small demo register, then makes the service calls the hazard panel's commit and
File → Export make: ``hazard_panel.edit_hazard`` on one hazard's description in a ``Work``
transaction, then the register PDF through ``report_files.export``. Prints every wrac_desktop
module whose code runs on the way, in the order first reached, with its layer. Modules are
imported before the trace starts, so only running code counts, not imports.

    .venv/bin/python scripts/hazard_path.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

LAYERS = (
    ("cli", "ui"),
    ("services",),
    ("reports", "importing"),
    ("register", "server_registers", "server_login"),
    ("persistence",),
    ("risk", "hazards", "domain"),
)


def layer_of(module: str) -> str:
    top = module.split("/")[0].removesuffix(".py")
    for number, names in enumerate(LAYERS, start=1):
        if top in names:
            return f"{number} {'/'.join(names)}"
    return "- shared (i18n, text, vocabulary, …)"


def touched_modules(workdir: Path) -> list[str]:
    from wrac_desktop.persistence.models import Hazard
    from wrac_desktop.register import open_location
    from wrac_desktop.services import demo, hazard_panel, report_files, work

    demo.write_demo(workdir / "path.wrac", workplaces=2, seed=1, lang="en")
    register = open_location(workdir / "path.wrac")
    with register.uow.reading() as session:
        hazard_id = min(session.scalars(Hazard.__table__.select().with_only_columns(Hazard.id)))
    order: dict[str, None] = {}

    def profile(frame: FrameType, _event: str, _arg: Any) -> None:
        name = frame.f_code.co_filename
        if "/wrac_desktop/" in name:
            order.setdefault(name.split("/wrac_desktop/", 1)[1], None)

    sys.setprofile(profile)
    try:
        with work.transaction(register) as on_register:
            edit = {"description": "Edited in the panel"}
            hazard_panel.edit_hazard(on_register, hazard_id, edit, expected_version=None)
        report_files.export(register, "register", "pdf", "en", workdir / "register.pdf")
    finally:
        sys.setprofile(None)
        register.close()
    return list(order)


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        modules = touched_modules(Path(workdir))
    for module in modules:
        print(f"{layer_of(module):40} {module}")
    print(f"{len(modules)} modules")


if __name__ == "__main__":
    main()
